#include "arch/dram/dram_controller.h"

#include <algorithm>

#include "arch/dram/engine_registry.h"

namespace systolica::dram {

namespace {
constexpr std::uint64_t kWriteTag = ~std::uint64_t{0};  // posted writes: completions only update stats
}

DramController::DramController(sc_core::sc_module_name name, std::unique_ptr<DramEngine> engine)
    : sc_core::sc_module(name),
      socket("socket"),
      engine_(std::move(engine)),
      clock_(1e12 / engine_->config().timing.tCK_ps) {
  socket.register_nb_transport_fw(this, &DramController::nb_transport_fw);
  socket.register_transport_dbg(this, &DramController::transport_dbg);
  burst_channels_.assign(static_cast<std::size_t>(engine_->config().org.channels), 0);
  SC_HAS_PROCESS(DramController);
  SC_METHOD(run);
  sensitive << wake_;
  dont_initialize();
}

DramController::Initiator& DramController::initiator(int id) {
  if (static_cast<std::size_t>(id) >= initiators_.size()) initiators_.resize(static_cast<std::size_t>(id) + 1);
  return initiators_[static_cast<std::size_t>(id)];
}

// Requests may arrive between DRAM clock edges (other clock domains); they are taken at the next edge.
DramCycle DramController::cycle_at_or_after_now() const {
  const DramCycle c = clock_.now();
  return clock_.time_of(c) < sc_core::sc_time_stamp() ? c + 1 : c;
}

// While idle the module does not wake for refresh; before taking new work it replays what the engine
// would have done at those cycles, so the result is the same as if it had woken every time.
void DramController::catch_up(DramCycle now) {
  if (!engine_->idle()) return;
  for (DramCycle t = engine_->next_event(); t <= now; t = engine_->next_event()) {
    engine_->advance(t, done_);
    last_advanced_ = std::max(last_advanced_, t);
  }
  done_.clear();  // idle: nothing can complete
}

BackgroundTime DramController::background_time() {
  const DramCycle now = clock_.now();
  catch_up(now);
  return engine_->background_time(now);
}

tlm::tlm_sync_enum DramController::nb_transport_fw(int id, tlm::tlm_generic_payload& payload,
                                                   tlm::tlm_phase& phase, sc_core::sc_time&) {
  if (phase == tlm::END_RESP) {
    initiator(id).awaiting_end_resp = false;
    wake_.notify(sc_core::SC_ZERO_TIME);  // send the next response, if any
    return tlm::TLM_COMPLETED;
  }
  if (phase != tlm::BEGIN_REQ) {
    SC_REPORT_ERROR(name(), "unexpected phase from an initiator (the AT base protocol allows BEGIN_REQ, END_RESP)");
    return tlm::TLM_COMPLETED;
  }
  const std::uint64_t end = payload.get_address() + payload.get_data_length();
  if (payload.get_data_length() == 0 || end > engine_->capacity_bytes() || end < payload.get_address()) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return tlm::TLM_COMPLETED;
  }
  if (!payload.is_read() && !payload.is_write()) {
    payload.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
    return tlm::TLM_COMPLETED;
  }
  ++outstanding_;
  const DramCycle now = cycle_at_or_after_now();
  catch_up(now);
  if (try_accept(payload, id, now)) {
    phase = tlm::END_REQ;
    return tlm::TLM_UPDATED;
  }
  waiting_.push_back({&payload, id});  // END_REQ withheld: back-pressure
  run_ahead();
  return tlm::TLM_ACCEPTED;
}

bool DramController::try_accept(tlm::tlm_generic_payload& payload, int id, DramCycle now) {
  const DramConfig& cfg = engine_->config();
  const std::uint64_t burst = static_cast<std::uint64_t>(cfg.org.burst_bytes());
  const std::uint64_t first = payload.get_address() / burst * burst;
  const std::uint64_t last = (payload.get_address() + payload.get_data_length() - 1) / burst * burst;
  const bool is_write = payload.is_write();
  Initiator& in = initiator(id);
  // Reads held for an initiator that does not take its responses are bounded too.
  if (!is_write && in.reads_held >= 2 * cfg.read_queue * cfg.org.channels) return false;
  if (first == last) {  // one burst, the usual case
    if (!engine_->can_accept(engine_->channel_of(first), is_write, 1)) return false;
  } else {
    std::fill(burst_channels_.begin(), burst_channels_.end(), 0);
    for (std::uint64_t a = first; a <= last; a += burst) ++burst_channels_[engine_->channel_of(a)];
    for (int c = 0; c < cfg.org.channels; ++c) {
      if (burst_channels_[c] > 0 && !engine_->can_accept(c, is_write, burst_channels_[c])) return false;
    }
  }
  std::uint64_t tag = kWriteTag;
  if (!is_write) {
    if (free_reads_.empty()) {
      free_reads_.push_back(static_cast<std::uint32_t>(reads_.size()));
      reads_.emplace_back();
    }
    tag = free_reads_.back();
    free_reads_.pop_back();
    reads_[tag] = ReadTransaction{&payload, id, static_cast<int>((last - first) / burst + 1)};
    ++in.reads_held;
  }
  for (std::uint64_t a = first; a <= last; a += burst) engine_->accept({a, is_write, tag}, now);
  if (is_write) {
    if (payload.get_data_ptr() != nullptr) {
      memory_.write(payload.get_address(), payload.get_data_ptr(), payload.get_data_length(),
                    payload.get_byte_enable_ptr(), payload.get_byte_enable_length());
    }
    payload.set_response_status(tlm::TLM_OK_RESPONSE);
    in.responses.push_back(&payload);  // posted: answered at once
    wake_.notify(sc_core::SC_ZERO_TIME);
  }
  schedule();
  return true;
}

void DramController::complete_read(const DramCompletion& c) {
  ReadTransaction& t = reads_[c.tag];
  if (--t.bursts_left > 0) return;
  tlm::tlm_generic_payload& p = *t.payload;
  if (p.get_data_ptr() != nullptr) memory_.read(p.get_address(), p.get_data_ptr(), p.get_data_length());
  p.set_response_status(tlm::TLM_OK_RESPONSE);
  initiator(t.initiator).responses.push_back(&p);
  free_reads_.push_back(static_cast<std::uint32_t>(c.tag));
}

void DramController::count_answer(const tlm::tlm_generic_payload& p) {
  RequesterKey key{-1, RequesterKind::Trace};
  if (const auto* ext = p.get_extension<MemRequestExtension>()) key = {ext->core, ext->kind};
  RequesterTraffic& t = traffic_[key];
  if (p.is_write()) {
    ++t.writes;
    t.write_bytes += p.get_data_length();
  } else {
    ++t.reads;
    t.read_bytes += p.get_data_length();
  }
  --outstanding_;
}

void DramController::send_responses(int id) {
  Initiator& in = initiators_[static_cast<std::size_t>(id)];
  while (!in.awaiting_end_resp && !in.responses.empty()) {
    tlm::tlm_generic_payload* p = in.responses.front();
    in.responses.pop_front();
    if (p->is_read()) --in.reads_held;
    count_answer(*p);  // before the call: the initiator may reuse the payload once it has its response
    tlm::tlm_phase phase = tlm::BEGIN_RESP;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    const tlm::tlm_sync_enum s = socket[id]->nb_transport_bw(*p, phase, delay);
    in.awaiting_end_resp = s == tlm::TLM_ACCEPTED || (s == tlm::TLM_UPDATED && phase != tlm::END_RESP);
  }
}

void DramController::run() {
  // Zero-delay wakes (a posted write, an END_RESP) can come between clock edges; never step back.
  const DramCycle now = std::max(clock_.now(), last_advanced_);
  last_advanced_ = now;
  engine_->advance(now, done_);
  for (const DramCompletion& c : done_) {
    if (c.tag != kWriteTag) complete_read(c);
  }
  done_.clear();
  // Slots may have freed: take waiting requests, oldest first (each initiator has at most one waiting).
  for (std::size_t i = 0; i < waiting_.size();) {
    const Waiting w = waiting_[i];
    if (try_accept(*w.payload, w.initiator, now)) {
      waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(i));
      tlm::tlm_phase phase = tlm::END_REQ;
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      socket[w.initiator]->nb_transport_bw(*w.payload, phase, delay);
    } else {
      ++i;
    }
  }
  for (std::size_t id = 0; id < initiators_.size(); ++id) send_responses(static_cast<int>(id));
  run_ahead();
  schedule();
}

// When every initiator is blocked waiting for END_REQ and owes no END_RESP, nobody can send this module
// anything until it accepts a request or answers one. Until then the engine's row and refresh commands
// are invisible outside, so they are done at once instead of waking the kernel for each (the results are
// the same; only the work of waking is saved).
void DramController::run_ahead() {
  if (waiting_.size() < socket.size()) return;
  for (const Initiator& in : initiators_) {
    if (in.awaiting_end_resp || !in.responses.empty()) return;
  }
  while (engine_->next_event_is_internal()) {
    const DramCycle t = engine_->next_event();
    engine_->advance(t, done_);
    last_advanced_ = std::max(last_advanced_, t);
  }
}

// Wakes at the engine's next event; an idle engine needs no wake (catch_up replays its refreshes).
void DramController::schedule() {
  if (engine_->idle()) return;
  const DramCycle next = engine_->next_event();
  if (next != kNever) wake_.notify(clock_.until(next));
}

unsigned int DramController::transport_dbg(int, tlm::tlm_generic_payload& p) {
  const std::uint64_t end = p.get_address() + p.get_data_length();
  if (p.get_data_ptr() == nullptr || end > engine_->capacity_bytes()) {
    p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return 0;
  }
  if (p.is_write()) {
    memory_.write(p.get_address(), p.get_data_ptr(), p.get_data_length());
  } else {
    memory_.read(p.get_address(), p.get_data_ptr(), p.get_data_length());
  }
  p.set_response_status(tlm::TLM_OK_RESPONSE);
  return p.get_data_length();
}

std::unique_ptr<DramController> make_dram_controller(const char* name, const DramSpec& spec) {
  return std::make_unique<DramController>(name, make_dram_engine(make_dram_config(spec)));
}

}  // namespace systolica::dram
