#include "workloads/layer.h"

#include <fmt/format.h>

#include <limits>

namespace systolica {

namespace {
constexpr int kMaxDim = 1 << 24;  // 16 M: large enough for any real layer, small enough that M*K*N fits

void require(bool ok, const std::string& layer, const char* what, long long value, const char* allowed) {
  if (!ok)
    throw LayerShapeError(fmt::format("layer '{}': {} = {} is invalid; {}", layer, what, value, allowed));
}
}  // namespace

const char* to_string(LayerKind kind) {
  switch (kind) {
    case LayerKind::Conv:
      return "conv";
    case LayerKind::Gemm:
      return "gemm";
    case LayerKind::MaxPool:
      return "maxpool";
    case LayerKind::AvgPool:
      return "avgpool";
    case LayerKind::GlobalAvgPool:
      return "gavgpool";
    case LayerKind::Add:
      return "add";
    case LayerKind::Vector:
      return "vector";
  }
  return "?";
}

int Layer::out_h() const {
  switch (kind) {
    case LayerKind::GlobalAvgPool:
      return 1;
    case LayerKind::Add:
      return in_h;
    case LayerKind::Vector:
      return vector_out_h > 0 ? vector_out_h : in_h;
    default:
      return (in_h + 2 * pad_h - kernel_extent_h()) / stride_h + 1;
  }
}

int Layer::out_w() const {
  switch (kind) {
    case LayerKind::GlobalAvgPool:
      return 1;
    case LayerKind::Add:
      return in_w;
    case LayerKind::Vector:
      return vector_out_w > 0 ? vector_out_w : in_w;
    default:
      return (in_w + 2 * pad_w - kernel_extent_w()) / stride_w + 1;
  }
}

GemmShape Layer::gemm() const {
  GemmShape g;
  g.m = static_cast<std::int64_t>(batch) * out_h() * out_w();
  g.k = static_cast<std::int64_t>(kernel_h) * kernel_w * (in_c / groups);
  g.n = out_c / groups;
  return g;
}

void Layer::validate() const {
  const char* positive = "must be between 1 and 16777216";
  require(batch >= 1 && batch <= kMaxDim, name, "batch", batch, positive);
  require(in_h >= 1 && in_h <= kMaxDim, name, "in_h", in_h, positive);
  require(in_w >= 1 && in_w <= kMaxDim, name, "in_w", in_w, positive);
  require(in_c >= 1 && in_c <= kMaxDim, name, "in_c", in_c, positive);
  require(out_c >= 1 && out_c <= kMaxDim, name, "out_c", out_c, positive);
  require(kernel_h >= 1 && kernel_h <= kMaxDim, name, "kernel_h", kernel_h, positive);
  require(kernel_w >= 1 && kernel_w <= kMaxDim, name, "kernel_w", kernel_w, positive);
  require(stride_h >= 1 && stride_h <= kMaxDim, name, "stride_h", stride_h, positive);
  require(stride_w >= 1 && stride_w <= kMaxDim, name, "stride_w", stride_w, positive);
  require(dilation_h >= 1 && dilation_h <= kMaxDim, name, "dilation_h", dilation_h, positive);
  require(dilation_w >= 1 && dilation_w <= kMaxDim, name, "dilation_w", dilation_w, positive);
  const std::size_t want_inputs = kind == LayerKind::Add ? 2 : 1;
  require(inputs.empty() || inputs.size() == want_inputs || (kind == LayerKind::Vector && !inputs.empty()),
          name, "number of inputs", static_cast<long long>(inputs.size()),
          kind == LayerKind::Add ? "an add takes exactly 2" : "must be 1");
  if (kind == LayerKind::Vector) {
    require(out_c >= 1 && out_c <= kMaxDim, name, "out_c", out_c, positive);
    require(vector_out_h >= 0 && vector_out_h <= kMaxDim, name, "vector_out_h", vector_out_h,
            "must be 0 .. 16777216");
    require(vector_out_w >= 0 && vector_out_w <= kMaxDim, name, "vector_out_w", vector_out_w,
            "must be 0 .. 16777216");
    require(vector_ops_per_element > 0 && vector_ops_per_element < 1e6, name, "ops per element",
            static_cast<long long>(vector_ops_per_element), "must be positive and below 10^6");
  }
  if (kind == LayerKind::GlobalAvgPool || kind == LayerKind::Add || kind == LayerKind::Vector) return;
  require(pad_h >= 0 && pad_h < kernel_extent_h(), name, "pad_h", pad_h,
          "must be at least 0 and less than the (dilated) kernel height");
  require(pad_w >= 0 && pad_w < kernel_extent_w(), name, "pad_w", pad_w,
          "must be at least 0 and less than the (dilated) kernel width");
  require(kernel_extent_h() <= in_h + 2 * pad_h, name, "kernel_h", kernel_h,
          "must not exceed in_h + 2 x pad_h");
  require(kernel_extent_w() <= in_w + 2 * pad_w, name, "kernel_w", kernel_w,
          "must not exceed in_w + 2 x pad_w");
  if (!on_array()) return;
  require(groups >= 1 && in_c % groups == 0, name, "groups", groups, "must divide in_c");
  require(out_c % groups == 0, name, "groups", groups, "must divide out_c");
  const GemmShape g = gemm();
  const long long int_max = std::numeric_limits<int>::max();
  require(g.m <= int_max, name, "M (output pixels)", g.m, "must fit in 32 bits");
  require(g.k <= int_max, name, "K (kernel_h x kernel_w x in_c)", g.k, "must fit in 32 bits");
  // M x K x N must not overflow 64 bits when the reports multiply it out.
  const double macs = static_cast<double>(g.m) * g.k * g.n * groups;
  require(macs < static_cast<double>(std::numeric_limits<std::int64_t>::max()) / 4, name, "macs",
          static_cast<long long>(macs), "the layer is too large to count");
}

Layer make_gemm_layer(std::string name, std::int64_t m, std::int64_t n, std::int64_t k) {
  Layer l;
  l.name = std::move(name);
  l.kind = LayerKind::Gemm;
  auto narrow = [&](std::int64_t v, const char* what) {
    require(v >= 1 && v <= kMaxDim, l.name, what, v, "must be between 1 and 16777216");
    return static_cast<int>(v);
  };
  l.in_h = narrow(m, "M");
  l.in_c = narrow(k, "K");
  l.out_c = narrow(n, "N");
  return l;
}

Layer make_conv_layer(std::string name, int in_h, int in_w, int in_c, int out_c, int kernel_h, int kernel_w,
                      int stride, int pad) {
  Layer l;
  l.name = std::move(name);
  l.in_h = in_h;
  l.in_w = in_w;
  l.in_c = in_c;
  l.out_c = out_c;
  l.kernel_h = kernel_h;
  l.kernel_w = kernel_w;
  l.stride_h = l.stride_w = stride;
  l.pad_h = l.pad_w = pad;
  return l;
}

Layer make_pool_layer(std::string name, LayerKind kind, int in_h, int in_w, int channels, int kernel,
                      int stride, int pad) {
  Layer l = make_conv_layer(std::move(name), in_h, in_w, channels, channels, kernel, kernel, stride, pad);
  l.kind = kind;
  return l;
}

}  // namespace systolica
