#include "workloads/topology_csv.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>

namespace systolica {

namespace {

constexpr int kMaxValue = 1 << 24;           // Layer::validate()'s bound on every dimension
constexpr int kMaxDepthwiseSplit = 1 << 16;  // SCALE-Sim's "DP" rows become one layer per channel

// The eight columns of a SCALE-Sim convolution topology, in order, as SCALE-Sim's own files spell them.
constexpr std::array<std::string_view, 8> kColumns = {"Layer name",    "IFMAP Height", "IFMAP Width",
                                                      "Filter Height", "Filter Width", "Channels",
                                                      "Num Filter",    "Strides"};
enum Col { kName, kIfmapH, kIfmapW, kFilterH, kFilterW, kChannels, kFilters, kStride, kNinth };

// Accepted spellings of each column, lower case without spaces. SCALE-Sim itself ignores the header and
// reads columns by position, and its own topology files use these variants (among them the mislabelled
// second column "IFMAP Width" of its DeepBench and MLPerf files).
const std::array<std::vector<std::string_view>, 8> kAliases = {{
    {"layername", "layer"},
    {"ifmapheight", "ifmapwidth"},
    {"ifmapwidth"},
    {"filterheight"},
    {"filterwidth"},
    {"channels", "channel"},
    {"numfilter", "numfilters"},
    {"strides", "stride", "strideheight"},
}};

// The optional ninth column.
enum class Ninth { None, StrideWidth, BatchSize };

const std::string kHeaderText =
    "'Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,'";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// U+00A0 in UTF-8: spreadsheets put no-break spaces after commas (SCALE-Sim's gpt2 topologies have them).
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

std::string_view trim(std::string_view s) {
  while (true) {
    if (!s.empty() && is_space(s.front())) {
      s.remove_prefix(1);
    } else if (s.substr(0, 2) == kNoBreakSpace) {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && is_space(s.back())) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == kNoBreakSpace) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

// Lower case, all whitespace (and no-break spaces) removed: how header names are compared.
std::string normalize(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 2) == kNoBreakSpace) {
      ++i;
    } else if (!is_space(s[i])) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    }
  }
  return out;
}

// A value as it appears in a message: quoted, shortened if long.
std::string quote(std::string_view s) {
  constexpr std::size_t kMax = 40;
  if (s.size() > kMax) return fmt::format("'{}...'", s.substr(0, kMax));
  return fmt::format("'{}'", s);
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(trim(line.substr(start)));
      break;
    }
    fields.push_back(trim(line.substr(start, comma - start)));
    start = comma + 1;
  }
  return fields;
}

bool all_empty(const std::vector<std::string_view>& fields) {
  for (auto f : fields) {
    if (!f.empty()) return false;
  }
  return true;
}

bool is_integer(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == '-' || s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

class Parser {
 public:
  Parser(const std::string& text, const std::string& source) : text_(text), source_(source) {}

  std::vector<Layer> parse() {
    std::string_view rest = text_;
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // UTF-8 byte order mark
    int line_no = 0;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      const std::string_view raw = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      ++line_no;
      line_ = line_no;
      const std::string_view line = trim(raw);
      if (line.empty()) continue;
      std::vector<std::string_view> fields = split_fields(line);
      if (all_empty(fields)) continue;  // a spreadsheet's empty row: ",,,,,,,,"
      if (header_line_ == 0) {
        parse_header(fields);
        header_line_ = line_no;
      } else {
        parse_row(fields);
      }
    }
    if (header_line_ == 0) {
      line_ = 1;
      fail(fmt::format("the file is empty; expected the header {} and then one row per layer", kHeaderText));
    }
    if (layers_.empty()) {
      line_ = header_line_;
      fail("the header is not followed by any layer; expected one row per layer after it");
    }
    return std::move(layers_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw TopologyError(fmt::format("{}:{}: {}", source_, line_, what));
  }
  [[noreturn]] void fail_column(int col, const std::string& what) const {
    fail(fmt::format("column '{}': {}", column_name(col), what));
  }
  std::string column_name(int col) const {
    if (col < kNinth) return std::string(kColumns[col]);
    return ninth_ == Ninth::BatchSize ? "Batch size" : "Stride width";
  }

  // SCALE-Sim writes one trailing comma after the last field; a "#" note after it (as in SCALE-Sim's
  // MobileNet topologies, "...,1,#dw") is a comment.
  static void drop_trailing(std::vector<std::string_view>& fields) {
    if (fields.size() > 1 && fields.back().empty()) fields.pop_back();
    if (fields.size() > 1 && !fields.back().empty() && fields.back().front() == '#') fields.pop_back();
  }

  void parse_header(std::vector<std::string_view> fields) {
    while (fields.size() > 1 && fields.back().empty()) fields.pop_back();
    // A data row where the header belongs: the second field is a number.
    if (fields.size() > 1 && is_integer(fields[1])) {
      fail(fmt::format("the first line is a layer, not the header; the file must start with the header {}",
                       kHeaderText));
    }
    std::vector<std::string> names;
    for (auto f : fields) names.push_back(normalize(f));
    if (names.size() == 4 && (names[0] == "layername" || names[0] == "layer") && names[1] == "m" &&
        names[2] == "n" && names[3] == "k") {
      fail(
          fmt::format("this is a SCALE-Sim GEMM topology ('Layer name, M, N, K'); only convolution "
                      "topologies are read, with the header {}",
                      kHeaderText));
    }
    if (names.size() < 8 || names.size() > 9) {
      fail(
          fmt::format("the header has {} column{}; expected the 8 comma-separated columns {} (optionally "
                      "followed by a 9th, 'Stride width' or 'Batch size')",
                      names.size(), names.size() == 1 ? "" : "s", kHeaderText));
    }
    for (int col = 0; col < 8; ++col) {
      bool ok = false;
      for (auto alias : kAliases[col]) ok = ok || names[col] == alias;
      if (!ok) {
        fail(
            fmt::format("header column {} is {}; expected '{}' (header names match ignoring case and spaces)",
                        col + 1, quote(fields[col]), kColumns[col]));
      }
    }
    if (names.size() == 9) {
      if (names[8] == "stridewidth") {
        ninth_ = Ninth::StrideWidth;
      } else if (names[8] == "batchsize") {
        ninth_ = Ninth::BatchSize;
      } else {
        fail(
            fmt::format("header column 9 is {}; the only 9th columns allowed are 'Stride width' and "
                        "'Batch size'",
                        quote(fields[8])));
      }
    }
  }

  int positive(const std::vector<std::string_view>& fields, int col) const {
    const std::string_view s = fields[col];
    if (s.empty()) fail_column(col, "the value is missing; expected a positive integer");
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    const bool digits_only = end == s.data() + s.size();
    if (ec == std::errc::result_out_of_range && is_integer(s) && s.front() != '-') {
      fail_column(col, fmt::format("{} is too large; the largest allowed is {}", quote(s), kMaxValue));
    }
    if (ec != std::errc() || !digits_only || v < 1) {
      fail_column(col, fmt::format("{} is not a positive integer", quote(s)));
    }
    if (v > kMaxValue) {
      fail_column(col, fmt::format("{} is too large; the largest allowed is {}", quote(s), kMaxValue));
    }
    return static_cast<int>(v);
  }

  void parse_row(std::vector<std::string_view> fields) {
    drop_trailing(fields);
    // A 9th value is the stride width, as SCALE-Sim reads it whatever the header says, unless the header
    // calls that column 'Batch size' (SCALE-Sim would still take it as a stride width; we refuse to guess).
    if (fields.size() < 8 || fields.size() > 9) {
      fail(fmt::format(
          "found {} field{}; expected 8 (Layer name, IFMAP Height, IFMAP Width, Filter Height, "
          "Filter Width, Channels, Num Filter, Strides) or 9 (the 9th: '{}'), optionally followed by "
          "one trailing comma",
          fields.size(), fields.size() == 1 ? "" : "s", column_name(kNinth)));
    }
    const std::string name(fields[kName]);
    if (name.empty()) fail_column(kName, "the name is missing; every layer needs a name");
    const int ifmap_h = positive(fields, kIfmapH);
    const int ifmap_w = positive(fields, kIfmapW);
    const int filter_h = positive(fields, kFilterH);
    const int filter_w = positive(fields, kFilterW);
    const int channels = positive(fields, kChannels);
    const int filters = positive(fields, kFilters);
    const int stride_h = positive(fields, kStride);
    int stride_w = stride_h;
    if (fields.size() == 9 && !fields[kNinth].empty()) {
      if (ninth_ != Ninth::BatchSize) {
        stride_w = positive(fields, kNinth);
      } else {
        fail_column(kNinth,
                    fmt::format("{} is not allowed; SCALE-Sim reads a 9th value as the stride width, not "
                                "a batch size, so leave this column empty (SCALE-Sim runs batch 1) or "
                                "name it 'Stride width'",
                                quote(fields[kNinth])));
      }
    }
    if (filter_h > ifmap_h) {
      fail_column(kFilterH,
                  fmt::format("{} is larger than IFMAP Height {}; SCALE-Sim layers are unpadded, so "
                              "the filter must fit in the input",
                              filter_h, ifmap_h));
    }
    if (filter_w > ifmap_w) {
      fail_column(kFilterW, fmt::format("{} is larger than IFMAP Width {}; SCALE-Sim layers are unpadded, so "
                                        "the filter must fit in the input",
                                        filter_w, ifmap_w));
    }

    // SCALE-Sim runs a layer whose name contains "DP" as depthwise: one single-channel layer per channel,
    // named <name>Channel_<i>, each with the row's filter count.
    const bool depthwise = name.find("DP") != std::string::npos;
    if (depthwise && channels > kMaxDepthwiseSplit) {
      fail_column(kChannels,
                  fmt::format("{} channels is too many for a depthwise ('DP') layer, which SCALE-Sim "
                              "splits into one layer per channel; the largest allowed is {}",
                              channels, kMaxDepthwiseSplit));
    }
    const int copies = depthwise ? channels : 1;
    for (int i = 0; i < copies; ++i) {
      Layer l = make_conv_layer(depthwise ? fmt::format("{}Channel_{}", name, i) : name, ifmap_h, ifmap_w,
                                depthwise ? 1 : channels, filters, filter_h, filter_w, stride_h, 0);
      l.stride_w = stride_w;
      try {
        l.validate();
      } catch (const LayerShapeError& e) {
        fail(e.what());
      }
      const auto [it, inserted] = names_.emplace(l.name, line_);
      if (!inserted) {
        fail_column(kName,
                    fmt::format("{} is already used on line {}; layer names must be unique{}", quote(l.name),
                                it->second,
                                depthwise ? " (a 'DP' layer is named <name>Channel_<i> per channel)" : ""));
      }
      layers_.push_back(std::move(l));
    }
  }

  const std::string& text_;
  const std::string& source_;
  int line_ = 0;
  int header_line_ = 0;
  Ninth ninth_ = Ninth::None;
  std::map<std::string, int> names_;  // layer name -> line it was defined on
  std::vector<Layer> layers_;
};

}  // namespace

std::vector<Layer> parse_scalesim_topology(const std::string& text, const std::string& source) {
  return Parser(text, source).parse();
}

std::vector<Layer> read_scalesim_topology(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw TopologyError(fmt::format("{}: is a directory; expected a SCALE-Sim topology CSV file", path));
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    throw TopologyError(fmt::format("{}: cannot open the topology file: {}", path, std::strerror(errno)));
  }
  std::string text;
  char buf[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (failed) {
    throw TopologyError(fmt::format("{}: cannot read the topology file: {}", path, std::strerror(err)));
  }
  return parse_scalesim_topology(text, path);
}

}  // namespace systolica
