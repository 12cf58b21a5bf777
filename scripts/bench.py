#!/usr/bin/env python3
"""Speed benchmark: wall time and simulated cycles per second of the systolica binary.

Speed is measured here, never in a timed test. Run after building (scripts/run.sh builds build/):
    python3 scripts/bench.py [--binary build/systolica] [--repeat 3] [--networks-only]
Prints a Markdown table for the README. Each case runs --repeat times (default 3) and the best run (least
simulation wall time) is reported. Simulation wall time and simulated cycles/s come from summary.json
(run.wall_seconds, run.simulated_cycles_per_second: the simulation alone); process wall time also counts
start-up, building the network, and writing the reports. With the default 3 repeats the whole benchmark
takes under a minute on this class of machine, most of it ResNet-50.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESNET_CONVS = os.path.join(ROOT, "workloads", "topologies", "resnet50_convs.csv")
CONV3X3 = ["--conv", "56,56,64,64,3,3,1,1"]  # ResNet-50's conv2_x 3x3 layer

NETWORKS = [
    ("ResNet-50, whole network, memory system", ["--model", "resnet50"]),
    ("MobileNetV2, whole network, memory system", ["--model", "mobilenetv2"]),
    ("ResNet-50, 8 cores, auto split, memory system",
     ["--model", "resnet50", "--set", "cores=8", "--set", "partition.strategy=auto"]),
]

LAYERS = [
    ("ResNet-50 conv 3x3 56x56x64->64, ws, memory system", CONV3X3),
    ("ResNet-50 conv 3x3, os, memory system", CONV3X3 + ["--set", "array.dataflow=os"]),
    ("ResNet-50 conv 3x3, ws, functional (values checked)", CONV3X3 + ["--functional"]),
    ("ResNet-50, 54 conv/FC layers, ws, ideal memory", ["--topology", RESNET_CONVS, "--ideal-memory"]),
    ("ResNet-50, 54 conv/FC layers, SCALE-Sim conventions", ["--topology", RESNET_CONVS, "--compat", "scalesim"]),
]


def run_case(binary, args):
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([binary, "run", "--quiet", "--out", out] + args, check=True)
        process_seconds = time.perf_counter() - start
        with open(os.path.join(out, "summary.json")) as f:
            summary = json.load(f)
    return process_seconds, summary


def best_of(binary, args, repeat):
    """The run with the least simulation wall time, and the least process wall time over all runs."""
    best, best_process = None, None
    for _ in range(repeat):
        process_s, summary = run_case(binary, args)
        if best is None or summary["run"]["wall_seconds"] < best["run"]["wall_seconds"]:
            best = summary
        best_process = process_s if best_process is None else min(best_process, process_s)
    return best_process, best


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(ROOT, "build", "systolica"))
    p.add_argument("--repeat", type=int, default=3, help="runs per case; the best is kept (default 3)")
    p.add_argument("--networks-only", action="store_true", help="only the whole networks (ResNet-50, MobileNetV2)")
    a = p.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"bench: {a.binary} not found; build first (bash scripts/run.sh)")
    if a.repeat < 1:
        sys.exit("bench: --repeat must be 1 or more")
    cases = NETWORKS + ([] if a.networks_only else LAYERS)
    print(f"Best of {a.repeat} on {machine()}; default config (16x16 ws array, 256 KiB scratchpad, "
          f"512 KiB L2, DDR4-2400).\n")
    print("| case | layers | simulated cycles | wall s (simulation) | wall s (process) | simulated cycles/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, args in cases:
        process_s, s = best_of(a.binary, args, a.repeat)
        run = s["run"]
        print(f"| {name} | {len(s['layers'])} | {s['total']['cycles']:,} | {run['wall_seconds']:.3f} | "
              f"{process_s:.3f} | {run['simulated_cycles_per_second']:.3g} |", flush=True)


if __name__ == "__main__":
    main()
