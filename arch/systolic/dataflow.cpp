#include "arch/systolic/dataflow.h"

namespace systolica {

std::string_view to_string(Dataflow d) {
  switch (d) {
    case Dataflow::WeightStationary: return "ws";
    case Dataflow::OutputStationary: return "os";
    case Dataflow::InputStationary: return "is";
  }
  return "?";
}

std::optional<Dataflow> parse_dataflow(std::string_view s) {
  if (s == "ws") return Dataflow::WeightStationary;
  if (s == "os") return Dataflow::OutputStationary;
  if (s == "is") return Dataflow::InputStationary;
  return std::nullopt;
}

}  // namespace systolica
