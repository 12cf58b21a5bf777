#include "workloads/import/layer_list.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "workloads/import/model_file_error.h"
#include "workloads/import/yaml_map.h"

namespace systolica {

namespace {

using yaml_import::MapReader;

// The keys every layer may have, then each type's own. The order is the order messages list them in.
const std::vector<std::string> kCommonKeys = {"name", "type", "input", "inputs", "in_h", "in_w", "in_c"};
const std::vector<std::string> kWindowKeys = {"kernel",   "kernel_h", "kernel_w", "stride", "stride_h",
                                              "stride_w", "pad",      "pad_h",    "pad_w"};
const std::vector<std::string> kDilationKeys = {"dilation", "dilation_h", "dilation_w"};

struct LayerType {
  const char* name;
  std::vector<std::vector<std::string>> keys;  // key groups beyond kCommonKeys
};

const std::vector<LayerType>& layer_types() {
  static const std::vector<LayerType> types = {
      {"conv", {{"out_c"}, kWindowKeys, kDilationKeys, {"groups", "activation"}}},
      {"dwconv", {kWindowKeys, kDilationKeys, {"activation"}}},
      {"fc", {{"out_c", "activation"}}},
      {"maxpool", {kWindowKeys}},
      {"avgpool", {kWindowKeys}},
      {"gavgpool", {}},
      {"add", {{"activation"}}},
      {"vector", {{"op", "ops_per_element"}}},
  };
  return types;
}

std::vector<std::string> type_names() {
  std::vector<std::string> names;
  for (const LayerType& t : layer_types()) names.emplace_back(t.name);
  return names;
}

// The name a file uses for the network's input tensor in `input:`/`inputs:`.
constexpr const char* kInputName = "input";

class LayerListReader {
 public:
  LayerListReader(std::string path, int batch_override)
      : path_(std::move(path)), batch_override_(batch_override) {}

  Network read() {
    try {
      return read_network();
    } catch (const YAML::Exception& e) {
      // A yaml-cpp call this reader did not expect to fail: still one line naming the file.
      yaml_import::fail(path_, e.mark, e.msg);
    }
  }

 private:
  Network read_network() {
    const YAML::Node root = yaml_import::load_file(path_);
    if (root.IsNull()) {
      yaml_import::fail(path_, YAML::Mark::null_mark(),
                        "the file is empty; expected a map with the keys 'input' and 'layers' (and 'name')");
    }
    const MapReader top(path_, root, "", "the top level",
                        "'name: tiny', 'input: {h: 32, w: 32, c: 3}', 'layers:'");
    top.check_keys({"name", "input", "layers"}, "at the top level");
    const std::string name = top.text("name", std::filesystem::path(path_).stem().string());
    NetworkBuilder builder(name, read_input(top));
    if (!top.has("layers")) top.fail_here("key 'layers' is missing; expected a list of layers");
    const YAML::Node& layers = *top.find("layers");
    if (!layers.IsSequence() || layers.size() == 0) {
      top.fail_key("layers",
                   fmt::format("found {}; expected a list of at least one layer",
                               layers.IsSequence() ? "an empty list" : yaml_import::describe(layers)));
    }
    int position = 0;
    for (const auto& layer : layers) read_layer(builder, layer, ++position);
    try {
      return builder.finish();
    } catch (const LayerShapeError& e) {  // each layer was checked as it was added; this is a safety net
      yaml_import::fail(path_, YAML::Mark::null_mark(), e.what());
    }
  }

  TensorShape read_input(const MapReader& top) const {
    if (!top.has("input"))
      top.fail_here("key 'input' is missing; expected a map such as {h: 224, w: 224, c: 3}");
    const MapReader in(path_, *top.find("input"), "input: ", "the value", "{h: 224, w: 224, c: 3, batch: 1}");
    in.check_keys({"h", "w", "c", "batch"}, "");
    TensorShape s;
    s.n = batch_override_ > 0 ? batch_override_ : in.integer("batch", 1, 1);
    if (batch_override_ > 0) in.integer("batch", 1, 1);  // a bad value is still an error in the file
    s.h = in.integer("h", 1);
    s.w = in.integer("w", 1);
    s.c = in.integer("c", 1);
    return s;
  }

  void read_layer(NetworkBuilder& b, const YAML::Node& node, int position) {
    // Messages name the layer by its name when it has a usable one, else by its position.
    std::string context = fmt::format("layer {}: ", position);
    if (node.IsMap()) {
      for (const auto& kv : node) {  // not node["name"]: on a missing key that yields an invalid node
        if (kv.first.IsScalar() && kv.first.Scalar() == "name" && kv.second.IsScalar() &&
            !kv.second.Scalar().empty()) {
          context = fmt::format("layer '{}': ", kv.second.Scalar());
          break;
        }
      }
    }
    const MapReader m(path_, node, context, "the entry",
                      "{name: c1, type: conv, out_c: 16, kernel: 3, pad: 1, activation: relu}");
    const std::string name = m.text("name");
    if (name == kInputName)
      m.fail_key("name", fmt::format("'{}' names the network input; pick another name", name));
    if (auto it = names_.find(name); it != names_.end()) {
      m.fail_key("name", fmt::format("'{}' is already the name of the layer on line {}; names must be unique",
                                     name, it->second.line));
    }
    const std::string type = m.text("type");
    const LayerType* spec = nullptr;
    for (const LayerType& t : layer_types()) {
      if (type == t.name) spec = &t;
    }
    if (spec == nullptr) {
      m.fail_key("type",
                 fmt::format("unknown type '{}'{}; allowed: {}", type,
                             yaml_import::did_you_mean(type, type_names()), fmt::join(type_names(), ", ")));
    }
    std::vector<std::string> allowed = kCommonKeys;
    for (const auto& group : spec->keys) allowed.insert(allowed.end(), group.begin(), group.end());
    m.check_keys(allowed, "for " + type);

    const std::vector<int> inputs = read_inputs(m, type == "add" ? 2 : 1);
    check_declared_input(b, m, type, inputs[0]);
    int index = 0;
    try {
      index = build(b, m, type, name, inputs);
    } catch (const LayerShapeError& e) {  // already "layer 'c3': ..."; add where it is
      yaml_import::fail(path_, node.Mark(), e.what());
    }
    names_[name] = Defined{index, node.Mark().line + 1};
    last_ = index;
  }

  // `input: c1` or `inputs: [c1, c3]` by name; by default the layer above (the network input for the first).
  std::vector<int> read_inputs(const MapReader& m, std::size_t want) const {
    if (m.has("input") && m.has("inputs")) m.fail_key("inputs", "give either 'input' or 'inputs', not both");
    const char* key = m.has("input") ? "input" : "inputs";
    if (!m.has(key)) {
      if (want == 2) m.fail_here("key 'inputs' is missing; an add takes two inputs, e.g. inputs: [a, b]");
      return {last_};
    }
    const std::vector<std::string> names = m.texts(key);
    if (names.size() != want) {
      m.fail_key(key,
                 fmt::format("{} name{} given; this layer takes {}{}", names.size(),
                             names.size() == 1 ? "" : "s", want, want == 2 ? ", e.g. inputs: [a, b]" : ""));
    }
    std::vector<int> out;
    for (const std::string& n : names) {
      if (n == kInputName) {
        out.push_back(kNetworkInput);
        continue;
      }
      const auto it = names_.find(n);
      if (it == names_.end()) {
        m.fail_key(key,
                   fmt::format("'{}' is not a layer above this one; an input names an earlier layer or '{}' "
                               "(the network input)",
                               n, kInputName));
      }
      out.push_back(it->second.index);
    }
    return out;
  }

  // Optional in_h/in_w/in_c state what the author believes the input is; a mismatch is an error in the
  // file, caught here rather than as a confusing shape error further down.
  void check_declared_input(const NetworkBuilder& b, const MapReader& m, const std::string& type,
                            int input) const {
    const TensorShape s = b.shape_of(input);
    const bool flat = type == "fc";  // an fc reads its input flattened to 1 x 1 x (h*w*c)
    const std::int64_t in_c = flat ? static_cast<std::int64_t>(s.h) * s.w * s.c : s.c;
    const struct {
      const char* key;
      std::int64_t inferred;
    } dims[] = {{"in_h", flat ? 1 : s.h}, {"in_w", flat ? 1 : s.w}, {"in_c", in_c}};
    for (const auto& d : dims) {
      if (!m.has(d.key)) continue;
      const int declared = m.integer(d.key, 1);
      if (declared != d.inferred) {
        m.fail_key(d.key,
                   fmt::format("{} is declared but the input gives {} (input shape {}x{}x{}{})", declared,
                               d.inferred, s.h, s.w, s.c, flat ? ", flattened by the fc" : ""));
      }
    }
  }

  // `key` for both axes, or `key_h` and `key_w`; `fallback` when none is given (an error if none).
  static std::pair<int, int> axes(const MapReader& m, const std::string& key, int min,
                                  std::optional<int> fallback) {
    const std::string kh = key + "_h", kw = key + "_w";
    if (m.has(key) && (m.has(kh) || m.has(kw))) {
      m.fail_key(m.has(kh) ? kh : kw, fmt::format("give either '{}' or '{}'/'{}', not both", key, kh, kw));
    }
    if (m.has(key)) {
      const int v = m.integer(key, min);
      return {v, v};
    }
    if (!m.has(kh) && !m.has(kw) && !fallback) {
      m.fail_here(fmt::format("key '{}' is missing (or '{}' and '{}'); expected an integer from {} to {}",
                              key, kh, kw, min, yaml_import::kMaxSize));
    }
    return {m.integer(kh, min, fallback), m.integer(kw, min, fallback)};
  }

  static Activation activation(const MapReader& m) {
    const std::string a = m.text("activation", std::string("none"));
    for (Activation act : {Activation::None, Activation::Relu, Activation::Relu6, Activation::HardSwish}) {
      if (a == to_string(act)) return act;
    }
    m.fail_key("activation", fmt::format("unknown activation '{}'; allowed: none, relu, relu6, hswish", a));
  }

  // A conv or pool window: kernel (required), stride (default 1), pad (default 0), dilation (default 1).
  static Layer window(const MapReader& m, const std::string& name, LayerKind kind, bool dilation) {
    Layer l;
    l.name = name;
    l.kind = kind;
    std::tie(l.kernel_h, l.kernel_w) = axes(m, "kernel", 1, std::nullopt);
    std::tie(l.stride_h, l.stride_w) = axes(m, "stride", 1, 1);
    std::tie(l.pad_h, l.pad_w) = axes(m, "pad", 0, 0);
    if (dilation) std::tie(l.dilation_h, l.dilation_w) = axes(m, "dilation", 1, 1);
    return l;
  }

  static int build(NetworkBuilder& b, const MapReader& m, const std::string& type, const std::string& name,
                   const std::vector<int>& in) {
    if (type == "conv" || type == "dwconv") {
      Layer l = window(m, name, LayerKind::Conv, true);
      const int channels = b.shape_of(in[0]).c;
      l.out_c = type == "conv" ? m.integer("out_c", 1) : channels;
      l.groups = type == "conv" ? m.integer("groups", 1, 1) : channels;
      l.activation = activation(m);
      return b.append(std::move(l), in);
    }
    if (type == "fc") return b.fully_connected(name, in[0], m.integer("out_c", 1), activation(m));
    if (type == "maxpool") return b.append(window(m, name, LayerKind::MaxPool, false), in);
    if (type == "avgpool") return b.append(window(m, name, LayerKind::AvgPool, false), in);
    if (type == "gavgpool") return b.global_avg_pool(name, in[0]);
    if (type == "add") return b.add(name, in[0], in[1], activation(m));
    return b.vector(name, in[0], m.text("op"), m.number("ops_per_element", 1));
  }

  struct Defined {
    int index;
    int line;
  };

  std::string path_;
  int batch_override_;
  std::map<std::string, Defined> names_;
  int last_ = kNetworkInput;  // the layer read last: the default input of the next
};

}  // namespace

Network load_layer_list(const std::string& path, int batch_override) {
  if (batch_override < 0) {
    throw std::invalid_argument(
        fmt::format("batch = {} is invalid; must be at least 1 (or 0: the file's)", batch_override));
  }
  return LayerListReader(path, batch_override).read();
}

}  // namespace systolica
