#include "sim/reference/quant_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/reference/reference_network.h"

namespace systolica {

namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;

// splitmix64's finalizer (Steele, Lea and Flood, 2014), a bijection on 64-bit words.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t weights_stream(std::size_t layer) {
  return 2 * static_cast<std::uint64_t>(layer) + 1;
}
std::uint64_t extra_input_stream(std::size_t layer) {
  return 2 * static_cast<std::uint64_t>(layer) + 2;
}

double rms(const std::vector<std::int32_t>& v) {
  if (v.empty()) return 0;
  double sum_sq = 0;
  for (std::int32_t x : v) sum_sq += static_cast<double>(x) * x;
  return std::sqrt(sum_sq / static_cast<double>(v.size()));
}

}  // namespace

std::vector<std::int8_t> random_int8(std::uint64_t seed, std::uint64_t stream, std::size_t count) {
  std::uint64_t state = mix(seed ^ mix(stream + 1));
  std::vector<std::int8_t> out(count);
  for (auto& v : out) {
    state += kGolden;
    v = static_cast<std::int8_t>(static_cast<int>(mix(state) >> 56) - 128);
  }
  return out;
}

OutputScale choose_scale(const Layer& layer, double readout_rms) {
  if (!(readout_rms > 0) || !std::isfinite(readout_rms)) return choose_scale(layer);
  if (!layer.on_array() && layer.kind != LayerKind::Add) return OutputScale{};
  // Scales far outside what any int8 network needs are clamped into from_real's range.
  const double scale = std::clamp(kTargetReadOutRms / readout_rms, std::ldexp(1.0, -60), std::ldexp(1.0, 24));
  return OutputScale::from_real(scale, layer.activation);
}

OutputScale choose_scale(const Layer& layer) {
  if (layer.on_array()) {
    const double k = static_cast<double>(layer.gemm().k);
    return choose_scale(layer, kTypicalActivationRms * kWeightRms * std::sqrt(k));
  }
  if (layer.kind == LayerKind::Add) return choose_scale(layer, kTypicalActivationRms * std::sqrt(2.0));
  return OutputScale{};
}

NetworkParams make_network_params(const Network& net, std::uint64_t seed) {
  const std::size_t n = net.layers.size();
  NetworkParams p;
  p.input = random_int8(seed, 0, static_cast<std::size_t>(net.input.elements()));
  p.layers.resize(n);
  p.extra_inputs.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Layer& l = net.layers[i];
    if (l.on_array()) {
      p.layers[i].weights = random_int8(seed, weights_stream(i), static_cast<std::size_t>(l.weight_bytes()));
    }
    if (i > 0 && l.inputs.empty()) {
      p.extra_inputs[i] = random_int8(seed, extra_input_stream(i), static_cast<std::size_t>(l.input_bytes()));
    }
  }

  // Calibration: run the network in order, measuring each read-out on the layer's real inputs. A layer
  // downstream of a Vector layer has no real inputs and keeps the typical scale.
  std::vector<Int8Tensor> outputs(n);
  std::vector<bool> computed(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Layer& l = net.layers[i];
    LayerParams& lp = p.layers[i];
    bool inputs_known = l.kind != LayerKind::Vector;
    for (int s : l.inputs) {
      if (s == kNetworkInput) continue;
      if (s < 0 || static_cast<std::size_t>(s) >= i) {
        throw std::invalid_argument(fmt::format("layer '{}': input {} is not an earlier layer", l.name, s));
      }
      inputs_known = inputs_known && computed[static_cast<std::size_t>(s)];
    }
    if (!inputs_known) {
      lp.scale = choose_scale(l);
      continue;
    }
    const std::vector<Int8Tensor> ops = layer_operands(net, p, i, outputs);
    if (l.on_array() || l.kind == LayerKind::Add) {
      const std::vector<std::int32_t> sums = reference_sums(l, ops, lp.weights);
      lp.scale = choose_scale(l, rms(sums));
      outputs[i].resize(sums.size());
      for (std::size_t k = 0; k < sums.size(); ++k) outputs[i][k] = read_out(sums[k], lp.scale);
    } else {
      outputs[i] = run_reference_layer(l, ops, lp);
    }
    computed[i] = true;
  }
  return p;
}

}  // namespace systolica
