#!/usr/bin/env python3
"""Heatmaps of a design-space sweep, from the results.csv of `systolica sweep` (docs/plots.md).

    python3 scripts/plot_sweep_heatmap.py SWEEP_DIR [--metric both] [--x scratchpad.size] [--y l2.size]
                                          [--panel cores] [--where KEY=VALUE ...] [-o heatmap.png] [--svg]

One heatmap panel per value of the panel key, x and y two other swept keys, each cell annotated with its
value (cycles in millions, energy in mJ); one colour scale shared by all panels of a metric. --metric both
(the default) draws a row of cycles panels and a row of energy panels. Failed points are hatched and marked
`error`, points with an empty value hatched and marked `n/a`, points missing from the sweep left blank:
none of them is drawn as a zero.
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plotlib  # noqa: E402

# metric -> (label of the colour bar, scale applied to the value, format of the annotation)
METRICS = {
    "cycles": ("cycles (millions)", 1e-6, "{:.3g}"),
    "energy_pj": ("energy (mJ)", 1e-9, "{:.3g}"),
    "static_energy_pj": ("static energy (mJ)", 1e-9, "{:.3g}"),
    "utilization": ("utilization (%)", 100.0, "{:.1f}"),
    "dram_bytes": ("DRAM traffic (MiB)", 1.0 / (1 << 20), "{:.3g}"),
}
# Default axes: the first key of each list that the sweep has.
DEFAULTS = {"x": ["scratchpad.size", "scratchpad.capacity"], "y": ["l2.size", "l2.capacity"], "panel": ["cores"]}


def resolve_keys(sweep, x, y, panel):
    """The x, y and panel keys: those given, else the defaults the sweep has, else its remaining swept keys
    in column order. panel may end up None (one panel)."""
    keys = sweep["keys"]
    for name, given in (("--x", x), ("--y", y), ("--panel", panel)):
        if given and given != "none" and given not in keys:
            raise plotlib.PlotError(f"{name} {given}: not a swept key of {sweep['path']} "
                                    f"(swept: {', '.join(keys) or 'none'})")
    chosen = {"x": x, "y": y, "panel": None if panel == "none" else panel}
    for axis in ("x", "y", "panel"):
        if chosen[axis] is None and not (axis == "panel" and panel == "none"):
            taken = set(chosen.values())
            defaults = [k for k in DEFAULTS[axis] if k in keys and k not in taken]
            rest = [k for k in keys if k not in taken] if axis != "panel" else []
            pick = (defaults + rest)[:1]
            chosen[axis] = pick[0] if pick else None
    if chosen["x"] is None or chosen["y"] is None:
        raise plotlib.PlotError(f"{sweep['path']}: a heatmap needs two swept keys (swept: "
                                f"{', '.join(keys) or 'none'})")
    if len({chosen["x"], chosen["y"], chosen["panel"]} - {None}) < (3 if chosen["panel"] else 2):
        raise plotlib.PlotError("--x, --y and --panel must be different keys")
    return chosen["x"], chosen["y"], chosen["panel"]


def plot(sweep, metrics, x_key, y_key, panel_key, where, out, svg, log_scale):
    plt = plotlib.pyplot()
    import matplotlib.colors as mcolors
    import matplotlib.patches as mpatches
    import numpy as np

    grids = [plotlib.build_matrix(sweep, m, x_key, y_key, panel_key, where) for m in metrics]
    xs, ys, panels = grids[0]["x"], grids[0]["y"], grids[0]["panels"]
    n_rows, n_cols = len(metrics), len(panels)
    cell_w, cell_h = max(0.9, 0.11 * max(len(v) for v in xs)), 0.55
    fig_w = min(24.0, 1.8 + n_cols * (1.4 + cell_w * len(xs)) + 1.2)
    fig_h = min(20.0, 1.4 + n_rows * (1.3 + cell_h * len(ys)))
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(fig_w, fig_h), squeeze=False, constrained_layout=True)

    for r, (metric, grid) in enumerate(zip(metrics, grids)):
        label, scale, fmt = METRICS[metric]
        values = [v * scale for p in panels for row in grid["cells"][p] for v in row if not math.isnan(v)]
        cmap = plt.get_cmap("viridis_r").copy()
        cmap.set_bad("white")
        if values:
            lo, hi = min(values), max(values)
            if log_scale and lo > 0:
                norm = mcolors.LogNorm(vmin=lo, vmax=hi if hi > lo else lo * 1.01)
            else:
                norm = mcolors.Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1e-12 + abs(lo) * 0.01)
        else:
            norm = mcolors.Normalize(vmin=0, vmax=1)
        image = None
        for c, panel in enumerate(panels):
            ax = axes[r][c]
            m = np.array(grid["cells"][panel], dtype=float) * scale
            image = ax.imshow(np.ma.masked_invalid(m), cmap=cmap, norm=norm, origin="lower", aspect="auto")
            for i in range(len(ys)):
                for j in range(len(xs)):
                    state = grid["state"][panel][i][j]
                    if state == "ok":
                        rgb = cmap(norm(m[i, j]))[:3]
                        dark = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 0.5
                        ax.text(j, i, fmt.format(m[i, j]), ha="center", va="center", fontsize=9,
                                color="white" if dark else "black")
                    elif state in ("error", "empty"):
                        ax.add_patch(mpatches.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///",
                                                        edgecolor="gray", lw=0))
                        ax.text(j, i, "error" if state == "error" else "n/a", ha="center", va="center",
                                fontsize=8, color="dimgray" if state == "empty" else "firebrick",
                                bbox=dict(facecolor="white", edgecolor="none", pad=1))
            ax.set_xticks(range(len(xs)))
            ax.set_xticklabels(xs, fontsize=8, rotation=30 if max(len(v) for v in xs) > 8 else 0)
            ax.set_yticks(range(len(ys)))
            ax.set_yticklabels(ys if c == 0 else [""] * len(ys), fontsize=8)
            ax.set_xticks([k - 0.5 for k in range(len(xs) + 1)], minor=True)
            ax.set_yticks([k - 0.5 for k in range(len(ys) + 1)], minor=True)
            ax.grid(which="minor", color="white", lw=1.5)
            ax.tick_params(which="minor", length=0)
            if r == n_rows - 1:
                ax.set_xlabel(x_key)
            if c == 0:
                ax.set_ylabel(y_key)
            title = f"{panel_key} = {panel}" if panel_key else ""
            ax.set_title(f"{title}{': ' if title else ''}{label.split(' (')[0]}", fontsize=10)
        fig.colorbar(image, ax=list(axes[r]), label=label + (", log scale" if log_scale else ""), shrink=0.9)

    oks = sum(plotlib.row_ok(row) for row in sweep["rows"])
    errors = len(sweep["rows"]) - oks
    where_text = ", ".join(f"{k}={v}" for k, v in (where or {}).items())
    fig.suptitle(f"{os.path.basename(os.path.dirname(os.path.abspath(sweep['path'])))}/results.csv: "
                 f"{len(sweep['rows'])} points ({errors} failed){'; ' + where_text if where_text else ''}; "
                 f"lower is better (lighter)", fontsize=11)
    written = plotlib.save_figure(fig, out, svg)
    plt.close(fig)
    return written


def parse_where(items):
    where = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise plotlib.PlotError(f"--where {item}: expected KEY=VALUE")
        where[key.strip()] = value.strip()
    return where


def main():
    p = plotlib.arg_parser(__doc__, "SWEEP_DIR", "a directory holding results.csv (or the file)",
                           "heatmap.png")
    p.add_argument("--metric", default="both", choices=["both"] + list(METRICS),
                   help="what the cells show (default both: a row of cycles and a row of energy_pj)")
    p.add_argument("--x", help="swept key along x (default scratchpad.size, else the first swept key)")
    p.add_argument("--y", help="swept key along y (default l2.size, else the next swept key)")
    p.add_argument("--panel", help="one panel per value of this swept key (default cores if swept; 'none': one)")
    p.add_argument("--where", action="append", metavar="KEY=VALUE",
                   help="keep only the points with this value of another swept key (repeatable)")
    p.add_argument("--log", action="store_true", help="logarithmic colour scale")
    a = p.parse_args()
    sweep = plotlib.load_sweep(a.sweep_dir)
    x_key, y_key, panel_key = resolve_keys(sweep, a.x, a.y, a.panel)
    plotlib.pyplot()  # before any output: may run the script again with Debian's python3
    metrics = ["cycles", "energy_pj"] if a.metric == "both" else [a.metric]
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(sweep["path"])), "heatmap.png")
    for path in plot(sweep, metrics, x_key, y_key, panel_key, parse_where(a.where), out, a.svg, a.log):
        print(path)
    return 0


if __name__ == "__main__":
    plotlib.run_main(main)
