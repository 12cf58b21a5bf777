// The table itself. Defaults are the Gemmini-like core of arch_spec.h (16x16 int8 weight-stationary
// array, 256 KiB scratchpad, 64 KiB accumulator) and are written as a user would write them, so the
// listing shows them verbatim and they go through the same parser as any file.
#include "sim/config/binding.h"
#include "sim/config/schema.h"

namespace systolica::config {

namespace {
constexpr double KiB = 1024.0, MiB = 1024.0 * KiB, GiB = 1024.0 * MiB;
constexpr double MHz = 1e6, GHz = 1e9;

std::vector<KeySpec> make_schema() {
  using A = ArchSpec;
  const std::vector<std::string_view> dataflows{"ws", "os", "is"};
  // clang-format off
  return {
      // key                      kind             lo       hi        choices    default
      //   description                                                  flags        binding
      {"name",                    Kind::String,    0,       0,        {},        "gemmini-like",
         "label for reports and result files",                          0,           bind<&A::name>()},
      {"cores",                   Kind::Int,       1,       64,       {},        "1",
         "accelerator cores sharing the L2 and DRAM",                   0,           bind<&A::cores>()},

      {"clock.core",              Kind::Frequency, 1 * MHz, 10 * GHz, {},        "1 GHz",
         "clock of cores, scratchpads and DMA",                         0,           bind<&A::clock, &ClockSpec::core_hz>()},
      {"clock.l2",                Kind::Frequency, 1 * MHz, 10 * GHz, {},        "1 GHz",
         "clock of the L2 and interconnect",                            0,           bind<&A::clock, &ClockSpec::l2_hz>()},

      {"array.rows",              Kind::Int,       1,       1024,     {},        "16",
         "processing-element rows of the systolic array",               0,           bind<&A::array, &ArraySpec::rows>()},
      {"array.cols",              Kind::Int,       1,       1024,     {},        "16",
         "processing-element columns of the systolic array",            0,           bind<&A::array, &ArraySpec::cols>()},
      {"array.dataflow",          Kind::Enum,      0,       0,        dataflows, "ws",
         "dataflow used by this run",                                   0,           bind<&A::array, &ArraySpec::dataflow>()},
      {"array.dataflows",         Kind::EnumList,  0,       0,        dataflows, "[ws, os]",
         "dataflows the hardware supports",                             0,           bind<&A::array, &ArraySpec::supported>()},

      {"scratchpad.capacity",     Kind::Size,      1,       4 * GiB,  {},        "256 KiB",
         "int8 scratchpad size per core",                               0,           bind<&A::scratchpad, &SramSpec::capacity_bytes>()},
      {"scratchpad.banks",        Kind::Int,       1,       64,       {},        "4",
         "independently accessed scratchpad banks",                     0,           bind<&A::scratchpad, &SramSpec::banks>()},
      {"scratchpad.row_bytes",    Kind::Size,      1,       64 * KiB, {},        "auto",
         "bytes per bank access; auto = array.cols",                    kAllowAuto,  bind<&A::scratchpad, &SramSpec::row_bytes>()},
      {"scratchpad.ports_per_bank", Kind::Int,     1,       2,        {},        "1",
         "read/write ports per bank",                                   0,           bind<&A::scratchpad, &SramSpec::ports_per_bank>()},
      {"scratchpad.latency",      Kind::Cycles,    1,       64,       {},        "1 cycle",
         "access latency in core cycles",                               0,           bind<&A::scratchpad, &SramSpec::latency_cycles>()},

      {"accumulator.capacity",    Kind::Size,      1,       4 * GiB,  {},        "64 KiB",
         "int32 accumulator size per core",                             0,           bind<&A::accumulator, &SramSpec::capacity_bytes>()},
      {"accumulator.banks",       Kind::Int,       1,       64,       {},        "2",
         "independently accessed accumulator banks",                    0,           bind<&A::accumulator, &SramSpec::banks>()},
      {"accumulator.row_bytes",   Kind::Size,      1,       64 * KiB, {},        "auto",
         "bytes per bank access; auto = 4 x array.cols",                kAllowAuto,  bind<&A::accumulator, &SramSpec::row_bytes>()},
      {"accumulator.ports_per_bank", Kind::Int,    1,       2,        {},        "1",
         "read/write ports per bank",                                   0,           bind<&A::accumulator, &SramSpec::ports_per_bank>()},
      {"accumulator.latency",     Kind::Cycles,    1,       64,       {},        "1 cycle",
         "access latency in core cycles",                               0,           bind<&A::accumulator, &SramSpec::latency_cycles>()},

      {"dma.bus_bytes",           Kind::Size,      1,       4 * KiB,  {},        "16 B",
         "bytes the DMA moves per core cycle",                          0,           bind<&A::dma, &DmaSpec::bus_bytes_per_cycle>()},
      {"dma.request_bytes",       Kind::Size,      1,       64 * KiB, {},        "64 B",
         "bytes per DMA memory request",                                kPowerOfTwo, bind<&A::dma, &DmaSpec::request_bytes>()},
      {"dma.max_outstanding",     Kind::Int,       1,       1024,     {},        "16",
         "DMA requests in flight at once",                              0,           bind<&A::dma, &DmaSpec::max_outstanding>()},

      {"l2.capacity",             Kind::Size,      0,       4 * GiB,  {},        "512 KiB",
         "shared L2 size; 0 B removes the L2",                          0,           bind<&A::l2, &L2Spec::capacity_bytes>()},
      {"l2.ways",                 Kind::Int,       1,       1024,     {},        "8",
         "associativity",                                               0,           bind<&A::l2, &L2Spec::ways>()},
      {"l2.line_bytes",           Kind::Size,      4,       4 * KiB,  {},        "64 B",
         "cache line size",                                             kPowerOfTwo, bind<&A::l2, &L2Spec::line_bytes>()},
      {"l2.banks",                Kind::Int,       1,       64,       {},        "4",
         "independently accessed L2 banks",                             0,           bind<&A::l2, &L2Spec::banks>()},
      {"l2.hit_latency",          Kind::Cycles,    1,       1000,     {},        "10 cycles",
         "hit latency in L2 cycles",                                    0,           bind<&A::l2, &L2Spec::hit_latency_cycles>()},
      {"l2.mshrs",                Kind::Int,       1,       1024,     {},        "16",
         "outstanding misses per bank",                                 0,           bind<&A::l2, &L2Spec::mshrs>()},
      {"l2.write_buffers",        Kind::Int,       0,       1024,     {},        "8",
         "write-back buffer entries per bank",                          0,           bind<&A::l2, &L2Spec::write_buffers>()},
      {"l2.replacement",          Kind::Enum,      0,       0,        {"lru", "random", "srrip"}, "lru",
         "replacement policy",                                          0,           bind<&A::l2, &L2Spec::replacement>()},

      {"dram.model",              Kind::Enum,      0,       0,        {"cycle", "fixed"}, "cycle",
         "cycle: per-bank controller; fixed: constant latency (debug)", 0,           bind<&A::dram, &DramSpec::model>()},
      {"dram.preset",             Kind::Enum,      0,       0,        {"ddr4-2400", "lpddr4-3200", "hbm2"}, "ddr4-2400",
         "DRAM standard, speed grade and timings",                      0,           bind<&A::dram, &DramSpec::preset>()},
      {"dram.channels",           Kind::Int,       1,       64,       {},        "1",
         "independent DRAM channels",                                   kPowerOfTwo, bind<&A::dram, &DramSpec::channels>()},
      {"dram.ranks",              Kind::Int,       1,       8,        {},        "1",
         "ranks per channel",                                           kPowerOfTwo, bind<&A::dram, &DramSpec::ranks>()},
      {"dram.page_policy",        Kind::Enum,      0,       0,        {"open", "closed"}, "open",
         "row-buffer policy",                                           0,           bind<&A::dram, &DramSpec::page_policy>()},
      {"dram.address_mapping",    Kind::Enum,      0,       0,        {"ro_ba_bg_co", "ro_bg_ba_co", "ro_co_ba_bg"}, "ro_ba_bg_co",
         "address fields, most significant first",                      0,           bind<&A::dram, &DramSpec::address_mapping>()},
      {"dram.read_queue",         Kind::Int,       1,       1024,     {},        "32",
         "read queue entries per channel",                              0,           bind<&A::dram, &DramSpec::read_queue>()},
      {"dram.write_queue",        Kind::Int,       1,       1024,     {},        "32",
         "write queue entries per channel",                             0,           bind<&A::dram, &DramSpec::write_queue>()},
      {"dram.write_drain_high",   Kind::Fraction,  0,       1,        {},        "0.75",
         "write-queue fill that starts a drain",                        0,           bind<&A::dram, &DramSpec::write_drain_high>()},
      {"dram.write_drain_low",    Kind::Fraction,  0,       1,        {},        "0.25",
         "write-queue fill that stops a drain",                         0,           bind<&A::dram, &DramSpec::write_drain_low>()},
      {"dram.fixed_latency",      Kind::Time,      0,       1e6,      {},        "50 ns",
         "access latency of model fixed",                               0,           bind<&A::dram, &DramSpec::fixed_latency_ns>()},
  };
  // clang-format on
}
}  // namespace

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> table = make_schema();
  return table;
}

}  // namespace systolica::config
