#pragma once
// The activation a layer fuses into its read-out from int32 sums to int8. The integer arithmetic is in
// arch/sram/output_scale.h, so the hardware model and the reference network agree bit for bit.
namespace systolica {

enum class Activation { None, Relu, Relu6, HardSwish };

inline const char* to_string(Activation activation) {
  switch (activation) {
    case Activation::None: return "none";
    case Activation::Relu: return "relu";
    case Activation::Relu6: return "relu6";
    case Activation::HardSwish: return "hswish";
  }
  return "?";
}

}  // namespace systolica
