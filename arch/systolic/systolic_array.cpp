#include "arch/systolic/systolic_array.h"

#include <cstring>

namespace systolica {

SystolicArray::SystolicArray(const sc_core::sc_module_name& name, int rows, int cols, Dataflow dataflow,
                             const ClockDomain& clock)
    : sc_core::sc_module(name), clock_(clock), scheduler_(rows, cols, dataflow) {
  SC_HAS_PROCESS(SystolicArray);
  SC_THREAD(issue);
  SC_THREAD(retire);
}

void SystolicArray::begin_layer(std::optional<Dataflow> dataflow) {
  if (dataflow) scheduler_.switch_dataflow(*dataflow);
  scheduler_.begin_segment(clock_.now());
}

void SystolicArray::issue() {
  for (;;) {
    TileCommand cmd = commands->read();
    const TileSchedule s = scheduler_.schedule(cmd.extent, clock_.now());
    if (cmd.data) {
      cmd.data->out.resize(static_cast<std::size_t>(cmd.extent.m) * cmd.extent.n);
      compute_tile(cmd.extent, cmd.data->a.data(), cmd.data->b.data(), cmd.data->out.data());
    }
    const Cycle ready = s.done + 1;
    const bool earliest = pending_.empty() || ready < pending_.top().ready;
    pending_.push({ready, TileCompletion{cmd.id, s, std::move(cmd.data)}});
    if (earliest) next_ready_.notify(clock_.until(ready));
    // The array takes the next command when this one starts loading: the closed form already keeps
    // the next tile off the edges and the shadow registers until they are free.
    wait(clock_.until(s.preload_start));
  }
}

void SystolicArray::retire() {
  for (;;) {
    wait(next_ready_);
    while (!pending_.empty() && pending_.top().ready <= clock_.now()) {
      TileCompletion done = pending_.top().completion;
      pending_.pop();
      completions->write(done);  // blocks if the controller is not keeping up: back-pressure
    }
    if (!pending_.empty()) next_ready_.notify(clock_.until(pending_.top().ready));
  }
}

void compute_tile(const TileExtent& e, const std::int8_t* a, const std::int8_t* b, std::int32_t* out) {
  for (int i = 0; i < e.m; ++i) {
    for (int j = 0; j < e.n; ++j) {
      std::uint32_t acc = 0;  // unsigned: int32 wraparound without undefined behaviour
      for (int k = 0; k < e.k; ++k) {
        acc += static_cast<std::uint32_t>(static_cast<std::int32_t>(a[i * e.k + k]) * b[k * e.n + j]);
      }
      std::int32_t v;
      std::memcpy(&v, &acc, sizeof v);
      out[i * e.n + j] = v;
    }
  }
}

std::ostream& operator<<(std::ostream& os, const TileCommand& c) {
  return os << "tile#" << c.id << " " << c.extent.m << "x" << c.extent.k << "x" << c.extent.n;
}
std::ostream& operator<<(std::ostream& os, const TileCompletion& c) {
  return os << "tile#" << c.id << " done@" << c.schedule.done;
}

}  // namespace systolica
