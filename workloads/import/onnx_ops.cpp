#include "workloads/import/onnx_ops.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace systolica::onnx_import {

namespace {

using R = OpRole;

// Lane-operation counts are per output element on a vector unit of N lanes, each doing one int8/int32
// operation per cycle: 1 for a compare, add or copy; 2 for a multiply-add then clamp; about 4 for a
// transcendental from a small table plus interpolation; 5 for softmax (max, subtract, exp, sum, divide
// amortized over the row). They are estimates: the point is to time these ops, not to leave them out.
constexpr OpInfo kOps[] = {
    {"Conv", R::Conv, 0},
    {"Gemm", R::FullyConnected, 0},
    {"MatMul", R::FullyConnected, 0},
    {"MaxPool", R::Pool, 0},
    {"AveragePool", R::Pool, 0},
    {"GlobalAveragePool", R::GlobalPool, 0},
    {"GlobalMaxPool", R::GlobalPool, 0},
    {"Add", R::Binary, 1},
    {"Sub", R::Binary, 1},
    {"Mul", R::Binary, 1},
    {"Div", R::Binary, 1},
    {"Max", R::Binary, 1},
    {"Min", R::Binary, 1},
    {"Pow", R::Binary, 4},
    {"Relu", R::Activation, 1},
    {"Clip", R::Activation, 1},
    {"HardSigmoid", R::Activation, 2},
    {"HardSwish", R::Activation, 3},
    {"BatchNormalization", R::BatchNorm, 2},
    {"Concat", R::Concat, 1},
    {"ReduceMean", R::Reduce, 0},
    {"ReduceMax", R::Reduce, 0},
    {"ReduceMin", R::Reduce, 0},
    {"ReduceSum", R::Reduce, 0},
    {"Flatten", R::Alias, 0},
    {"Reshape", R::Alias, 0},
    {"Squeeze", R::Alias, 0},
    {"Unsqueeze", R::Alias, 0},
    {"Identity", R::Alias, 0},
    {"Dropout", R::Alias, 0},
    {"QuantizeLinear", R::Alias, 0},  // the IR's tensors are int8 already
    {"DequantizeLinear", R::Alias, 0},
    {"Shape", R::ShapeOf, 0},
    {"Size", R::ShapeOf, 0},
    {"LeakyRelu", R::Vector, 1},
    {"PRelu", R::Vector, 1},
    {"Abs", R::Vector, 1},
    {"Neg", R::Vector, 1},
    {"Transpose", R::Vector, 1},
    {"Resize", R::Vector, 2},
    {"Sqrt", R::Vector, 4},
    {"Reciprocal", R::Vector, 4},
    {"Sigmoid", R::Vector, 4},
    {"Tanh", R::Vector, 4},
    {"Exp", R::Vector, 4},
    {"Log", R::Vector, 4},
    {"Erf", R::Vector, 4},
    {"Elu", R::Vector, 4},
    {"Selu", R::Vector, 4},
    {"Softplus", R::Vector, 4},
    {"Softmax", R::Vector, 5},
    {"LogSoftmax", R::Vector, 5},
    {"LayerNormalization", R::Vector, 5},
    {"InstanceNormalization", R::Vector, 5},
    {"Constant", R::LoadTime, 0},
    {"ConstantOfShape", R::LoadTime, 0},
    {"Gather", R::LoadTime, 0},
    {"Cast", R::LoadTime, 0},
    {"Slice", R::LoadTime, 0},
    {"Range", R::LoadTime, 0},
    {"Equal", R::LoadTime, 0},
    {"Where", R::LoadTime, 0},
    {"Expand", R::LoadTime, 0},
    {"Floor", R::LoadTime, 0},
    {"Ceil", R::LoadTime, 0},
    {"ReduceProd", R::LoadTime, 0},
};

}  // namespace

const OpInfo* find_op(const std::string& op_type) {
  const auto it =
      std::find_if(std::begin(kOps), std::end(kOps), [&](const OpInfo& o) { return op_type == o.op; });
  return it == std::end(kOps) ? nullptr : it;
}

std::string supported_ops() {
  std::vector<std::string> names;
  for (const OpInfo& o : kOps) {
    if (o.role != OpRole::LoadTime) names.emplace_back(o.op);
  }
  std::sort(names.begin(), names.end());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return list;
}

}  // namespace systolica::onnx_import
