#pragma once
// The ONNX side of the ONNX importer (workloads/import/onnx_import.h): loads a model file, checks its
// structure, runs libonnx's shape inference with the batch size fixed, and answers questions about tensors
// (shape, constant value, readers) and node attributes. Private to workloads/import: only the importer
// includes it, so libonnx and protobuf stay out of every other target's headers.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "workloads/network.h"

namespace systolica::onnx_import {

class OnnxGraph {
 public:
  // Loads and parses `path` and checks that it is one connected graph with exactly one input tensor.
  // Throws ModelFileError.
  explicit OnnxGraph(std::string path);
  OnnxGraph(const OnnxGraph&) = delete;  // constants_ points into model_
  OnnxGraph& operator=(const OnnxGraph&) = delete;

  // Checks that the input is 4-D NCHW or 2-D [batch, features] with known sizes, fixes its batch (batch > 0
  // replaces it; otherwise a symbolic or missing one means 1), and fills in every tensor's shape: libonnx
  // shape inference, with data propagation so that the Shape -> Gather -> Concat -> Reshape chains
  // exporters write resolve to numbers. Throws ModelFileError.
  void infer_shapes(int batch);

  const onnx::GraphProto& graph() const { return model_.graph(); }
  const std::string& path() const { return path_; }
  const std::string& input_name() const { return input_; }
  const TensorShape& input_shape() const { return input_shape_; }

  // The tensor's ONNX dimensions (-1 where unknown) after infer_shapes(); nullptr when its rank is unknown.
  const std::vector<std::int64_t>* dims(const std::string& tensor) const;
  // The value of an initializer or of a Constant node's output; nullptr for a computed tensor.
  const onnx::TensorProto* constant(const std::string& tensor) const;
  // How many node inputs and graph outputs read the tensor, and which nodes (indices into graph().node()).
  int readers(const std::string& tensor) const;
  const std::vector<int>& reader_nodes(const std::string& tensor) const;

  // "node 'conv1' (Conv)". Unnamed nodes are named "<op>_<index>" on load, as PyTorch's exporter does.
  static std::string describe(const onnx::NodeProto& node);
  [[noreturn]] void fail(const onnx::NodeProto& node, const std::string& what) const;
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void load();
  void check_structure();
  void take_input(int batch);

  std::string path_;
  onnx::ModelProto model_;
  std::string input_;
  TensorShape input_shape_;
  std::unordered_map<std::string, std::vector<std::int64_t>> dims_;
  std::unordered_map<std::string, const onnx::TensorProto*> constants_;
  std::deque<onnx::TensorProto> scalar_constants_;  // Constant nodes given as value_float / value_int
  std::unordered_map<std::string, int> readers_;
  std::unordered_map<std::string, std::vector<int>> reader_nodes_;
};

// Node attributes, with the operator's default when absent.
std::int64_t attr_int(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback);
float attr_float(const onnx::NodeProto& node, const std::string& name, float fallback);
std::string attr_string(const onnx::NodeProto& node, const std::string& name, const std::string& fallback);
std::vector<std::int64_t> attr_ints(const onnx::NodeProto& node, const std::string& name);  // empty if absent
bool has_attr(const onnx::NodeProto& node, const std::string& name);

// The value of a one-element tensor stored inline (float, double, float16 or an integer type); nullopt for
// anything else, including weights kept in an external file.
std::optional<double> scalar_value(const onnx::TensorProto& tensor);
// The values of an inline int64 or int32 tensor (axes, shapes); nullopt for anything else.
std::optional<std::vector<std::int64_t>> int_values(const onnx::TensorProto& tensor);

}  // namespace systolica::onnx_import
