#include "arch/cache/bank_core.h"

#include <algorithm>
#include <cstring>

#include "arch/cache/cache_check.h"

namespace systolica {

BankCore::BankCore(const BankConfig& c)
    : geometry_(c.geometry),
      functional_(c.functional),
      unbuffered_(c.write_buffers == 0),
      targets_per_mshr_(c.targets_per_mshr),
      tags_(
          c.geometry.sets, c.geometry.ways, c.geometry.line_bytes, c.functional,
          make_replacement_policy(c.replacement, ReplacementShape{c.geometry.sets, c.geometry.ways, c.seed})),
      mshrs_(c.mshrs),
      writebacks_(std::max(1, c.write_buffers)) {  // with none, one slot stands for the bank's own holding
  L2_CHECK(c.mshrs > 0 && c.targets_per_mshr > 0 && c.write_buffers >= 0,
           "mshrs {}, targets {}, write buffers {}", c.mshrs, c.targets_per_mshr, c.write_buffers);
}

BlockReason BankCore::check(const Access& a, std::uint64_t set, std::uint64_t line, int& way) const {
  if (unbuffered_ && writebacks_.in_use() > 0) {
    return BlockReason::WriteBufferFull;
  }
  way = tags_.find_valid(set, line);
  if (way >= 0) {
    return BlockReason::None;
  }
  const int m = mshrs_.find(line);
  if (m >= 0) {
    return static_cast<int>(mshrs_.at(m).targets.size()) >= targets_per_mshr_ ? BlockReason::TargetsFull
                                                                              : BlockReason::None;
  }
  if (writebacks_.find(line) >= 0) {
    return BlockReason::LineBeingWrittenBack;
  }
  const bool whole_line = a.write && a.size == geometry_.line_bytes;
  if (!whole_line && mshrs_.full()) {
    return BlockReason::MshrsFull;
  }
  way = tags_.choose_way(set);
  if (way < 0) {
    return BlockReason::NoWay;
  }
  const TagEntry& victim = tags_.entry(set, way);
  if (victim.state == LineState::Valid && victim.dirty && writebacks_.full()) {
    return BlockReason::WriteBufferFull;
  }
  return BlockReason::None;
}

AccessResult BankCore::access(const Access& a) {
  const std::uint64_t line = geometry_.line_of(a.address);
  L2_CHECK(a.size > 0 && geometry_.offset_of(a.address) + a.size <= geometry_.line_bytes,
           "request {:#x} of {} B crosses a {} B line", a.address, a.size, geometry_.line_bytes);
  L2_CHECK((a.data != nullptr) == functional_, "request {:#x}: data pointer {} in a {} L2", a.address,
           a.data != nullptr ? "set" : "null", functional_ ? "functional" : "timing-only");
  const std::uint64_t set = geometry_.set_of_line(line);
  AccessResult r;
  int way = -1;
  r.blocked = check(a, set, line, way);
  if (r.blocked != BlockReason::None) {
    return r;
  }

  L2Counters& s = stats_.of(a.requester);
  (a.write ? s.writes : s.reads) += 1;
  (a.write ? s.write_bytes : s.read_bytes) += a.size;
  if (way >= 0 && tags_.entry(set, way).state == LineState::Valid && tags_.entry(set, way).line == line) {
    ++s.hits;
    tags_.touch(set, way);
    apply(a, tags_.data(set, way), tags_.entry(set, way));
    r.outcome = Outcome::Hit;
    return r;
  }
  ++s.misses;
  if (const int m = mshrs_.find(line); m >= 0) {  // check() left way at -1: the line's way is the MSHR's
    ++s.mshr_merges;
    tags_.touch(mshrs_.at(m).set, mshrs_.at(m).way);
    mshrs_.at(m).targets.push_back(a);
    r.outcome = Outcome::Merged;
    r.mshr = m;
    return r;
  }
  evict(set, way, a.requester, r);
  if (a.write && a.size == geometry_.line_bytes) {
    ++s.full_line_write_misses;
    tags_.claim(set, way, line, LineState::Valid);
    apply(a, tags_.data(set, way), tags_.entry(set, way));
    r.outcome = Outcome::MissNoFill;
    return r;
  }
  ++s.fills;
  tags_.claim(set, way, line, LineState::Filling);
  r.mshr = mshrs_.allocate(line);
  Mshr& m = mshrs_.at(r.mshr);
  m.set = set;
  m.way = way;
  m.requester = a.requester;
  m.targets.assign(1, a);
  r.outcome = Outcome::MissFill;
  return r;
}

void BankCore::evict(std::uint64_t set, int way, int requester, AccessResult& r) {
  const TagEntry& victim = tags_.entry(set, way);
  if (victim.state != LineState::Valid) {
    return;
  }
  L2Counters& s = stats_.of(requester);
  ++s.evictions;
  r.evicted = true;
  r.evicted_line = victim.line;
  if (!victim.dirty) {
    return;
  }
  ++s.writebacks;
  r.writeback = writebacks_.allocate(victim.line);
  WritebackEntry& wb = writebacks_.at(r.writeback);
  wb.requester = requester;
  if (functional_) {
    const std::uint8_t* bytes = tags_.data(set, way);
    wb.data.assign(bytes, bytes + geometry_.line_bytes);
  }
}

void BankCore::apply(const Access& a, std::uint8_t* line_data, TagEntry& e) {
  if (a.write) {
    e.dirty = true;
  }
  if (!functional_) {
    return;
  }
  std::uint8_t* bytes = line_data + geometry_.offset_of(a.address);
  if (a.write) {
    std::memcpy(bytes, a.data, a.size);
  } else {
    std::memcpy(a.data, bytes, a.size);
  }
}

std::vector<Access> BankCore::complete_fill(int id, const std::uint8_t* line_data) {
  L2_CHECK(mshrs_.busy(id), "fill for idle MSHR {}", id);
  L2_CHECK((line_data != nullptr) == functional_, "fill data pointer does not match the mode");
  Mshr& m = mshrs_.at(id);
  TagEntry& e = tags_.entry(m.set, m.way);
  L2_CHECK(e.state == LineState::Filling && e.line == mshrs_.line(id),
           "fill for line {:#x} finds way {} in state {}", mshrs_.line(id), m.way, static_cast<int>(e.state));
  e.state = LineState::Valid;
  std::uint8_t* bytes = tags_.data(m.set, m.way);
  if (functional_) {
    std::memcpy(bytes, line_data, geometry_.line_bytes);
  }
  for (const Access& a : m.targets) {
    apply(a, bytes, e);
  }
  std::vector<Access> done = std::move(m.targets);
  m.targets.clear();
  mshrs_.release(id);
  return done;
}

void BankCore::complete_writeback(int id) {
  L2_CHECK(writebacks_.busy(id), "write-back completion for idle entry {}", id);
  writebacks_.release(id);
}

const TagEntry* BankCore::probe(std::uint64_t address) const {
  const std::uint64_t line = geometry_.line_of(address);
  const std::uint64_t set = geometry_.set_of_line(line);
  for (int w = 0; w < geometry_.ways; ++w) {
    const TagEntry& e = tags_.entry(set, w);
    if (e.state != LineState::Invalid && e.line == line) {
      return &e;
    }
  }
  return nullptr;
}

bool BankCore::peek(std::uint64_t address, std::uint8_t* out, std::size_t length) const {
  const std::uint64_t line = geometry_.line_of(address);
  const std::uint64_t set = geometry_.set_of_line(line);
  if (!functional_) return false;
  const int way = tags_.find_valid(set, line);
  if (way >= 0) {
    const std::uint8_t* data = const_cast<TagStore&>(tags_).data(set, way);  // read only
    std::memcpy(out, data + geometry_.offset_of(address), length);
    return true;
  }
  // A dirty victim on its way to memory: memory does not have it until the write is accepted.
  const int wb = writebacks_.find(line);
  if (wb < 0) return false;
  std::memcpy(out, writebacks_.at(wb).data.data() + geometry_.offset_of(address), length);
  return true;
}

}  // namespace systolica
