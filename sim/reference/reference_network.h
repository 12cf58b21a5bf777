#pragma once
// The functional reference for whole quantized networks: direct loops, no tiling, in plain C++. What it
// computes is THE definition of a quantized network that the hardware model must match bit for bit.
//
// Tensors are NHWC int8. Layers run in order; layer i reads:
//   - for each entry of layer.inputs: kNetworkInput -> params.input, j -> the output of layer j;
//   - with empty inputs: layer 0 reads the network input (an Add reads it as both operands); any later layer
//     reads params.extra_inputs[i], an independent tensor of its own input shape (an Add: a, then b).
// A tensor a layer reads must have exactly layer.input_elements() values. A Gemm layer therefore reads its
// producer's NHWC tensor flattened (h x w x c in NHWC order as its in_c features): the bytes do not move.
//
// Conv and Gemm (Gemm is a conv with a 1x1 kernel). Output (b, oy, ox, o) of a conv with out_c / groups
// filters per group reads group g = o / (out_c / groups), input channels g x (in_c / groups) + c:
//   sum = sum over ry < kernel_h, rx < kernel_w, c < in_c / groups, with y, x in bounds, of
//         int32(in[b][y][x][g x (in_c / groups) + c]) x int32(w[o][ry][rx][c])
//   y = oy x stride_h - pad_h + ry x dilation_h,  x = ox x stride_w - pad_w + rx x dilation_w
// Out-of-bounds taps read zero (zero padding). The sum wraps around modulo 2^32 (two's complement int32)
// as the hardware accumulator does. out = read_out(sum, scale) (arch/sram/output_scale.h): rounding half to
// even, the layer's activation, saturation to int8. There are no biases: batch-norm is folded into the
// weights and the scale, and biases are not modelled. The scale is params.layers[i].scale; its activation
// must be the layer's (std::invalid_argument otherwise), so that reading either gives the same answer.
//
// Add: out = read_out(int32(a) + int32(b), scale), with the layer's activation.
//
// Pooling, on each channel, without activation or scale (the results are within int8 already):
//   MaxPool: the maximum over the window's in-bounds elements (padding never wins).
//   AvgPool: divide_half_even(sum of the in-bounds elements, their number) (padding is not counted).
//   GlobalAvgPool: divide_half_even(sum over in_h x in_w, in_h x in_w); output 1 x 1 x in_c per image.
// Windows are placed as a conv's (stride, padding, dilation). A window with no element in bounds (possible
// only with dilation) gives 0.
//
// Vector layers (operators such as Softmax) have no functional model: run_reference_network throws.
#include <cstdint>
#include <vector>

#include "sim/reference/quant_params.h"
#include "workloads/network.h"

namespace systolica {

using Int8Tensor = std::vector<std::int8_t>;

// Every layer's output tensor (NHWC int8), in layer order.
// Throws std::invalid_argument for a Vector layer ("layer 'x' (Softmax) has no functional model; run
// without --functional") and for parameters that do not fit the network (tensor sizes).
std::vector<Int8Tensor> run_reference_network(const Network& net, const NetworkParams& params);

// The pieces, one layer at a time (make_network_params calibrates with them).

// The tensors layer `index` reads (two for an Add), as above; `outputs` holds at least the outputs of the
// layers it reads. Throws std::invalid_argument if a size is not layer.input_elements().
std::vector<Int8Tensor> layer_operands(const Network& net, const NetworkParams& params, std::size_t index,
                                       const std::vector<Int8Tensor>& outputs);

// The int32 values an array layer or an Add reads out: the sums (NHWC), or a + b.
std::vector<std::int32_t> reference_sums(const Layer& layer, const std::vector<Int8Tensor>& operands,
                                         const std::vector<std::int8_t>& weights);

// One layer's output from its operands.
Int8Tensor run_reference_layer(const Layer& layer, const std::vector<Int8Tensor>& operands,
                               const LayerParams& params);

}  // namespace systolica
