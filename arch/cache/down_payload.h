#pragma once
// A line request from the L2 to memory: a fill (read) or a write-back (write). The L2 owns all of them,
// one per MSHR and one per write-buffer entry of every bank, made at elaboration and reused, so no payload
// is allocated during the run. Memory answers with the same object, which says where its answer goes.
#include <cstdint>
#include <tlm>
#include <vector>

#include "arch/mem/mem_request.h"

namespace systolica {

// Lets memory models that reference-count payloads (acquire/release) do so; the L2 recycles them itself.
class KeepPayloads final : public tlm::tlm_mm_interface {
 public:
  void free(tlm::tlm_generic_payload*) override {}
};

struct DownPayload final : tlm::tlm_generic_payload {
  DownPayload(int bank_index, int slot_index, bool is_fill, KeepPayloads* mm)
      : tlm::tlm_generic_payload(mm), bank(bank_index), slot(slot_index), fill(is_fill) {
    set_extension(new MemRequestExtension);  // owned and freed by the payload
  }
  MemRequestExtension& request() { return *get_extension<MemRequestExtension>(); }

  const int bank;
  const int slot;  // the MSHR (fill) or write-buffer entry (write-back) it serves
  const bool fill;
  std::vector<std::uint8_t> line;  // fill data lands here in functional mode
};

}  // namespace systolica
