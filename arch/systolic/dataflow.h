#pragma once
// Which operand a systolic array holds still while the others stream past.
#include <optional>
#include <string>
#include <string_view>

namespace systolica {

enum class Dataflow {
  WeightStationary,  // "ws": weights preloaded into the PEs, activations stream, partial sums flow down
  OutputStationary,  // "os": each PE owns one output, activations and weights stream, results drain
  InputStationary,   // "is": activations preloaded, weights stream (WS on the transposed GEMM)
};

std::string_view to_string(Dataflow d);
std::optional<Dataflow> parse_dataflow(std::string_view s);  // "ws", "os", "is"

}  // namespace systolica
