// ResNet-18 and ResNet-50 v1.5 (torchvision's layout: the stride of a downsampling bottleneck is on its 3x3
// conv). Layer order and names follow ../shared/reference/resnet50_layers.csv, which lists each block's
// main branch, then its projection shortcut, then the residual add.
#include <string>

#include "workloads/models/zoo_models.h"

namespace systolica::zoo {

namespace {

// One counter over every conv and the classifier (conv_1 .. conv_53, fc_54), one over the adds.
class ResNetNames {
 public:
  std::string conv() { return "conv_" + std::to_string(++layer_); }
  std::string fc() { return "fc_" + std::to_string(++layer_); }
  std::string add() { return "resadd_" + std::to_string(++add_); }

 private:
  int layer_ = 0;
  int add_ = 0;
};

// The shortcut of a block: the block's input itself, or a strided 1x1 conv (no activation: the add's
// ReLU follows) when the block changes the shape.
int shortcut(NetworkBuilder& b, ResNetNames& names, int in, int out_c, int stride) {
  if (stride == 1 && b.shape_of(in).c == out_c) return in;
  return b.conv(names.conv(), in, out_c, 1, stride, 0);
}

// 1x1 reduce, 3x3 (strided), 1x1 expand to 4 x width; the last conv is linear, the add carries the ReLU.
int bottleneck(NetworkBuilder& b, ResNetNames& names, int in, int width, int stride) {
  int x = b.conv(names.conv(), in, width, 1, 1, 0, Activation::Relu);
  x = b.conv(names.conv(), x, width, 3, stride, 1, Activation::Relu);
  x = b.conv(names.conv(), x, 4 * width, 1, 1, 0);
  const int skip = shortcut(b, names, in, 4 * width, stride);
  return b.add(names.add(), skip, x, Activation::Relu);
}

// Two 3x3 convs, the first strided; the second is linear, the add carries the ReLU.
int basic_block(NetworkBuilder& b, ResNetNames& names, int in, int width, int stride) {
  int x = b.conv(names.conv(), in, width, 3, stride, 1, Activation::Relu);
  x = b.conv(names.conv(), x, width, 3, 1, 1);
  const int skip = shortcut(b, names, in, width, stride);
  return b.add(names.add(), skip, x, Activation::Relu);
}

using Block = int (*)(NetworkBuilder&, ResNetNames&, int, int, int);

Network resnet(const char* name, const TensorShape& input, Block block, const int (&blocks)[4]) {
  NetworkBuilder b(name, input);
  ResNetNames names;
  int x = b.conv(names.conv(), kNetworkInput, 64, 7, 2, 3, Activation::Relu);
  // Gemmini fuses this pool into conv_1's store; here it is a layer of its own on the vector unit.
  x = b.max_pool("maxpool_1", x, 3, 2, 1);
  for (int stage = 0; stage < 4; ++stage) {
    for (int i = 0; i < blocks[stage]; ++i) {
      const int stride = stage > 0 && i == 0 ? 2 : 1;
      x = block(b, names, x, 64 << stage, stride);
    }
  }
  x = b.global_avg_pool("global_avg_pool", x);
  b.fully_connected(names.fc(), x, 1000);
  return b.finish();
}

}  // namespace

Network resnet18(const TensorShape& input) {
  return resnet("resnet18", input, basic_block, {2, 2, 2, 2});
}

Network resnet50(const TensorShape& input) {
  return resnet("resnet50", input, bottleneck, {3, 4, 6, 3});
}

}  // namespace systolica::zoo
