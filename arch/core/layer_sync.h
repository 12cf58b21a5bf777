#pragma once
// The order between cores that share a network. A layer's part on a core may start once every earlier
// layer of the network is complete for the images the part covers: a split layer (channels, rows) waits
// for the whole previous layer, which is the barrier between layers; a batch split or a pipeline waits
// only for its own images, so cores work on different images and layers at once. Nothing polls: a waiting
// controller sleeps on an event that each completed part notifies.
//
// It also reports, once per layer, when the layer's first part starts and when its last part ends (the
// run's statistics snapshots).
#include <cstdint>
#include <functional>
#include <systemc>
#include <vector>

namespace systolica {

class LayerSync {
 public:
  LayerSync(std::size_t layers, int images);

  // Before the run: a part of `layer` will compute images [image0, image0 + images).
  void expect(std::size_t layer, int image0, int images);

  // From a controller's thread: returns once every layer before `layer` is complete for those images.
  void wait_ready(std::size_t layer, int image0, int images);
  bool ready(std::size_t layer, int image0, int images) const;

  // From a controller's thread: a part of `layer` starts, or has finished.
  void started(std::size_t layer);
  void completed(std::size_t layer, int image0, int images);

  bool complete(std::size_t layer) const { return parts_left_[layer] == 0 && parts_[layer] > 0; }

  // Called with the layer's index when its first part starts (false) and its last part ends (true).
  std::function<void(std::size_t layer, bool end)> on_layer_boundary;

 private:
  std::size_t layers_;
  int images_;
  std::vector<int> left_;          // [layer * images + image]: parts still to finish
  std::vector<std::size_t> done_;  // per image: the leading layers complete for it
  std::vector<int> parts_, parts_left_;
  std::vector<char> started_;
  sc_core::sc_event changed_;
};

}  // namespace systolica
