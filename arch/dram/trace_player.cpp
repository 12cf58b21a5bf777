#include "arch/dram/trace_player.h"

#include <algorithm>

#include "arch/mem/mem_request.h"

namespace systolica::dram {

TracePlayer::TracePlayer(sc_core::sc_module_name name, const std::vector<TraceRequest>& trace,
                         const ClockDomain& clock, int tCK_ps, int burst_bytes)
    : sc_core::sc_module(name),
      socket("socket"),
      trace_(trace),
      clock_(clock),
      tck_ps_(tCK_ps),
      burst_bytes_(burst_bytes) {
  socket.register_nb_transport_bw(this, &TracePlayer::nb_transport_bw);
  SC_HAS_PROCESS(TracePlayer);
  SC_METHOD(offer);
  sensitive << wake_;
}

tlm::tlm_generic_payload* TracePlayer::take_payload() {
  if (free_.empty()) {
    payloads_.push_back(std::make_unique<tlm::tlm_generic_payload>());
    payloads_.back()->set_extension(new MemRequestExtension());  // the payload frees it
    free_.push_back(payloads_.back().get());
  }
  tlm::tlm_generic_payload* p = free_.back();
  free_.pop_back();
  return p;
}

void TracePlayer::offer() {
  if (awaiting_end_req_ || next_ >= trace_.size()) return;
  const TraceRequest& r = trace_[next_];
  const DramCycle now = clock_.now();
  const DramCycle at = std::max(offer_from_, earliest_offer(r, tck_ps_));
  if (now < at) {
    wake_.notify(clock_.until(at));
    return;
  }
  tlm::tlm_generic_payload* p = take_payload();
  const std::uint64_t burst = static_cast<std::uint64_t>(burst_bytes_);
  p->set_command(r.is_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p->set_address(r.address / burst * burst);  // a trace line names the burst that holds its address
  p->set_data_ptr(nullptr);                   // timing only
  p->set_data_length(static_cast<unsigned int>(burst));
  p->set_streaming_width(static_cast<unsigned int>(burst));
  p->set_byte_enable_ptr(nullptr);
  p->set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  auto* ext = p->get_extension<MemRequestExtension>();
  ext->id = next_;
  ext->issue_ps = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  bytes_requested_ += burst;
  tlm::tlm_phase phase = tlm::BEGIN_REQ;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  const tlm::tlm_sync_enum s = socket->nb_transport_fw(*p, phase, delay);
  if (s == tlm::TLM_ACCEPTED) {
    awaiting_end_req_ = p;  // back-pressure: END_REQ comes later
  } else if (s == tlm::TLM_COMPLETED) {  // refused outright (an address error)
    ++errors_;
    free_.push_back(p);
    on_accepted();
  } else {
    on_accepted();
  }
}

void TracePlayer::on_accepted() {
  ++next_;
  offer_from_ = clock_.now() + 1;
  if (next_ < trace_.size()) {
    wake_.notify(clock_.until(std::max(offer_from_, earliest_offer(trace_[next_], tck_ps_))));
  }
}

tlm::tlm_sync_enum TracePlayer::nb_transport_bw(tlm::tlm_generic_payload& p, tlm::tlm_phase& phase,
                                                sc_core::sc_time&) {
  if (phase == tlm::END_REQ) {
    awaiting_end_req_ = nullptr;
    on_accepted();
    return tlm::TLM_ACCEPTED;
  }
  // BEGIN_RESP; for the request still waiting for END_REQ, it also ends the request phase.
  if (awaiting_end_req_ == &p) {
    awaiting_end_req_ = nullptr;
    on_accepted();
  }
  if (p.get_response_status() != tlm::TLM_OK_RESPONSE) ++errors_;
  ++answered_;
  bytes_answered_ += p.get_data_length();
  free_.push_back(&p);
  return tlm::TLM_COMPLETED;
}

}  // namespace systolica::dram
