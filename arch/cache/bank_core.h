#pragma once
// One L2 bank without time: tags, MSHRs, write buffer, replacement and stats. The SystemC bank (l2_bank.h)
// decides *when* to call it; this decides *what* happens. Write-back, write-allocate. A write that covers a
// whole line allocates it with no fill. docs/l2_cache.md has the rules; tests/cache/ drives this directly.
#include <cstdint>
#include <string>
#include <vector>

#include "arch/cache/cache_access.h"
#include "arch/cache/l2_geometry.h"
#include "arch/cache/l2_stats.h"
#include "arch/cache/line_slots.h"
#include "arch/cache/tag_store.h"

namespace systolica {

struct BankConfig {
  L2Geometry geometry;
  int mshrs = 16;
  int targets_per_mshr = 8;
  int write_buffers = 8;  // 0: no buffer; the bank holds a dirty victim itself until memory has written it
  bool functional = false;
  std::string replacement = "lru";
  std::uint64_t seed = 1;
};

enum class Outcome : std::uint8_t {
  Hit,         // served from the array
  Merged,      // joined the outstanding fill of its line
  MissFill,    // allocated an MSHR whose fill the caller must send
  MissNoFill,  // a whole-line write: the line is allocated and written now
  Blocked,     // cannot start yet (see BlockReason); nothing changed
};

enum class BlockReason : std::uint8_t {
  None,
  MshrsFull,             // a miss needs an MSHR and all are busy
  TargetsFull,           // the line's MSHR has no room for another request
  NoWay,                 // every way of the set waits for a fill
  WriteBufferFull,       // the victim is dirty and the write buffer is full (or, with none, busy)
  LineBeingWrittenBack,  // the line sits in the write buffer: refetching it could read stale memory
};

struct AccessResult {
  Outcome outcome = Outcome::Blocked;
  BlockReason blocked = BlockReason::None;
  int mshr = -1;         // MissFill and Merged: the MSHR
  int writeback = -1;    // a write-buffer entry whose line the caller must now write to memory, or -1
  bool evicted = false;  // a valid line was displaced (clean or dirty)
  std::uint64_t evicted_line = 0;
};

struct Mshr {
  std::uint64_t set = 0;
  int way = -1;                 // the way the fill will land in (Filling until then)
  int requester = 0;            // whose miss allocated it
  std::vector<Access> targets;  // in arrival order, applied in that order when the fill lands
};

struct WritebackEntry {
  int requester = 0;               // whose miss evicted the line
  std::vector<std::uint8_t> data;  // the line's bytes (functional mode)
};

class BankCore {
 public:
  explicit BankCore(const BankConfig& config);

  AccessResult access(const Access& a);
  // The fill for `mshr` has arrived with `line_data` (nullptr in timing-only mode): installs the line,
  // applies the waiting requests in order, frees the MSHR and returns those requests for answering.
  std::vector<Access> complete_fill(int mshr, const std::uint8_t* line_data);
  // Memory has written the line of write-buffer entry `id`: the entry is free again.
  void complete_writeback(int id);

  const L2Geometry& geometry() const { return geometry_; }
  std::uint64_t fill_line(int mshr) const { return mshrs_.line(mshr); }
  const Mshr& mshr(int id) const { return mshrs_.at(id); }
  std::uint64_t writeback_line(int id) const { return writebacks_.line(id); }
  const WritebackEntry& writeback(int id) const { return writebacks_.at(id); }
  int mshrs_in_use() const { return mshrs_.in_use(); }
  int writebacks_in_use() const { return writebacks_.in_use(); }
  int mshr_slots() const { return mshrs_.slots(); }
  int writeback_slots() const { return writebacks_.slots(); }
  // The tag entry holding `address`'s line in any state, or nullptr: for tests and debugging.
  const TagEntry* probe(std::uint64_t address) const;
  // Functional mode: copies `length` bytes at `address` (inside one line) if this bank holds the line's
  // newest copy (valid in the tags, or a dirty victim in a write buffer), and says whether it did. For
  // reading results back, not a timed access.
  bool peek(std::uint64_t address, std::uint8_t* out, std::size_t length) const;

  L2Stats& stats() { return stats_; }
  const L2Stats& stats() const { return stats_; }

 private:
  BlockReason check(const Access& a, std::uint64_t set, std::uint64_t line, int& way) const;
  void evict(std::uint64_t set, int way, int requester, AccessResult& r);
  void apply(const Access& a, std::uint8_t* line_data, TagEntry& e);  // copies bytes one way or the other

  L2Geometry geometry_;
  bool functional_;
  bool unbuffered_;  // write_buffers == 0
  int targets_per_mshr_;
  TagStore tags_;
  LineSlots<Mshr> mshrs_;
  LineSlots<WritebackEntry> writebacks_;
  L2Stats stats_;
};

}  // namespace systolica
