#!/usr/bin/env python3
"""Times a whole sweep from scratch: wall time, points per minute and simulated cycles per second.

Speed is measured here, never in a timed test. Run after building (scripts/run.sh builds build/):
    python3 scripts/bench_sweep.py [SPEC] [-j 2] [--binary build/systolica] [--keep DIR]
SPEC defaults to configs/sweeps/spad_vs_l2.yaml, the 100-point study of the README. The sweep runs into a
fresh directory (--keep DIR keeps it there, for the plot scripts; it must not exist yet), so no point is
skipped as already done. Prints a Markdown line for the README.
"""
import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("spec", nargs="?", default=os.path.join(ROOT, "configs", "sweeps", "spad_vs_l2.yaml"))
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--binary", default=os.path.join(ROOT, "build", "systolica"))
    p.add_argument("--keep", help="run the sweep into this new directory and keep it")
    args = p.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"bench_sweep.py: {args.binary} does not exist; build first (scripts/run.sh)")
    if args.keep and os.path.exists(args.keep):
        sys.exit(f"bench_sweep.py: --keep {args.keep} exists; the benchmark needs a fresh directory")
    scratch = None if args.keep else tempfile.mkdtemp(prefix="systolica-bench-sweep-")
    out = args.keep or os.path.join(scratch, "sweep")
    try:
        start = time.perf_counter()
        subprocess.run([args.binary, "sweep", args.spec, "-j", str(args.jobs), "--out", out, "--quiet"],
                       check=False)
        wall = time.perf_counter() - start
        with open(os.path.join(out, "results.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    ok = [r for r in rows if r["status"] == "ok"]
    cycles = sum(int(r["cycles"]) for r in ok)
    point_seconds = sorted(float(r["wall_seconds"]) for r in ok)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, -j {args.jobs}")
    print("| sweep | points | ok | wall | points/min | slowest point | simulated cycles/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    slowest = f"{point_seconds[-1]:.1f} s" if point_seconds else "-"
    print(f"| {os.path.basename(args.spec)} | {len(rows)} | {len(ok)} | {wall:.0f} s ({wall / 60:.1f} min) | "
          f"{60 * len(rows) / wall:.1f} | {slowest} | {cycles / wall:.3g} |")
    return 0 if len(ok) == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
