#pragma once
// The cycle-stepped, PE-by-PE reference model of the systolic array, exactly as docs/systolic_array.md
// specifies it: every register of every PE (Areg, P, W, Ws for weight-stationary; Areg, Breg, ACC, S and
// the drain shift chain for output-stationary), every port, every structural hazard. It is the
// independent proof that the closed form in arch/systolic/tile_timing.{h,cpp} is exact, so it never uses
// that formula: given a schedule (per tile, its preload and streaming start), it moves the operands
// register by register and reports what happened. Timing emerges from the register transfers.
//
// Each cycle reads the state at the start of the cycle and writes the next state (the register arrays
// are double-buffered): a register written in cycle t is visible from cycle t + 1.
//
// Where the doc leaves a choice open, the model takes these (none matters for a hazard-free schedule):
// - WS flip: the flip and the MAC of a first activation happen in the same cycle, so that activation is
//   checked against, and multiplied by, the start-of-cycle shadow Ws (which becomes W); any other
//   activation uses the start-of-cycle W.
// - After a hazard the model keeps going: on an edge or weight-port conflict the earlier-issued tile wins;
//   a PE's result write in a drain cycle lands after that cycle's shift; a mismatched a/b does no MAC.
// - OS: a drain begins only when no drain is running; a tile counts as drained once its drain begins.
//
// Input-stationary is weight-stationary on the transposed GEMM (out^T = B^T x A^T): the model transposes
// the operands, runs the WS array, and reports outputs with their identity in the original GEMM.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arch/systolic/dataflow.h"

namespace systolica::reference {

using Cycle = std::int64_t;

// One GEMM tile: out[m][n] = A[m][k] x B[k][n], int8 operands, int32 result wrapping modulo 2^32.
struct Tile {
  int m = 1;
  int k = 1;
  int n = 1;
  std::vector<std::int8_t> a;  // m x k, row-major
  std::vector<std::int8_t> b;  // k x n, row-major
};

// When a tile starts, as a schedule gives it (tiles in issue order).
struct TileStart {
  Cycle preload_start = 0;  // WS/IS: first weight-port write (row 0). Ignored for OS.
  Cycle stream_start = 0;   // first cycle the edges present the tile's operands
};

// Hazard kinds: readable, stable strings (compare Hazard::kind against these).
namespace hazard {
// Weight-stationary (and input-stationary).
inline constexpr std::string_view kWeightPortConflict = "weight port writes two rows in one cycle";
inline constexpr std::string_view kShadowOverwritten = "weight port overwrites a full weight shadow";
inline constexpr std::string_view kFlipWithoutShadow = "flip without a full weight shadow of the tile";
inline constexpr std::string_view kWeightTagMismatch = "activation meets a weight of another tile";
inline constexpr std::string_view kPartialSumMismatch = "activation meets a partial sum of another (tile, m)";
inline constexpr std::string_view kActivationEdgeConflict = "two tiles present on one activation row";
// Output-stationary.
inline constexpr std::string_view kLeftEdgeConflict = "two tiles present on one left-edge row";
inline constexpr std::string_view kTopEdgeConflict = "two tiles present on one top-edge column";
inline constexpr std::string_view kOperandMismatch = "a and b of different (tile, k) meet in a PE";
inline constexpr std::string_view kAccumulatorBusy = "k = 0 arrives while the accumulator is still active";
inline constexpr std::string_view kAccumulatorInactive =
    "k > 0 arrives but the accumulator is not active for the tile";
inline constexpr std::string_view kResultShadowFull = "result written to a full output shadow";
inline constexpr std::string_view kResultDuringDrain = "result written to the output shadow during a drain";
inline constexpr std::string_view kDrainForeignResult =
    "drain begins while a shadow holds another tile's result";
// Both.
inline constexpr std::string_view kDidNotFinish = "did not finish";
}  // namespace hazard

struct Hazard {
  Cycle cycle = 0;
  int row = -1;        // PE row, or the edge/port row; -1 if not applicable
  int col = -1;        // PE column, or the top-edge column; -1 if not applicable
  std::string kind;    // one of the hazard:: strings
  std::string detail;  // which tiles, indices, ...
};

std::string to_string(const Hazard& h);

// One output value, identified in the tile's own GEMM (out[row][col]), and the cycle it left the array.
struct Output {
  int tile = 0;
  int row = 0;
  int col = 0;
  std::int32_t value = 0;
  Cycle cycle = 0;
};

struct Options {
  // For tightness probes: stop at the end of the first cycle in which any hazard is seen (no "did not
  // finish" is added then).
  bool stop_at_first_hazard = false;
};

struct Result {
  std::vector<Hazard> hazards;
  std::vector<Output> outputs;     // in the order they left the array
  std::vector<Cycle> last_output;  // per tile: the cycle of its last output, -1 if it produced none
  Cycle cycles = 0;                // cycles simulated (0 .. cycles-1)
  bool finished = false;           // every output of every tile left the array
};

// Runs the array. Throws std::invalid_argument on a malformed call (geometry, a tile that does not fit,
// operand sizes, negative starts, tiles.size() != starts.size()). Never hangs: it stops when every output
// has left, when nothing is left in flight, or after a generous cycle bound (then "did not finish").
Result run(int rows, int cols, Dataflow dataflow, const std::vector<Tile>& tiles,
           const std::vector<TileStart>& starts, const Options& options = {});

}  // namespace systolica::reference
