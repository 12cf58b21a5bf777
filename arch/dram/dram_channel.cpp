#include "arch/dram/dram_channel.h"

#include <algorithm>

namespace systolica::dram {

namespace {
constexpr int kRefreshPriority = 4, kReadPriority = 3, kWritePriority = 2, kRowPriority = 1;
}

DramChannel::DramChannel(const DramConfig& cfg, int channel) : cfg_(cfg), channel_(channel), device_(cfg) {
  pool_.resize(static_cast<std::size_t>(cfg.read_queue + cfg.write_queue));
  for (int i = static_cast<int>(pool_.size()) - 1; i >= 0; --i) free_.push_back(i);
  banks_.resize(static_cast<std::size_t>(cfg.org.banks_per_channel()));
  for (std::size_t b = 0; b < banks_.size(); ++b) {
    banks_[b].rank = static_cast<int>(b) / cfg.org.banks_per_rank();
  }
  stats_.banks.resize(banks_.size());
  // Ranks refresh staggered across the interval, so their tRFC blackouts do not coincide.
  for (int r = 0; r < cfg.org.ranks; ++r) {
    refresh_due_.push_back(cfg.timing.tREFI + static_cast<DramCycle>(r) * cfg.timing.tREFI / cfg.org.ranks);
  }
  refresh_pending_.assign(static_cast<std::size_t>(cfg.org.ranks), false);
  activated_in_rank_.assign(static_cast<std::size_t>(cfg.org.ranks), 0);
  if (cfg.refresh) next_event_ = *std::min_element(refresh_due_.begin(), refresh_due_.end());
}

BackgroundTime DramChannel::background_time(DramCycle now) const {
  BackgroundTime b;
  for (int r = 0; r < cfg_.org.ranks; ++r) {
    b.active_rank_cycles += device_.active_cycles(r, now);
    b.rank_cycles += static_cast<std::uint64_t>(std::max<DramCycle>(now, 0));
  }
  return b;
}

void DramChannel::accept(const DramAddress& address, bool is_write, std::uint64_t tag, DramCycle now) {
  const int i = free_.back();
  free_.pop_back();
  Request& r = pool_[i];
  r = Request{};
  r.address = address;
  r.bank = device_.bank_index(address);
  r.is_write = is_write;
  r.tag = tag;
  r.seq = next_seq_++;
  r.accepted = now;
  r.ready = now + cfg_.frontend_latency;
  arriving_.push_back(i);
  (is_write ? queued_writes_ : queued_reads_) += 1;
  next_event_ = std::min(next_event_, r.ready);
}

void DramChannel::admit(DramCycle now) {
  while (!arriving_.empty() && pool_[arriving_.front()].ready <= now) {
    enqueue(arriving_.front());
    arriving_.pop_front();
  }
}

void DramChannel::enqueue(int i) {
  const Request& r = pool_[i];
  Bank& b = banks_[r.bank];
  if (b.position < 0) {
    b.position = static_cast<int>(active_.size());
    active_.push_back(r.bank);
  }
  (r.is_write ? b.writes : b.reads).push_back(i);
  (r.is_write ? admitted_writes_ : admitted_reads_) += 1;
  invalidate(r.bank);
}

void DramChannel::dequeue(int i) {
  const Request& r = pool_[i];
  Bank& b = banks_[r.bank];
  auto& list = r.is_write ? b.writes : b.reads;
  list.erase(std::find(list.begin(), list.end(), i));
  (r.is_write ? admitted_writes_ : admitted_reads_) -= 1;
  (r.is_write ? queued_writes_ : queued_reads_) -= 1;
  if (b.reads.empty() && b.writes.empty()) {  // move the last active bank into this one's place
    banks_[active_.back()].position = b.position;
    active_[b.position] = active_.back();
    active_.pop_back();
    b.position = -1;
  }
  invalidate(r.bank);
}

void DramChannel::invalidate(int bank) {
  Bank& b = banks_[bank];
  if (!b.choice_stale) {
    b.choice_stale = true;
    to_choose_.push_back(bank);
  }
}

void DramChannel::invalidate_rank(int rank) {
  const int first = rank * cfg_.org.banks_per_rank();
  for (int b = first; b < first + cfg_.org.banks_per_rank(); ++b) invalidate(b);
}

// A write drain serves writes only, from the write queue's high-water mark down to its low-water mark.
// Outside drains reads and writes compete, so writes go when the data bus is idle or already turned
// around for writing, and reads are not held up behind long write bursts.
void DramChannel::update_mode() {
  const bool was = draining_;
  if (!draining_) {
    draining_ = admitted_writes_ >= cfg_.drain_high;
  } else if (admitted_writes_ <= cfg_.drain_low) {
    draining_ = false;
  }
  if (draining_ != was) {
    for (int r = 0; r < cfg_.org.ranks; ++r) invalidate_rank(r);
  }
}

// FR-FCFS within one bank. The request whose ACT opened the row comes first (so no ACT is wasted). Then
// the oldest row hit of each queue being served (reads and writes; only writes during a drain); if none
// hits, the oldest request, which needs an ACT (bank closed) or a PRE (another row open). A row is not
// closed while a queued request still hits it, unless the oldest request has waited kStarvationLimit
// clocks. A rank that is due for refresh gets no new rows. The choice depends only on the bank's queues
// and state, so it stands until one of them changes (invalidate) or choice_until.
void DramChannel::choose(int bank, DramCycle now) {
  Bank& b = banks_[bank];
  b.choice_stale = false;
  b.choice_until = kNever;
  b.choices = 0;
  auto add = [&](int request, Command command) {
    Candidate& c = b.choice[b.choices++];
    c.command = command;
    c.request = request;
    c.bank = bank;
    c.rank = b.rank;
    c.priority = is_read(command) ? kReadPriority : is_write(command) ? kWritePriority : kRowPriority;
    c.seq = pool_[request].seq;
    c.at = std::max(device_.earliest(command, bank, pool_[request].address.row), now);
  };
  const std::int64_t row = device_.open_row(bank);
  if (row >= 0 && b.activated >= 0) {
    add(b.activated, pool_[b.activated].is_write ? Command::WR : Command::RD);
    return;
  }
  if (cfg_.refresh && refresh_pending_[b.rank]) return;
  const std::vector<int>* lists[2] = {draining_ ? &b.writes : &b.reads, draining_ ? nullptr : &b.writes};
  int oldest = -1;  // of the queues being served, reads first
  for (const auto* list : lists) {
    if (list != nullptr && !list->empty() && oldest < 0) oldest = list->front();
  }
  if (oldest < 0) return;
  if (row < 0) {
    add(oldest, Command::ACT);
    return;
  }
  const bool conflict = pool_[oldest].address.row != row;
  const DramCycle starves_at = pool_[oldest].accepted + kStarvationLimit + 1;
  bool hit = false;
  if (!conflict || now < starves_at) {
    for (const auto* list : lists) {
      if (list == nullptr) continue;
      for (int i : *list) {
        if (pool_[i].address.row == row) {
          add(i, pool_[i].is_write ? Command::WR : Command::RD);
          hit = true;
          break;
        }
      }
    }
  }
  if (!hit) {
    add(oldest, Command::PRE);
  } else if (conflict) {
    b.choice_until = starves_at;  // then the hits stop overtaking the oldest request
    replan_at_ = std::min(replan_at_, starves_at);
  }
}

// A due refresh waits for the rows activated for queued requests to be used, then closes every bank
// with one PREA and refreshes.
void DramChannel::consider_refresh(int rank, DramCycle now) {
  if (activated_in_rank_[rank] > 0) return;
  DramAddress a;
  a.rank = rank;
  const Command command = device_.open_banks(rank) > 0 ? Command::PREA : Command::REF;
  const DramCycle legal = device_.earliest(command, a);
  if (legal == kNever) return;
  Candidate c;
  c.at = std::max(legal, now);
  c.command = command;
  c.rank = rank;
  c.priority = kRefreshPriority;
  if (c.better_than(best_)) best_ = c;
}

// A command's earliest cycle only ever moves later as other commands issue, so the cycle an offer was
// last timed at is a lower bound: an offer whose bound already loses to the best so far needs no new
// timing check. Most plans re-time only a few offers.
void DramChannel::plan(DramCycle now) {
  if (now >= replan_at_) {  // some bank's hits must stop overtaking its starving oldest request
    replan_at_ = kNever;
    for (int bank : active_) {
      if (banks_[bank].choice_until <= now) {
        invalidate(bank);
      } else {
        replan_at_ = std::min(replan_at_, banks_[bank].choice_until);
      }
    }
  }
  for (int bank : to_choose_) choose(bank, now);
  to_choose_.clear();
  best_ = Candidate{};
  for (int bank : active_) {
    Bank& b = banks_[bank];
    for (int i = 0; i < b.choices; ++i) {
      Candidate& c = b.choice[i];
      if (!c.better_than(best_)) continue;
      c.at = std::max(device_.earliest(c.command, c.bank, pool_[c.request].address.row), now);
      if (c.better_than(best_)) best_ = c;
    }
  }
  if (cfg_.refresh) {
    for (int r = 0; r < cfg_.org.ranks; ++r) {
      if (refresh_pending_[r]) consider_refresh(r, now);
    }
  }
}

// Since the last plan no command was issued (so no timing moved): only the banks that changed need
// to offer again, against the standing best, unless the best itself is what changed.
void DramChannel::replan(DramCycle now) {
  if (now >= replan_at_ || best_.at < now || best_.request < 0) {
    plan(now);
    return;
  }
  for (int bank : to_choose_) {
    if (bank == best_.bank) {
      plan(now);
      return;
    }
  }
  for (int bank : to_choose_) {
    choose(bank, now);
    const Bank& b = banks_[bank];
    for (int i = 0; i < b.choices; ++i) {
      if (b.choice[i].better_than(best_)) best_ = b.choice[i];
    }
  }
  to_choose_.clear();
  if (cfg_.refresh) {
    for (int r = 0; r < cfg_.org.ranks; ++r) {
      if (refresh_pending_[r]) consider_refresh(r, now);
    }
  }
}

void DramChannel::advance(DramCycle now, std::vector<DramCompletion>& done) {
  for (auto* fifo : {&in_flight_reads_, &in_flight_writes_}) {
    while (!fifo->empty() && fifo->front().done <= now) {
      done.push_back({fifo->front().tag, fifo->front().is_write, fifo->front().done});
      fifo->pop_front();
    }
  }
  if (cfg_.refresh) {
    for (int r = 0; r < cfg_.org.ranks; ++r) {
      if (!refresh_pending_[r] && refresh_due_[r] <= now) {
        refresh_pending_[r] = true;
        invalidate_rank(r);
      }
    }
  }
  admit(now);
  update_mode();
  replan(now);
  if (best_.at <= now) {
    issue(best_, now);
    update_mode();
    plan(now);  // the command bus is busy until now + 1, so this plans for a later cycle
  }
  // Anything else due (an arrival, a completion, a refresh, a starving request) may change what happens.
  DramCycle other = replan_at_;
  if (!arriving_.empty()) other = std::min(other, pool_[arriving_.front()].ready);
  if (!in_flight_reads_.empty()) other = std::min(other, in_flight_reads_.front().done);
  if (!in_flight_writes_.empty()) other = std::min(other, in_flight_writes_.front().done);
  if (cfg_.refresh) {
    for (int r = 0; r < cfg_.org.ranks; ++r) {
      if (!refresh_pending_[r]) other = std::min(other, refresh_due_[r]);
    }
  }
  next_event_ = std::min(best_.at, other);
  next_is_internal_ = best_.at < other && !is_column(best_.command);
}

void DramChannel::classify(Request& r, Command first) {
  if (r.classified) return;
  r.classified = true;
  if (is_column(first)) {
    ++stats_.row_hits;
  } else if (first == Command::ACT) {
    ++stats_.row_misses;
  } else {
    ++stats_.row_conflicts;
  }
}

void DramChannel::issue(const Candidate& c, DramCycle now) {
  if (c.request < 0) {  // refresh machinery
    DramAddress a;
    a.channel = channel_;
    a.rank = c.rank;
    if (c.command == Command::PREA) {
      stats_.commands.pre += static_cast<std::uint64_t>(device_.open_banks(c.rank));
      ++stats_.commands.prea;
    } else {
      ++stats_.commands.ref;
      refresh_pending_[c.rank] = false;
      refresh_due_[c.rank] += cfg_.timing.tREFI;  // keeps the average interval whatever the delay
    }
    device_.issue(c.command, a, now);
    if (log_ != nullptr) log_->push_back({c.command, a, now});
    invalidate_rank(c.rank);
    return;
  }
  if (is_column(c.command)) {
    serve(c.request, c.command, now);
    return;
  }
  Request& r = pool_[c.request];
  classify(r, c.command);
  device_.issue(c.command, r.address, now);
  if (log_ != nullptr) log_->push_back({c.command, r.address, now});
  invalidate(r.bank);
  if (c.command == Command::ACT) {
    banks_[r.bank].activated = c.request;
    ++activated_in_rank_[c.rank];
    ++stats_.commands.act;
    ++stats_.banks[r.bank].act;
  } else {
    ++stats_.commands.pre;
  }
}

bool DramChannel::other_hit_pending(const Request& r, int request) const {
  const Bank& b = banks_[r.bank];
  for (const auto* list : {&b.reads, &b.writes}) {
    for (int i : *list) {
      if (i != request && pool_[i].address.row == r.address.row) return true;
    }
  }
  return false;
}

void DramChannel::serve(int request, Command command, DramCycle now) {
  Request& r = pool_[request];
  classify(r, command);
  if (cfg_.page_policy == PagePolicy::Closed && !other_hit_pending(r, request)) {
    command = r.is_write ? Command::WRA : Command::RDA;  // closed page: precharge once nothing else hits
  }
  device_.issue(command, r.address, now);
  if (log_ != nullptr) log_->push_back({command, r.address, now});
  Bank& b = banks_[r.bank];
  if (b.activated == request) {
    b.activated = -1;
    --activated_in_rank_[r.address.rank];
  }
  const DramCycle done = device_.data_end(command, now);
  const auto bytes = static_cast<std::uint64_t>(cfg_.org.burst_bytes());
  if (r.is_write) {
    ++stats_.writes;
    ++stats_.commands.wr;
    ++stats_.banks[r.bank].wr;
    stats_.write_bytes += bytes;
    stats_.write_latency.add(done - r.accepted);
    in_flight_writes_.push_back({r.tag, true, done});
  } else {
    ++stats_.reads;
    ++stats_.commands.rd;
    ++stats_.banks[r.bank].rd;
    stats_.read_bytes += bytes;
    stats_.read_latency.add(done - r.accepted);
    in_flight_reads_.push_back({r.tag, false, done});
  }
  if (has_auto_precharge(command)) {
    ++stats_.commands.pre;
    ++(r.is_write ? stats_.commands.wra : stats_.commands.rda);
  }
  stats_.last_data_cycle = std::max(stats_.last_data_cycle, done);
  dequeue(request);
  free_.push_back(request);
}

}  // namespace systolica::dram
