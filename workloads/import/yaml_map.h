#pragma once
// Reading a YAML model file with one-line errors (workloads/import/model_file_error.h): loading the file,
// and a map whose keys are each written once and checked against what is allowed, read as typed values.
// Every message is "FILE:LINE: <context><detail>", the context naming what the map is ("layer 'c3': ").
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace systolica::yaml_import {

inline constexpr int kMaxSize = 1 << 24;  // Layer::validate()'s bound on every dimension

// Throws ModelFileError "file:line: detail" (just "file: detail" for a null mark), made one line.
[[noreturn]] void fail(const std::string& file, const YAML::Mark& mark, const std::string& detail);

// Loads a YAML file; a missing, unreadable or malformed file is a ModelFileError.
YAML::Node load_file(const std::string& path);

// "a list", "a map", "the text 'abc'" or "nothing": what a node is, for "found X; expected Y".
std::string describe(const YAML::Node& node);

// " (did you mean 'kernel'?)" when one of `names` is a likely typo of `word`, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& names);

class MapReader {
 public:
  // `map` must be a map (else the error names `what`, e.g. "the layer", and `example`). yaml-cpp keeps both
  // entries of a key written twice; that is almost always a copy-paste slip, so it is an error here.
  MapReader(const std::string& file, const YAML::Node& map, std::string context, const std::string& what,
            const std::string& example);

  // Rejects any key not in `allowed`; `for_what` completes "allowed[ for_what]: a, b, c".
  void check_keys(const std::vector<std::string>& allowed, const std::string& for_what) const;

  bool has(const std::string& key) const { return find(key) != nullptr; }
  const YAML::Node* find(const std::string& key) const;

  // Typed values. `min` is the smallest allowed integer; an absent key gives `fallback`, or an error if
  // there is none.
  int integer(const std::string& key, int min, std::optional<int> fallback = std::nullopt) const;
  double number(const std::string& key, double fallback) const;  // a finite value above 0
  std::string text(const std::string& key, std::optional<std::string> fallback = std::nullopt) const;
  std::vector<std::string> texts(const std::string& key) const;  // a string or a list of strings

  [[noreturn]] void fail_key(const std::string& key, const std::string& detail) const;  // at the key's line
  [[noreturn]] void fail_here(const std::string& detail) const;                         // at the map's line
  const YAML::Mark& mark_of(const std::string& key) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node value;
    YAML::Mark mark;  // the key's: a value written as nothing ("kernel:") has no mark of its own
  };
  const Entry& entry(const std::string& key) const;

  std::string file_;
  YAML::Mark mark_;
  std::string context_;
  std::vector<Entry> entries_;
};

}  // namespace systolica::yaml_import
