#pragma once
// One channel's memory controller: bounded read and write queues, FR-FCFS scheduling with write drains,
// open- or closed-page row policy, and all-bank refresh, in front of a DramDevice that knows the timing.
// It is event-driven: after each step it knows the next cycle at which anything can happen (a command
// becoming legal, a request becoming schedulable, data completing, a refresh falling due), so its
// driver sleeps until then instead of ticking. Plain C++: tests drive it directly.
//
// Scheduling, per bank (choose): the request whose ACT opened the row first; then the oldest row hit of
// each queue being served; else the oldest request's ACT or PRE. Across banks (plan): the command legal
// earliest, then refresh before read hits before write hits before ACT/PRE, then the oldest. Reads and
// writes compete outside write drains; a drain (write queue at its high-water mark) serves writes only
// until the queue is down to its low-water mark.
#include <cstdint>
#include <deque>
#include <vector>

#include "arch/dram/candidate.h"
#include "arch/dram/dram_config.h"
#include "arch/dram/dram_device.h"
#include "arch/dram/dram_engine.h"
#include "arch/dram/dram_stats.h"
#include "arch/dram/dram_types.h"

namespace systolica::dram {

// One command as the channel issued it (for tests that re-check legality and for debugging).
struct IssuedCommand {
  Command command;
  DramAddress address;
  DramCycle cycle;
};

class DramChannel {
 public:
  DramChannel(const DramConfig& cfg, int channel);

  bool can_accept(bool is_write, int count = 1) const {
    return is_write ? queued_writes_ + count <= cfg_.write_queue : queued_reads_ + count <= cfg_.read_queue;
  }
  void accept(const DramAddress& address, bool is_write, std::uint64_t tag, DramCycle now);
  void advance(DramCycle now, std::vector<DramCompletion>& done);
  DramCycle next_event() const { return next_event_; }
  // The next event only issues a row or refresh command (see DramEngine::next_event_is_internal).
  bool next_event_is_internal() const { return next_is_internal_; }
  bool idle() const {
    return queued_reads_ + queued_writes_ == 0 && in_flight_reads_.empty() && in_flight_writes_.empty();
  }

  const DramStats& stats() const { return stats_; }
  BackgroundTime background_time(DramCycle now) const;  // this channel's ranks, over [0, now)
  const DramDevice& device() const { return device_; }
  void set_command_log(std::vector<IssuedCommand>* log) { log_ = log; }

  // A queued request that has waited this long stops being overtaken by younger row hits to its bank.
  static constexpr DramCycle kStarvationLimit = 1000;

 private:
  struct Request {
    DramAddress address;
    int bank = 0;  // flat bank index within the channel
    bool is_write = false;
    bool classified = false;  // row hit/miss/conflict counted
    std::uint64_t tag = 0;
    std::uint64_t seq = 0;    // acceptance order, for first-come-first-served
    DramCycle accepted = 0;
    DramCycle ready = 0;      // accepted + front-end latency
  };
  struct InFlight {
    std::uint64_t tag;
    bool is_write;
    DramCycle done;
  };
  struct Bank {
    std::vector<int> reads, writes;  // request slots in acceptance order
    int activated = -1;              // the request whose ACT opened the row, until it is served
    int rank = 0;
    int position = -1;               // in active_, or -1 if nothing is queued here
    bool choice_stale = false;       // queued in to_choose_
    int choices = 0;                 // the bank's offer (choose): a read hit and a write hit at most
    Candidate choice[2];
    DramCycle choice_until = kNever; // the choice must be made again then (a request starts to starve)
  };

  void admit(DramCycle now);
  void enqueue(int request);
  void dequeue(int request);
  void update_mode();
  void invalidate(int bank);
  void invalidate_rank(int rank);
  void choose(int bank, DramCycle now);
  void plan(DramCycle now);
  void replan(DramCycle now);
  void consider_refresh(int rank, DramCycle now);
  void issue(const Candidate& c, DramCycle now);
  void serve(int request, Command command, DramCycle now);
  bool other_hit_pending(const Request& r, int request) const;
  void classify(Request& r, Command first_command);

  DramConfig cfg_;
  int channel_;  // its index, for the command log
  DramDevice device_;
  std::vector<Request> pool_;       // request slots: read_queue + write_queue of them
  std::vector<int> free_;
  std::deque<int> arriving_;        // accepted, not yet past the front-end latency (in order)
  std::vector<Bank> banks_;
  std::vector<int> active_;         // banks with a queued request
  std::vector<int> to_choose_;      // banks whose choice is out of date
  std::deque<InFlight> in_flight_reads_, in_flight_writes_;  // each in completion order
  int queued_reads_ = 0, queued_writes_ = 0;    // accepted and not yet issued (includes arriving_)
  int admitted_reads_ = 0, admitted_writes_ = 0;
  bool draining_ = false;           // a write drain is on (reached drain_high, not yet down to drain_low)
  std::vector<DramCycle> refresh_due_;
  std::vector<bool> refresh_pending_;
  std::vector<int> activated_in_rank_;  // requests holding an activated row, per rank
  std::uint64_t next_seq_ = 0;
  Candidate best_;
  DramCycle replan_at_ = kNever;    // the earliest choice_until of any bank
  DramCycle next_event_ = kNever;
  bool next_is_internal_ = false;
  DramStats stats_;
  std::vector<IssuedCommand>* log_ = nullptr;
};

}  // namespace systolica::dram
