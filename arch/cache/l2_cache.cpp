#include "arch/cache/l2_cache.h"

#include "arch/cache/cache_check.h"
#include "arch/cache/l2_bank.h"

namespace systolica {

L2Cache::L2Cache(const sc_core::sc_module_name& name, const L2Spec& spec, const ClockDomain& clock,
                 const L2Options& options)
    : sc_core::sc_module(name), upstream("upstream"), downstream("downstream"), spec_(spec) {
  upstream.register_nb_transport_fw(this, &L2Cache::nb_transport_fw);
  downstream.register_nb_transport_bw(this, &L2Cache::nb_transport_bw);
  memory_ = std::make_unique<DownstreamPort>(
      "memory_port", downstream, clock,
      [this](DownPayload& p, const sc_core::sc_time& at) { banks_[p.bank]->memory_answered(p, at); });
  BankConfig config;
  config.geometry = L2Geometry::from(spec);
  config.mshrs = spec.mshrs;
  config.targets_per_mshr = options.targets_per_mshr;
  config.write_buffers = spec.write_buffers;
  config.functional = options.functional;
  config.replacement = spec.replacement;
  const BankTiming timing{spec.hit_latency_cycles, options.input_queue};
  for (int b = 0; b < spec.banks; ++b) {
    config.seed = options.seed + static_cast<std::uint64_t>(b);
    banks_.push_back(
        std::make_unique<L2Bank>(("bank" + std::to_string(b)).c_str(), b, config, timing, clock, *memory_));
  }
}

L2Cache::~L2Cache() = default;

int L2Cache::bank_of(std::uint64_t address, const L2Spec& spec) {
  return static_cast<int>((address / static_cast<std::uint64_t>(spec.line_bytes)) %
                          static_cast<std::uint64_t>(spec.banks));
}

void L2Cache::start_of_simulation() {  // not end_of_elaboration: the socket completes its own bindings there
  L2_CHECK(static_cast<int>(upstream.size()) == banks(),
           "{}.upstream is bound {} times; it needs one per bank ({})", name(), upstream.size(), banks());
  for (int b = 0; b < banks(); ++b) {
    banks_[b]->bind_upstream(upstream[b]);
  }
}

tlm::tlm_sync_enum L2Cache::nb_transport_fw(int bank, tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                            sc_core::sc_time& delay) {
  if (phase == tlm::END_RESP) {
    banks_[bank]->end_response(gp);
    return tlm::TLM_COMPLETED;
  }
  L2_CHECK(phase == tlm::BEGIN_REQ, "{}: unexpected phase {} on upstream[{}]", name(),
           static_cast<int>(phase), bank);
  const int home = bank_of(gp.get_address(), spec_);
  L2_CHECK(home == bank, "{}: request {:#x} belongs to bank {} but arrived on upstream[{}] (see bank_of)",
           name(), gp.get_address(), home, bank);
  return banks_[bank]->begin_request(gp, phase, delay);
}

tlm::tlm_sync_enum L2Cache::nb_transport_bw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                            sc_core::sc_time& delay) {
  return memory_->nb_transport_bw(gp, phase, delay);
}

L2Stats L2Cache::stats() const {
  L2Stats sum;
  for (const auto& bank : banks_) {
    sum += bank->core().stats();
  }
  return sum;
}

L2Counters L2Cache::totals() const {
  return stats().total();
}

const BankCore& L2Cache::bank(int b) const {
  return banks_.at(b)->core();
}

std::size_t L2Cache::in_flight() const {
  std::size_t n = 0;
  for (const auto& bank : banks_) {
    n += bank->in_flight();
  }
  return n;
}

std::size_t L2Cache::in_flight(int bank) const {
  return banks_.at(bank)->in_flight();
}

std::size_t L2Cache::memory_requests() const {
  return memory_->queued() + (memory_->awaiting_accept() ? 1 : 0);
}

std::string L2Cache::describe(int bank) const {
  return banks_.at(bank)->describe();
}

std::string L2Cache::describe() const {
  std::string text;
  for (const auto& bank : banks_) {
    text += fmt::format("{}: {}\n", bank->name(), bank->describe());
  }
  text += fmt::format("{}: {} line requests queued for memory{}, {} in memory\n", memory_->name(),
                      memory_->queued(), memory_->awaiting_accept() ? " (waiting for END_REQ)" : "",
                      memory_->in_memory());
  return text;
}

std::unique_ptr<L2Cache> make_l2(const char* name, const L2Spec& spec, const ClockDomain& clock,
                                 const L2Options& options) {
  if (spec.capacity_bytes == 0) {
    return nullptr;
  }
  return std::make_unique<L2Cache>(name, spec, clock, options);
}

}  // namespace systolica
