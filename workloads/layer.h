#pragma once
// The layer IR: one node of a network (workloads/network.h). Tensors are NHWC int8.
//
// Array layers: a convolution is its loop dimensions; a GEMM, a pointwise conv and an FC layer are the
// same thing with a 1x1 kernel, and a depthwise conv is a conv with groups = in_c. Every array layer
// lowers to `groups` independent GEMMs
//   out[M][N] = in[M][K] x weights[K][N],
// with M = batch x out_h x out_w (output pixels), K = kernel_h x kernel_w x in_c / groups (the reduction)
// and N = out_c / groups (output channels). Batch-norm is folded into the conv's weights and output scale
// before it reaches the IR; a fused activation is applied as the int32 sums are read out to int8.
//
// Vector layers (pooling, residual add, and operators the array cannot run) run on the core's vector unit;
// they have no weights and out_c = in_c. Nothing here includes SystemC.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "workloads/activation.h"

namespace systolica {

// Shapes that make no sense (zero sizes, a kernel larger than the padded input, channels that do not
// divide into groups). The message names the offending dimension.
class LayerShapeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GemmShape {
  std::int64_t m = 0;  // rows of the output: output pixels
  std::int64_t k = 0;  // reduction
  std::int64_t n = 0;  // columns of the output: output channels
  std::int64_t macs() const { return m * k * n; }
};

enum class LayerKind {
  Conv,           // 2-D convolution, any groups (depthwise: groups = in_c)
  Gemm,           // fully connected / matmul: a 1x1 conv over an in_h x 1 "image" (see make_gemm_layer)
  MaxPool,        // kernel/stride/pad as a conv; padding never wins the max
  AvgPool,        // kernel/stride/pad as a conv; the average over the window's in-bounds elements
  GlobalAvgPool,  // the average over in_h x in_w; output 1 x 1 x in_c
  Add,            // elementwise sum of two tensors of the input's shape (a residual connection)
  Vector,         // an operator the array cannot run, timed on the vector unit (vector_op names it)
};

const char* to_string(LayerKind kind);  // "conv", "gemm", "maxpool", "avgpool", "gavgpool", "add", "vector"

// Layer.inputs entries that are not a layer of the network: the network's input tensor.
inline constexpr int kNetworkInput = -1;

struct Layer {
  std::string name;
  LayerKind kind = LayerKind::Conv;
  int batch = 1;
  int in_h = 1, in_w = 1, in_c = 1;  // input feature map, NHWC
  int out_c = 1;                     // output channels (filters)
  int kernel_h = 1, kernel_w = 1;
  int stride_h = 1, stride_w = 1;
  int pad_h = 0, pad_w = 0;  // zero padding on each side
  int dilation_h = 1, dilation_w = 1;
  int groups = 1;
  Activation activation = Activation::None;

  // Where the inputs come from, in a network: indices of earlier layers, or kNetworkInput. Empty means
  // the network input. Add takes two; every other kind one.
  std::vector<int> inputs;

  // Vector layers: the operator's name as imported (for example "Softmax"), the vector unit's work per
  // output element in lane-operations (docs/mapper.md, docs/onnx_import.md), and the output's size when
  // the operator changes it (Resize, reductions; 0: the input's). out_c is the output's channels (a
  // Concat's total). A vector layer may read several inputs: inputs[0] has the layer's input shape; a
  // Concat's others match it but for channels; any other's broadcast to it (each dimension equal or 1).
  std::string vector_op;
  double vector_ops_per_element = 1;
  int vector_out_h = 0, vector_out_w = 0;

  bool on_array() const { return kind == LayerKind::Conv || kind == LayerKind::Gemm; }
  // One input and one output channel per group: the array runs it packed on the diagonal (mapping.h).
  bool depthwise() const { return on_array() && groups > 1 && in_c / groups == 1 && out_c / groups == 1; }
  int kernel_extent_h() const { return dilation_h * (kernel_h - 1) + 1; }
  int kernel_extent_w() const { return dilation_w * (kernel_w - 1) + 1; }
  int out_h() const;
  int out_w() const;
  int out_channels() const { return on_array() || kind == LayerKind::Vector ? out_c : in_c; }
  GemmShape gemm() const;  // one group's GEMM (array layers)
  std::int64_t macs() const { return on_array() ? gemm().macs() * groups : 0; }

  // Sizes in bytes (int8 tensors).
  std::int64_t input_elements() const { return static_cast<std::int64_t>(batch) * in_h * in_w * in_c; }
  std::int64_t output_elements() const {
    return static_cast<std::int64_t>(batch) * out_h() * out_w() * out_channels();
  }
  // Both operands of an Add; the first input of a vector layer with several (the network knows the others).
  std::int64_t input_bytes() const { return input_elements() * (kind == LayerKind::Add ? 2 : 1); }
  std::int64_t output_bytes() const { return output_elements(); }
  std::int64_t weight_bytes() const {
    return on_array() ? static_cast<std::int64_t>(kernel_h) * kernel_w * (in_c / groups) * out_c : 0;
  }

  // Throws LayerShapeError naming the first dimension that is out of range.
  void validate() const;
};

// out[m][n] = sum_k in[m][k] * w[k][n]: a GEMM written as a 1x1 convolution over an m x 1 "image".
Layer make_gemm_layer(std::string name, std::int64_t m, std::int64_t n, std::int64_t k);

// A convolution with square stride and padding on both axes.
Layer make_conv_layer(std::string name, int in_h, int in_w, int in_c, int out_c, int kernel_h, int kernel_w,
                      int stride, int pad);

// Pooling over in_h x in_w x channels (kind MaxPool or AvgPool), square kernel, stride and padding.
Layer make_pool_layer(std::string name, LayerKind kind, int in_h, int in_w, int channels, int kernel,
                      int stride, int pad);

}  // namespace systolica
