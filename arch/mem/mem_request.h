#pragma once
// What travels with every memory transaction besides the TLM generic payload itself: who asked (for
// per-requester statistics) and when it was issued (for latency histograms). Attached as a TLM
// extension so the payload stays a standard tlm_generic_payload end to end.
#include <cstdint>
#include <tlm>

namespace systolica {

enum class RequesterKind : std::uint8_t { DmaRead, DmaWrite, CacheFill, CacheWriteback, Trace };

struct MemRequestExtension : tlm::tlm_extension<MemRequestExtension> {
  int core = 0;                                    // which core's DMA (or 0 for a trace player)
  RequesterKind kind = RequesterKind::Trace;
  std::uint64_t id = 0;                            // unique per requester, for debugging and matching
  std::uint64_t issue_ps = 0;                      // sc_time_stamp() in ps when the requester issued it

  tlm::tlm_extension_base* clone() const override { return new MemRequestExtension(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    *this = static_cast<const MemRequestExtension&>(other);
  }
};

}  // namespace systolica
