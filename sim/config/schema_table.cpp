// The table itself. Defaults are the Gemmini-like core of arch_spec.h (16x16 int8 weight-stationary
// array, 256 KiB scratchpad, 64 KiB accumulator) and are written as a user would write them, so the
// listing shows them verbatim and they go through the same parser as any file.
#include <string>
#include <utility>

#include "sim/config/binding.h"
#include "sim/config/schema.h"

namespace systolica::config {

namespace {
constexpr double KiB = 1024.0, MiB = 1024.0 * KiB, GiB = 1024.0 * MiB;
constexpr double MHz = 1e6, GHz = 1e9;

// energy.<name>: one row per energy parameter, generated from arch/energy/energy_params.h so that the
// parameter list stays the single place that names them. "auto" keeps the table's value.
template <std::size_t I>
Binding energy_override_binding() {
  return {[](ArchSpec& a, const Value& v) { assign(a.energy.overrides[I], v); },
          [](const ArchSpec& a) { return read(a.energy.overrides[I]); }};
}

template <std::size_t... I>
void add_energy_parameter_rows(std::vector<KeySpec>& rows, std::index_sequence<I...>) {
  static const std::array<std::string, kEnergyParamCount> keys = [] {
    std::array<std::string, kEnergyParamCount> k;
    for (std::size_t i = 0; i < kEnergyParamCount; ++i) {
      k[i] = "energy." + std::string(energy_param_info()[i].name);
    }
    return k;
  }();
  (rows.push_back(KeySpec{keys[I], Kind::Real, 0, energy_param_info()[I].max, {}, "auto",
                          energy_param_info()[I].description, kAllowAuto, energy_override_binding<I>()}),
   ...);
}

// energy.tech_nm is an Enum of node names ("45", "22", "16") stored as an int.
Binding tech_nm_binding() {
  return {[](ArchSpec& a, const Value& v) { a.energy.tech_nm = std::stoi(v.text); },
          [](const ArchSpec& a) {
            Value v;
            v.text = std::to_string(a.energy.tech_nm);
            return v;
          }};
}

std::vector<KeySpec> make_schema() {
  using A = ArchSpec;
  const std::vector<std::string_view> dataflows{"ws", "os", "is"};
  // DRAM address mappings (arch/dram/address_mapping.h): dram.md's, the bank-group-lowest one that lifts
  // sequential DDR4 bandwidth, all banks interleaved per burst, and channel/rank on top.
  const std::vector<std::string_view> kMappings{"ro_ba_bg_co", "ro_ba_co_bg", "ro_co_ba_bg", "ro_bg_ba_co",
                                                "ch_ra_ro_ba_bg_co"};
  // clang-format off
  std::vector<KeySpec> rows{
      // key                      kind             lo       hi        choices    default
      //   description                                                  flags        binding
      {"name",                    Kind::String,    0,       0,        {},        "gemmini-like",
         "label for reports and result files",                          0,           bind<&A::name>()},
      {"cores",                   Kind::Int,       1,       64,       {},        "1",
         "accelerator cores sharing the L2 and DRAM",                   0,           bind<&A::cores>()},
      {"partition.strategy",      Kind::Enum,      0,       0,        {"channels", "rows", "batch", "pipeline", "auto"}, "channels",
         "how cores share each layer: output channels, output rows, images, pipelined layers, or per layer the best of the first three",
                                                                        0,           bind<&A::partition, &PartitionSpec::strategy>()},

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

      {"noc.width_bytes",         Kind::Size,      1,       4 * KiB,  {},        "64 B",
         "bytes per L2 cycle on each crossbar link",                    0,           bind<&A::noc, &NocSpec::width_bytes>()},
      {"noc.latency",             Kind::Cycles,    0,       1000,     {},        "1 cycle",
         "crossbar pipeline latency in L2 cycles",                      0,           bind<&A::noc, &NocSpec::latency_cycles>()},
      {"noc.queue_depth",         Kind::Int,       1,       1024,     {},        "4",
         "requests queued per core in the crossbar (and responses)",    0,           bind<&A::noc, &NocSpec::queue_depth>()},
      {"noc.arbitration",         Kind::Enum,      0,       0,        {"round_robin", "fixed"}, "round_robin",
         "per-target arbitration: round_robin, or fixed (core 0 first)", 0,          bind<&A::noc, &NocSpec::arbitration>()},

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
         "cycle: per-bank controller; fixed: constant latency (debug)",   0,           bind<&A::dram, &DramSpec::model>()},
      {"dram.preset",             Kind::Enum,      0,       0,        {"DDR4-2400", "LPDDR4-3200", "HBM2"}, "DDR4-2400",
         "DRAM standard, speed grade, organization and timings",          kAnyCase,    bind<&A::dram, &DramSpec::preset>()},
      {"dram.channels",           Kind::Int,       1,       64,       {},        "1",
         "independent DRAM channels",                                     kPowerOfTwo, bind<&A::dram, &DramSpec::channels>()},
      {"dram.ranks",              Kind::Int,       1,       8,        {},        "1",
         "ranks per channel",                                             kPowerOfTwo, bind<&A::dram, &DramSpec::ranks>()},
      {"dram.refresh",            Kind::Bool,      0,       0,        {},        "true",
         "all-bank refresh every tREFI, taking tRFC",                     0,           bind<&A::dram, &DramSpec::refresh>()},
      {"dram.page_policy",        Kind::Enum,      0,       0,        {"open", "closed"}, "open",
         "row-buffer policy: keep rows open, or close after use",         0,           bind<&A::dram, &DramSpec::page_policy>()},
      {"dram.address_mapping",    Kind::Enum,      0,       0,        kMappings, "ro_ba_bg_co",
         "address fields, most significant first (docs/dram.md)",         0,           bind<&A::dram, &DramSpec::address_mapping>()},
      {"dram.read_queue",         Kind::Int,       1,       1024,     {},        "32",
         "read queue entries per channel",                                0,           bind<&A::dram, &DramSpec::read_queue>()},
      {"dram.write_queue",        Kind::Int,       1,       1024,     {},        "32",
         "write queue entries per channel",                               0,           bind<&A::dram, &DramSpec::write_queue>()},
      {"dram.write_drain_high",   Kind::Fraction,  0,       1,        {},        "0.75",
         "write-queue fill that starts a drain",                          0,           bind<&A::dram, &DramSpec::write_drain_high>()},
      {"dram.write_drain_low",    Kind::Fraction,  0,       1,        {},        "0.25",
         "write-queue fill that stops a drain",                           0,           bind<&A::dram, &DramSpec::write_drain_low>()},
      {"dram.frontend_latency",   Kind::Cycles,    0,       1000,     {},        "1 cycle",
         "DRAM clocks from accepting a request to scheduling it",         0,           bind<&A::dram, &DramSpec::frontend_latency>()},
      {"dram.fixed_latency",      Kind::Time,      0,       1e6,      {},        "50 ns",
         "access latency of model fixed",                                 0,           bind<&A::dram, &DramSpec::fixed_latency_ns>()},
      {"dram.timing.tCK",         Kind::Time,      0.1,     100,      {},        "auto",
         "clock period; auto = the preset's",                             kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tCK_ns>()},
      {"dram.timing.CL",          Kind::Cycles,    1,       1000000,  {},        "auto",
         "read latency (RL): RD to first data; auto = preset",            kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::CL>()},
      {"dram.timing.CWL",         Kind::Cycles,    1,       1000000,  {},        "auto",
         "write latency (WL): WR to first data; auto = preset",           kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::CWL>()},
      {"dram.timing.tRCD",        Kind::Cycles,    1,       1000000,  {},        "auto",
         "ACT to RD/WR, same bank; auto = preset",                        kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRCD>()},
      {"dram.timing.tRP",         Kind::Cycles,    1,       1000000,  {},        "auto",
         "PRE to ACT, same bank; auto = preset",                          kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRP>()},
      {"dram.timing.tRPab",       Kind::Cycles,    1,       1000000,  {},        "auto",
         "PREA (all banks) to ACT or REF; auto = preset",                 kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRPab>()},
      {"dram.timing.tRAS",        Kind::Cycles,    1,       1000000,  {},        "auto",
         "ACT to PRE, same bank; auto = preset",                          kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRAS>()},
      {"dram.timing.tRC",         Kind::Cycles,    1,       1000000,  {},        "auto",
         "ACT to ACT, same bank; auto = preset",                          kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRC>()},
      {"dram.timing.tCCD_S",      Kind::Cycles,    1,       1000000,  {},        "auto",
         "column to column, other bank group; auto = preset",             kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tCCD_S>()},
      {"dram.timing.tCCD_L",      Kind::Cycles,    1,       1000000,  {},        "auto",
         "column to column, same bank group; auto = preset",              kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tCCD_L>()},
      {"dram.timing.tRRD_S",      Kind::Cycles,    1,       1000000,  {},        "auto",
         "ACT to ACT, other bank group; auto = preset",                   kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRRD_S>()},
      {"dram.timing.tRRD_L",      Kind::Cycles,    1,       1000000,  {},        "auto",
         "ACT to ACT, same bank group; auto = preset",                    kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRRD_L>()},
      {"dram.timing.tFAW",        Kind::Cycles,    1,       1000000,  {},        "auto",
         "window that allows four ACTs per rank; auto = preset",          kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tFAW>()},
      {"dram.timing.tWR",         Kind::Cycles,    1,       1000000,  {},        "auto",
         "write recovery: end of write data to PRE; auto = preset",       kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tWR>()},
      {"dram.timing.tWTR_S",      Kind::Cycles,    1,       1000000,  {},        "auto",
         "end of write data to RD, other bank group; auto = preset",      kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tWTR_S>()},
      {"dram.timing.tWTR_L",      Kind::Cycles,    1,       1000000,  {},        "auto",
         "end of write data to RD, same bank group; auto = preset",       kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tWTR_L>()},
      {"dram.timing.tRTP",        Kind::Cycles,    1,       1000000,  {},        "auto",
         "RD to PRE, same bank; auto = preset",                           kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRTP>()},
      {"dram.timing.tPPD",        Kind::Cycles,    0,       1000000,  {},        "auto",
         "PRE to PRE, same rank (0: none); auto = preset",                kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tPPD>()},
      {"dram.timing.tRTRS",       Kind::Cycles,    0,       1000000,  {},        "auto",
         "rank-to-rank switch on the data bus; auto = preset",            kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRTRS>()},
      {"dram.timing.tREFI",       Kind::Cycles,    1,       1000000,  {},        "auto",
         "interval between all-bank refreshes; auto = preset",            kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tREFI>()},
      {"dram.timing.tRFC",        Kind::Cycles,    1,       1000000,  {},        "auto",
         "duration of an all-bank refresh; auto = preset",                kAllowAuto,  bind<&A::dram, &DramSpec::timing, &DramTimingOverrides::tRFC>()},
      {"dram.org.bank_groups",    Kind::Int,       1,       64,       {},        "auto",
         "bank groups per rank; auto = preset",                           kAllowAuto | kPowerOfTwo, bind<&A::dram, &DramSpec::org, &DramOrgOverrides::bank_groups>()},
      {"dram.org.banks_per_group", Kind::Int,       1,       64,       {},        "auto",
         "banks per bank group; auto = preset",                           kAllowAuto | kPowerOfTwo, bind<&A::dram, &DramSpec::org, &DramOrgOverrides::banks_per_group>()},
      {"dram.org.rows",           Kind::Int,       1,       16777216, {},        "auto",
         "rows per bank; auto = preset",                                  kAllowAuto | kPowerOfTwo, bind<&A::dram, &DramSpec::org, &DramOrgOverrides::rows>()},
      {"dram.org.columns",        Kind::Int,       1,       65536,    {},        "auto",
         "column addresses per row; auto = preset",                       kAllowAuto | kPowerOfTwo, bind<&A::dram, &DramSpec::org, &DramOrgOverrides::columns>()},
      {"dram.org.bus_bits",       Kind::Int,       8,       1024,     {},        "auto",
         "data bus width of one channel in bits; auto = preset",          kAllowAuto | kPowerOfTwo, bind<&A::dram, &DramSpec::org, &DramOrgOverrides::bus_bits>()},
      {"dram.org.burst_length",   Kind::Int,       2,       64,       {},        "auto",
         "beats per access (BL8 = 8); auto = preset",                     kAllowAuto | kPowerOfTwo, bind<&A::dram, &DramSpec::org, &DramOrgOverrides::burst_length>()},

      {"energy.tech_nm",          Kind::Enum,      0,       0,        {"45", "22", "16"}, "22",
         "technology node of the energy table (configs/energy/)",        0,           tech_nm_binding()},
      {"energy.table",            Kind::String,    0,       0,        {},        "auto",
         "a YAML energy table replacing the node's; auto = built-in",     kAllowAuto | kFilePath, bind<&A::energy, &EnergySpec::table>()},
  };
  // clang-format on
  add_energy_parameter_rows(rows, std::make_index_sequence<kEnergyParamCount>{});
  return rows;
}
}  // namespace

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> table = make_schema();
  return table;
}

}  // namespace systolica::config
