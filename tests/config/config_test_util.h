#pragma once
// Helpers shared by the config tests.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/config/config_loader.h"
#include "tests/support/run_command.h"

namespace systolica::test {

// EXPECT_TRUE(Contains(message, "array.rows")) prints both strings when it fails.
inline ::testing::AssertionResult Contains(const std::string& haystack, const std::string& needle) {
  if (haystack.find(needle) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "'" << needle << "' not found in: " << haystack;
}

inline std::string config_data(const std::string& relative) {
  return source_dir() + "/tests/data/configs/" + relative;
}

// The message of the ConfigError that loading throws, or "" (and a test failure) if it loads.
inline std::string config_error(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    load_config(path, overrides);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a ConfigError loading '" << path << "'";
  return "";
}

// A fresh directory for files a test writes; removed by the caller if it cares.
inline std::filesystem::path temp_config_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("systolica-config-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// `systolica run --config FILE --set ...`, for the end-to-end error checks.
inline CommandResult run_systolica(const std::string& path, const std::vector<std::string>& overrides) {
  std::string cmd = systolica_bin() + " run";
  if (!path.empty()) {
    cmd += " --config '" + path + "'";
  }
  for (const auto& o : overrides) {
    cmd += " --set '" + o + "'";
  }
  return run_command(cmd);
}

// A cheap fuzzer for config text: each call replaces 1 + trial % 4 characters of `text` with ones from
// `alphabet`, drawing from a linear congruential stream in `state` (deterministic per seed).
inline std::string mutate(std::string text, int trial, const std::string& alphabet, std::uint64_t& state) {
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int m = 0; m < 1 + trial % 4; ++m) text[next() % text.size()] = alphabet[next() % alphabet.size()];
  return text;
}

}  // namespace systolica::test
