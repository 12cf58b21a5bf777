#include "workloads/tensor_placement.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace systolica {

namespace {

std::uint64_t round_up(std::uint64_t v, std::uint64_t align) {
  return (v + align - 1) / align * align;
}

// First-fit allocation over an unbounded arena, with coalescing of freed neighbours.
class Arena {
 public:
  Arena(std::uint64_t base, std::uint64_t align) : align_(align), top_(base) {}

  std::uint64_t allocate(std::uint64_t bytes) {
    bytes = round_up(std::max<std::uint64_t>(bytes, 1), align_);
    for (auto it = free_.begin(); it != free_.end(); ++it) {
      if (it->second < bytes) continue;
      const std::uint64_t at = it->first;
      const std::uint64_t left = it->second - bytes;
      free_.erase(it);
      if (left > 0) free_[at + bytes] = left;
      return take(at, bytes);
    }
    const std::uint64_t at = top_;
    top_ += bytes;
    return take(at, bytes);
  }

  void release(std::uint64_t at) {
    const auto used = used_.find(at);
    if (used == used_.end()) return;
    std::uint64_t start = at, size = used->second;
    live_ -= size;
    used_.erase(used);
    auto next = free_.lower_bound(start);
    if (next != free_.end() && start + size == next->first) {
      size += next->second;
      next = free_.erase(next);
    }
    if (next != free_.begin()) {
      const auto prev = std::prev(next);
      if (prev->first + prev->second == start) {
        start = prev->first;
        size += prev->second;
        free_.erase(prev);
      }
    }
    free_[start] = size;
  }

  std::uint64_t top() const { return top_; }
  std::uint64_t peak() const { return peak_; }

 private:
  std::uint64_t take(std::uint64_t at, std::uint64_t bytes) {
    used_[at] = bytes;
    live_ += bytes;
    peak_ = std::max(peak_, live_);
    return at;
  }

  std::uint64_t align_;
  std::uint64_t top_;
  std::uint64_t live_ = 0, peak_ = 0;
  std::map<std::uint64_t, std::uint64_t> free_, used_;  // start -> size
};

bool reads_own_input(const Network& net, std::size_t i) {
  return i > 0 && net.layers[i].inputs.empty();
}

}  // namespace

std::uint64_t NetworkPlacement::input_address(const Network& net, std::size_t i, std::size_t which) const {
  const Layer& l = net.layers[i];
  if (reads_own_input(net, i)) return own_inputs[i] + which * static_cast<std::uint64_t>(l.input_elements());
  if (l.inputs.empty() || l.inputs[which] == kNetworkInput) return network_input;
  return outputs[static_cast<std::size_t>(l.inputs[which])];
}

NetworkPlacement place_network(const Network& net, std::uint64_t align, bool reuse) {
  const std::size_t n = net.layers.size();
  NetworkPlacement p;
  p.weights.assign(n, 0);
  p.outputs.assign(n, 0);
  p.own_inputs.assign(n, 0);
  std::uint64_t w = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t bytes = static_cast<std::uint64_t>(net.layers[i].weight_bytes());
    if (bytes == 0) continue;
    p.weights[i] = w;
    w = round_up(w + bytes, align);
  }
  p.weight_bytes = w;

  // The network input is read until its last reader has run.
  std::size_t input_last = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Layer& l = net.layers[i];
    const bool reads = (i == 0 && l.inputs.empty()) ||
                       std::find(l.inputs.begin(), l.inputs.end(), kNetworkInput) != l.inputs.end();
    if (reads) input_last = i;
  }
  const std::vector<std::size_t> last = net.last_reader();
  Arena arena(w, align);
  // Inputs are in memory before the run starts, so they all get space first; each is freed after its
  // last reader.
  p.network_input = arena.allocate(static_cast<std::uint64_t>(net.input.elements()));
  for (std::size_t i = 0; i < n; ++i) {
    if (reads_own_input(net, i))
      p.own_inputs[i] = arena.allocate(static_cast<std::uint64_t>(net.layers[i].input_bytes()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    p.outputs[i] = arena.allocate(static_cast<std::uint64_t>(net.layers[i].output_bytes()));
    // After layer i: free what nobody reads any more (never the outputs nobody reads at all: the results).
    if (!reuse) continue;
    if (reads_own_input(net, i)) arena.release(p.own_inputs[i]);
    if (i == input_last) arena.release(p.network_input);
    for (std::size_t j = 0; j <= i; ++j) {
      if (last[j] == i) arena.release(p.outputs[j]);
    }
  }
  p.peak_activation_bytes = arena.peak();
  p.end = arena.top();
  return p;
}

}  // namespace systolica
