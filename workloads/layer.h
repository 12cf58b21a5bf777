#pragma once
// The layer IR. A convolution is its loop dimensions; a GEMM, a pointwise conv and an FC layer are the
// same thing with a 1x1 kernel. Every layer lowers to `groups` independent GEMMs
//   out[M][N] = in[M][K] x weights[K][N],
// with M = batch x out_h x out_w (output pixels), K = kernel_h x kernel_w x in_c / groups (the reduction)
// and N = out_c / groups (output channels). Nothing here includes SystemC.
#include <cstdint>
#include <stdexcept>
#include <string>

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

enum class LayerKind { Conv, Gemm };

struct Layer {
  std::string name;
  LayerKind kind = LayerKind::Conv;
  int batch = 1;
  int in_h = 1, in_w = 1, in_c = 1;  // input feature map, NHWC
  int out_c = 1;                     // output channels (filters)
  int kernel_h = 1, kernel_w = 1;
  int stride_h = 1, stride_w = 1;
  int pad_h = 0, pad_w = 0;  // zero padding on each side
  int groups = 1;

  int out_h() const { return (in_h + 2 * pad_h - kernel_h) / stride_h + 1; }
  int out_w() const { return (in_w + 2 * pad_w - kernel_w) / stride_w + 1; }
  GemmShape gemm() const;  // one group's GEMM
  std::int64_t macs() const { return gemm().macs() * groups; }

  // Throws LayerShapeError naming the first dimension that is out of range.
  void validate() const;
};

// out[m][n] = sum_k in[m][k] * w[k][n]: a GEMM written as a 1x1 convolution over an m x 1 "image".
Layer make_gemm_layer(std::string name, std::int64_t m, std::int64_t n, std::int64_t k);

// A convolution with square stride and padding on both axes.
Layer make_conv_layer(std::string name, int in_h, int in_w, int in_c, int out_c, int kernel_h, int kernel_w,
                      int stride, int pad);

}  // namespace systolica
