#!/usr/bin/env python3
"""Latency against energy of a design-space sweep, with its Pareto front (docs/plots.md).

    python3 scripts/plot_sweep_pareto.py SWEEP_DIR [-o pareto.png] [--svg] [--log]

One marker per successful point of the results.csv of `systolica sweep`: cycles (x) against energy_pj (y),
coloured and sized by the area proxy sram_bytes. The points no other point beats in cycles, energy and
sram_bytes at once (all three minimized) are ringed, labelled and printed as a table on stdout. Failed
points and points without an energy are left out of the plot and counted.
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plotlib  # noqa: E402

OBJECTIVES = ["cycles", "energy_pj", "sram_bytes"]


def sweep_points(sweep):
    """(points with all three objectives, number of failed points, number of points missing a value). Each
    point: {"row": the CSV row, "cycles", "energy_pj", "sram_bytes"}."""
    points, failed, incomplete = [], 0, 0
    for row in sweep["rows"]:
        if not plotlib.row_ok(row):
            failed += 1
            continue
        values = {k: plotlib.metric_value(row, k) for k in OBJECTIVES}
        if any(math.isnan(v) for v in values.values()):
            incomplete += 1
            continue
        points.append(dict(values, row=row))
    return points, failed, incomplete


def front_table(sweep, points, front):
    """The Pareto points as text lines, by cycles."""
    keys = sweep["keys"]
    header = ["point"] + keys + ["cycles", "energy mJ", "sram", "util"]
    lines = []
    for i in sorted(front, key=lambda i: (points[i]["cycles"], points[i]["energy_pj"])):
        p = points[i]
        util = plotlib.to_float(p["row"].get("utilization"))
        lines.append([p["row"].get("point", "")] + [(p["row"].get(k) or "").strip() for k in keys] +
                     [f"{p['cycles']:,.0f}", f"{p['energy_pj'] * 1e-9:.4g}", plotlib.format_bytes(p["sram_bytes"]),
                      "-" if math.isnan(util) else f"{util * 100:.1f}%"])
    widths = [max(len(str(c)) for c in col) for col in zip(header, *lines)]
    fmt = lambda cells: "  ".join(str(c).rjust(w) if n >= 1 + len(keys) else str(c).ljust(w)  # noqa: E731
                                  for n, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return [fmt(header)] + [fmt(line) for line in lines]


def size_ticks(lo, hi, log):
    """Colour-bar ticks for byte counts in [lo, hi]: powers of two on a log scale (at most 7), else evenly
    spaced."""
    if log and lo > 0:
        powers = [1 << k for k in range(int(math.log2(lo)), int(math.log2(hi)) + 2) if lo <= (1 << k) <= hi]
        step = max(1, -(-len(powers) // 7))
        if len(powers) >= 2:
            return powers[::step]
    return [lo + (hi - lo) * k / 4 for k in range(5)]


def plot(sweep, points, front, failed, incomplete, out, svg, log_axes):
    plt = plotlib.pyplot()
    import matplotlib.colors as mcolors
    from matplotlib.ticker import FuncFormatter

    fig, ax = plt.subplots(figsize=(9, 6.5))
    xs = [p["cycles"] / 1e6 for p in points]
    ys = [p["energy_pj"] * 1e-9 for p in points]
    sram = [p["sram_bytes"] for p in points]
    positive = [s for s in sram if s > 0]
    if positive and max(positive) / min(positive) > 8 and len(positive) == len(sram):
        norm = mcolors.LogNorm(vmin=min(sram), vmax=max(sram) * (1.01 if max(sram) == min(sram) else 1))
    else:
        norm = mcolors.Normalize(vmin=min(sram), vmax=max(sram) if max(sram) > min(sram) else min(sram) + 1)
    sizes = [30 + 170 * (norm(s) if not math.isnan(norm(s)) else 0) for s in sram]
    sc = ax.scatter(xs, ys, c=sram, s=sizes, cmap="viridis", norm=norm, alpha=0.85, edgecolor="white", lw=0.5,
                    zorder=2)
    bar = fig.colorbar(sc, ax=ax)
    bar.set_label("on-chip SRAM (area proxy, sram_bytes)")
    bar.set_ticks(size_ticks(norm.vmin, norm.vmax, log=isinstance(norm, mcolors.LogNorm)))
    bar.ax.minorticks_off()
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: plotlib.format_bytes(v)))

    fx = [xs[i] for i in front]
    fy = [ys[i] for i in front]
    ax.scatter(fx, fy, s=[sizes[i] + 120 for i in front], facecolor="none", edgecolor="crimson", lw=1.6,
               zorder=3, label=f"Pareto-optimal over cycles, energy, SRAM ({len(front)})")
    for i in front:
        ax.annotate(points[i]["row"].get("point", ""), (xs[i], ys[i]), xytext=(7, 5), textcoords="offset points",
                    fontsize=8, color="crimson")
    # The front in the plane: cycles against energy alone, as a staircase.
    plane = sorted(plotlib.pareto_front([(x, y) for x, y in zip(xs, ys)]), key=lambda i: xs[i])
    if len(plane) > 1:
        ax.step([xs[i] for i in plane], [ys[i] for i in plane], where="post", color="crimson", lw=0.8, ls="--",
                alpha=0.6, zorder=1, label="front of cycles and energy alone")

    if log_axes or (min(xs) > 0 and max(xs) / min(xs) > 20):
        ax.set_xscale("log")
    if log_axes or (min(ys) > 0 and max(ys) / min(ys) > 20):
        ax.set_yscale("log")
    ax.set_xlabel("latency (million cycles)")
    ax.set_ylabel("energy (mJ)")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper right", fontsize=8)
    left_out = []
    if failed:
        left_out.append(f"{failed} failed")
    if incomplete:
        left_out.append(f"{incomplete} without energy or SRAM")
    name = os.path.basename(os.path.dirname(os.path.abspath(sweep["path"])))
    left = f" ({', '.join(left_out)} left out)" if left_out else ""
    ax.set_title(f"{name}/results.csv: {len(points)} points{left}; lower left is better", fontsize=10)
    written = plotlib.save_figure(fig, out, svg)
    plt.close(fig)
    return written


def main():
    p = plotlib.arg_parser(__doc__, "SWEEP_DIR", "a directory holding results.csv (or the file)",
                           "pareto.png")
    p.add_argument("--log", action="store_true", help="logarithmic axes (default: when a range spans > 20x)")
    a = p.parse_args()
    sweep = plotlib.load_sweep(a.sweep_dir)
    points, failed, incomplete = sweep_points(sweep)
    if not points:
        raise plotlib.PlotError(f"{sweep['path']}: no successful point has cycles, energy_pj and sram_bytes "
                                f"({failed} failed, {incomplete} with an empty value)")
    front = plotlib.pareto_front([tuple(pt[k] for k in OBJECTIVES) for pt in points])
    plotlib.pyplot()  # before any output: may run the script again with Debian's python3
    print(f"Pareto-optimal points over (cycles, energy, sram_bytes), all minimized: {len(front)} of "
          f"{len(points)}" + (f"; left out: {failed} failed, {incomplete} without energy or SRAM"
                              if failed or incomplete else ""))
    for line in front_table(sweep, points, front):
        print(line)
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(sweep["path"])), "pareto.png")
    for path in plot(sweep, points, front, failed, incomplete, out, a.svg, a.log):
        print(path)
    return 0


if __name__ == "__main__":
    plotlib.run_main(main)
