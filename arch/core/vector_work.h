#pragma once
// What the vector unit computes on one block, in functional runs: pooling and residual adds, reading the
// block's input patch from the scratchpad and writing its output lines back (layouts in
// arch/core/block_layout.h). The arithmetic is the reference network's (sim/reference/reference_network.h):
// max pooling ignores padding, average pooling divides by the in-bounds count rounding half to even, an
// add reads out a + b through its scale and activation, and a window with nothing in bounds gives 0.
// Its timing is closed-form (vector_block_cycles in arch/core/layer_program.h).
#include "arch/core/block_layout.h"
#include "arch/sram/output_scale.h"
#include "arch/sram/sram.h"

namespace systolica {

// Throws std::invalid_argument for a layer kind the vector unit has no functional model of.
void compute_vector_block(const Layer& layer, const BlockLayout& layout, const OutputScale& scale,
                          Sram& scratchpad);

}  // namespace systolica
