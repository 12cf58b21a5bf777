#include "sim/reference/reference_network.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "arch/sram/output_scale.h"

namespace systolica {

namespace {

// Two's complement reinterpretation: the int32 whose bits are u.
std::int32_t as_int32(std::uint32_t u) {
  std::int32_t v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

std::size_t nhwc(const Layer& l, int b, int y, int x, int c) {
  return ((static_cast<std::size_t>(b) * l.in_h + y) * l.in_w + x) * l.in_c + c;
}

void require_size(const Layer& l, const char* what, std::size_t got, std::size_t want) {
  if (got != want) {
    throw std::invalid_argument(
        fmt::format("layer '{}': {} has {} values, expected {}", l.name, what, got, want));
  }
}

std::vector<std::int32_t> conv_sums(const Layer& l, const Int8Tensor& in, const std::vector<std::int8_t>& w) {
  const int out_h = l.out_h(), out_w = l.out_w();
  const int cg = l.in_c / l.groups;   // input channels per group
  const int fg = l.out_c / l.groups;  // filters per group
  std::vector<std::int32_t> sums;
  sums.reserve(static_cast<std::size_t>(l.batch) * out_h * out_w * l.out_c);
  for (int b = 0; b < l.batch; ++b)
    for (int oy = 0; oy < out_h; ++oy)
      for (int ox = 0; ox < out_w; ++ox)
        for (int o = 0; o < l.out_c; ++o) {
          const int g = o / fg;
          std::uint32_t acc = 0;  // unsigned: wraps modulo 2^32 like the int32 accumulator
          for (int ry = 0; ry < l.kernel_h; ++ry) {
            const int y = oy * l.stride_h - l.pad_h + ry * l.dilation_h;
            if (y < 0 || y >= l.in_h) continue;
            for (int rx = 0; rx < l.kernel_w; ++rx) {
              const int x = ox * l.stride_w - l.pad_w + rx * l.dilation_w;
              if (x < 0 || x >= l.in_w) continue;
              for (int c = 0; c < cg; ++c) {
                const std::int32_t a = in[nhwc(l, b, y, x, g * cg + c)];
                const std::int32_t wt =
                    w[((static_cast<std::size_t>(o) * l.kernel_h + ry) * l.kernel_w + rx) * cg + c];
                acc += static_cast<std::uint32_t>(a * wt);  // |a x wt| <= 2^14: no overflow before the cast
              }
            }
          }
          sums.push_back(as_int32(acc));
        }
  return sums;
}

Int8Tensor pool(const Layer& l, const Int8Tensor& in) {
  const int out_h = l.out_h(), out_w = l.out_w();
  Int8Tensor out;
  out.reserve(static_cast<std::size_t>(l.batch) * out_h * out_w * l.in_c);
  for (int b = 0; b < l.batch; ++b)
    for (int oy = 0; oy < out_h; ++oy)
      for (int ox = 0; ox < out_w; ++ox)
        for (int c = 0; c < l.in_c; ++c) {
          int max = std::numeric_limits<int>::min();
          std::int64_t sum = 0, count = 0;
          for (int ry = 0; ry < l.kernel_h; ++ry) {
            const int y = oy * l.stride_h - l.pad_h + ry * l.dilation_h;
            if (y < 0 || y >= l.in_h) continue;
            for (int rx = 0; rx < l.kernel_w; ++rx) {
              const int x = ox * l.stride_w - l.pad_w + rx * l.dilation_w;
              if (x < 0 || x >= l.in_w) continue;
              const int v = in[nhwc(l, b, y, x, c)];
              max = std::max(max, v);
              sum += v;
              ++count;
            }
          }
          std::int64_t v = 0;  // an empty window (only possible with dilation) gives 0
          if (count > 0) v = l.kind == LayerKind::MaxPool ? max : divide_half_even(sum, count);
          out.push_back(static_cast<std::int8_t>(v));
        }
  return out;
}

[[noreturn]] void throw_no_functional_model(const Layer& l) {
  throw std::invalid_argument(fmt::format("layer '{}' ({}) has no functional model; run without --functional",
                                          l.name, l.vector_op.empty() ? to_string(l.kind) : l.vector_op));
}

Int8Tensor global_avg_pool(const Layer& l, const Int8Tensor& in) {
  Int8Tensor out;
  out.reserve(static_cast<std::size_t>(l.batch) * l.in_c);
  const std::int64_t count = static_cast<std::int64_t>(l.in_h) * l.in_w;
  for (int b = 0; b < l.batch; ++b)
    for (int c = 0; c < l.in_c; ++c) {
      std::int64_t sum = 0;
      for (int y = 0; y < l.in_h; ++y)
        for (int x = 0; x < l.in_w; ++x) sum += in[nhwc(l, b, y, x, c)];
      out.push_back(static_cast<std::int8_t>(divide_half_even(sum, count)));
    }
  return out;
}

}  // namespace

std::vector<Int8Tensor> layer_operands(const Network& net, const NetworkParams& params, std::size_t index,
                                       const std::vector<Int8Tensor>& outputs) {
  const Layer& l = net.layers.at(index);
  const std::size_t want = static_cast<std::size_t>(l.input_elements());
  const std::size_t arity = l.kind == LayerKind::Add ? 2 : 1;
  std::vector<Int8Tensor> ops;
  if (l.inputs.empty() && index > 0) {
    const Int8Tensor& extra = index < params.extra_inputs.size() ? params.extra_inputs[index] : Int8Tensor{};
    require_size(l, "its own input (params.extra_inputs)", extra.size(), arity * want);
    for (std::size_t k = 0; k < arity; ++k)
      ops.emplace_back(extra.begin() + static_cast<std::ptrdiff_t>(k * want),
                       extra.begin() + static_cast<std::ptrdiff_t>((k + 1) * want));
    return ops;
  }
  std::vector<int> sources = l.inputs;
  if (sources.empty()) sources.assign(arity, kNetworkInput);
  for (int s : sources) {
    if (s == kNetworkInput) {
      require_size(l, "the network input", params.input.size(), want);
      ops.push_back(params.input);
    } else {
      if (s < 0 || static_cast<std::size_t>(s) >= index || static_cast<std::size_t>(s) >= outputs.size()) {
        throw std::invalid_argument(fmt::format("layer '{}': input {} is not an earlier layer", l.name, s));
      }
      require_size(
          l, fmt::format("the output of layer '{}'", net.layers[static_cast<std::size_t>(s)].name).c_str(),
          outputs[static_cast<std::size_t>(s)].size(), want);
      ops.push_back(outputs[static_cast<std::size_t>(s)]);
    }
  }
  return ops;
}

std::vector<std::int32_t> reference_sums(const Layer& l, const std::vector<Int8Tensor>& ops,
                                         const std::vector<std::int8_t>& weights) {
  const std::size_t want = static_cast<std::size_t>(l.input_elements());
  if (l.kind == LayerKind::Add) {
    if (ops.size() != 2)
      throw std::invalid_argument(fmt::format("layer '{}': an add takes 2 operands", l.name));
    require_size(l, "operand a", ops[0].size(), want);
    require_size(l, "operand b", ops[1].size(), want);
    std::vector<std::int32_t> sums(want);
    for (std::size_t i = 0; i < want; ++i) sums[i] = std::int32_t{ops[0][i]} + std::int32_t{ops[1][i]};
    return sums;
  }
  if (!l.on_array()) {
    throw std::invalid_argument(fmt::format("layer '{}': a {} layer has no sums", l.name, to_string(l.kind)));
  }
  if (ops.size() != 1) throw std::invalid_argument(fmt::format("layer '{}': takes 1 operand", l.name));
  require_size(l, "the input", ops[0].size(), want);
  require_size(l, "the weights", weights.size(), static_cast<std::size_t>(l.weight_bytes()));
  return conv_sums(l, ops[0], weights);
}

Int8Tensor run_reference_layer(const Layer& l, const std::vector<Int8Tensor>& ops,
                               const LayerParams& params) {
  switch (l.kind) {
    case LayerKind::Conv:
    case LayerKind::Gemm:
    case LayerKind::Add: {
      if (params.scale.activation != l.activation) {
        throw std::invalid_argument(
            fmt::format("layer '{}': the read-out's activation ({}) is not the layer's ({})", l.name,
                        to_string(params.scale.activation), to_string(l.activation)));
      }
      const std::vector<std::int32_t> sums = reference_sums(l, ops, params.weights);
      Int8Tensor out(sums.size());
      for (std::size_t i = 0; i < sums.size(); ++i) out[i] = read_out(sums[i], params.scale);
      return out;
    }
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
    case LayerKind::GlobalAvgPool:
      if (ops.size() != 1) throw std::invalid_argument(fmt::format("layer '{}': takes 1 operand", l.name));
      require_size(l, "the input", ops[0].size(), static_cast<std::size_t>(l.input_elements()));
      return l.kind == LayerKind::GlobalAvgPool ? global_avg_pool(l, ops[0]) : pool(l, ops[0]);
    case LayerKind::Vector:
      break;
  }
  throw_no_functional_model(l);
}

std::vector<Int8Tensor> run_reference_network(const Network& net, const NetworkParams& params) {
  if (params.layers.size() != net.layers.size()) {
    throw std::invalid_argument(fmt::format("network '{}' has {} layers but the parameters have {}", net.name,
                                            net.layers.size(), params.layers.size()));
  }
  std::vector<Int8Tensor> outputs;
  outputs.reserve(net.layers.size());
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& l = net.layers[i];
    if (l.kind == LayerKind::Vector) throw_no_functional_model(l);
    outputs.push_back(run_reference_layer(l, layer_operands(net, params, i, outputs), params.layers[i]));
  }
  return outputs;
}

}  // namespace systolica
