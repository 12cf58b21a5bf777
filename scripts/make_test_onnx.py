#!/usr/bin/python3
"""Writes the small ONNX models that tests/workloads/onnx_import_test.cpp imports, into tests/data/onnx/.

Uses Debian's python3-onnx (onnx.helper only, no torch). The output is deterministic: weights come from a
formula, the random-bytes file from a seeded generator, so re-running it changes no committed file.
Run it with Debian's interpreter (/usr/bin/python3): a pyenv or venv python may not see python3-onnx.

    /usr/bin/python3 scripts/make_test_onnx.py
"""
import os
import random
import sys

import onnx
from onnx import TensorProto, helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "onnx")
OPSET = 14  # the first with HardSwish; Clip takes min/max as inputs since 11
HSIG_ALPHA = 1.0 / 6.0  # HardSigmoid(alpha=1/6, beta=0.5) times x is hard-swish


def weight(name, dims):
    """A constant tensor of shape dims with small deterministic values (the importer reads only shapes)."""
    count = 1
    for d in dims:
        count *= d
    values = [((i * 7) % 11 - 5) / 10.0 for i in range(count)]
    return helper.make_tensor(name, TensorProto.FLOAT, dims, values)


def ints(name, values):
    return helper.make_tensor(name, TensorProto.INT64, [len(values)], values)


def floats(name, values, dims=None):
    return helper.make_tensor(name, TensorProto.FLOAT, dims if dims is not None else [len(values)], values)


def scalar(name, value):
    return helper.make_tensor(name, TensorProto.FLOAT, [], [value])


def io(name, dims):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, dims)


class Graph:
    """Collects nodes and initializers; conv() and friends add a node and its weights in one call."""

    def __init__(self, name):
        self.name, self.nodes, self.inits = name, [], []

    def node(self, op, inputs, outputs, name, **attrs):
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name, **attrs))
        return outputs[0]

    def const(self, tensor):
        self.inits.append(tensor)
        return tensor.name

    def conv(self, name, x, in_c, out_c, k, bias=True, group=1, **attrs):
        w = self.const(weight(name + ".w", [out_c, in_c // group, k, k]))
        inputs = [x, w] + ([self.const(weight(name + ".b", [out_c]))] if bias else [])
        return self.node("Conv", inputs, [name], name, kernel_shape=[k, k], group=group, **attrs)

    def bn(self, name, x, c):
        params = [self.const(floats(f"{name}.{p}", [1.0] * c)) for p in ("scale", "bias", "mean", "var")]
        return self.node("BatchNormalization", [x] + params, [name], name)

    def save(self, filename, inputs, outputs, opset=OPSET, check=True):
        graph = helper.make_graph(self.nodes, self.name, inputs, outputs, self.inits)
        model = helper.make_model(graph, producer_name="systolica make_test_onnx.py",
                                  opset_imports=[helper.make_opsetid("", opset)])
        if check:
            onnx.checker.check_model(model)
        path = os.path.join(OUT, filename)
        onnx.save(model, path)
        return path


def conv_bn_relu_pool_fc():
    # Conv-BN-Relu, MaxPool, a strided Conv-Relu, GlobalAveragePool, Flatten, Dropout, Gemm. Batch symbolic.
    g = Graph("conv_bn_relu_pool_fc")
    t = g.conv("conv1", "x", 3, 8, 3, pads=[1, 1, 1, 1])
    t = g.bn("bn1", t, 8)
    t = g.node("Relu", [t], ["relu1"], "relu1")
    t = g.node("MaxPool", [t], ["pool1"], "pool1", kernel_shape=[2, 2], strides=[2, 2])
    t = g.conv("conv2", t, 8, 16, 3, strides=[2, 2], pads=[1, 1, 1, 1])
    t = g.node("Relu", [t], ["relu2"], "relu2")
    t = g.node("GlobalAveragePool", [t], ["gap"], "gap")
    t = g.node("Flatten", [t], ["flat"], "flat", axis=1)
    t = g.node("Dropout", [t], ["drop"], "drop")
    w, b = g.const(weight("fc.w", [10, 16])), g.const(weight("fc.b", [10]))
    g.node("Gemm", [t, w, b], ["logits"], "fc", transB=1)
    return g.save("conv_bn_relu_pool_fc.onnx", [io("x", ["N", 3, 16, 16])], [io("logits", ["N", 10])])


def residual():
    # A stem conv read by a standalone Relu and by the residual Add: the Relu cannot fuse (the stem has two
    # readers), so it is a vector layer. The Relu after the Add fuses into the Add.
    g = Graph("residual")
    stem = g.conv("stem", "x", 4, 8, 3, pads=[1, 1, 1, 1])
    t = g.node("Relu", [stem], ["stem_relu"], "stem_relu")
    t = g.conv("conv_a", t, 8, 8, 3, pads=[1, 1, 1, 1])
    t = g.node("Relu", [t], ["relu_a"], "relu_a")
    t = g.conv("conv_b", t, 8, 8, 3, pads=[1, 1, 1, 1], bias=False)
    t = g.node("Add", [t, stem], ["sum"], "sum")
    t = g.node("Relu", [t], ["sum_relu"], "sum_relu")
    g.node("AveragePool", [t], ["avg"], "avg", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    return g.save("residual.onnx", [io("x", [1, 4, 8, 8])], [io("avg", [1, 8, 4, 4])])


def mobilenet_block():
    # Depthwise + Clip(0,6), pointwise + HardSwish, pointwise + HardSigmoid*x, depthwise + Clip(0,6).
    g = Graph("mobilenet_block")
    lo, hi = g.const(scalar("zero", 0.0)), g.const(scalar("six", 6.0))
    t = g.conv("dw1", "x", 4, 4, 3, group=4, strides=[2, 2], pads=[1, 1, 1, 1])
    t = g.node("Clip", [t, lo, hi], ["dw1_relu6"], "dw1_relu6")
    t = g.conv("pw1", t, 4, 8, 1)
    t = g.node("HardSwish", [t], ["pw1_hswish"], "pw1_hswish")
    p = g.conv("pw2", t, 8, 8, 1)
    s = g.node("HardSigmoid", [p], ["pw2_hsig"], "pw2_hsig", alpha=HSIG_ALPHA, beta=0.5)
    t = g.node("Mul", [p, s], ["pw2_hswish"], "pw2_hswish")
    t = g.conv("dw2", t, 8, 8, 3, group=8, pads=[1, 1, 1, 1])
    g.node("Clip", [t, lo, hi], ["dw2_relu6"], "dw2_relu6")
    return g.save("mobilenet_block.onnx", [io("x", [1, 4, 16, 16])], [io("dw2_relu6", [1, 8, 8, 8])])


def vector_ops():
    # Operators the array cannot run: a Relu after a MaxPool, Resize, Sigmoid, Mul of two activations,
    # Softmax. Conv c1's Relu fuses; the rest are vector layers.
    g = Graph("vector_ops")
    a = g.conv("c1", "x", 4, 8, 3, pads=[1, 1, 1, 1])
    a = g.node("Relu", [a], ["c1_relu"], "c1_relu")
    t = g.node("MaxPool", [a], ["pool"], "pool", kernel_shape=[2, 2], strides=[2, 2])
    t = g.node("Relu", [t], ["pool_relu"], "pool_relu")
    scales = g.const(floats("scales", [1.0, 1.0, 2.0, 2.0]))
    t = g.node("Resize", [t, "", scales], ["up"], "up", mode="nearest")
    t = g.node("Sigmoid", [t], ["gate"], "gate")
    t = g.node("Mul", [a, t], ["gated"], "gated")
    t = g.node("GlobalAveragePool", [t], ["gap"], "gap")
    t = g.node("Flatten", [t], ["flat"], "flat")
    t = g.node("Gemm", [t, g.const(weight("fc.w", [8, 5]))], ["fc"], "fc")
    g.node("Softmax", [t], ["prob"], "prob", axis=1)
    return g.save("vector_ops.onnx", [io("x", [1, 4, 8, 8])], [io("prob", [1, 5])])


def concat():
    # A channel concat of the network input and two branches, then a 1x1 conv over all 14 channels.
    g = Graph("concat")
    a = g.conv("branch1", "x", 4, 4, 1)
    a = g.node("Relu", [a], ["branch1_relu"], "branch1_relu")
    b = g.conv("branch3", "x", 4, 6, 3, pads=[1, 1, 1, 1])
    b = g.node("Relu", [b], ["branch3_relu"], "branch3_relu")
    t = g.node("Concat", ["x", a, b], ["cat"], "cat", axis=1)
    g.conv("mix", t, 14, 8, 1)
    return g.save("concat.onnx", [io("x", [1, 4, 8, 8])], [io("mix", [1, 8, 8, 8])])


def reshape_gemm():
    # The batch-agnostic flatten PyTorch exports: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
    g = Graph("reshape_gemm")
    t = g.conv("conv", "x", 4, 8, 3, strides=[2, 2], pads=[1, 1, 1, 1])
    t = g.node("Relu", [t], ["relu"], "relu")
    shape = g.node("Shape", [t], ["shape"], "shape")
    n = g.node("Gather", [shape, g.const(helper.make_tensor("zero_idx", TensorProto.INT64, [], [0]))], ["n"],
               "gather", axis=0)
    n1 = g.node("Unsqueeze", [n, g.const(ints("axes0", [0]))], ["n1"], "unsqueeze")
    target = g.node("Concat", [n1, g.const(ints("minus1", [-1]))], ["target"], "target", axis=0)
    t = g.node("Reshape", [t, target], ["flat"], "flat")
    t = g.node("Identity", [t], ["flat_id"], "flat_id")
    w, b = g.const(weight("fc.w", [32, 10])), g.const(weight("fc.b", [10]))
    g.node("Gemm", [t, w, b], ["y"], "fc")
    return g.save("reshape_gemm.onnx", [io("x", ["batch", 4, 4, 4])], [io("y", ["batch", 10])])


def matmul():
    # A 2-D input through MatMul + bias Add (folded) + Relu (fused), then a second MatMul.
    g = Graph("matmul")
    t = g.node("MatMul", ["x", g.const(weight("w1", [16, 8]))], ["mm1"], "mm1")
    t = g.node("Add", [t, g.const(weight("b1", [8]))], ["mm1_bias"], "mm1_bias")
    t = g.node("Relu", [t], ["mm1_relu"], "mm1_relu")
    g.node("MatMul", [t, g.const(weight("w2", [8, 4]))], ["mm2"], "mm2")
    return g.save("matmul.onnx", [io("x", [2, 16])], [io("mm2", [2, 4])])


def dilated():
    # A dilated conv, and auto_pad SAME_UPPER and VALID convs whose padding is symmetric.
    g = Graph("dilated")
    t = g.conv("dilated", "x", 2, 4, 3, dilations=[2, 2], pads=[2, 2, 2, 2])
    t = g.conv("same", t, 4, 4, 3, auto_pad="SAME_UPPER")
    g.conv("valid", t, 4, 4, 3, strides=[2, 2], auto_pad="VALID")
    return g.save("dilated.onnx", [io("x", [1, 2, 16, 16])], [io("valid", [1, 4, 7, 7])])


def asymmetric_pad():
    g = Graph("asymmetric_pad")
    g.conv("conv_asym", "x", 2, 4, 3, pads=[0, 0, 1, 1])
    return g.save("asymmetric_pad.onnx", [io("x", [1, 2, 8, 8])], [io("conv_asym", [1, 4, 7, 7])])


def unsupported_lstm():
    g = Graph("unsupported_lstm")
    w, r = g.const(weight("lstm.w", [1, 16, 4])), g.const(weight("lstm.r", [1, 16, 4]))
    g.node("LSTM", ["x", w, r], ["y"], "lstm1", hidden_size=4)
    return g.save("unsupported_lstm.onnx", [io("x", [5, 1, 4])], [io("y", [5, 1, 1, 4])])


def rank3():
    # A Reshape to a 3-D tensor: neither NCHW nor [N, features].
    g = Graph("rank3")
    t = g.node("Reshape", ["x", g.const(ints("shape3", [1, 4, 64]))], ["r"], "to_rank3")
    g.node("Softmax", [t], ["y"], "softmax", axis=2)
    return g.save("rank3.onnx", [io("x", [1, 4, 8, 8])], [io("y", [1, 4, 64])])


def fixed_batch_reshape():
    # Reshape to [1, 16]: fine at batch 1, but it cannot follow a batch override.
    g = Graph("fixed_batch_reshape")
    t = g.node("Reshape", ["x", g.const(ints("shape2", [1, 16]))], ["flat"], "flat")
    g.node("Gemm", [t, g.const(weight("fc.w", [16, 4]))], ["y"], "fc")
    return g.save("fixed_batch_reshape.onnx", [io("x", [1, 4, 2, 2])], [io("y", [1, 4])])


def empty_graph():
    g = Graph("empty")
    return g.save("empty_graph.onnx", [io("x", [1, 4])], [io("x", [1, 4])], check=False)


def no_inputs():
    g = Graph("no_inputs")
    g.node("Constant", [], ["y"], "const", value=floats("c", [1.0, 2.0], [1, 2]))
    return g.save("no_inputs.onnx", [], [io("y", [1, 2])], check=False)


def truncated(source):
    data = open(source, "rb").read()
    with open(os.path.join(OUT, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])


def random_bytes():
    rng = random.Random(20240611)
    with open(os.path.join(OUT, "random_bytes.onnx"), "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(512)))


def main():
    os.makedirs(OUT, exist_ok=True)
    first = conv_bn_relu_pool_fc()
    for make in (residual, mobilenet_block, vector_ops, concat, reshape_gemm, matmul, dilated, asymmetric_pad,
                 unsupported_lstm, rank3, fixed_batch_reshape, empty_graph, no_inputs):
        make()
    truncated(first)
    random_bytes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
