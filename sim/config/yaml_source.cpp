#include "sim/config/yaml_source.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "sim/config/config_error.h"
#include "sim/config/leaf_parser.h"
#include "sim/config/suggest.h"

namespace systolica::config {

namespace {

namespace fs = std::filesystem;

// Reads one file and, depth first, its includes; `chain_` is the stack of files being read, which is
// what a cycle is detected against (a file included twice side by side is fine, a loop is not).
class FileReader {
 public:
  FileReader(Assignments& out, PinAssignments& pins) : out_(out), pins_(pins) {}

  // `shown` is the path as messages print it; `where` is the include site (empty for the top file).
  void read(const fs::path& shown, const std::string& where, int depth) {
    const std::string name = shown.string();
    std::error_code ec;
    const fs::path identity = fs::weakly_canonical(shown, ec);
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (chain_[i].first == identity) {
        std::string cycle;
        for (std::size_t j = i; j < chain_.size(); ++j) {
          cycle += chain_[j].second + " -> ";
        }
        fail(where, "include", fmt::format("include cycle: {}{}", cycle, name));
      }
    }
    if (depth > kMaxIncludeDepth) {
      fail(where, "include",
           fmt::format("'{}' is nested {} includes deep; at most {} are allowed", name, depth,
                       kMaxIncludeDepth));
    }
    const YAML::Node root = load(shown, where);
    chain_.emplace_back(identity, name);
    if (root.IsMap()) {
      apply_includes(root, shown);
      walk(root, "", name);
    } else if (!root.IsNull()) {  // an empty file, or only comments, means "all defaults"
      fail(where_in(name, root.Mark()), "",
           fmt::format("the top level is {}; expected a map of keys such as 'array: {{rows: 16}}'",
                       root.IsSequence() ? "a list" : fmt::format("the text '{}'", root.Scalar())));
    }
    chain_.pop_back();
  }

 private:
  YAML::Node load(const fs::path& path, const std::string& where) {
    const std::string name = path.string();
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      fail(where, where.empty() ? "" : "include",
           fmt::format("config file '{}' does not exist{}", name,
                       where.empty() ? "" : " (include paths are relative to the including file)"));
    }
    if (fs::is_directory(path, ec)) {
      fail(where, where.empty() ? "" : "include", fmt::format("config file '{}' is a directory", name));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      fail(where, "", fmt::format("cannot read config file '{}': {}", name, std::strerror(errno)));
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
      return YAML::Load(text.str());
    } catch (const YAML::Exception& e) {  // syntax errors, undefined aliases, ...
      fail(where_in(name, e.mark), "",
           fmt::format("malformed YAML at column {}: {}", e.mark.column + 1, e.msg));
    }
  }

  void apply_includes(const YAML::Node& root, const fs::path& file) {
    const std::string name = file.string();
    for (const auto& entry : root) {
      if (!entry.first.IsScalar() || entry.first.Scalar() != "include") {
        continue;
      }
      const YAML::Node& value = entry.second;
      std::vector<YAML::Node> paths;
      if (value.IsScalar()) {
        paths.push_back(value);
      } else if (value.IsSequence() && value.size() > 0) {
        for (const auto& item : value) {
          paths.push_back(item);
        }
      } else {
        fail(where_in(name, entry.first.Mark()), "include",
             "is empty or a map; expected a file path or a list of file paths");
      }
      for (const auto& p : paths) {
        const std::string where = where_in(name, p.Mark().is_null() ? entry.first.Mark() : p.Mark());
        if (!p.IsScalar() || p.Scalar().empty()) {
          fail(where, "include", "expected a file path (a string)");
        }
        const fs::path target = fs::path(p.Scalar()).is_absolute()
                                    ? fs::path(p.Scalar())
                                    : (file.parent_path() / p.Scalar()).lexically_normal();
        read(target, where, static_cast<int>(chain_.size()) + 1);
      }
    }
  }

  // Walks a map whose keys sit under `prefix`, parsing each leaf it finds. yaml-cpp keeps both entries
  // of a duplicated key and which one wins is an accident of lookup; a key written twice is almost
  // always a copy-paste mistake, so it is an error here.
  void walk(const YAML::Node& map, const std::string& prefix, const std::string& file) {
    std::set<std::string> seen;
    for (const auto& entry : map) {
      const std::string where = where_in(file, entry.first.Mark());
      if (!entry.first.IsScalar()) {
        fail(where, prefix, "a key must be a plain name, not a list or a map");
      }
      const std::string& name = entry.first.Scalar();
      std::string key = prefix;
      if (!key.empty()) {
        key += '.';
      }
      key += name;
      if (name.find('.') != std::string::npos) {  // "array.rows: 32" could silently shadow "array: {rows}"
        fail(where, key,
             fmt::format("dotted keys are for --set; in a file write nested maps ('{}:' then '{}:' "
                         "indented under it)",
                         name.substr(0, name.find('.')), name.substr(name.find('.') + 1)));
      }
      if (!seen.insert(name).second) {
        fail(where, key, "duplicate key; each key may appear once per map");
      }
      if (prefix.empty() && name == "include") {
        continue;  // handled before the keys
      }
      if (name == "include") {
        fail(where, key, "include is only allowed at the top level of a file");
      }
      if (prefix.empty() && name == kMappingSection) {
        read_pins(entry.first, entry.second, file, pins_);
        continue;
      }
      const YAML::Node& value = entry.second;
      if (const KeySpec* spec = find_key(key)) {
        const std::string value_where = value.IsNull() ? where : where_in(file, value.Mark());
        if (spec->key != key && !seen.insert(std::string(spec->key.substr(spec->key.rfind('.') + 1))).second) {
          fail(where, key, fmt::format("is another name for {}, which this map also sets; keep one", spec->key));
        }
        Value parsed = parse_leaf(*spec, value, value_where);
        if ((spec->flags & kFilePath) && !parsed.is_auto && !fs::path(parsed.text).is_absolute()) {
          parsed.text = (fs::path(file).parent_path() / parsed.text).lexically_normal().string();
        }
        out_[std::string(spec->key)] = Assignment{std::move(parsed), value_where};
      } else if (is_section(key)) {
        if (value.IsMap()) {
          walk(value, key, file);
        } else if (!value.IsNull()) {  // "l2:" with nothing under it changes nothing
          const std::string found = value.IsSequence() ? "found a list" : "found '" + value.Scalar() + "'";
          fail(where, key, fmt::format("{}; expected a map of keys ({})", found, children_of(key)));
        }
      } else {
        fail(where, key, unknown_key_detail(key));
      }
    }
  }

  Assignments& out_;
  PinAssignments& pins_;
  std::vector<std::pair<fs::path, std::string>> chain_;  // the files being read, outermost first
};

}  // namespace

void read_config_file(const std::string& path, Assignments& out, PinAssignments& pins) {
  FileReader reader(out, pins);
  reader.read(std::filesystem::path(path), "", 0);
}

}  // namespace systolica::config
