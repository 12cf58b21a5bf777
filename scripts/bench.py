#!/usr/bin/env python3
"""Speed benchmark: wall time and simulated cycles per second of the systolica binary.

Speed is measured here, never in a timed test. Run after building (scripts/run.sh builds build/):
    python3 scripts/bench.py [--binary build/systolica] [--repeat 3]
Prints a Markdown table for the README. Each case runs --repeat times (default 1); the best wall time
is kept. The whole benchmark takes about a minute.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESNET = os.path.join(ROOT, "workloads", "topologies", "resnet50_convs.csv")

CASES = [
    ("ResNet-50 conv 3x3 56x56x64->64, ws, memory system", []),
    ("ResNet-50 conv 3x3, os, memory system", ["--set", "array.dataflow=os"]),
    ("ResNet-50 conv 3x3, ws, functional (values checked)", ["--functional"]),
    ("ResNet-50, 54 conv/FC layers, ws, memory system", ["--topology", RESNET]),
    ("ResNet-50, 54 layers, ws, ideal memory", ["--topology", RESNET, "--ideal-memory"]),
    ("ResNet-50, 54 layers, 128x128 ws, ideal memory",
     ["--topology", RESNET, "--ideal-memory", "--set", "array.rows=128", "--set", "array.cols=128"]),
    ("ResNet-50, 54 layers, SCALE-Sim conventions", ["--topology", RESNET, "--compat", "scalesim"]),
]


def run_case(binary, args):
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([binary, "run", "--quiet", "--out", out] + args, check=True)
        process_seconds = time.perf_counter() - start
        with open(os.path.join(out, "summary.json")) as f:
            summary = json.load(f)
    return process_seconds, summary


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(ROOT, "build", "systolica"))
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"bench: {a.binary} not found; build first (bash scripts/run.sh)")
    print(f"| case | simulated cycles | wall s (process) | wall s (simulation) | simulated cycles/s |")
    print(f"|---|---:|---:|---:|---:|")
    for name, args in CASES:
        best = None
        for _ in range(a.repeat):
            process_s, summary = run_case(a.binary, args)
            if best is None or process_s < best[0]:
                best = (process_s, summary)
        process_s, s = best
        cycles = s["total"]["cycles"]
        print(f"| {name} | {cycles:,} | {process_s:.3f} | {s['run']['wall_seconds']:.3f} | "
              f"{cycles / process_s:.3g} |")


if __name__ == "__main__":
    main()
