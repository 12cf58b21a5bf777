#include "sim/report/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <utility>

namespace systolica {

namespace {
constexpr std::size_t kMaxName = 60;  // keeps the line on one row of an 80-column terminal
constexpr const char* kErase = "\r\033[K";
}  // namespace

std::string progress_line(const std::vector<std::string>& names, std::size_t done) {
  const std::size_t total = names.size();
  if (done >= total) {
    return kErase;
  }
  std::string name = names[done];
  if (name.size() > kMaxName) {
    name = name.substr(0, kMaxName - 3) + "...";
  }
  const int digits = static_cast<int>(fmt::format("{}", total).size());
  return fmt::format("{}[{:>{}}/{}] {} ...", kErase, done + 1, digits, total, name);
}

ProgressCallback progress_indicator(std::vector<std::string> names, std::FILE* out) {
  return [names = std::move(names), out](std::size_t done, std::size_t) {
    std::fputs(progress_line(names, done).c_str(), out);
    std::fflush(out);
  };
}

ProgressCallback progress_indicator(const Network& net, bool quiet) {
  if (quiet || ::isatty(STDERR_FILENO) == 0) {
    return {};
  }
  std::vector<std::string> names;
  for (const Layer& l : net.layers) {
    names.push_back(l.name);
  }
  return progress_indicator(std::move(names), stderr);
}

}  // namespace systolica
