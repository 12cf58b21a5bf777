#include "workloads/import/onnx_graph.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unordered_set>

#include "workloads/import/model_file_error.h"

namespace systolica::onnx_import {

namespace {

constexpr std::int64_t kMaxDim = 1 << 24;  // Layer::validate()'s bound on every dimension

// libonnx's messages may span lines; ours are one line each.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string spell_dim(const onnx::TensorShapeProto::Dimension& d) {
  if (d.has_dim_value()) return std::to_string(d.dim_value());
  return d.has_dim_param() ? fmt::format("'{}'", d.dim_param()) : std::string("unknown");
}

const onnx::AttributeProto* find_attr(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

float half_to_float(std::uint16_t h) {
  const int exponent = (h >> 10) & 0x1f;
  const int mantissa = h & 0x3ff;
  double value = exponent == 0 ? std::ldexp(mantissa, -24) : std::ldexp(mantissa + 1024, exponent - 25);
  if (exponent == 31) value = mantissa == 0 ? HUGE_VAL : NAN;
  return static_cast<float>((h & 0x8000) ? -value : value);
}

// Reads the first element of raw_data as T, if there are enough bytes.
template <typename T>
std::optional<double> raw_first(const onnx::TensorProto& t) {
  if (t.raw_data().size() < sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, t.raw_data().data(), sizeof(T));  // ONNX raw data is little-endian, as is the host
  return static_cast<double>(value);
}

}  // namespace

OnnxGraph::OnnxGraph(std::string path) : path_(std::move(path)) {
  load();
  check_structure();
}

void OnnxGraph::fail(const std::string& what) const {
  throw ModelFileError(path_ + ": " + one_line(what));
}

void OnnxGraph::fail(const onnx::NodeProto& node, const std::string& what) const {
  fail(describe(node) + ": " + what);
}

std::string OnnxGraph::describe(const onnx::NodeProto& node) {
  return fmt::format("node '{}' ({})", node.name(), node.op_type());
}

void OnnxGraph::load() {
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) fail("no such file");
  if (!std::filesystem::is_regular_file(path_, ec)) fail("not a regular file; expected an ONNX model");
  std::ifstream in(path_, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) fail("cannot read the file");
  if (bytes.empty()) fail("the file is empty; expected an ONNX model");
  // A truncated or corrupt file almost always breaks protobuf's framing; the structural checks below catch
  // the rare cut that falls exactly between two fields.
  if (!model_.ParseFromString(bytes))
    fail("not an ONNX model, or a truncated or corrupt one (protobuf parsing failed)");
  if (!model_.has_graph()) fail("not an ONNX model: it has no graph");
  bool default_opset = false;
  for (const auto& opset : model_.opset_import()) {
    default_opset = default_opset || opset.domain().empty() || opset.domain() == "ai.onnx";
  }
  if (!default_opset) fail("not an ONNX model: it imports no version of the standard ONNX operator set");
}

void OnnxGraph::check_structure() {
  onnx::GraphProto& g = *model_.mutable_graph();
  if (g.node_size() == 0) fail("the graph has no nodes");
  std::unordered_set<std::string> defined;
  for (const auto& init : g.initializer()) {
    defined.insert(init.name());
    constants_[init.name()] = &init;
  }
  for (const auto& in : g.input()) defined.insert(in.name());
  for (int i = 0; i < g.node_size(); ++i) {
    onnx::NodeProto& node = *g.mutable_node(i);
    if (node.name().empty()) node.set_name(fmt::format("{}_{}", node.op_type(), i));
    for (const std::string& name : node.input()) {
      if (name.empty()) continue;  // an optional input left out
      if (!defined.count(name)) {
        fail(node, fmt::format("reads tensor '{}', which no earlier node, initializer or graph input defines "
                               "(the graph is not in topological order, or the file is truncated)",
                               name));
      }
      ++readers_[name];
      reader_nodes_[name].push_back(i);
    }
    for (const std::string& name : node.output()) defined.insert(name);
    if (node.op_type() != "Constant" || node.output_size() != 1) continue;
    if (const auto* value = find_attr(node, "value"); value && value->has_t()) {
      constants_[node.output(0)] = &value->t();
    } else if (const auto* f = find_attr(node, "value_float")) {
      scalar_constants_.emplace_back().set_data_type(onnx::TensorProto::FLOAT);
      scalar_constants_.back().add_float_data(f->f());
      constants_[node.output(0)] = &scalar_constants_.back();
    } else if (const auto* n = find_attr(node, "value_int")) {
      scalar_constants_.emplace_back().set_data_type(onnx::TensorProto::INT64);
      scalar_constants_.back().add_int64_data(n->i());
      constants_[node.output(0)] = &scalar_constants_.back();
    }
  }
  std::vector<std::string> inputs;
  for (const auto& in : g.input()) {
    if (!constants_.count(in.name()))
      inputs.push_back(in.name());  // before IR 4, initializers are inputs too
  }
  if (inputs.empty()) fail("the graph has no inputs (only constants); expected one input tensor");
  if (inputs.size() > 1) {
    fail(fmt::format("the graph has {} inputs ('{}'); only models with one input tensor are supported",
                     inputs.size(), fmt::join(inputs, "', '")));
  }
  input_ = inputs[0];
  if (g.output_size() == 0) fail("the graph has no outputs");
  for (const auto& out : g.output()) {
    if (!defined.count(out.name())) fail(fmt::format("graph output '{}' is produced by no node", out.name()));
    ++readers_[out.name()];  // a graph output is read after the run: no activation may fuse past it
  }
}

void OnnxGraph::take_input(int batch) {
  auto& inputs = *model_.mutable_graph()->mutable_input();
  const auto it =
      std::find_if(inputs.begin(), inputs.end(), [&](const auto& in) { return in.name() == input_; });
  onnx::ValueInfoProto& in = *it;  // check_structure() found it
  if (!in.type().has_tensor_type() || !in.type().tensor_type().has_shape()) {
    fail(fmt::format("input '{}' has no shape; expected a 4-D NCHW or 2-D [batch, features] tensor", input_));
  }
  auto& shape = *in.mutable_type()->mutable_tensor_type()->mutable_shape();
  if (shape.dim_size() != 4 && shape.dim_size() != 2) {
    fail(fmt::format("input '{}' is {}-D; only 4-D NCHW or 2-D [batch, features] inputs are supported",
                     input_, shape.dim_size()));
  }
  auto& n = *shape.mutable_dim(0);
  const std::int64_t model_batch = n.has_dim_value() && n.dim_value() > 0 ? n.dim_value() : 1;
  n.set_dim_value(batch > 0 ? batch : model_batch);  // replaces a symbolic dimension too
  if (n.dim_value() > kMaxDim)
    fail(fmt::format("input '{}' has batch {}; at most {}", input_, n.dim_value(), kMaxDim));
  std::vector<int> d;
  for (int i = 0; i < shape.dim_size(); ++i) {
    const auto& dim = shape.dim(i);
    if (!dim.has_dim_value() || dim.dim_value() < 1 || dim.dim_value() > kMaxDim) {
      fail(
          fmt::format("input '{}' has dimension {} = {}; every dimension but the batch must be a number "
                      "between 1 and {}",
                      input_, i, spell_dim(dim), kMaxDim));
    }
    d.push_back(static_cast<int>(dim.dim_value()));
  }
  input_shape_ = d.size() == 4 ? TensorShape{d[0], d[2], d[3], d[1]} : TensorShape{d[0], 1, 1, d[1]};
}

void OnnxGraph::infer_shapes(int batch) {
  take_input(batch);
  onnx::GraphProto& g = *model_.mutable_graph();
  // Shapes stored in the file were written for the exported batch size; inference recomputes them all.
  g.clear_value_info();
  for (auto& out : *g.mutable_output()) {
    if (out.type().has_tensor_type()) out.mutable_type()->mutable_tensor_type()->clear_shape();
  }
  try {
    const onnx::ShapeInferenceOptions options(/*check_type=*/false, /*error_mode=*/1, /*data_prop=*/true);
    onnx::shape_inference::InferShapes(model_, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    fail(fmt::format("ONNX shape inference failed: {}", e.what()));
  }
  const auto record = [&](const onnx::ValueInfoProto& v) {
    if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return;
    std::vector<std::int64_t>& d = dims_[v.name()];
    for (const auto& dim : v.type().tensor_type().shape().dim())
      d.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
  };
  for (const auto& v : g.input()) record(v);
  for (const auto& v : g.value_info()) record(v);
  for (const auto& v : g.output()) record(v);
  for (const auto& init : g.initializer()) dims_[init.name()].assign(init.dims().begin(), init.dims().end());
}

const std::vector<std::int64_t>* OnnxGraph::dims(const std::string& tensor) const {
  const auto it = dims_.find(tensor);
  return it == dims_.end() ? nullptr : &it->second;
}

const onnx::TensorProto* OnnxGraph::constant(const std::string& tensor) const {
  const auto it = constants_.find(tensor);
  return it == constants_.end() ? nullptr : it->second;
}

int OnnxGraph::readers(const std::string& tensor) const {
  const auto it = readers_.find(tensor);
  return it == readers_.end() ? 0 : it->second;
}

const std::vector<int>& OnnxGraph::reader_nodes(const std::string& tensor) const {
  static const std::vector<int> none;
  const auto it = reader_nodes_.find(tensor);
  return it == reader_nodes_.end() ? none : it->second;
}

bool has_attr(const onnx::NodeProto& node, const std::string& name) {
  return find_attr(node, name) != nullptr;
}

std::int64_t attr_int(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback) {
  const auto* a = find_attr(node, name);
  return a ? a->i() : fallback;
}

float attr_float(const onnx::NodeProto& node, const std::string& name, float fallback) {
  const auto* a = find_attr(node, name);
  return a ? a->f() : fallback;
}

std::string attr_string(const onnx::NodeProto& node, const std::string& name, const std::string& fallback) {
  const auto* a = find_attr(node, name);
  return a ? a->s() : fallback;
}

std::vector<std::int64_t> attr_ints(const onnx::NodeProto& node, const std::string& name) {
  const auto* a = find_attr(node, name);
  return a ? std::vector<std::int64_t>(a->ints().begin(), a->ints().end()) : std::vector<std::int64_t>{};
}

std::optional<double> scalar_value(const onnx::TensorProto& t) {
  const bool one = std::all_of(t.dims().begin(), t.dims().end(), [](std::int64_t d) { return d == 1; });
  if (!one || t.data_location() == onnx::TensorProto::EXTERNAL) return std::nullopt;
  const bool raw = t.has_raw_data();
  // Without raw_data, ONNX keeps 8- to 32-bit integers and float16 bit patterns in int32_data.
  const auto first = [](const auto& field) {
    return field.empty() ? std::nullopt : std::optional<double>(static_cast<double>(field.Get(0)));
  };
  switch (t.data_type()) {
    case onnx::TensorProto::FLOAT:
      return raw ? raw_first<float>(t) : first(t.float_data());
    case onnx::TensorProto::DOUBLE:
      return raw ? raw_first<double>(t) : first(t.double_data());
    case onnx::TensorProto::INT64:
      return raw ? raw_first<std::int64_t>(t) : first(t.int64_data());
    case onnx::TensorProto::INT32:
      return raw ? raw_first<std::int32_t>(t) : first(t.int32_data());
    case onnx::TensorProto::INT8:
      return raw ? raw_first<std::int8_t>(t) : first(t.int32_data());
    case onnx::TensorProto::UINT8:
      return raw ? raw_first<std::uint8_t>(t) : first(t.int32_data());
    case onnx::TensorProto::FLOAT16: {
      const std::optional<double> bits = raw ? raw_first<std::uint16_t>(t) : first(t.int32_data());
      if (!bits) return std::nullopt;
      return half_to_float(static_cast<std::uint16_t>(*bits));
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::vector<std::int64_t>> int_values(const onnx::TensorProto& t) {
  if (t.data_location() == onnx::TensorProto::EXTERNAL) return std::nullopt;
  const auto from_raw = [&](auto type_tag) {
    using T = decltype(type_tag);
    std::vector<std::int64_t> v(t.raw_data().size() / sizeof(T));
    for (std::size_t i = 0; i < v.size(); ++i) {
      T x;
      std::memcpy(&x, t.raw_data().data() + i * sizeof(T), sizeof(T));
      v[i] = x;
    }
    return v;
  };
  switch (t.data_type()) {
    case onnx::TensorProto::INT64:
      if (t.has_raw_data()) return from_raw(std::int64_t{});
      return std::vector<std::int64_t>(t.int64_data().begin(), t.int64_data().end());
    case onnx::TensorProto::INT32:
      if (t.has_raw_data()) return from_raw(std::int32_t{});
      return std::vector<std::int64_t>(t.int32_data().begin(), t.int32_data().end());
    default:
      return std::nullopt;
  }
}

}  // namespace systolica::onnx_import
