#!/usr/bin/env bash
# Quick-start command one: install what is missing, build, and run the default simulation.
# Any arguments are passed to `systolica run` (e.g. scripts/run.sh --gemm 3136,64,576).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target systolica
./build/systolica run "$@"
