#!/bin/bash
# A design-space sweep as a Slurm job array: each array task runs one shard of the spec into a directory
# of its own, using the CPUs Slurm gave it. An example to adapt (partition, time, paths), not tested on a
# cluster; docs/sweeps.md explains shards and merging.
#
#   sbatch --array=0-15 scripts/sweep_slurm.sh configs/sweeps/spad_vs_l2.yaml runs/spad_vs_l2
#
# When every task has finished, merge the shards into one results.csv (on any node):
#
#   build/systolica sweep --merge runs/spad_vs_l2/shard-*-of-16 --out runs/spad_vs_l2/all
#
# A task that was preempted or timed out is resumed by submitting its array index again, with the shard
# count spelled out (a one-task array has a count of 1): `sbatch --array=7 scripts/sweep_slurm.sh SPEC OUT 16`.
# Finished points are kept.
#
#SBATCH --job-name=systolica-sweep
#SBATCH --cpus-per-task=8
#SBATCH --time=02:00:00
#SBATCH --output=%x-%A_%a.log
set -euo pipefail

usage="usage: sbatch --array=0-N scripts/sweep_slurm.sh SPEC.yaml OUT_DIR [SHARDS]"
spec=${1:?$usage}
out=${2:?$usage}
systolica=${SYSTOLICA:-build/systolica}

# Slurm numbers the tasks of --array=0-N from 0; shards are numbered from 1.
task=${SLURM_ARRAY_TASK_ID:?not running as a Slurm array task}
count=${3:-${SLURM_ARRAY_TASK_COUNT:?not running as a Slurm array task}}
shard=$((task + 1))

mkdir -p "$out"
# Slurm sends SIGTERM before killing a task at its time limit; the sweep then stops its points, writes
# results.csv and exits with status 143, and a resubmitted task resumes where it stopped.
exec "$systolica" sweep "$spec" -j "${SLURM_CPUS_PER_TASK:-1}" --shard "$shard/$count" \
  --out "$out/shard-$shard-of-$count"
