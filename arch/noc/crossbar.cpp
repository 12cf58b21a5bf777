#include "arch/noc/crossbar.h"

#include <algorithm>
#include <limits>

namespace systolica {

Crossbar::Crossbar(const sc_core::sc_module_name& name, const CrossbarSpec& spec, const ClockDomain& clock,
                   int requesters, int targets, Router route)
    : sc_core::sc_module(name),
      upstream("upstream"),
      downstream("downstream"),
      spec_(spec),
      clock_(clock),
      route_(std::move(route)),
      requesters_(static_cast<std::size_t>(requesters)),
      targets_(static_cast<std::size_t>(targets)) {
  sc_assert(spec.width_bytes > 0 && spec.queue_depth > 0 && spec.latency_cycles >= 0);
  upstream.register_nb_transport_fw(this, &Crossbar::nb_transport_fw);
  downstream.register_nb_transport_bw(this, &Crossbar::nb_transport_bw);
  stats_.requests.assign(requesters_.size(), 0);
  stats_.request_bytes.assign(requesters_.size(), 0);
  stats_.response_bytes.assign(requesters_.size(), 0);
  stats_.messages.assign(requesters_.size(), 0);
  stats_.payload_bytes.assign(requesters_.size(), 0);
  stats_.busy_cycles.assign(targets_.size(), 0);
  stats_.contended_cycles.assign(targets_.size(), 0);
  SC_HAS_PROCESS(Crossbar);
  SC_METHOD(step);
  sensitive << wake_;
  dont_initialize();
}

int Crossbar::beats(const Payload& p, bool request) const {
  const bool carries_data = request ? p.is_write() : p.is_read();
  if (!carries_data) return 1;
  return static_cast<int>((p.get_data_length() + spec_.width_bytes - 1) / spec_.width_bytes);
}

tlm::tlm_sync_enum Crossbar::nb_transport_fw(int id, Payload& p, tlm::tlm_phase& phase, sc_core::sc_time&) {
  Requester& r = requesters_[static_cast<std::size_t>(id)];
  if (phase == tlm::BEGIN_REQ) {
    sc_assert(r.refused.payload == nullptr && "a requester sent BEGIN_REQ before END_REQ");
    const int t = route_(p.get_address());
    if (t < 0 || t >= static_cast<int>(targets_.size())) {
      SC_REPORT_FATAL(name(), "the router sent an address to a target that does not exist");
    }
    ++stats_.requests[static_cast<std::size_t>(id)];
    stats_.request_bytes[static_cast<std::size_t>(id)] += p.get_data_length();
    wake_.notify(sc_core::SC_ZERO_TIME);
    if (static_cast<int>(r.requests.size()) < spec_.queue_depth) {
      r.requests.push_back({&p, t});
      phase = tlm::END_REQ;
      return tlm::TLM_UPDATED;
    }
    r.refused = {&p, t};  // END_REQ comes when the queue has room: back-pressure
    return tlm::TLM_ACCEPTED;
  }
  if (phase == tlm::END_RESP) {
    r.awaiting_end_resp = false;
    wake_.notify(sc_core::SC_ZERO_TIME);
    return tlm::TLM_COMPLETED;
  }
  sc_assert(false && "unexpected phase from a requester");
  return tlm::TLM_COMPLETED;
}

tlm::tlm_sync_enum Crossbar::nb_transport_bw(int id, Payload& p, tlm::tlm_phase& phase, sc_core::sc_time&) {
  Target& t = targets_[static_cast<std::size_t>(id)];
  if (phase == tlm::END_REQ) {
    t.awaiting_end_req = false;
    wake_.notify(sc_core::SC_ZERO_TIME);
    return tlm::TLM_ACCEPTED;
  }
  if (phase == tlm::BEGIN_RESP) {
    const int r = origin_.at(&p);
    Requester& req = requesters_[static_cast<std::size_t>(r)];
    wake_.notify(sc_core::SC_ZERO_TIME);
    if (static_cast<int>(req.responses.size()) < spec_.queue_depth) {
      req.responses.push_back(&p);
      return tlm::TLM_COMPLETED;
    }
    sc_assert(t.held_response == nullptr);
    t.held_response = &p;  // END_RESP comes when the requester's response queue has room
    return tlm::TLM_ACCEPTED;
  }
  sc_assert(false && "unexpected phase from a target");
  return tlm::TLM_COMPLETED;
}

// Picks a requester whose oldest request goes to `target`, and starts its transfer.
bool Crossbar::grant(int target, Cycle now) {
  Target& t = targets_[static_cast<std::size_t>(target)];
  const int n = static_cast<int>(requesters_.size());
  int chosen = -1, wanting = 0;
  for (int k = 0; k < n; ++k) {
    const int r = spec_.arbitration == Arbitration::RoundRobin ? (t.next_grant + k) % n : k;
    const auto& q = requesters_[static_cast<std::size_t>(r)].requests;
    if (!q.empty() && q.front().target == target) {
      ++wanting;
      if (chosen < 0) chosen = r;
    }
  }
  if (chosen < 0) return false;
  if (wanting > 1) ++stats_.contended_cycles[static_cast<std::size_t>(target)];
  Requester& r = requesters_[static_cast<std::size_t>(chosen)];
  Payload* p = r.requests.front().payload;
  r.requests.pop_front();
  if (r.refused.payload != nullptr) {  // room again: accept the request we held back
    r.requests.push_back(r.refused);
    r.refused = Routed{};
    tlm::tlm_phase end = tlm::END_REQ;
    sc_core::sc_time zero = sc_core::SC_ZERO_TIME;
    upstream[static_cast<std::size_t>(chosen)]->nb_transport_bw(*r.requests.back().payload, end, zero);
  }
  origin_[p] = chosen;
  t.next_grant = (chosen + 1) % n;
  ++stats_.messages[static_cast<std::size_t>(chosen)];
  if (p->is_write()) stats_.payload_bytes[static_cast<std::size_t>(chosen)] += p->get_data_length();
  const int b = beats(*p, true);
  t.link_free = now + b;
  stats_.busy_cycles[static_cast<std::size_t>(target)] += static_cast<std::uint64_t>(b);
  t.request_in_flight = Transfer{p, now + b - 1 + spec_.latency_cycles};
  return true;
}

void Crossbar::deliver_request(int target) {
  Target& t = targets_[static_cast<std::size_t>(target)];
  Payload* p = t.request_in_flight.payload;
  t.request_in_flight = Transfer{};
  tlm::tlm_phase phase = tlm::BEGIN_REQ;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  const tlm::tlm_sync_enum s =
      downstream[static_cast<std::size_t>(target)]->nb_transport_fw(*p, phase, delay);
  if (s == tlm::TLM_ACCEPTED) {
    t.awaiting_end_req = true;
  } else if (s == tlm::TLM_COMPLETED) {
    accept_response(target, *p);  // the target finished the whole transaction at once
  } else if (phase == tlm::BEGIN_RESP) {
    accept_response(target, *p);
  }
}

void Crossbar::accept_response(int target, Payload& p) {
  tlm::tlm_phase phase = tlm::BEGIN_RESP;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  if (nb_transport_bw(target, p, phase, delay) == tlm::TLM_ACCEPTED) return;  // held; END_RESP later
}

void Crossbar::step() {
  const Cycle now = clock_.now();
  Cycle next = std::numeric_limits<Cycle>::max();
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    Target& tg = targets_[t];
    for (int pass = 0; pass < 2; ++pass) {  // twice: a zero-latency grant arrives in the same cycle
      if (tg.request_in_flight.payload != nullptr && tg.request_in_flight.arrives <= now &&
          !tg.awaiting_end_req) {
        deliver_request(static_cast<int>(t));
      }
      if (tg.request_in_flight.payload == nullptr && !tg.awaiting_end_req && tg.link_free <= now) {
        grant(static_cast<int>(t), now);
      }
    }
    if (tg.request_in_flight.payload != nullptr) {
      next = std::min(next, tg.awaiting_end_req ? next : std::max(tg.request_in_flight.arrives, now + 1));
    }
  }
  for (std::size_t r = 0; r < requesters_.size(); ++r) {
    Requester& rq = requesters_[r];
    for (int pass = 0; pass < 2; ++pass) {  // twice: a zero-latency response arrives in the same cycle
      if (rq.response_in_flight.payload != nullptr && rq.response_in_flight.arrives <= now &&
          !rq.awaiting_end_resp) {
        Payload* p = rq.response_in_flight.payload;
        rq.response_in_flight = Transfer{};
        origin_.erase(p);
        tlm::tlm_phase phase = tlm::BEGIN_RESP;
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        if (upstream[r]->nb_transport_bw(*p, phase, delay) == tlm::TLM_ACCEPTED) rq.awaiting_end_resp = true;
      }
      if (rq.response_in_flight.payload == nullptr && !rq.awaiting_end_resp && rq.link_free <= now &&
          !rq.responses.empty()) {
        Payload* p = rq.responses.front();
        rq.responses.pop_front();
        const int b = beats(*p, false);
        stats_.response_bytes[r] += p->get_data_length();
        ++stats_.messages[r];
        if (p->is_read()) stats_.payload_bytes[r] += p->get_data_length();
        rq.link_free = now + b;
        rq.response_in_flight = Transfer{p, now + b - 1 + spec_.latency_cycles};
        // A target whose response we held can hand it over now that there is room.
        for (std::size_t t = 0; t < targets_.size(); ++t) {
          Target& tg = targets_[t];
          if (tg.held_response != nullptr && origin_.at(tg.held_response) == static_cast<int>(r)) {
            rq.responses.push_back(tg.held_response);
            Payload* held = tg.held_response;
            tg.held_response = nullptr;
            tlm::tlm_phase end = tlm::END_RESP;
            sc_core::sc_time zero = sc_core::SC_ZERO_TIME;
            downstream[t]->nb_transport_fw(*held, end, zero);
            break;
          }
        }
      }
    }
    if (rq.response_in_flight.payload != nullptr)
      next = std::min(next, std::max(rq.response_in_flight.arrives, now + 1));
    if (!rq.responses.empty()) next = std::min(next, std::max(rq.link_free, now + 1));
    if (!rq.requests.empty()) {
      const Target& tg = targets_[static_cast<std::size_t>(rq.requests.front().target)];
      if (!tg.awaiting_end_req && tg.request_in_flight.payload == nullptr)
        next = std::min(next, std::max(tg.link_free, now + 1));
    }
  }
  // A transfer that arrives in this very cycle was handled above; anything else waits for its cycle or
  // for a phase from a neighbour (which notifies wake_).
  if (next != std::numeric_limits<Cycle>::max()) wake_.notify(clock_.until(next));
}

bool Crossbar::idle() const {
  if (!origin_.empty()) return false;
  for (const auto& r : requesters_) {
    if (!r.requests.empty() || r.refused.payload || !r.responses.empty() || r.response_in_flight.payload)
      return false;
  }
  for (const auto& t : targets_) {
    if (t.request_in_flight.payload || t.held_response) return false;
  }
  return true;
}

}  // namespace systolica
