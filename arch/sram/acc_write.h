#pragma once
// How a write into the accumulator combines with what is there: the first reduction block of an output
// overwrites, the later ones add. Its own header so that command structs stay free of SystemC.
#include <cstdint>

namespace systolica {

enum class AccWrite : std::uint8_t { Overwrite, Accumulate };

}  // namespace systolica
