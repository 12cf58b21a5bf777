#!/usr/bin/env python3
"""Per-layer roofline of one run of `systolica run --out RUN_DIR` (docs/plots.md).

    python3 scripts/plot_roofline.py RUN_DIR [-o roofline.png] [--svg] [--label 5]

Left: layers with MACs at (MACs per DRAM byte, attained MACs per cycle) under the peak and DRAM-bandwidth
roofs, coloured by the report's bound; the layers that lose the most cycles to their roof are labelled.
Right: layers without MACs (pooling, adds, other vector operators) at their DRAM bytes per cycle against the
DRAM bandwidth, in layer order.
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plotlib  # noqa: E402


def lost_cycles(layer):
    """Cycles the layer spends above what its roof allows: cycles x (1 - attained fraction)."""
    a = layer["attained"]
    return 0.0 if math.isnan(a) else layer["cycles"] * max(0.0, 1.0 - a)


def worst_layers(indexed, n):
    """The n (index, layer) pairs that lose the most cycles to their roof, leaving out those that lose none."""
    return [t for t in sorted(indexed, key=lambda t: -lost_cycles(t[1])) if lost_cycles(t[1]) > 0][:n]


def split_layers(layers):
    """(layers with MACs and DRAM bytes, layers with MACs but no DRAM bytes, layers without MACs), each a
    list of (index in the network, layer)."""
    mac, no_bytes, vector = [], [], []
    for i, l in enumerate(layers):
        if l["macs"] > 0:
            (mac if l["intensity"] > 0 else no_bytes).append((i, l))
        else:
            vector.append((i, l))
    return mac, no_bytes, vector


def plot(run, out, svg, n_labels):
    plt = plotlib.pyplot()
    import numpy as np

    arch, total, layers = run["arch"], run["total"], run["layers"]
    if total.get("layers_overlap"):
        raise plotlib.PlotError("layers overlapped on several cores (total.layers_overlap: a pipeline or a batch "
                                "split), so no layer has DRAM bytes of its own to place it on a roofline; "
                                "use partition.strategy channels, rows or auto")
    peak = plotlib.to_float(arch.get("peak_macs_per_cycle"))
    bw = plotlib.to_float(arch.get("dram_bytes_per_cycle"))
    if math.isnan(peak):
        raise plotlib.PlotError("summary.json has no arch.peak_macs_per_cycle")
    mac, no_bytes, vector = split_layers(layers)

    fig = plt.figure(figsize=(13 if vector else 9, 6.5))
    grid = fig.add_gridspec(1, 2 if vector else 1, width_ratios=[3, 1.4] if vector else [1], wspace=0.25)
    ax = fig.add_subplot(grid[0, 0])

    # Axis ranges from the points, the ridge and the peak.
    ridge = peak / bw if bw > 0 else math.nan
    xs = [l["intensity"] for _, l in mac]
    ys = [l["macs"] / l["cycles"] for _, l in mac + no_bytes if l["cycles"] > 0]
    x_known = xs + ([ridge] if not math.isnan(ridge) else [])
    x_lo = min(x_known) / 3 if x_known else 0.1
    x_hi = max(x_known) * 3 if x_known else 1000.0
    x_edge = x_hi  # where layers without DRAM bytes sit
    x_hi *= 2.5 if no_bytes else 1
    y_lo = min(ys + [peak]) / 3 if ys else peak / 1000
    y_hi = peak * 2.5

    grid_x = np.logspace(math.log10(x_lo), math.log10(x_hi), 400)
    if bw > 0:
        roof = np.minimum(peak, grid_x * bw)
        ax.plot(grid_x, roof, color="black", lw=2, label="roof")
        ax.axvline(ridge, color="gray", ls=":", lw=1)
        ax.text(ridge, y_lo * 1.15, f" ridge {ridge:.3g} MACs/B", color="gray", fontsize=8, rotation=90,
                va="bottom", ha="right")
    else:
        ax.axhline(peak, color="black", lw=2, label="roof")
    ax.text(x_hi / 1.1, peak * 1.1, f"peak {peak:.4g} MACs/cycle", ha="right", va="bottom", fontsize=8)

    for bound in ("compute", "memory"):
        pts = [(l["intensity"], l["macs"] / l["cycles"]) for _, l in mac if l["bound"] == bound and l["cycles"] > 0]
        if pts:
            ax.scatter(*zip(*pts), s=36, color=plotlib.BOUND_COLORS[bound], edgecolor="white", lw=0.5,
                       zorder=3, label=f"{bound}-bound ({len(pts)})")
    if no_bytes:
        pts = [(x_edge, l["macs"] / l["cycles"]) for _, l in no_bytes if l["cycles"] > 0]
        ax.scatter(*zip(*pts), s=50, marker=">", facecolor="none",
                   edgecolor=[plotlib.BOUND_COLORS.get(l["bound"], "gray") for _, l in no_bytes], zorder=3,
                   label=f"no DRAM bytes ({len(no_bytes)}), x undefined")
        ax.axvline(x_edge, color="lightgray", lw=0.8, ls="--")

    t_int = plotlib.to_float(total.get("arithmetic_intensity"))
    t_cycles, t_macs = plotlib.to_float(total.get("cycles")), plotlib.to_float(total.get("macs"))
    if t_cycles > 0 and t_macs > 0:
        tx = t_int if t_int > 0 else x_edge
        ax.scatter([tx], [t_macs / t_cycles], s=160, marker="*", color="gold", edgecolor="black", zorder=4,
                   label="whole run")

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    if bw > 0:  # the bandwidth roof's label, along its slope, halfway up to the ridge
        lx = math.sqrt(x_lo * ridge)
        p0, p1 = ax.transData.transform([(x_lo, x_lo * bw), (ridge, peak)])
        angle = math.degrees(math.atan2(p1[1] - p0[1], p1[0] - p0[0]))
        ax.annotate(f"DRAM {bw:.3g} B/cycle", (lx, lx * bw), xytext=(-4, 4), textcoords="offset points",
                    rotation=angle, rotation_mode="anchor", ha="center", va="bottom", fontsize=8)

    points = [(l["intensity"] if l["intensity"] > 0 else x_edge, l["macs"] / l["cycles"])
              for _, l in mac + no_bytes if l["cycles"] > 0]
    if t_cycles > 0 and t_macs > 0:
        points.append((tx, t_macs / t_cycles))
    worst = worst_layers(mac + no_bytes, n_labels)
    plotlib.place_labels(ax, [(l["intensity"] if l["intensity"] > 0 else x_edge, l["macs"] / l["cycles"],
                               f"{l['name']} ({l['attained'] * 100:.0f}%)") for _, l in worst if l["cycles"] > 0],
                         avoid=points)
    ax.set_xlabel("operational intensity (MACs per DRAM byte)")
    ax.set_ylabel("attained MACs per cycle")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    n_mac = len(mac) + len(no_bytes)
    ax.set_title(f"{n_mac} layers with MACs; labelled: the {len(worst)} losing the most cycles to their roof "
                 f"(attained %)", fontsize=9)

    if vector:
        vx = fig.add_subplot(grid[0, 1])
        idx = [i for i, _ in vector]
        rate = [l["dram_bytes"] / l["cycles"] if l["cycles"] > 0 else 0.0 for _, l in vector]
        for bound in ("compute", "memory"):
            sel = [(i, r) for (i, l), r in zip(vector, rate) if l["bound"] == bound]
            if sel:
                vx.scatter(*zip(*sel), s=36, color=plotlib.BOUND_COLORS[bound], edgecolor="white", lw=0.5,
                           zorder=3, label=f"{bound}-bound ({len(sel)})")
        if bw > 0:
            vx.axhline(bw, color="black", lw=2)
            vx.text(min(idx), bw * 1.02, f"DRAM {bw:.3g} B/cycle", fontsize=8, va="bottom")
        top = max(rate + [bw if bw > 0 else 0]) * 1.25 or 1
        vx.set_ylim(-0.08 * top, top)
        vx.set_xlim(-1, len(layers))
        plotlib.place_labels(vx, [(i, l["dram_bytes"] / l["cycles"] if l["cycles"] > 0 else 0.0,
                                   f"{l['name']} ({l['attained'] * 100:.0f}%)")
                                  for i, l in worst_layers(vector, n_labels)],
                             fontsize=7, avoid=list(zip(idx, rate)))
        vx.set_xlabel("layer index in the network")
        vx.set_ylabel("DRAM bytes per cycle")
        vx.set_title(f"{len(vector)} layers without MACs (pooling, add, ...)\n"
                     "bound: waiting on memory vs. vector unit busy", fontsize=9)
        vx.grid(True, alpha=0.3)
        vx.legend(loc="upper right", fontsize=8)

    bound = total.get("bound", "?")
    att = plotlib.to_float(total.get("attained_fraction"))
    fig.suptitle(f"Roofline: {run['name']}, {len(layers)} layers, {t_cycles:,.0f} cycles; "
                 f"as a whole {bound}-bound at {att * 100:.0f}% of its roof", fontsize=11)
    written = plotlib.save_figure(fig, out, svg)
    plt.close(fig)
    return written


def main():
    p = plotlib.arg_parser(__doc__, "RUN_DIR", "a directory written by `systolica run --out RUN_DIR`",
                           "roofline.png")
    p.add_argument("--label", type=int, default=5, metavar="N",
                   help="label the N layers that lose the most cycles to their roof (default 5)")
    a = p.parse_args()
    run = plotlib.load_run(a.run_dir)
    plotlib.pyplot()  # before any output: may run the script again with Debian's python3
    for path in plot(run, a.out or os.path.join(a.run_dir, "roofline.png"), a.svg, max(0, a.label)):
        print(path)
    return 0


if __name__ == "__main__":
    plotlib.run_main(main)
