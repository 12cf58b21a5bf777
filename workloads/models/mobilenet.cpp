// MobileNetV1 and MobileNetV2, width multiplier 1.0. Layer order and names follow
// ../shared/reference/mobilenetv2_layers.csv: one counter over convs, depthwise convs and the classifier
// (conv_1, conv_dw_2, conv_3, ..., fc_53), and each residual add named after the projection it follows.
#include <string>

#include "workloads/models/zoo_models.h"

namespace systolica::zoo {

namespace {

class MobileNetNames {
 public:
  std::string conv() { return "conv_" + std::to_string(++layer_); }
  std::string dw() { return "conv_dw_" + std::to_string(++layer_); }
  std::string fc() { return "fc_" + std::to_string(++layer_); }

 private:
  int layer_ = 0;
};

// The head shared by both: average over the last feature map, then 1000 classes.
Network head(NetworkBuilder& b, MobileNetNames& names, int x) {
  x = b.global_avg_pool("global_avg_pool", x);
  b.fully_connected(names.fc(), x, 1000);
  return b.finish();
}

}  // namespace

// Howard et al. 2017, Table 1: a strided 3x3 conv, then 13 depthwise-separable pairs. ReLU6 after every
// conv, as in the TensorFlow reference.
Network mobilenetv1(const TensorShape& input) {
  struct Pair {
    int out_c, stride;
  };
  static const Pair kPairs[] = {{64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1},  {512, 2}, {512, 1},
                                {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
  NetworkBuilder b("mobilenetv1", input);
  MobileNetNames names;
  int x = b.conv(names.conv(), kNetworkInput, 32, 3, 2, 1, Activation::Relu6);
  for (const Pair& p : kPairs) {
    x = b.depthwise(names.dw(), x, 3, p.stride, 1, Activation::Relu6);
    x = b.conv(names.conv(), x, p.out_c, 1, 1, 0, Activation::Relu6);
  }
  return head(b, names, x);
}

// Sandler et al. 2018, Table 2: inverted residual blocks (expansion t, output channels c, repeats n, first
// stride s). Expansion and depthwise convs use ReLU6; the projection is linear, and so is the add, which
// joins a block to its input when the block keeps the shape.
Network mobilenetv2(const TensorShape& input) {
  struct Stage {
    int t, c, n, s;
  };
  static const Stage kStages[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                  {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  NetworkBuilder b("mobilenetv2", input);
  MobileNetNames names;
  int x = b.conv(names.conv(), kNetworkInput, 32, 3, 2, 1, Activation::Relu6);
  for (const Stage& st : kStages) {
    for (int i = 0; i < st.n; ++i) {
      const int stride = i == 0 ? st.s : 1;
      const int block_in = x;
      const int in_c = b.shape_of(x).c;
      if (st.t != 1) x = b.conv(names.conv(), x, in_c * st.t, 1, 1, 0, Activation::Relu6);
      x = b.depthwise(names.dw(), x, 3, stride, 1, Activation::Relu6);
      const std::string projection = names.conv();
      x = b.conv(projection, x, st.c, 1, 1, 0);
      if (stride == 1 && in_c == st.c) x = b.add("resadd_after_" + projection, block_in, x);
    }
  }
  x = b.conv(names.conv(), x, 1280, 1, 1, 0, Activation::Relu6);
  return head(b, names, x);
}

}  // namespace systolica::zoo
