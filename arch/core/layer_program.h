#pragma once
// The command stream of one mapped layer: what the core controller executes. Plain C++ (no SystemC), so
// tests can check a stream without a simulator.
//
// Four units run the commands: the DMA load engine (Load), the systolic array (Compute), the vector unit
// (Vector) and the DMA store engine (Store). Each unit takes its commands in stream order; a command starts
// once every command in its `deps` has finished. Dependencies say exactly what the hardware needs:
//   - a Compute or Vector waits for the loads of its operands;
//   - a Load into a buffer waits for the last command that read the buffer's previous contents;
//   - a block's first Compute into an accumulator half waits for the store of the half's previous block;
//   - a Store waits for the last command that produced its data.
// A unit runs its own commands in order, so depending on a unit's last command covers the ones before it.
#include <cstdint>
#include <vector>

#include "arch/core/block_layout.h"
#include "arch/sram/output_scale.h"
#include "arch/systolic/tile_timing.h"

namespace systolica {

enum class CommandUnit : std::uint8_t { Load, Compute, Vector, Store };
inline constexpr int kCommandUnits = 4;

// One pass of the array over a block: out[i0 .. i0+m)[n0 .. n0+n) (+)= A[i0..][kk0 .. kk0+k) x
// B[kk0..][n0..].
struct ArrayPass {
  TileExtent extent;
  int i0 = 0, kk0 = 0, n0 = 0;  // block-relative
  bool diagonal = false;        // depthwise: B is diagonal, channel kk0 % ct + t feeds output n0 + t
  bool overwrite = false;       // the first pass into these partial sums
};

struct CoreCommand {
  CommandUnit unit = CommandUnit::Load;
  std::uint32_t block = 0;          // index into LayerProgram::blocks
  std::vector<std::uint32_t> deps;  // earlier commands of the same layer
  DmaCommand dma;                   // Load, Store
  ArrayPass pass;                   // Compute
  Cycle vector_cycles = 0;          // Vector: how long the vector unit is busy
};

struct LayerProgram {
  std::vector<BlockPlacement> blocks;
  std::vector<CoreCommand> commands;
  std::int64_t useful_macs = 0;  // sum over passes: equals the layer's MACs (a test checks it)
};

// Builds the stream of `layer` under `mapping`. `scale` is the read-out of array layers and adds.
LayerProgram build_layer_program(const Layer& layer, const LayerMapping& mapping, const TensorAddresses& at,
                                 const CoreGeometry& core, const OutputScale& scale);

// The vector unit's busy cycles for one block (docs/mapper.md, "Vector layers").
Cycle vector_block_cycles(const Layer& layer, const Block& block, int lanes);

}  // namespace systolica
