#pragma once
// What the ONNX importer does with each operator, and what a vector-unit layer of it costs. One table, so
// that docs/onnx_import.md, the error message listing what is supported, and the importer agree.
#include <string>

namespace systolica::onnx_import {

enum class OpRole {
  Conv,            // a Conv layer
  FullyConnected,  // Gemm / MatMul with a constant weight: a Gemm layer
  Pool,            // MaxPool / AveragePool layers
  GlobalPool,      // GlobalAveragePool, or GlobalMaxPool as a MaxPool over the whole input
  Binary,          // elementwise with two operands: Add (residual layer or folded bias), Mul (hard-swish)...
  Activation,      // fused into the producing conv/gemm/add when it can be, else a vector layer
  BatchNorm,       // folded into the preceding conv/gemm when it can be, else a vector layer
  Concat,          // a channel concat: a vector layer reading every operand
  Reduce,          // over H and W: a global pool; over channels: a vector layer
  Alias,           // shape-only: the output is the input tensor, seen with another shape
  ShapeOf,         // Shape / Size: the output is a constant known at load time
  Vector,          // a vector layer of fixed cost per output element
  LoadTime,        // only on constants (shape arithmetic, weight preprocessing); rejected on activations
};

struct OpInfo {
  const char* op;
  OpRole role;
  // Lane-operations per output element when the op runs on the vector unit (docs/onnx_import.md); 0 when
  // it never does, or when the importer computes it from the shape (reductions).
  double lane_ops;
};

// nullptr for an operator the importer does not know.
const OpInfo* find_op(const std::string& op_type);

// The operators accepted on activations, comma-separated, for error messages.
std::string supported_ops();

}  // namespace systolica::onnx_import
