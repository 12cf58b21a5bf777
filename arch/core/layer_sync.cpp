#include "arch/core/layer_sync.h"

#include <stdexcept>

namespace systolica {

LayerSync::LayerSync(std::size_t layers, int images)
    : layers_(layers),
      images_(images),
      left_(layers * static_cast<std::size_t>(images), 0),
      done_(static_cast<std::size_t>(images), 0),
      parts_(layers, 0),
      parts_left_(layers, 0),
      started_(layers, 0) {}

void LayerSync::expect(std::size_t layer, int image0, int images) {
  if (layer >= layers_ || image0 < 0 || images < 1 || image0 + images > images_) {
    throw std::invalid_argument("LayerSync::expect: a part outside the network");
  }
  for (int b = image0; b < image0 + images; ++b) ++left_[layer * static_cast<std::size_t>(images_) + b];
  ++parts_[layer];
  ++parts_left_[layer];
}

bool LayerSync::ready(std::size_t layer, int image0, int images) const {
  for (int b = image0; b < image0 + images; ++b) {
    if (done_[static_cast<std::size_t>(b)] < layer) return false;
  }
  return true;
}

void LayerSync::wait_ready(std::size_t layer, int image0, int images) {
  while (!ready(layer, image0, images)) sc_core::wait(changed_);
}

void LayerSync::started(std::size_t layer) {
  if (started_[layer]) return;
  started_[layer] = 1;
  if (on_layer_boundary) on_layer_boundary(layer, false);
}

void LayerSync::completed(std::size_t layer, int image0, int images) {
  for (int b = image0; b < image0 + images; ++b) {
    --left_[layer * static_cast<std::size_t>(images_) + b];
    std::size_t& d = done_[static_cast<std::size_t>(b)];
    while (d < layers_ && left_[d * static_cast<std::size_t>(images_) + b] == 0) ++d;
  }
  if (--parts_left_[layer] == 0 && on_layer_boundary) on_layer_boundary(layer, true);
  changed_.notify(sc_core::SC_ZERO_TIME);
}

}  // namespace systolica
