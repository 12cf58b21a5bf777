#include "sim/cli/layer_args.h"

#include <fmt/format.h>

#include <map>
#include <vector>

#include "sim/cli/usage_error.h"

namespace systolica {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

long long parse_count(const std::string& option, const std::string& field, const std::string& text,
                      long long min) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || v < min || v > (1LL << 24)) {
    throw UsageError(fmt::format("{}: {} = '{}' is not valid; allowed: an integer from {} to 16777216",
                                 option, field, text, min));
  }
  return v;
}

// Reads "a,b,c" positionally or "x=a,y=b" by name into `fields` (in order); fields after `required`
// positions are optional and keep their defaults.
std::map<std::string, long long> parse_fields(const std::string& option, const std::string& spec,
                                              const std::vector<std::string>& fields, std::size_t required,
                                              std::map<std::string, long long> values,
                                              const std::map<std::string, long long>& minimum) {
  const std::string usage =
      option == "--gemm" ? "M,N,K or m=..,n=..,k=.."
                         : "H,W,C,K,R,S[,stride[,pad]] or h=..,w=..,c=..,k=..,r=..,s=..[,stride=..][,pad=..]";
  const std::vector<std::string> parts = split(spec, ',');
  const bool named = spec.find('=') != std::string::npos;
  if (!named) {
    if (parts.size() < required || parts.size() > fields.size()) {
      throw UsageError(fmt::format("{} '{}': expected {}", option, spec, usage));
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      values[fields[i]] = parse_count(option, fields[i], parts[i], minimum.at(fields[i]));
    }
  } else {
    std::map<std::string, bool> seen;
    for (const std::string& p : parts) {
      const auto eq = p.find('=');
      std::string key = eq == std::string::npos ? p : p.substr(0, eq);
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (eq == std::string::npos || minimum.count(key) == 0) {
        throw UsageError(fmt::format("{}: unknown field '{}'; allowed: {}", option, key, usage));
      }
      if (seen[key]) throw UsageError(fmt::format("{}: field '{}' given twice", option, key));
      seen[key] = true;
      values[key] = parse_count(option, key, p.substr(eq + 1), minimum.at(key));
    }
    for (std::size_t i = 0; i < required; ++i) {
      if (!seen[fields[i]])
        throw UsageError(fmt::format("{}: missing field '{}'; expected {}", option, fields[i], usage));
    }
  }
  return values;
}

}  // namespace

Layer parse_gemm_arg(const std::string& spec, const std::string& name) {
  const auto v = parse_fields("--gemm", spec, {"m", "n", "k"}, 3, {}, {{"m", 1}, {"n", 1}, {"k", 1}});
  Layer l = make_gemm_layer(name.empty() ? "gemm" : name, v.at("m"), v.at("n"), v.at("k"));
  return l;
}

Layer parse_conv_arg(const std::string& spec, const std::string& name) {
  const std::map<std::string, long long> minimum{{"h", 1}, {"w", 1}, {"c", 1},      {"k", 1},
                                                 {"r", 1}, {"s", 1}, {"stride", 1}, {"pad", 0}};
  const auto v = parse_fields("--conv", spec, {"h", "w", "c", "k", "r", "s", "stride", "pad"}, 6,
                              {{"stride", 1}, {"pad", 0}}, minimum);
  Layer l = make_conv_layer(
      name.empty() ? "conv" : name, static_cast<int>(v.at("h")), static_cast<int>(v.at("w")),
      static_cast<int>(v.at("c")), static_cast<int>(v.at("k")), static_cast<int>(v.at("r")),
      static_cast<int>(v.at("s")), static_cast<int>(v.at("stride")), static_cast<int>(v.at("pad")));
  try {
    l.validate();
  } catch (const LayerShapeError& e) {
    throw UsageError(fmt::format("--conv {}: {}", spec, e.what()));
  }
  return l;
}

}  // namespace systolica
