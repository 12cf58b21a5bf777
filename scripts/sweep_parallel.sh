#!/bin/bash
# A design-space sweep over several machines (or this one) with GNU parallel: N shards, each run into its
# own directory, then merged into one results.csv. An example to adapt, not tested on a cluster;
# docs/sweeps.md explains shards and merging.
#
#   scripts/sweep_parallel.sh SPEC.yaml OUT_DIR SHARDS [HOSTS]
#
#   scripts/sweep_parallel.sh configs/sweeps/spad_vs_l2.yaml runs/spad_vs_l2 4            # this machine
#   scripts/sweep_parallel.sh configs/sweeps/spad_vs_l2.yaml runs/spad_vs_l2 8 hosts.txt  # remote hosts
#
# HOSTS is a GNU parallel --sshloginfile: one host a line (`8/user@node1` runs 8 jobs there). Each host
# must see this checkout (the binary, the spec and its files) and OUT_DIR at the same path, as on a shared
# file system; each shard runs one point per CPU of its host. Running the script again resumes every shard.
set -euo pipefail

spec=${1:?usage: scripts/sweep_parallel.sh SPEC.yaml OUT_DIR SHARDS [HOSTS]}
out=${2:?usage: scripts/sweep_parallel.sh SPEC.yaml OUT_DIR SHARDS [HOSTS]}
shards=${3:?usage: scripts/sweep_parallel.sh SPEC.yaml OUT_DIR SHARDS [HOSTS]}
hosts=${4:-}
root=$(cd "$(dirname "$0")/.." && pwd)
systolica=${SYSTOLICA:-$root/build/systolica}

command -v parallel >/dev/null || { echo "GNU parallel is missing (apt-get install parallel)" >&2; exit 2; }
mkdir -p "$out"
spec=$(realpath "$spec")
out=$(realpath "$out")

if [ -n "$hosts" ]; then
  # One shard per host slot at a time; every shard uses all the CPUs of the host it lands on.
  where=(--sshloginfile "$hosts" --workdir "$root")
  per_shard_jobs=0
else
  # On one machine the shards share its CPUs: one job slot per shard, and the CPUs split among them.
  where=(--jobs "$shards")
  per_shard_jobs=$(( $(nproc) / shards > 0 ? $(nproc) / shards : 1 ))
fi

# A shard that fails (a point error is exit status 1) must not stop the others; the merge reports them.
status=0
seq 1 "$shards" | parallel "${where[@]}" --line-buffer --tag \
  "$systolica" sweep "$spec" -j "$per_shard_jobs" --shard "{}/$shards" --out "$out/shard-{}-of-$shards" \
  || status=$?

shard_dirs=()
for i in $(seq 1 "$shards"); do shard_dirs+=("$out/shard-$i-of-$shards"); done
"$systolica" sweep --merge "${shard_dirs[@]}" --out "$out/all" || status=$?
exit "$status"
