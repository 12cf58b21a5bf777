#include "workloads/network.h"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

namespace systolica {

namespace {

constexpr std::int64_t kMaxDim = 1 << 24;  // Layer::validate()'s bound on every dimension

// The tensor a layer is written to read: its own input fields.
TensorShape expected_shape(const Layer& l) {
  return {l.batch, l.in_h, l.in_w, l.in_c};
}

std::size_t input_count(const Layer& l) {
  if (!l.inputs.empty()) return l.inputs.size();
  return l.kind == LayerKind::Add ? 2 : 1;
}

// "56x56x64", with the batch in front only when the two shapes being compared differ in it: most
// mismatches are spatial or channel ones, and "1x56x56x64" would only add noise to those.
std::string spell(const TensorShape& s, bool with_batch) {
  return with_batch ? fmt::format("{}x{}x{}x{}", s.n, s.h, s.w, s.c) : fmt::format("{}x{}x{}", s.h, s.w, s.c);
}

// A Gemm layer over a 1x1 "image" reads any tensor with the same number of elements per image: the
// flatten of an NHWC tensor to (n, h*w*c) moves no data.
bool accepts(const Layer& l, const TensorShape& producer) {
  if (producer == expected_shape(l)) return true;
  return l.kind == LayerKind::Gemm && l.in_h == 1 && l.in_w == 1 && producer.n == l.batch &&
         static_cast<std::int64_t>(producer.h) * producer.w * producer.c == l.in_c;
}

std::string forward_edge_message(const Layer& l, int input, std::size_t index) {
  return fmt::format(
      "layer '{}': input {} does not name an earlier layer; an input is {} (the network input){}", l.name,
      input, kNetworkInput,
      index == 0 ? std::string(" for the first layer")
                 : fmt::format(" or the index of a layer before this one (0..{})", index - 1));
}

}  // namespace

std::int64_t Network::macs() const {
  std::int64_t total = 0;
  for (const Layer& l : layers) total += l.macs();
  return total;
}

std::int64_t Network::weight_bytes() const {
  std::int64_t total = 0;
  for (const Layer& l : layers) total += l.weight_bytes();
  return total;
}

TensorShape Network::output_shape(std::size_t layer) const {
  const Layer& l = layers.at(layer);
  return {l.batch, l.out_h(), l.out_w(), l.out_channels()};
}

TensorShape Network::input_shape(std::size_t layer, std::size_t which) const {
  const Layer& l = layers.at(layer);
  if (which >= input_count(l)) {
    throw std::out_of_range(
        fmt::format("layer '{}' has {} input(s); input {} was asked for", l.name, input_count(l), which));
  }
  if (l.inputs.empty()) return layer == 0 ? input : expected_shape(l);
  const int producer = l.inputs[which];
  if (producer == kNetworkInput) return input;
  if (producer < 0 || static_cast<std::size_t>(producer) >= layer) {
    throw LayerShapeError(forward_edge_message(l, producer, layer));
  }
  return output_shape(static_cast<std::size_t>(producer));
}

std::vector<std::size_t> Network::last_reader() const {
  std::vector<std::size_t> last(layers.size(), layers.size());
  // Layers are in dependency order, so the last layer to name a producer is its last reader.
  for (std::size_t i = 0; i < layers.size(); ++i) {
    for (int producer : layers[i].inputs) {
      if (producer >= 0 && static_cast<std::size_t>(producer) < i)
        last[static_cast<std::size_t>(producer)] = i;
    }
  }
  return last;
}

void Network::validate() const {
  const auto check_input = [&](const char* what, int value) {
    if (value < 1 || value > kMaxDim) {
      throw LayerShapeError(fmt::format("network '{}': input {} = {} is invalid; must be between 1 and {}",
                                        name, what, value, kMaxDim));
    }
  };
  check_input("batch", input.n);
  check_input("height", input.h);
  check_input("width", input.w);
  check_input("channels", input.c);
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    l.validate();
    std::int64_t concat_channels = 0;
    for (std::size_t which = 0; which < input_count(l); ++which) {
      const TensorShape got = input_shape(i, which);  // throws on a forward edge
      concat_channels += got.c;
      if (which > 0 && l.kind == LayerKind::Vector) {
        // A Concat's other inputs differ only in channels; another operator's broadcast to the first.
        const TensorShape first = expected_shape(l);
        const bool ok = l.vector_op == "Concat"
                            ? got.n == first.n && got.h == first.h && got.w == first.w
                            : (got.n == first.n || got.n == 1) && (got.h == first.h || got.h == 1) &&
                                  (got.w == first.w || got.w == 1) && (got.c == first.c || got.c == 1);
        if (ok) continue;
        throw LayerShapeError(fmt::format("layer '{}' ({}): input {} is {} and cannot {} its first input {}", l.name,
                                          l.vector_op, which, spell(got, true),
                                          l.vector_op == "Concat" ? "be concatenated with" : "broadcast to",
                                          spell(first, true)));
      }
      if (accepts(l, got)) continue;
      const TensorShape want = expected_shape(l);
      const bool batch = got.n != want.n;
      const std::string producer =
          l.inputs.empty() || l.inputs[which] == kNetworkInput
              ? std::string("the network input")
              : fmt::format("input '{}'", layers[static_cast<std::size_t>(l.inputs[which])].name);
      throw LayerShapeError(fmt::format("layer '{}': {} is {} but the layer expects {}{}", l.name, producer,
                                        spell(got, batch), spell(want, batch),
                                        l.kind == LayerKind::Gemm && l.in_h == 1 && l.in_w == 1
                                            ? fmt::format(" (or any tensor of {} elements per image)", l.in_c)
                                            : std::string()));
    }
    if (l.kind == LayerKind::Vector && l.vector_op == "Concat" && concat_channels != l.out_c) {
      throw LayerShapeError(fmt::format("layer '{}' (Concat): its inputs have {} channels in all but out_c is {}",
                                        l.name, concat_channels, l.out_c));
    }
  }
}

NetworkBuilder::NetworkBuilder(std::string name, TensorShape input) {
  net_.name = std::move(name);
  net_.input = input;
}

TensorShape NetworkBuilder::shape_of(int tensor) const {
  if (tensor == kNetworkInput) return net_.input;
  if (tensor < 0 || tensor > last()) {
    throw LayerShapeError(fmt::format("tensor {} is neither the network input ({}) nor a layer (0..{})",
                                      tensor, kNetworkInput, last()));
  }
  return net_.output_shape(static_cast<std::size_t>(tensor));
}

int NetworkBuilder::append(Layer layer, std::vector<int> inputs) {
  const std::size_t want = layer.kind == LayerKind::Add ? 2 : 1;
  if (inputs.size() != want) {
    throw LayerShapeError(fmt::format("layer '{}': {} input(s) given; {} takes {}", layer.name, inputs.size(),
                                      to_string(layer.kind), want));
  }
  for (int tensor : inputs) {
    if (tensor != kNetworkInput && (tensor < 0 || tensor > last())) {
      throw LayerShapeError(forward_edge_message(layer, tensor, net_.layers.size()));
    }
  }
  const auto name_of = [&](int tensor) {
    return tensor == kNetworkInput ? std::string("the network input")
                                   : fmt::format("'{}'", net_.layers[static_cast<std::size_t>(tensor)].name);
  };
  const TensorShape in = shape_of(inputs[0]);
  layer.batch = in.n;
  if (layer.kind == LayerKind::Gemm) {
    const std::int64_t flat = static_cast<std::int64_t>(in.h) * in.w * in.c;
    if (flat > kMaxDim) {
      throw LayerShapeError(fmt::format("layer '{}': input {} flattens to {} elements per image; at most {}",
                                        layer.name, name_of(inputs[0]), flat, kMaxDim));
    }
    layer.in_h = layer.in_w = 1;
    layer.in_c = static_cast<int>(flat);
  } else {
    layer.in_h = in.h;
    layer.in_w = in.w;
    layer.in_c = in.c;
  }
  if (layer.kind == LayerKind::Add) {
    const TensorShape other = shape_of(inputs[1]);
    if (other != in) {
      const bool batch = other.n != in.n;
      throw LayerShapeError(fmt::format("layer '{}': adds {} ({}) and {} ({}); an add needs equal shapes",
                                        layer.name, name_of(inputs[0]), spell(in, batch), name_of(inputs[1]),
                                        spell(other, batch)));
    }
  }
  if (layer.kind == LayerKind::GlobalAvgPool) {  // the window is the whole input, whatever its size
    layer.kernel_h = in.h;
    layer.kernel_w = in.w;
    layer.stride_h = layer.stride_w = 1;
    layer.pad_h = layer.pad_w = 0;
  }
  // Pooling and adds keep the channel count; a vector layer keeps it unless the caller set its own.
  if (!layer.on_array() && (layer.kind != LayerKind::Vector || layer.out_c == 0)) layer.out_c = layer.in_c;
  layer.inputs = std::move(inputs);
  layer.validate();  // now, so a bad layer is reported before a later layer reads its impossible shape
  net_.layers.push_back(std::move(layer));
  return last();
}

int NetworkBuilder::conv(const std::string& name, int input, int out_c, int kernel, int stride, int pad,
                         Activation activation, int groups, int dilation) {
  Layer l;
  l.name = name;
  l.kind = LayerKind::Conv;
  l.out_c = out_c;
  l.kernel_h = l.kernel_w = kernel;
  l.stride_h = l.stride_w = stride;
  l.pad_h = l.pad_w = pad;
  l.dilation_h = l.dilation_w = dilation;
  l.groups = groups;
  l.activation = activation;
  return append(std::move(l), {input});
}

int NetworkBuilder::depthwise(const std::string& name, int input, int kernel, int stride, int pad,
                              Activation activation) {
  const int channels = input == kNetworkInput || (input >= 0 && input <= last()) ? shape_of(input).c : 1;
  return conv(name, input, channels, kernel, stride, pad, activation, channels);
}

int NetworkBuilder::fully_connected(const std::string& name, int input, int out_features,
                                    Activation activation) {
  Layer l;
  l.name = name;
  l.kind = LayerKind::Gemm;
  l.out_c = out_features;
  l.activation = activation;
  return append(std::move(l), {input});
}

namespace {
Layer pool(const std::string& name, LayerKind kind, int kernel, int stride, int pad) {
  Layer l;
  l.name = name;
  l.kind = kind;
  l.kernel_h = l.kernel_w = kernel;
  l.stride_h = l.stride_w = stride;
  l.pad_h = l.pad_w = pad;
  return l;
}
}  // namespace

int NetworkBuilder::max_pool(const std::string& name, int input, int kernel, int stride, int pad) {
  return append(pool(name, LayerKind::MaxPool, kernel, stride, pad), {input});
}

int NetworkBuilder::avg_pool(const std::string& name, int input, int kernel, int stride, int pad) {
  return append(pool(name, LayerKind::AvgPool, kernel, stride, pad), {input});
}

int NetworkBuilder::global_avg_pool(const std::string& name, int input) {
  return append(pool(name, LayerKind::GlobalAvgPool, 1, 1, 0), {input});
}

int NetworkBuilder::add(const std::string& name, int a, int b, Activation activation) {
  Layer l;
  l.name = name;
  l.kind = LayerKind::Add;
  l.activation = activation;
  return append(std::move(l), {a, b});
}

int NetworkBuilder::vector(const std::string& name, int input, const std::string& op,
                           double ops_per_element) {
  Layer l;
  l.name = name;
  l.kind = LayerKind::Vector;
  l.vector_op = op;
  l.vector_ops_per_element = ops_per_element;
  l.out_c = 0;  // the input's channels, filled in by append
  return append(std::move(l), {input});
}

Network NetworkBuilder::finish() {
  net_.validate();
  return std::move(net_);
}

}  // namespace systolica
