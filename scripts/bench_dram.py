#!/usr/bin/env python3
"""Speed of the DRAM model, and its comparison with the reference simulators (docs/dram.md).

    scripts/bench_dram.py [--bin build/systolica] [--speed] [--compare] [--repeat N] [--requests N]

--speed    Simulated DRAM requests per CPU second on ../shared/reference/dram.md's traces at saturation
           (no times: requests offered as fast as the controller takes them). DRAMsim3 and Ramulator 2
           take about 5-7 CPU-seconds per million requests there; the target is under 1.
--compare  dram.md's unloaded, idle and moderate-load tables: Systolica next to DRAMsim3 and Ramulator 2,
           as Markdown (what docs/dram.md shows).
Both by default. Traces are generated with `systolica dram --generate` into a temporary directory; each
run's summary.json supplies the numbers (its cpu_seconds covers the simulation, not trace parsing).
This is a benchmark, not a test: it asserts nothing and its timings vary with the machine's load.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SATURATION = ["seq_rd", "seq_wr", "rand_rd", "stride4k_rd", "mixed_skewed"]

# dram.md: trace, one request every (ns), DRAMsim3 and Ramulator 2 average read latency (DRAM clocks),
# row-hit rate.
MODERATE = [
    ("seq_rd", 50, 35.3, 34.2, "0.99"),
    ("seq_rd", 16, 39.0, 37.8, "0.99"),
    ("seq_rd", 8, 48.1, 44.8, "0.99"),
    ("rand_rd", 50, 69.6, 67.1, "0.00"),
    ("rand_rd", 16, 80.4, 77.9, "0.00"),
    ("rand_rd", 8, 111.7, 101.9, "0.00"),
    ("stride4k_rd", 8, 76.4, 71.5, "0.50 / 0.49"),
    ("mixed_skewed", 8, 52.0, 50.8, "0.99"),
]


def systolica(binary, *args):
    proc = subprocess.run([binary, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench_dram: {binary} {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc


def generate(binary, tmp, name, interval=0.0, requests=0):
    path = os.path.join(tmp, f"{name}_{interval:g}_{requests}.trace")
    if not os.path.exists(path):
        args = ["dram", "--generate", name, "--interval", str(interval), "--trace", path, "--quiet"]
        if requests:
            args += ["--requests", str(requests)]
        systolica(binary, *args)
    return path


def replay(binary, tmp, trace, *sets):
    out = os.path.join(tmp, "out")
    args = ["dram", "--trace", trace, "--out", out, "--quiet"]
    for s in sets:
        args += ["--set", s]
    systolica(binary, *args)
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)


def speed(binary, tmp, repeat, requests):
    print("## Speed: simulated DRAM requests at saturation (DDR4-2400, refresh on)\n")
    print("| trace | requests | CPU s (best of %d) | M requests / CPU s | CPU s per M requests |" % repeat)
    print("|---|---|---|---|---|")
    total_req = total_cpu = 0.0
    for name in SATURATION:
        trace = generate(binary, tmp, name, 0, requests)
        best = None
        for _ in range(repeat):
            s = replay(binary, tmp, trace)
            best = s if best is None or s["cpu_seconds"] < best["cpu_seconds"] else best
        n, cpu = best["requests"], best["cpu_seconds"]
        total_req += n
        total_cpu += cpu
        print(f"| {name} | {n} | {cpu:.3f} | {n / cpu / 1e6:.2f} | {cpu * 1e6 / n:.2f} |")
    print(f"| **all** | {int(total_req)} | {total_cpu:.3f} | {total_req / total_cpu / 1e6:.2f} | "
          f"{total_cpu * 1e6 / total_req:.2f} |")
    print("\nDRAMsim3: about 7 CPU s per million requests; Ramulator 2: about 5.4 (dram.md).\n")


def compare(binary, tmp):
    print("## Unloaded latency, refresh off (DRAM clocks; front-end delay 1 clock)\n")
    print("| case | Systolica | DRAMsim3 | Ramulator2 | formula |")
    print("|---|---|---|---|---|")
    probes = {"row hit": ("R 0x0 0\nR 0x40 1000\n", 23, 22, "CL + BL/2 = 21"),
              "closed bank": ("R 0x0 0\n", 40, 39, "tRCD + CL + BL/2 = 38"),
              "row conflict": ("R 0x0 0\nR 0x20000 1000\n", 57, 56, "tRP + tRCD + CL + BL/2 = 55")}
    for case, (text, ds3, ram, formula) in probes.items():
        path = os.path.join(tmp, case.replace(" ", "_") + ".trace")
        with open(path, "w") as f:
            f.write(text)
        s = replay(binary, tmp, path, "dram.refresh=false")
        # The probe is the trace's last read: the smallest latency for the hit, the largest otherwise.
        lat = s["read_latency_histogram"][0][0] if case == "row hit" else s["read_latency_max_cycles"]
        print(f"| {case} | {lat} | {ds3} | {ram} | {formula} |")

    print("\n## Idle probes, refresh on (2,000 reads, one per 500 ns)\n")
    print("| trace | Systolica avg | Systolica p99 | dram.md |")
    print("|---|---|---|---|")
    for name, ref in [("idle_seq", "avg 34, p99 about 400"), ("idle_rand", "avg 58, p99 about 400"),
                      ("idle_conflict", "(not given)")]:
        s = replay(binary, tmp, generate(binary, tmp, name, 500))
        print(f"| {name} | {s['read_latency_avg_cycles']:.1f} | {s['read_latency_p99_cycles']} | {ref} |")

    print("\n## Moderate load, DDR4-2400, refresh on: average read latency (DRAM clocks) and row-hit rate\n")
    print("| trace | one request every | Systolica | DRAMsim3 | Ramulator2 | vs DRAMsim3 | vs Ramulator2 "
          "| row-hit rate (ours / dram.md) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, ns, ds3, ram, hits in MODERATE:
        s = replay(binary, tmp, generate(binary, tmp, name, ns))
        ours = s["read_latency_avg_cycles"]
        print(f"| {name} | {ns} ns | {ours:.1f} | {ds3} | {ram} | {100 * (ours / ds3 - 1):+.1f}% | "
              f"{100 * (ours / ram - 1):+.1f}% | {s['row_hit_rate']:.3f} / {hits} |")

    print("\n## Saturation (no times): bandwidth and latency\n")
    print("| trace | mapping | GB/s | % of peak | avg read latency | p99 | row-hit rate |")
    print("|---|---|---|---|---|---|---|")
    for name in SATURATION:
        for mapping in ["ro_ba_bg_co", "ro_ba_co_bg"]:
            s = replay(binary, tmp, generate(binary, tmp, name, 0), f"dram.address_mapping={mapping}")
            print(f"| {name} | {mapping} | {s['bandwidth_gbps']:.2f} | {100 * s['bandwidth_utilization']:.1f} | "
                  f"{s['read_latency_avg_cycles']:.1f} | {s['read_latency_p99_cycles']} | {s['row_hit_rate']:.3f} |")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "systolica"), help="the systolica binary")
    ap.add_argument("--speed", action="store_true", help="only the speed table")
    ap.add_argument("--compare", action="store_true", help="only the comparison tables")
    ap.add_argument("--repeat", type=int, default=3, help="runs per trace for --speed; the fastest counts")
    ap.add_argument("--requests", type=int, default=0, help="requests per saturation trace (0: dram.md's)")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"bench_dram: no binary at {args.bin}; build first or pass --bin")
    both = not args.speed and not args.compare
    with tempfile.TemporaryDirectory(prefix="systolica-bench-dram-") as tmp:
        if args.speed or both:
            speed(args.bin, tmp, args.repeat, args.requests)
        if args.compare or both:
            compare(args.bin, tmp)


if __name__ == "__main__":
    main()
