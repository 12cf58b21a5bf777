// The test binary's entry point. libsystemc defines main() and needs sc_main(); we keep GoogleTest's
// main and give SystemC an sc_main that is never called.
#include <gtest/gtest.h>

#include <cstdlib>

extern "C" int sc_main(int, char*[]) { return 0; }

int main(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
