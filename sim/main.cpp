// Entry point. SystemC's library owns main() and calls sc_main(); we define both so the copyright
// banner can be silenced before the SystemC kernel starts, and so sc_main is the command line.
#include <systemc>

#include <cstdlib>

#include "sim/cli/cli.h"

int sc_main(int argc, char* argv[]) { return systolica::run_cli(argc, argv); }

int main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  return sc_core::sc_elab_and_sim(argc, argv);
}
