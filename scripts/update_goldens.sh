#!/usr/bin/env bash
# Regenerates the end-to-end golden results in tests/data/networks/golden/ from the current build.
# Only for intended timing changes: say why in the commit that updates them.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/systolica}
mkdir -p tests/data/networks/golden
# name, the input arguments
inputs=("tiny_net:--topology tests/data/networks/tiny_net.csv" "every_op:--layers tests/data/networks/every_op.yaml")
for entry in "${inputs[@]}"; do
for df in ws os is; do
  name=${entry%%:*}
  out=$(mktemp -d)
  # shellcheck disable=SC2086  # the input arguments are two words on purpose
  "$bin" run --quiet ${entry#*:} --set array.dataflows=[ws,os,is] --set array.dataflow=$df --out "$out"
  python3 - "$out/summary.json" > tests/data/networks/golden/${name}_$df.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
keys = ["cycles", "macs", "dram_read_bytes", "dram_write_bytes", "l2_hits", "l2_misses"]
golden = {"total_cycles": s["total"]["cycles"],
          "layers": [dict(name=l["name"], **{k: l[k] for k in keys}) for l in s["layers"]]}
print(json.dumps(golden, indent=2))
PY
  rm -rf "$out"
done
done
# every_op at batch 2 on four cores, under each partition strategy (tests/e2e/golden_network_test.cpp).
for strategy in channels rows batch pipeline auto; do
  out=$(mktemp -d)
  "$bin" run --quiet --layers tests/data/networks/every_op.yaml --batch 2 --set cores=4 \
    --set partition.strategy=$strategy --out "$out"
  python3 - "$out/summary.json" > tests/data/networks/golden/every_op_4cores_$strategy.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
golden = {"total_cycles": s["total"]["cycles"], "dram_read_bytes": s["total"]["dram_read_bytes"],
          "cores": [{k: c[k] for k in ["busy_cycles", "waited_cycles"]} for c in s["cores"]],
          "layers": [{k: l[k] for k in ["name", "cycles", "macs", "split"]} for l in s["layers"]]}
print(json.dumps(golden, indent=2))
PY
  rm -rf "$out"
done
echo "updated tests/data/networks/golden/"
