#pragma once
// The DMA's own transaction objects. Each memory request is a DmaPayload: a TLM generic payload that also
// remembers which command and which part of it it serves, so a response needs no lookup. The pool is the
// payloads' memory manager (the base protocol lets targets acquire and release them): there are
// max_outstanding of them (one more only while a target still holds a reference), each with a
// request_bytes buffer in functional runs only.
#include <cstdint>
#include <memory>
#include <tlm>
#include <vector>

#include "arch/dma/dma_walk.h"
#include "arch/mem/mem_request.h"

namespace systolica {

// One command between the engine taking it and its last response.
struct DmaTracker {
  DmaTracker(const DmaCommand& c, const DmaRowPacking& p) : command(c), packing(p) {}
  DmaCommand command;
  DmaRowPacking packing;
  DmaCompletion completion;
  std::uint64_t unanswered = 0;  // requests sent and not yet answered
  bool all_sent = false;
};

class DmaPayload : public tlm::tlm_generic_payload {
 public:
  explicit DmaPayload(tlm::tlm_mm_interface* mm) : tlm::tlm_generic_payload(mm) {}
  std::vector<unsigned char> buffer;       // request_bytes, functional runs only
  MemRequestExtension* request = nullptr;  // owned by the payload (set_extension)
  DmaTracker* tracker = nullptr;
  DmaChunk chunk;
};

class DmaPayloadPool : public tlm::tlm_mm_interface {
 public:
  DmaPayloadPool(int count, int buffer_bytes, bool functional);
  // A free payload with one reference held by the caller; its last release() puts it back.
  DmaPayload& take();
  void free(tlm::tlm_generic_payload* gp) override;
  int in_use() const { return static_cast<int>(all_.size() - free_.size()); }

 private:
  void add();

  int buffer_bytes_;
  std::vector<std::unique_ptr<DmaPayload>> all_;
  std::vector<DmaPayload*> free_;
};

}  // namespace systolica
