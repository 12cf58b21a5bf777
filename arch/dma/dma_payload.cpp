#include "arch/dma/dma_payload.h"

#include <systemc>

namespace systolica {

DmaPayloadPool::DmaPayloadPool(int count, int buffer_bytes, bool functional)
    : buffer_bytes_(functional ? buffer_bytes : 0) {
  for (int i = 0; i < count; ++i) add();
}

void DmaPayloadPool::add() {
  auto p = std::make_unique<DmaPayload>(this);
  p->buffer.assign(static_cast<std::size_t>(buffer_bytes_), 0);
  p->request = new MemRequestExtension;  // NOLINT: the payload owns and deletes its extensions
  p->set_extension(p->request);
  free_.push_back(p.get());
  all_.push_back(std::move(p));
}

DmaPayload& DmaPayloadPool::take() {
  // The request slots keep about max_outstanding in use; a target that holds a reference a little
  // longer (acquire/release) can need one more.
  if (free_.empty()) add();
  DmaPayload* p = free_.back();
  free_.pop_back();
  p->acquire();
  return *p;
}

void DmaPayloadPool::free(tlm::tlm_generic_payload* gp) {
  auto* p = static_cast<DmaPayload*>(gp);
  p->tracker = nullptr;
  free_.push_back(p);
}

}  // namespace systolica
