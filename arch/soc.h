#pragma once
// The whole accelerator: N cores whose DMA engines share, through a crossbar, one L2 (or none) and one
// DRAM. Built from an ArchSpec and one program per core; read stats after sc_start returns.
#include <memory>
#include <systemc>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/cache/l2_cache.h"
#include "arch/core/core.h"
#include "arch/dram/dram_controller.h"
#include "arch/memory_traffic.h"
#include "arch/noc/crossbar.h"

namespace systolica {

class Soc : public sc_core::sc_module {
 public:
  // Throws std::invalid_argument (or dram::DramConfigError) for a program or memory that cannot work.
  Soc(const sc_core::sc_module_name& name, const ArchSpec& spec, std::vector<std::vector<CoreLayerJob>> programs,
      bool functional);
  ~Soc() override;

  int cores() const { return static_cast<int>(cores_.size()); }
  Core& core(int i) { return *cores_[static_cast<std::size_t>(i)]; }
  const Core& core(int i) const { return *cores_[static_cast<std::size_t>(i)]; }
  const L2Cache* l2() const { return l2_.get(); }
  dram::DramController& dram() { return *dram_; }
  const Crossbar& interconnect() const { return *noc_; }

  MemoryTraffic traffic() const;  // every counter now
  bool finished() const;          // every core ran its whole program

 private:
  ArchSpec spec_;
  ClockDomain l2_clock_;
  std::unique_ptr<dram::DramController> dram_;
  std::unique_ptr<L2Cache> l2_;
  std::unique_ptr<Crossbar> noc_;
  std::vector<std::unique_ptr<Core>> cores_;
};

}  // namespace systolica
