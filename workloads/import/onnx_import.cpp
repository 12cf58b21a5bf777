#include "workloads/import/onnx_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "workloads/import/model_file_error.h"
#include "workloads/import/onnx_graph.h"
#include "workloads/import/onnx_ops.h"

namespace systolica {

namespace {

using onnx_import::attr_float;
using onnx_import::attr_int;
using onnx_import::attr_ints;
using onnx_import::attr_string;
using onnx_import::has_attr;
using onnx_import::OnnxGraph;
using onnx_import::OpInfo;
using onnx_import::OpRole;
using Node = onnx::NodeProto;

constexpr std::int64_t kMaxDim = 1 << 24;  // Layer::validate()'s bound on every dimension

// An ONNX tensor as the importer sees it.
struct Value {
  bool activation = false;    // false: a weight, or a shape computed at load time
  int layer = kNetworkInput;  // activations: the layer whose output this is
  TensorShape shape;          // activations: this tensor, NHWC
  TensorShape stored;         // the layer's output as stored; differs from `shape` after a Reshape/Flatten
  // Reached from `layer`'s output through tensors with one reader each, so the layer may still absorb an
  // activation, a batch-norm or a bias that reads this tensor.
  bool fusable = false;
  std::string hard_swish_of;  // on a HardSigmoid(x) output whose one reader, Mul(x, .), makes hard-swish
};

std::string spell(const TensorShape& s) {
  return fmt::format("{}x{}x{}x{}", s.n, s.h, s.w, s.c);
}

std::string spell(const std::vector<std::int64_t>& dims) {
  std::string s;
  for (std::int64_t d : dims) s += (s.empty() ? "" : ", ") + (d < 0 ? std::string("?") : std::to_string(d));
  return "[" + s + "]";
}

// Whether a constant of these dims, broadcast against an activation of this rank, varies only along the
// channels (axis 1 of NCHW, the features of [batch, features]): a bias the producing layer can absorb.
bool per_channel(const std::vector<std::int64_t>& dims, std::size_t rank) {
  if (dims.size() > rank) return false;
  const std::size_t channel = rank == 4 ? 1 : rank - 1;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] != 1 && rank - dims.size() + i != channel) return false;
  }
  return true;
}

class Importer {
 public:
  explicit Importer(OnnxGraph& graph) : g_(graph) {}
  Network run(int batch);

 private:
  void check_operators() const;
  void visit(const Node& node);
  void conv(const Node& node);
  void fully_connected(const Node& node);
  void pool(const Node& node);
  void global_pool(const Node& node, const Value& x, bool max);
  void binary(const Node& node, const OpInfo& op);
  void activation(const Node& node, const OpInfo& op);
  void reduce(const Node& node);
  void concat(const Node& node, const OpInfo& op);
  void vector(const Node& node, const std::vector<const Value*>& ins, const std::string& op, double lane_ops);

  // An activation op: fused into the producer of `x` when it can take it, else a vector layer named `op`.
  void fuse_activation(const Node& node, const std::string& x, Activation act, int readers,
                       const std::string& op);
  bool can_absorb(const Value& v, const std::string& tensor, int readers, bool array_only) const;
  bool hard_swish_pattern(const Node& hard_sigmoid) const;
  std::optional<Activation> clip_activation(const Node& node) const;

  // Appends the layer, reading `ins` (the first sets its input shape), and defines the node's output.
  void add_layer(const Node& node, Layer layer, const std::vector<const Value*>& ins);
  // The node's output is `v` seen with the output's shape: no layer.
  void alias_output(const Node& node, Value v, bool fusable);
  void check_extra_outputs(const Node& node) const;

  const Value& value(const std::string& tensor) const;
  const Value& data_input(const Node& node) const;  // input 0, an activation; the others must be constants
  std::size_t rank(const std::string& tensor) const { return g_.dims(tensor) ? g_.dims(tensor)->size() : 0; }
  void require_4d(const Node& node) const;
  TensorShape activation_shape(const Node& node, const std::string& tensor) const;
  const std::vector<std::int64_t>& weight_dims(const Node& node, int index, std::size_t rank) const;
  int dim(const Node& node, std::int64_t v, const std::string& what) const;
  std::pair<int, int> pair_attr(const Node& node, const char* name, int fallback) const;
  std::pair<int, int> padding(const Node& node, const TensorShape& in, const Layer& l) const;

  OnnxGraph& g_;
  Network net_;
  std::unordered_map<std::string, Value> values_;
  std::map<std::string, int> vector_ops_;  // op type -> vector layers of it, for the warnings
};

Network Importer::run(int batch) {
  check_operators();  // first, so that an unsupported op is named rather than a shape it leads to
  g_.infer_shapes(batch);
  const onnx::GraphProto& graph = g_.graph();
  net_.name = graph.name().empty() ? std::filesystem::path(g_.path()).stem().string() : graph.name();
  net_.input = g_.input_shape();
  for (const auto& init : graph.initializer()) values_[init.name()] = Value{};
  Value input;
  input.activation = true;
  input.shape = input.stored = g_.input_shape();
  values_[g_.input_name()] = input;
  for (const Node& node : graph.node()) visit(node);
  if (net_.layers.empty())
    g_.fail("no operator of the graph becomes a layer (only shape operators and constants)");
  for (const auto& [op, count] : vector_ops_) {
    net_.warnings.push_back(fmt::format("timed on the vector unit: {} x {}", count, op));
  }
  return std::move(net_);
}

void Importer::check_operators() const {
  std::unordered_set<std::string> activations{g_.input_name()};
  for (const Node& node : g_.graph().node()) {
    if (!node.domain().empty() && node.domain() != "ai.onnx") {
      g_.fail(node, fmt::format("operator domain '{}' is not supported; only standard ONNX operators are",
                                node.domain()));
    }
    const OpInfo* op = onnx_import::find_op(node.op_type());
    const bool on_activation = std::any_of(node.input().begin(), node.input().end(),
                                           [&](const std::string& in) { return activations.count(in) > 0; });
    if (!op || (on_activation && op->role == OpRole::LoadTime)) {
      g_.fail(node,
              fmt::format("operator {} is not supported{}; supported: {}", node.op_type(),
                          op ? " on activations (only on constants)" : "", onnx_import::supported_ops()));
    }
    if (on_activation && op->role != OpRole::ShapeOf)
      activations.insert(node.output().begin(), node.output().end());
  }
}

void Importer::visit(const Node& node) {
  const OpInfo& op = *onnx_import::find_op(node.op_type());
  const bool on_activation = std::any_of(node.input().begin(), node.input().end(),
                                         [&](const std::string& in) { return value(in).activation; });
  if (!on_activation || op.role == OpRole::ShapeOf) {  // computed once, at load time: no layer
    for (const std::string& out : node.output()) values_[out] = Value{};
    return;
  }
  if (node.output_size() == 0 || node.output(0).empty()) g_.fail(node, "has no output");
  const std::size_t operands = op.role == OpRole::Binary || op.role == OpRole::FullyConnected ? 2 : 1;
  if (static_cast<std::size_t>(node.input_size()) < operands) {
    g_.fail(node, fmt::format("has {} input(s); {} takes at least {}", node.input_size(), node.op_type(),
                              operands));
  }
  switch (op.role) {
    case OpRole::Conv:
      return conv(node);
    case OpRole::FullyConnected:
      return fully_connected(node);
    case OpRole::Pool:
      return pool(node);
    case OpRole::GlobalPool: {
      const Value& x = data_input(node);
      return global_pool(node, x, node.op_type() == "GlobalMaxPool");
    }
    case OpRole::Binary:
      return binary(node, op);
    case OpRole::Activation:
      return activation(node, op);
    case OpRole::BatchNorm: {
      const Value& x = data_input(node);
      if (can_absorb(x, node.input(0), 1, true))
        return alias_output(node, x, true);  // folded into the weights
      return vector(node, {&x}, node.op_type(), op.lane_ops);
    }
    case OpRole::Concat:
      return concat(node, op);
    case OpRole::Reduce:
      return reduce(node);
    case OpRole::Alias: {
      const Value& x = data_input(node);
      return alias_output(node, x, x.fusable && g_.readers(node.input(0)) == 1);
    }
    case OpRole::Vector:
      return vector(node, {&data_input(node)}, node.op_type(), op.lane_ops);
    case OpRole::ShapeOf:
    case OpRole::LoadTime:
      break;  // handled above and by check_operators()
  }
}

void Importer::conv(const Node& node) {
  const Value& x = data_input(node);
  require_4d(node);
  const std::vector<std::int64_t>& w = weight_dims(node, 1, 4);  // [out_c, in_c / group, kernel_h, kernel_w]
  Layer l;
  l.kind = LayerKind::Conv;
  l.groups = dim(node, attr_int(node, "group", 1), "group");
  l.out_c = dim(node, w[0], "output channels");
  l.kernel_h = dim(node, w[2], "kernel height");
  l.kernel_w = dim(node, w[3], "kernel width");
  if (w[1] * l.groups != x.shape.c) {
    g_.fail(node,
            fmt::format("weight '{}' is {} with group = {}, which needs {} input channels; the input has {}",
                        node.input(1), spell(w), l.groups, w[1] * l.groups, x.shape.c));
  }
  if (has_attr(node, "kernel_shape") &&
      pair_attr(node, "kernel_shape", 1) != std::pair(l.kernel_h, l.kernel_w)) {
    g_.fail(node, fmt::format("kernel_shape {} disagrees with the weight '{}' {}",
                              spell(attr_ints(node, "kernel_shape")), node.input(1), spell(w)));
  }
  std::tie(l.stride_h, l.stride_w) = pair_attr(node, "strides", 1);
  std::tie(l.dilation_h, l.dilation_w) = pair_attr(node, "dilations", 1);
  std::tie(l.pad_h, l.pad_w) = padding(node, x.shape, l);
  add_layer(node, l, {&x});
}

void Importer::fully_connected(const Node& node) {
  const std::string& op = node.op_type();
  const Value& a = value(node.input(0));
  const Value& b = value(node.input(1));
  if (!a.activation || b.activation) {
    g_.fail(node,
            fmt::format("multiplies {}; only an activation (input 0) times a constant weight (input 1) maps "
                        "onto the array",
                        a.activation ? "two activations" : "a constant by an activation"));
  }
  if (node.input_size() > 2 && value(node.input(2)).activation) {
    g_.fail(node,
            fmt::format("bias '{}' is computed from the network input; only a constant bias is supported",
                        node.input(2)));
  }
  if (rank(node.input(0)) != 2) {
    g_.fail(node, fmt::format("{} on a {}-D input multiplies along its last axis, not its channels; only 2-D "
                              "[batch, features] inputs are supported (Flatten first)",
                              op, rank(node.input(0))));
  }
  if (op == "Gemm" && attr_int(node, "transA", 0) != 0)
    g_.fail(node, "transA = 1 (a transposed activation) is unsupported");
  const std::vector<std::int64_t>& w = weight_dims(node, 1, 2);
  const bool trans_b = op == "Gemm" && attr_int(node, "transB", 0) != 0;
  const std::int64_t k = trans_b ? w[1] : w[0];
  const std::int64_t n = trans_b ? w[0] : w[1];
  if (k != a.shape.c) {
    g_.fail(node, fmt::format("weight '{}' {} expects {} input features; the input has {}", node.input(1),
                              spell(w), k, a.shape.c));
  }
  Layer l;
  l.kind = LayerKind::Gemm;
  l.out_c = dim(node, n, "output features");
  add_layer(node, l, {&a});
}

void Importer::pool(const Node& node) {
  const Value& x = data_input(node);
  require_4d(node);
  const bool max = node.op_type() == "MaxPool";
  if (attr_ints(node, "kernel_shape").size() != 2) {
    g_.fail(node, fmt::format("kernel_shape {} must have 2 values (height, width)",
                              spell(attr_ints(node, "kernel_shape"))));
  }
  Layer l;
  l.kind = max ? LayerKind::MaxPool : LayerKind::AvgPool;
  std::tie(l.kernel_h, l.kernel_w) = pair_attr(node, "kernel_shape", 1);
  std::tie(l.stride_h, l.stride_w) = pair_attr(node, "strides", 1);
  std::tie(l.dilation_h, l.dilation_w) = pair_attr(node, "dilations", 1);
  std::tie(l.pad_h, l.pad_w) = padding(node, x.shape, l);
  if (!max && attr_int(node, "count_include_pad", 0) != 0 && (l.pad_h > 0 || l.pad_w > 0)) {
    g_.fail(node,
            "count_include_pad = 1 with padding is unsupported; the IR averages over the in-bounds "
            "elements only (count_include_pad = 0)");
  }
  add_layer(node, l, {&x});
}

void Importer::global_pool(const Node& node, const Value& x, bool max) {
  require_4d(node);
  Layer l;  // the window is the whole input, as NetworkBuilder writes global pooling
  l.kind = max ? LayerKind::MaxPool : LayerKind::GlobalAvgPool;
  l.kernel_h = x.shape.h;
  l.kernel_w = x.shape.w;
  add_layer(node, l, {&x});
}

void Importer::binary(const Node& node, const OpInfo& op) {
  const std::string& a_name = node.input(0);
  const std::string& b_name = node.input(1);
  const Value& a = value(a_name);
  const Value& b = value(b_name);
  if (node.op_type() == "Mul" && !b.hard_swish_of.empty() && b.hard_swish_of == a_name) {
    return fuse_activation(node, a_name, Activation::HardSwish, 2, "HardSwish");
  }
  if (node.op_type() == "Mul" && !a.hard_swish_of.empty() && a.hard_swish_of == b_name) {
    return fuse_activation(node, b_name, Activation::HardSwish, 2, "HardSwish");
  }
  if (a.activation && b.activation) {
    if (node.op_type() == "Add" && a.shape == b.shape) {  // a residual connection
      Layer l;
      l.kind = LayerKind::Add;
      return add_layer(node, l, {&a, &b});
    }
    // Broadcasting, or not an add: the vector unit. The operand with the output's shape comes first.
    const TensorShape out = activation_shape(node, node.output(0));
    if (a.shape != out && b.shape != out) {
      g_.fail(node,
              fmt::format("broadcasts both operands ({} and {}) to {}; one operand must have the output's "
                          "shape",
                          spell(a.shape), spell(b.shape), spell(out)));
    }
    return vector(node, a.shape == out ? std::vector{&a, &b} : std::vector{&b, &a}, node.op_type(),
                  op.lane_ops);
  }
  const std::string& x_name = a.activation ? a_name : b_name;
  const Value& x = a.activation ? a : b;
  const std::vector<std::int64_t>* c = g_.dims(a.activation ? b_name : a_name);
  if (node.op_type() == "Add" && can_absorb(x, x_name, 1, true) && c && per_channel(*c, rank(x_name))) {
    return alias_output(node, x, true);  // the layer's bias
  }
  vector(node, {&x}, node.op_type(), op.lane_ops);
}

void Importer::activation(const Node& node, const OpInfo& op) {
  const Value& x = data_input(node);
  const std::string& type = node.op_type();
  if (type == "HardSigmoid") {
    if (!hard_swish_pattern(node)) return vector(node, {&x}, type, op.lane_ops);
    Value marked = x;  // no layer: the Mul reading it fuses the pair as hard-swish
    marked.hard_swish_of = node.input(0);
    values_[node.output(0)] = marked;
    return;
  }
  std::optional<Activation> act;
  if (type == "Relu") act = Activation::Relu;
  if (type == "HardSwish") act = Activation::HardSwish;
  if (type == "Clip") act = clip_activation(node);
  if (!act) return vector(node, {&x}, type, op.lane_ops);
  fuse_activation(node, node.input(0), *act, 1, type);
}

void Importer::fuse_activation(const Node& node, const std::string& x_name, Activation act, int readers,
                               const std::string& op) {
  const Value& x = value(x_name);
  if (can_absorb(x, x_name, readers, false)) {
    net_.layers[static_cast<std::size_t>(x.layer)].activation = act;
    return alias_output(node, x, true);
  }
  vector(node, {&x}, op, onnx_import::find_op(op)->lane_ops);
}

// Whether the layer producing `v` can take on an operation that reads `tensor`: it is a conv or gemm (or,
// for activations, an add), has no activation yet, and nothing else reads its output on the way.
bool Importer::can_absorb(const Value& v, const std::string& tensor, int readers, bool array_only) const {
  if (v.layer == kNetworkInput || !v.fusable || g_.readers(tensor) != readers) return false;
  const Layer& l = net_.layers[static_cast<std::size_t>(v.layer)];
  return l.activation == Activation::None && (l.on_array() || (!array_only && l.kind == LayerKind::Add));
}

// HardSigmoid(x; alpha = 1/6, beta = 0.5) read only by Mul(x, it): PyTorch's export of hard-swish.
bool Importer::hard_swish_pattern(const Node& node) const {
  const std::string& x = node.input(0);
  const std::string& h = node.output(0);
  const std::vector<int>& readers = g_.reader_nodes(h);
  if (g_.readers(h) != 1 || readers.size() != 1) return false;
  const Node& mul = g_.graph().node(readers[0]);
  const bool pair = mul.op_type() == "Mul" && mul.input_size() == 2 &&
                    ((mul.input(0) == x && mul.input(1) == h) || (mul.input(0) == h && mul.input(1) == x));
  return pair && std::abs(attr_float(node, "alpha", 0.2f) - 1.0 / 6.0) < 1e-4 &&
         std::abs(attr_float(node, "beta", 0.5f) - 0.5) < 1e-6;
}

// Clip(0, 6) is Relu6 and Clip(0, no max) Relu; other bounds (or ones we cannot read) are not an IR
// activation. Clip-11 and later take the bounds as optional inputs, Clip-6 as attributes.
std::optional<Activation> Importer::clip_activation(const Node& node) const {
  constexpr double kUnbounded = std::numeric_limits<float>::max();
  const auto bound = [&](int index, const char* attr, double unbounded) -> std::optional<double> {
    if (node.input_size() > index && !node.input(index).empty()) {
      const onnx::TensorProto* t = g_.constant(node.input(index));
      return t ? onnx_import::scalar_value(*t) : std::nullopt;
    }
    return has_attr(node, attr) ? attr_float(node, attr, 0) : unbounded;
  };
  const std::optional<double> lo = bound(1, "min", -kUnbounded);
  const std::optional<double> hi = bound(2, "max", kUnbounded);
  if (!lo || !hi || *lo != 0) return std::nullopt;
  if (*hi == 6) return Activation::Relu6;
  if (*hi >= kUnbounded) return Activation::Relu;
  return std::nullopt;
}

void Importer::reduce(const Node& node) {
  const Value& x = data_input(node);
  const std::size_t r = rank(node.input(0));
  std::vector<std::int64_t> axes = attr_ints(node, "axes");
  if (node.input_size() > 1 && !node.input(1).empty()) {  // ReduceSum-13 takes its axes as an input
    const onnx::TensorProto* t = g_.constant(node.input(1));
    const auto values = t ? onnx_import::int_values(*t) : std::nullopt;
    if (!values)
      g_.fail(node, fmt::format("the axes '{}' are not a constant list of integers", node.input(1)));
    axes = *values;
  }
  if (axes.empty()) {
    for (std::size_t i = 0; i < r; ++i) axes.push_back(static_cast<std::int64_t>(i));
  }
  for (std::int64_t& axis : axes) axis += axis < 0 ? static_cast<std::int64_t>(r) : 0;
  std::sort(axes.begin(), axes.end());
  const bool spatial = r == 4 && axes == std::vector<std::int64_t>{2, 3};
  if (spatial && (node.op_type() == "ReduceMean" || node.op_type() == "ReduceMax")) {
    return global_pool(node, x, node.op_type() == "ReduceMax");
  }
  // On the vector unit, each output element reduces over every element of the reduced axes.
  const std::vector<std::int64_t>& d = *g_.dims(node.input(0));
  double lane_ops = 1;
  for (std::int64_t axis : axes) {
    if (axis < 0 || axis >= static_cast<std::int64_t>(r))
      g_.fail(node, fmt::format("axis {} is out of range", axis));
    lane_ops *= static_cast<double>(d[static_cast<std::size_t>(axis)]);
  }
  vector(node, {&x}, node.op_type(), lane_ops);
}

void Importer::concat(const Node& node, const OpInfo& op) {
  std::vector<const Value*> ins;
  for (const std::string& name : node.input()) {
    const Value& v = value(name);
    if (!v.activation) {
      g_.fail(node,
              fmt::format("concatenates the constant '{}' with activations; only activations can be", name));
    }
    ins.push_back(&v);
  }
  activation_shape(node, node.output(0));  // fails unless the rank is known, and 4 or 2
  const std::int64_t r = static_cast<std::int64_t>(rank(node.output(0)));
  std::int64_t axis = attr_int(node, "axis", 1);
  if (axis < 0) axis += r;
  if (axis != 1) {
    const char* what = axis == 0 ? "batch" : axis == 2 ? "height" : axis == 3 ? "width" : "out of range";
    g_.fail(node, fmt::format("concatenates along axis {} ({}); only the channel axis (1) is supported", axis,
                              what));
  }
  vector(node, ins, "Concat", op.lane_ops);
}

void Importer::vector(const Node& node, const std::vector<const Value*>& ins, const std::string& op,
                      double lane_ops) {
  Layer l;
  l.kind = LayerKind::Vector;
  l.vector_op = op;
  l.vector_ops_per_element = lane_ops;
  const TensorShape out = activation_shape(node, node.output(0));
  l.out_c = out.c;  // a Concat's total, a channel reduction's 1
  l.vector_out_h = out.h;
  l.vector_out_w = out.w;
  add_layer(node, l, ins);
  ++vector_ops_[op];
}

void Importer::add_layer(const Node& node, Layer l, const std::vector<const Value*>& ins) {
  l.name = node.name();
  const TensorShape& in = ins[0]->shape;
  l.batch = in.n;
  l.in_h = l.kind == LayerKind::Gemm ? 1 : in.h;  // a Gemm reads the flatten of its input, which is free
  l.in_w = l.kind == LayerKind::Gemm ? 1 : in.w;
  l.in_c = l.kind == LayerKind::Gemm
               ? dim(node, static_cast<std::int64_t>(in.h) * in.w * in.c, "input features")
               : in.c;
  if (!l.on_array() && l.kind != LayerKind::Vector) l.out_c = l.in_c;
  for (const Value* v : ins) {
    // A Reshape moves no data, so its reader reads the producer's stored tensor: only the flatten before a
    // Gemm reads that tensor the way the IR lays it out.
    const bool flatten = l.kind == LayerKind::Gemm && v->shape.h == 1 && v->shape.w == 1;
    if (v->shape != v->stored && !flatten) {
      g_.fail(node,
              fmt::format("reads a reshaped view ({} NHWC) of a tensor stored as {}; reshaping an activation "
                          "is supported only as the flatten before a Gemm or MatMul",
                          spell(v->shape), spell(v->stored)));
    }
    l.inputs.push_back(v->layer);
  }
  try {
    l.validate();
  } catch (const LayerShapeError& e) {
    g_.fail(node, e.what());
  }
  const TensorShape out = activation_shape(node, node.output(0));
  if (l.kind != LayerKind::Vector) {
    const TensorShape ir{l.batch, l.out_h(), l.out_w(), l.out_channels()};
    if (ir != out) {
      g_.fail(node,
              fmt::format(
                  "ONNX infers the output {} (NHWC) but the IR layer computes {}{}", spell(out), spell(ir),
                  attr_int(node, "ceil_mode", 0) ? " (ceil_mode = 1 rounds up; the IR rounds down)" : ""));
    }
  }
  check_extra_outputs(node);
  net_.layers.push_back(std::move(l));
  Value v;
  v.activation = true;
  v.layer = static_cast<int>(net_.layers.size()) - 1;
  v.shape = v.stored = out;
  v.fusable = true;
  values_[node.output(0)] = v;
}

void Importer::alias_output(const Node& node, Value v, bool fusable) {
  check_extra_outputs(node);
  v.shape = activation_shape(node, node.output(0));
  v.fusable = fusable;
  v.hard_swish_of.clear();
  values_[node.output(0)] = v;
}

void Importer::check_extra_outputs(const Node& node) const {
  for (int i = 1; i < node.output_size(); ++i) {
    if (!node.output(i).empty() && g_.readers(node.output(i)) > 0) {
      g_.fail(node, fmt::format("output {} ('{}') is read; only the first output of {} is supported", i,
                                node.output(i), node.op_type()));
    }
  }
}

const Value& Importer::value(const std::string& tensor) const {
  static const Value absent;  // an optional input left out
  if (tensor.empty()) return absent;
  const auto it = values_.find(tensor);
  if (it == values_.end()) g_.fail(fmt::format("tensor '{}' is read before it is defined", tensor));
  return it->second;
}

const Value& Importer::data_input(const Node& node) const {
  for (int i = 1; i < node.input_size(); ++i) {
    if (value(node.input(i)).activation) {
      g_.fail(node,
              fmt::format("input {} ('{}') is computed from the network input; only input 0 may be, the "
                          "others must be constants",
                          i, node.input(i)));
    }
  }
  const Value& x = value(node.input_size() > 0 ? node.input(0) : std::string());
  if (!x.activation) g_.fail(node, "input 0 is a constant; expected the activation there");
  return x;
}

void Importer::require_4d(const Node& node) const {
  if (rank(node.input(0)) != 4) {
    g_.fail(node, fmt::format("input '{}' is {}-D; {} needs a 4-D NCHW tensor", node.input(0),
                              rank(node.input(0)), node.op_type()));
  }
}

TensorShape Importer::activation_shape(const Node& node, const std::string& tensor) const {
  const std::vector<std::int64_t>* d = g_.dims(tensor);
  if (!d || std::any_of(d->begin(), d->end(), [](std::int64_t x) { return x < 0; })) {
    g_.fail(node, fmt::format("ONNX shape inference could not tell the shape of '{}' ({})", tensor,
                              d ? spell(*d) : std::string("unknown rank")));
  }
  if (d->size() != 4 && d->size() != 2) {
    g_.fail(node,
            fmt::format("'{}' has shape {} ({}-D); activations must be 4-D NCHW or 2-D [batch, features]",
                        tensor, spell(*d), d->size()));
  }
  std::vector<int> v;
  for (std::int64_t x : *d) v.push_back(dim(node, x, fmt::format("a dimension of '{}'", tensor)));
  const TensorShape s = v.size() == 4 ? TensorShape{v[0], v[2], v[3], v[1]} : TensorShape{v[0], 1, 1, v[1]};
  if (s.n != net_.input.n) {
    g_.fail(node, fmt::format(
                      "'{}' has batch {} but the network input has batch {}; operators that change the batch "
                      "dimension are unsupported (a Reshape with a fixed batch size? use -1 or 0)",
                      tensor, s.n, net_.input.n));
  }
  return s;
}

const std::vector<std::int64_t>& Importer::weight_dims(const Node& node, int index, std::size_t r) const {
  if (node.input_size() <= index || node.input(index).empty())
    g_.fail(node, fmt::format("has no input {} (the weight)", index));
  const std::string& name = node.input(index);
  if (value(name).activation) {
    g_.fail(node,
            fmt::format("weight '{}' is computed from the network input; the array needs constant weights",
                        name));
  }
  const std::vector<std::int64_t>* d = g_.dims(name);
  if (!d || d->size() != r || std::any_of(d->begin(), d->end(), [](std::int64_t x) { return x < 1; })) {
    g_.fail(node, fmt::format("weight '{}' has shape {}; expected {} known dimensions", name,
                              d ? spell(*d) : std::string("unknown"), r));
  }
  return *d;
}

int Importer::dim(const Node& node, std::int64_t v, const std::string& what) const {
  if (v < 1 || v > kMaxDim)
    g_.fail(node, fmt::format("{} = {} is out of range; must be between 1 and {}", what, v, kMaxDim));
  return static_cast<int>(v);
}

std::pair<int, int> Importer::pair_attr(const Node& node, const char* name, int fallback) const {
  const std::vector<std::int64_t> v = attr_ints(node, name);
  if (v.empty()) return {fallback, fallback};
  if (v.size() != 2) g_.fail(node, fmt::format("{} {} must have 2 values (height, width)", name, spell(v)));
  return {dim(node, v[0], name), dim(node, v[1], name)};
}

// The IR pads both sides of an axis equally; ONNX may not.
std::pair<int, int> Importer::padding(const Node& node, const TensorShape& in, const Layer& l) const {
  const std::string auto_pad = attr_string(node, "auto_pad", "NOTSET");
  if (auto_pad == "VALID") return {0, 0};
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    const auto same = [&](int size, int stride, int extent, const char* axis) {
      const int out = (size + stride - 1) / stride;
      const int total = std::max(0, (out - 1) * stride + extent - size);
      if (total % 2 != 0) {
        g_.fail(node,
                fmt::format("auto_pad {} pads the {} by {} in all, one more on one side: asymmetric padding "
                            "is unsupported (the IR pads both sides equally)",
                            auto_pad, axis, total));
      }
      return total / 2;
    };
    return {same(in.h, l.stride_h, l.kernel_extent_h(), "height"),
            same(in.w, l.stride_w, l.kernel_extent_w(), "width")};
  }
  if (auto_pad != "NOTSET") {
    g_.fail(node, fmt::format("auto_pad '{}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID", auto_pad));
  }
  const std::vector<std::int64_t> pads = attr_ints(node, "pads");  // [top, left, bottom, right]
  if (pads.empty()) return {0, 0};
  if (pads.size() != 4)
    g_.fail(node, fmt::format("pads {} must have 4 values (top, left, bottom, right)", spell(pads)));
  if (pads[0] != pads[2] || pads[1] != pads[3]) {
    g_.fail(node,
            fmt::format("pads {} (top, left, bottom, right): asymmetric padding is unsupported; the IR pads "
                        "both sides of an axis equally",
                        spell(pads)));
  }
  if (pads[0] < 0 || pads[1] < 0 || pads[0] > kMaxDim || pads[1] > kMaxDim) {
    g_.fail(node, fmt::format("pads {} must be between 0 and {}", spell(pads), kMaxDim));
  }
  return {static_cast<int>(pads[0]), static_cast<int>(pads[1])};
}

}  // namespace

Network import_onnx(const std::string& path, int batch) {
  try {
    OnnxGraph graph(path);
    return Importer(graph).run(batch);
  } catch (const ModelFileError&) {
    throw;
  } catch (const std::exception& e) {  // a model this importer did not foresee: still one line, never a crash
    throw ModelFileError(fmt::format("{}: cannot import: {}", path, e.what()));
  }
}

}  // namespace systolica
