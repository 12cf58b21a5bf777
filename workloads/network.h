#pragma once
// A network: layers in an order that respects their data dependencies, each producing one NHWC int8
// tensor. A layer's `inputs` name the earlier layers whose outputs it reads (kNetworkInput for the
// network's input), so residual branches are edges of a graph, not positions in a list. From the edges the
// simulator knows when each tensor is read for the last time and its memory can be reused. A layer other
// than the first whose `inputs` is empty reads an independent network input of its own shape, as the
// layers of a SCALE-Sim topology do (workloads/import/topology_network.h).
// Plain C++, no SystemC.
#include <cstdint>
#include <string>
#include <vector>

#include "workloads/layer.h"

namespace systolica {

struct TensorShape {
  int n = 1, h = 1, w = 1, c = 1;
  std::int64_t elements() const { return static_cast<std::int64_t>(n) * h * w * c; }
  bool operator==(const TensorShape& o) const { return n == o.n && h == o.h && w == o.w && c == o.c; }
  bool operator!=(const TensorShape& o) const { return !(*this == o); }
};

struct Network {
  std::string name;
  TensorShape input;          // the network's input tensor
  std::vector<Layer> layers;  // every input of layer i is kNetworkInput or an index below i
  // Operators an importer met but did not turn into layers (shape-only operators are not listed), one line
  // each, for example "skipped 2 x Dropout (no effect at inference)". The report shows them.
  std::vector<std::string> warnings;

  std::int64_t macs() const;
  std::int64_t weight_bytes() const;

  // The shape of layer i's output, and of the tensor its input `which` reads.
  TensorShape output_shape(std::size_t layer) const;
  TensorShape input_shape(std::size_t layer, std::size_t which = 0) const;

  // For every layer, the index of the last layer that reads its output; layers.size() for outputs nobody
  // reads (the network's outputs, which must survive the run).
  std::vector<std::size_t> last_reader() const;

  // Checks every layer (Layer::validate) and every edge: inputs point backwards, and the producer's output
  // shape equals the shape the layer expects (batch, in_h, in_w, in_c; both operands of an Add). A Gemm
  // layer (in_h = in_w = 1) also accepts any producer with h x w x c = in_c: the flatten of an NHWC tensor
  // is free. Throws LayerShapeError naming the layer and the mismatch.
  void validate() const;
};

// Builds a network layer by layer, inferring every shape from the producers: the way the model zoo and the
// importers write networks. Each call returns the new layer's index, to pass as a later layer's input.
class NetworkBuilder {
 public:
  NetworkBuilder(std::string name, TensorShape input);

  int conv(const std::string& name, int input, int out_c, int kernel, int stride, int pad,
           Activation activation = Activation::None, int groups = 1, int dilation = 1);
  int depthwise(const std::string& name, int input, int kernel, int stride, int pad,
                Activation activation = Activation::None);
  int fully_connected(const std::string& name, int input, int out_features, Activation activation = Activation::None);
  int max_pool(const std::string& name, int input, int kernel, int stride, int pad);
  int avg_pool(const std::string& name, int input, int kernel, int stride, int pad);
  int global_avg_pool(const std::string& name, int input);
  int add(const std::string& name, int a, int b, Activation activation = Activation::None);
  int vector(const std::string& name, int input, const std::string& op, double ops_per_element = 1);
  // Any layer whose input fields (batch, in_h, in_w, in_c) the builder fills from `input`.
  int append(Layer layer, std::vector<int> inputs);

  // The last layer added (kNetworkInput before any).
  int last() const { return static_cast<int>(net_.layers.size()) - 1; }
  TensorShape shape_of(int tensor) const;
  void warn(std::string warning) { net_.warnings.push_back(std::move(warning)); }

  // Validates and returns the network.
  Network finish();

 private:
  Network net_;
};

}  // namespace systolica
