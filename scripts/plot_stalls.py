#!/usr/bin/env python3
"""Where each layer's cycles went, for one run of `systolica run --out RUN_DIR` (docs/plots.md).

    python3 scripts/plot_stalls.py RUN_DIR [-o stalls.png] [--svg] [--top K] [--share] [--every N]

One stacked bar per layer, in layer order: `compute` and the seven stall categories of the report
(underuse, fill/drain, scratchpad banks, DMA/L2, DRAM, vector unit, store), which add up to the layer's
cycles. --top K keeps the K layers with the most cycles (still in layer order); --share draws each bar as
shares of its layer's cycles.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plotlib  # noqa: E402


def select_layers(layers, top):
    """(index, layer) pairs in layer order: all of them, or the `top` with the most cycles."""
    indexed = list(enumerate(layers))
    if top and top < len(indexed):
        keep = {i for i, _ in sorted(indexed, key=lambda t: -t[1]["cycles"])[:top]}
        indexed = [t for t in indexed if t[0] in keep]
    return indexed


def plot(run, out, svg, top, share, every):
    plt = plotlib.pyplot()
    layers = run["layers"]
    if all(l["parts"] is None for l in layers):
        raise plotlib.PlotError("the run has no stall accounting (a --compat scalesim run?): nothing to plot")
    chosen = select_layers(layers, top)
    n = len(chosen)
    every = every or max(1, -(-n // 40))  # at most about 40 tick labels
    width = min(18.0, max(7.0, 2.5 + 0.16 * n))
    fig, ax = plt.subplots(figsize=(width, 6.2))

    positions = list(range(n))
    bottoms = [0.0] * n
    totals = [l["cycles"] if l["cycles"] > 0 else 1.0 for _, l in chosen]
    scale = 100.0 if share else 1e-3
    for part in plotlib.CYCLE_PARTS:
        heights = []
        for k, (_, l) in enumerate(chosen):
            v = l["parts"][part] if l["parts"] else 0.0
            heights.append(v / totals[k] * scale if share else v * scale)
        if any(h > 0 for h in heights):
            ax.bar(positions, heights, bottom=bottoms, width=0.8 if n <= 80 else 0.95,
                   color=plotlib.PART_COLORS[part], label=plotlib.PART_LABELS[part], lw=0)
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    missing = [k for k, (_, l) in enumerate(chosen) if l["parts"] is None]
    for k in missing:  # layers without stall accounting: their whole bar, hatched
        _, l = chosen[k]
        ax.bar([k], [100.0 if share else l["cycles"] * scale], color="none", edgecolor="gray", hatch="//",
               lw=0.5)

    ticks = positions[::every]
    ax.set_xticks(ticks)
    ax.set_xticklabels([chosen[k][1]["name"] for k in ticks], rotation=90, fontsize=7 if n > 30 else 8)
    if every > 1:
        ax.set_xticks(positions, minor=True)
    ax.set_xlim(-0.7, n - 0.3)
    ax.set_ylabel("share of the layer's cycles (%)" if share else "cycles (thousands)")
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, title="cycles went to")

    total = run["total"]
    picked = f"the {n} layers with the most cycles, in layer order" if n < len(layers) else f"{n} layers"
    note = f"; labels every {every} layers" if every > 1 else ""
    cycles = plotlib.to_float(total.get("cycles"))
    shown = sum(l["cycles"] for _, l in chosen)
    ax.set_title(f"Cycle breakdown: {run['name']}, {picked} ({shown / cycles * 100:.0f}% of the run's "
                 f"{cycles:,.0f} cycles){note}" if cycles > 0 else f"Cycle breakdown: {run['name']}",
                 fontsize=10)
    if missing:
        ax.text(1.0, -0.02, f"hatched: {len(missing)} layers without stall accounting", transform=ax.transAxes,
                ha="right", va="top", fontsize=8)
    written = plotlib.save_figure(fig, out, svg)
    plt.close(fig)
    return written


def main():
    p = plotlib.arg_parser(__doc__, "RUN_DIR", "a directory written by `systolica run --out RUN_DIR`",
                           "stalls.png")
    p.add_argument("--top", type=int, default=0, metavar="K",
                   help="only the K layers with the most cycles, in layer order (default: all)")
    p.add_argument("--share", action="store_true", help="bars as shares of each layer's cycles (100%% high)")
    p.add_argument("--every", type=int, default=0, metavar="N",
                   help="a tick label every N layers (default: chosen to show at most about 40)")
    a = p.parse_args()
    if a.top < 0 or a.every < 0:
        p.error("--top and --every take a positive number")
    run = plotlib.load_run(a.run_dir)
    plotlib.pyplot()  # before any output: may run the script again with Debian's python3
    for path in plot(run, a.out or os.path.join(a.run_dir, "stalls.png"), a.svg, a.top, a.share, a.every):
        print(path)
    return 0


if __name__ == "__main__":
    plotlib.run_main(main)
