#!/usr/bin/env bash
# Installs the Debian packages Systolica needs, and nothing else.
# Idempotent: it asks apt only for what is missing, and prints nothing when all is present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsystemc-dev          # SystemC 2.3 kernel and TLM-2.0
  libyaml-cpp-dev         # configs
  libboost-dev            # Boost headers
  libgtest-dev            # tests
  nlohmann-json3-dev      # summary.json
  libfmt-dev              # tables and messages
  libcli11-dev            # the command line
  libonnx-dev             # ONNX models: parsing and shape inference
  libprotobuf-dev         # protobuf headers for libonnx (libonnx-dev does not depend on them)
  python3                 # scripts/bench.py
  python3-onnx            # scripts/make_test_onnx.py (regenerates tests/data/onnx; not needed to build)
  python3-matplotlib      # scripts/plot_*.py (roofline, stall and sweep plots; not needed to build)
)

missing=()
for p in "${packages[@]}"; do
  [[ $p == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
