#!/usr/bin/env bash
# Quick-start command two: install what is missing, build, and run every test.
#   SYSTOLICA_BUILD_DIR   build directory (default: build)
#   SYSTOLICA_CMAKE_ARGS  extra CMake arguments (CI adds the sanitizers this way)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build=${SYSTOLICA_BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$build" -DSYSTOLICA_WERROR=ON ${SYSTOLICA_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
