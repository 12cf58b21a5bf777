#include "sim/config/config_error.h"

namespace systolica::config {

std::string where_in(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) {
    return file;
  }
  return file + ":" + std::to_string(mark.line + 1);
}

void fail(std::string_view where, std::string_view key, std::string_view detail) {
  std::string msg;
  if (!where.empty()) {
    msg.append(where).append(": ");
  }
  if (!key.empty()) {
    msg.append(key).append(": ");
  }
  msg.append(detail);
  // One line of plain text, always: a newline or a control byte from a YAML message or a --set value
  // must not split the message or garble the terminal.
  for (char& c : msg) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      c = ' ';
    }
  }
  throw ConfigError(msg);
}

}  // namespace systolica::config
