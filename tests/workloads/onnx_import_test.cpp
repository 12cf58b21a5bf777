// The ONNX importer on the small models scripts/make_test_onnx.py writes to tests/data/onnx/: every layer's
// kind, shapes, geometry, fused activation and graph edges, the MAC totals, the vector-unit warnings, and
// the one-line ModelFileError of each bad file.
#include "workloads/import/onnx_import.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "workloads/import/model_file_error.h"

namespace systolica {
namespace {

std::string model(const std::string& name) {
  return std::string(SYSTOLICA_SOURCE_DIR) + "/tests/data/onnx/" + name;
}

// One line with everything the importer decides about a layer, so a test reads as the network it expects:
// "name: kind NxHxWxC -> out_c, kKHxKW sSHxSW pPHxPW dDHxDW gG, activation, inputs [..]" plus, for vector
// layers, the op and its lane-operations per element.
std::string describe(const Layer& l) {
  std::string s = fmt::format("{}: {} {}x{}x{}x{} -> {}, k{}x{} s{}x{} p{}x{} d{}x{} g{}, {}, inputs [{}]",
                              l.name, to_string(l.kind), l.batch, l.in_h, l.in_w, l.in_c, l.out_c, l.kernel_h,
                              l.kernel_w, l.stride_h, l.stride_w, l.pad_h, l.pad_w, l.dilation_h,
                              l.dilation_w, l.groups, to_string(l.activation), fmt::join(l.inputs, ", "));
  if (l.kind == LayerKind::Vector) s += fmt::format(", {} x{}", l.vector_op, l.vector_ops_per_element);
  return s;
}

std::vector<std::string> describe(const Network& net) {
  std::vector<std::string> lines;
  for (const Layer& l : net.layers) lines.push_back(describe(l));
  return lines;
}

// Expects import_onnx(file) to throw a one-line ModelFileError that starts with the path and contains every
// one of `parts`.
void expect_error(const std::string& file, std::initializer_list<const char*> parts, int batch = 0) {
  const std::string path = model(file);
  try {
    import_onnx(path, batch);
    FAIL() << "no ModelFileError for " << file;
  } catch (const ModelFileError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << msg;
    for (const char* p : parts) EXPECT_NE(msg.find(p), std::string::npos) << "'" << p << "' not in: " << msg;
  }
}

TEST(OnnxImport, ConvBnReluPoolFcChain) {
  const Network net = import_onnx(model("conv_bn_relu_pool_fc.onnx"));
  EXPECT_EQ(net.name, "conv_bn_relu_pool_fc");
  EXPECT_EQ(net.input, (TensorShape{1, 16, 16, 3}));  // the symbolic batch "N" means 1
  // BatchNormalization folds into conv1, each Relu fuses, Flatten and Dropout are shape-only.
  const std::vector<std::string> want = {
      "conv1: conv 1x16x16x3 -> 8, k3x3 s1x1 p1x1 d1x1 g1, relu, inputs [-1]",
      "pool1: maxpool 1x16x16x8 -> 8, k2x2 s2x2 p0x0 d1x1 g1, none, inputs [0]",
      "conv2: conv 1x8x8x8 -> 16, k3x3 s2x2 p1x1 d1x1 g1, relu, inputs [1]",
      "gap: gavgpool 1x4x4x16 -> 16, k4x4 s1x1 p0x0 d1x1 g1, none, inputs [2]",
      "fc: gemm 1x1x1x16 -> 10, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [3]",
  };
  EXPECT_EQ(describe(net), want);
  // conv1 16*16 pixels x 27 x 8 = 55296; conv2 4*4 x 72 x 16 = 18432; fc 16 x 10 = 160.
  EXPECT_EQ(net.macs(), 55296 + 18432 + 160);
  EXPECT_TRUE(net.warnings.empty());
  EXPECT_NO_THROW(net.validate());
}

TEST(OnnxImport, BatchOverride) {
  const Network net = import_onnx(model("conv_bn_relu_pool_fc.onnx"), 3);
  EXPECT_EQ(net.input, (TensorShape{3, 16, 16, 3}));
  for (const Layer& l : net.layers) EXPECT_EQ(l.batch, 3) << l.name;
  EXPECT_EQ(net.macs(), 3 * (55296 + 18432 + 160));
  EXPECT_NO_THROW(net.validate());
}

TEST(OnnxImport, ResidualBlock) {
  const Network net = import_onnx(model("residual.onnx"));
  // The stem is read by its Relu and by the Add, so that Relu cannot fuse: a vector layer. The Relu after
  // the Add fuses into the Add; the Add reads conv_b (3) and the stem itself (0).
  const std::vector<std::string> want = {
      "stem: conv 1x8x8x4 -> 8, k3x3 s1x1 p1x1 d1x1 g1, none, inputs [-1]",
      "stem_relu: vector 1x8x8x8 -> 8, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [0], Relu x1",
      "conv_a: conv 1x8x8x8 -> 8, k3x3 s1x1 p1x1 d1x1 g1, relu, inputs [1]",
      "conv_b: conv 1x8x8x8 -> 8, k3x3 s1x1 p1x1 d1x1 g1, none, inputs [2]",
      "sum: add 1x8x8x8 -> 8, k1x1 s1x1 p0x0 d1x1 g1, relu, inputs [3, 0]",
      "avg: avgpool 1x8x8x8 -> 8, k3x3 s2x2 p1x1 d1x1 g1, none, inputs [4]",
  };
  EXPECT_EQ(describe(net), want);
  // stem 64 pixels x 36 x 8 = 18432; conv_a and conv_b 64 x 72 x 8 = 36864 each.
  EXPECT_EQ(net.macs(), 18432 + 2 * 36864);
  EXPECT_EQ(net.warnings, std::vector<std::string>{"timed on the vector unit: 1 x Relu"});
  EXPECT_NO_THROW(net.validate());
}

TEST(OnnxImport, DepthwisePointwiseClipHardSwish) {
  const Network net = import_onnx(model("mobilenet_block.onnx"));
  // Clip(0, 6) is relu6; HardSwish, and HardSigmoid(alpha 1/6, beta 1/2) times its input, are hswish.
  const std::vector<std::string> want = {
      "dw1: conv 1x16x16x4 -> 4, k3x3 s2x2 p1x1 d1x1 g4, relu6, inputs [-1]",
      "pw1: conv 1x8x8x4 -> 8, k1x1 s1x1 p0x0 d1x1 g1, hswish, inputs [0]",
      "pw2: conv 1x8x8x8 -> 8, k1x1 s1x1 p0x0 d1x1 g1, hswish, inputs [1]",
      "dw2: conv 1x8x8x8 -> 8, k3x3 s1x1 p1x1 d1x1 g8, relu6, inputs [2]",
  };
  EXPECT_EQ(describe(net), want);
  // Per group, M x K x N: dw1 64 x 9 x 1 times 4 groups = 2304, pw1 64 x 4 x 8 = 2048,
  // pw2 64 x 8 x 8 = 4096, dw2 64 x 9 x 1 times 8 groups = 4608.
  EXPECT_EQ(net.macs(), 2304 + 2048 + 4096 + 4608);
  EXPECT_TRUE(net.warnings.empty());
  EXPECT_NO_THROW(net.validate());
}

TEST(OnnxImport, VectorOps) {
  const Network net = import_onnx(model("vector_ops.onnx"));
  // A Relu after a MaxPool cannot fuse. The Mul of two activations reads c1 (0) and the gate (4). Every
  // layer's input is the tensor as ONNX infers it: `gate` reads the 8x8 output of the x2 Resize.
  const std::vector<std::string> want = {
      "c1: conv 1x8x8x4 -> 8, k3x3 s1x1 p1x1 d1x1 g1, relu, inputs [-1]",
      "pool: maxpool 1x8x8x8 -> 8, k2x2 s2x2 p0x0 d1x1 g1, none, inputs [0]",
      "pool_relu: vector 1x4x4x8 -> 8, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [1], Relu x1",
      "up: vector 1x4x4x8 -> 8, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [2], Resize x2",
      "gate: vector 1x8x8x8 -> 8, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [3], Sigmoid x4",
      "gated: vector 1x8x8x8 -> 8, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [0, 4], Mul x1",
      "gap: gavgpool 1x8x8x8 -> 8, k8x8 s1x1 p0x0 d1x1 g1, none, inputs [5]",
      "fc: gemm 1x1x1x8 -> 5, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [6]",
      "prob: vector 1x1x1x5 -> 5, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [7], Softmax x5",
  };
  EXPECT_EQ(describe(net), want);
  EXPECT_EQ(net.macs(), 64 * 36 * 8 + 8 * 5);  // c1 and fc
  const std::vector<std::string> warnings = {
      "timed on the vector unit: 1 x Mul",     "timed on the vector unit: 1 x Relu",
      "timed on the vector unit: 1 x Resize",  "timed on the vector unit: 1 x Sigmoid",
      "timed on the vector unit: 1 x Softmax",
  };
  EXPECT_EQ(net.warnings, warnings);
}

TEST(OnnxImport, ChannelConcat) {
  const Network net = import_onnx(model("concat.onnx"));
  // The concat reads the network input and both branches; its out_c is the total, 4 + 4 + 6.
  const std::vector<std::string> want = {
      "branch1: conv 1x8x8x4 -> 4, k1x1 s1x1 p0x0 d1x1 g1, relu, inputs [-1]",
      "branch3: conv 1x8x8x4 -> 6, k3x3 s1x1 p1x1 d1x1 g1, relu, inputs [-1]",
      "cat: vector 1x8x8x4 -> 14, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [-1, 0, 1], Concat x1",
      "mix: conv 1x8x8x14 -> 8, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [2]",
  };
  EXPECT_EQ(describe(net), want);
  // branch1 64 x 4 x 4 = 1024; branch3 64 x 36 x 6 = 13824; mix 64 x 14 x 8 = 7168.
  EXPECT_EQ(net.macs(), 1024 + 13824 + 7168);
  EXPECT_EQ(net.warnings, std::vector<std::string>{"timed on the vector unit: 1 x Concat"});
}

TEST(OnnxImport, ShapeChainReshapeBeforeGemm) {
  // Shape -> Gather -> Unsqueeze -> Concat -> Reshape and Identity are no layers; the Gemm reads the
  // flatten of the conv's 2x2x8 output. At batch 3 the shape chain computes the new batch.
  const Network net = import_onnx(model("reshape_gemm.onnx"), 3);
  const std::vector<std::string> want = {
      "conv: conv 3x4x4x4 -> 8, k3x3 s2x2 p1x1 d1x1 g1, relu, inputs [-1]",
      "fc: gemm 3x1x1x32 -> 10, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [0]",
  };
  EXPECT_EQ(describe(net), want);
  EXPECT_EQ(net.macs(), 3 * (4 * 36 * 8 + 32 * 10));
  EXPECT_TRUE(net.warnings.empty());
  EXPECT_NO_THROW(net.validate());
}

TEST(OnnxImport, MatMulWithBiasAndRelu) {
  const Network net = import_onnx(model("matmul.onnx"));
  EXPECT_EQ(net.input, (TensorShape{2, 1, 1, 16}));  // a 2-D [batch, features] input
  // The constant Add after mm1 is its bias; the Relu then fuses.
  const std::vector<std::string> want = {
      "mm1: gemm 2x1x1x16 -> 8, k1x1 s1x1 p0x0 d1x1 g1, relu, inputs [-1]",
      "mm2: gemm 2x1x1x8 -> 4, k1x1 s1x1 p0x0 d1x1 g1, none, inputs [0]",
  };
  EXPECT_EQ(describe(net), want);
  EXPECT_EQ(net.macs(), 2 * 16 * 8 + 2 * 8 * 4);
  EXPECT_NO_THROW(net.validate());
}

TEST(OnnxImport, DilationAndAutoPad) {
  const Network net = import_onnx(model("dilated.onnx"));
  // SAME_UPPER on a 3x3 stride-1 conv pads 1 each side; VALID pads none: (16 - 3) / 2 + 1 = 7.
  const std::vector<std::string> want = {
      "dilated: conv 1x16x16x2 -> 4, k3x3 s1x1 p2x2 d2x2 g1, none, inputs [-1]",
      "same: conv 1x16x16x4 -> 4, k3x3 s1x1 p1x1 d1x1 g1, none, inputs [0]",
      "valid: conv 1x16x16x4 -> 4, k3x3 s2x2 p0x0 d1x1 g1, none, inputs [1]",
  };
  EXPECT_EQ(describe(net), want);
  EXPECT_EQ(net.output_shape(2), (TensorShape{1, 7, 7, 4}));
  // 256 pixels x 18 x 4 = 18432; 256 x 36 x 4 = 36864; 49 x 36 x 4 = 7056.
  EXPECT_EQ(net.macs(), 18432 + 36864 + 7056);
  EXPECT_NO_THROW(net.validate());
}

TEST(OnnxImport, RejectsAsymmetricPadding) {
  expect_error("asymmetric_pad.onnx",
               {"node 'conv_asym' (Conv)", "pads [0, 0, 1, 1]", "asymmetric padding is unsupported"});
}

TEST(OnnxImport, RejectsUnsupportedOperator) {
  expect_error("unsupported_lstm.onnx",
               {"node 'lstm1' (LSTM)", "operator LSTM is not supported", "supported: ", "Conv"});
}

TEST(OnnxImport, RejectsRank3Tensor) {
  expect_error("rank3.onnx",
               {"node 'to_rank3' (Reshape)", "[1, 4, 64] (3-D)", "4-D NCHW or 2-D [batch, features]"});
}

TEST(OnnxImport, RejectsBatchOverrideAgainstFixedReshape) {
  EXPECT_NO_THROW(import_onnx(model("fixed_batch_reshape.onnx")));
  expect_error("fixed_batch_reshape.onnx",
               {"node 'flat' (Reshape)", "has batch 1", "network input has batch 2"}, 2);
}

TEST(OnnxImport, RejectsBadFiles) {
  expect_error("no_such_model.onnx", {"no such file"});
  expect_error("random_bytes.onnx", {"not an ONNX model"});
  expect_error("truncated.onnx", {"truncated or corrupt"});
  expect_error("empty_graph.onnx", {"the graph has no nodes"});
  expect_error("no_inputs.onnx", {"the graph has no inputs"});
  expect_error("", {"not a regular file"});  // the directory tests/data/onnx/ itself
}

}  // namespace
}  // namespace systolica
