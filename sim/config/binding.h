#pragma once
// Binds a schema row to an ArchSpec member, converting between the member's type and a parsed Value.
// bind<&ArchSpec::cores>() or bind<&ArchSpec::array, &ArraySpec::rows>().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/schema.h"

namespace systolica::config {

// Sizes marked kAllowAuto land as 0 ("auto") and are resolved by resolve_auto() once all keys are known.
inline void assign(int& field, const Value& v) {
  field = v.is_auto ? 0 : static_cast<int>(v.n);
}
inline void assign(std::uint64_t& field, const Value& v) {
  field = v.n;
}
inline void assign(double& field, const Value& v) {
  field = v.x;
}
inline void assign(std::string& field, const Value& v) {
  field = v.text;
}
inline void assign(bool& field, const Value& v) {
  field = v.n != 0;
}
// Optional fields hold per-field overrides: "auto" leaves them empty (the default applies later).
inline void assign(std::optional<int>& field, const Value& v) {
  field = v.is_auto ? std::nullopt : std::optional<int>(static_cast<int>(v.n));
}
inline void assign(std::optional<double>& field, const Value& v) {
  field = v.is_auto ? std::nullopt : std::optional<double>(v.x);
}
void assign(Dataflow& field, const Value& v);
void assign(std::vector<Dataflow>& field, const Value& v);

inline Value read(int field) {
  Value v;
  v.n = static_cast<std::uint64_t>(field);
  return v;
}
inline Value read(std::uint64_t field) {
  Value v;
  v.n = field;
  return v;
}
inline Value read(double field) {
  Value v;
  v.x = field;
  return v;
}
inline Value read(const std::string& field) {
  Value v;
  v.text = field;
  return v;
}
inline Value read(bool field) {
  Value v;
  v.n = field ? 1 : 0;
  return v;
}
// An empty override reads back as "auto" (text too, so comparisons see it differ from any number).
inline Value read(const std::optional<int>& field) {
  Value v;
  if (field) {
    v.n = static_cast<std::uint64_t>(*field);
  } else {
    v.is_auto = true;
    v.text = "auto";
  }
  return v;
}
inline Value read(const std::optional<double>& field) {
  Value v;
  if (field) {
    v.x = *field;
  } else {
    v.is_auto = true;
    v.text = "auto";
  }
  return v;
}
Value read(Dataflow field);
Value read(const std::vector<Dataflow>& field);

template <auto Member>
Binding bind() {
  return {[](ArchSpec& a, const Value& v) { assign(a.*Member, v); },
          [](const ArchSpec& a) { return read(a.*Member); }};
}

template <auto Section, auto Member>
Binding bind() {
  return {[](ArchSpec& a, const Value& v) { assign(a.*Section.*Member, v); },
          [](const ArchSpec& a) { return read(a.*Section.*Member); }};
}

// A key two sections deep: bind<&ArchSpec::dram, &DramSpec::timing, &DramTimingOverrides::tRCD>().
template <auto Section, auto Subsection, auto Member>
Binding bind() {
  return {[](ArchSpec& a, const Value& v) { assign(a.*Section.*Subsection.*Member, v); },
          [](const ArchSpec& a) { return read(a.*Section.*Subsection.*Member); }};
}

}  // namespace systolica::config
