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
echo "updated tests/data/networks/golden/"
