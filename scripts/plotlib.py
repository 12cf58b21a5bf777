"""Shared helpers of the plot_*.py scripts: reading run and sweep results, sizes, the Pareto front.

The data functions here use the standard library only; matplotlib (Debian's python3-matplotlib, installed by
scripts/setup.sh) is imported only when a figure is drawn, through pyplot(). See docs/plots.md.
"""

import argparse
import csv
import json
import math
import os
import re
import sys

# The stall categories of the report, in the order of sim/report/report_fields.cpp: with `compute` they add
# up to a layer's cycles (docs/reports.md).
STALL_PARTS = ["underuse", "fill_drain", "scratchpad_banks", "dma_l2", "dram", "vector_unit", "store"]
CYCLE_PARTS = ["compute"] + STALL_PARTS
PART_LABELS = {
    "compute": "compute",
    "underuse": "underuse",
    "fill_drain": "fill/drain",
    "scratchpad_banks": "scratchpad banks",
    "dma_l2": "DMA/L2",
    "dram": "DRAM",
    "vector_unit": "vector unit",
    "store": "store",
}
PART_COLORS = {
    "compute": "#2ca02c",
    "underuse": "#98df8a",
    "fill_drain": "#bcbd22",
    "scratchpad_banks": "#9467bd",
    "dma_l2": "#1f77b4",
    "dram": "#d62728",
    "vector_unit": "#ff7f0e",
    "store": "#7f7f7f",
}
BOUND_COLORS = {"compute": "#1f77b4", "memory": "#d62728"}

SYSTEM_PYTHON = "/usr/bin/python3"


class PlotError(Exception):
    """A problem with the input: the scripts print it as one line and exit with status 2."""


def run_main(main):
    """Runs a script's main(), turning PlotError and unreadable files into one line and exit status 2."""
    try:
        sys.exit(main())
    except (PlotError, OSError) as e:
        print(f"{os.path.basename(sys.argv[0])}: error: {e}", file=sys.stderr)
        sys.exit(2)


def arg_parser(doc, input_name, input_help, default_png):
    """The options every plot script shares: its input directory, -o/--out and --svg."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(input_name.lower(), metavar=input_name, help=input_help)
    p.add_argument("-o", "--out", help=f"output PNG (default {input_name}/{default_png})")
    p.add_argument("--svg", action="store_true", help="also write an SVG next to the PNG")
    return p


def pyplot():
    """matplotlib.pyplot on the Agg backend (no display).

    A pyenv or venv interpreter may not see Debian's python3-matplotlib: then the script is run again with
    /usr/bin/python3 (once; SYSTOLICA_PLOT_REEXEC guards against a loop).
    """
    try:
        import matplotlib
    except ImportError:
        if (os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON)
                and not os.environ.get("SYSTOLICA_PLOT_REEXEC")):
            os.environ["SYSTOLICA_PLOT_REEXEC"] = "1"
            sys.stdout.flush()
            sys.stderr.flush()
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
        raise PlotError("matplotlib is not installed: run `bash scripts/setup.sh` (Debian's python3-matplotlib)")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def save_figure(fig, out, svg):
    """Writes fig to out (PNG) and, with svg, next to it with the .svg suffix; returns the paths written."""
    directory = os.path.dirname(os.path.abspath(out))
    os.makedirs(directory, exist_ok=True)
    fig.savefig(out, dpi=120, bbox_inches="tight")
    written = [out]
    if svg:
        svg_path = os.path.splitext(out)[0] + ".svg"
        fig.savefig(svg_path, bbox_inches="tight")
        written.append(svg_path)
    return written


_OFFSETS = [(7, 5), (7, -13), (-7, 5), (-7, -13), (7, 16), (7, -24), (-7, 16), (-7, -24)] + [
    (dx, dy) for dy in (28, -34, 40, -46, 52, 64, 76) for dx in (7, -7, 24, -24)]


def place_labels(ax, items, fontsize=8, color="black", avoid=()):
    """Annotates (x, y, text) items in data coordinates, trying a few offsets around each point and taking
    the first whose box stays inside the axes and overlaps no label placed before and no marker at the
    (x, y) points of `avoid` (else the one with the fewest overlaps). Call it once the axes' limits are
    final."""
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    r = 5 * fig.dpi / 72  # a marker's half-width in pixels
    markers = [Bbox.from_extents(px - r, py - r, px + r, py + r)
               for px, py in (ax.transData.transform(p) for p in avoid)]
    placed = []

    def annotate(x, y, text, dx, dy):
        a = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                        color=color, ha="left" if dx >= 0 else "right", va="bottom",
                        arrowprops=dict(arrowstyle="-", color="gray", lw=0.5, shrinkA=0, shrinkB=3))
        a.update_positions(renderer)
        return a, Text.get_window_extent(a, renderer)  # the text alone, not its leader line

    for x, y, text in items:
        best = None
        for dx, dy in _OFFSETS:
            a, box = annotate(x, y, text, dx, dy)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1)
            score = (0 if inside else 1000) + sum(box.overlaps(b) for b in placed + markers)
            a.remove()
            if best is None or score < best[0]:
                best = (score, dx, dy)
            if score == 0:
                break
        a, chosen = annotate(x, y, text, best[1], best[2])
        placed.append(chosen)


# ---------------------------------------------------------------------------------------------------------
# Numbers and sizes

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)?\s*$")
_UNITS = {None: 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}


def parse_size(text):
    """'64 KiB' -> 65536, '1 MiB' -> 1048576, '0 B' -> 0, '4' -> 4 (a bare number is bytes); units are
    case-sensitive as in the configs (B, KiB, MiB, GiB). Anything else (e.g. 'ws', '', '-1') -> None."""
    if text is None:
        return None
    m = _SIZE.match(str(text))
    if not m:
        return None
    value = float(m.group(1)) * _UNITS[m.group(2)]
    return int(value) if value == int(value) else value


def format_bytes(n):
    """65536 -> '64 KiB', 1.5 MiB -> '1.5 MiB'."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "-"
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.4g} {unit}"
    return f"{n:.4g} B"


def to_float(text):
    """A CSV or JSON cell as a float; None, '' or unparsable -> NaN."""
    if text is None:
        return math.nan
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def is_missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def axis_order(values):
    """The distinct values, sorted numerically when every one parses as a size or number, else in the order
    they were first seen."""
    distinct = list(dict.fromkeys(values))
    parsed = [parse_size(v) for v in distinct]
    if distinct and all(p is not None for p in parsed):
        return [v for _, v in sorted(zip(parsed, distinct), key=lambda t: t[0])]
    return distinct


# ---------------------------------------------------------------------------------------------------------
# Run results: summary.json and layers.csv as written by `systolica run --out DIR`


def load_run(run_dir):
    """Reads RUN_DIR/summary.json (the machine and the total) and RUN_DIR/layers.csv (one row per layer; the
    layers of summary.json when there is no layers.csv). Returns
    {"arch": {...}, "total": {...}, "name": str, "layers": [layer dicts]}, each layer with
    name, kind, cycles, macs, dram_bytes, intensity (NaN for null), bound, attained, and parts: {category:
    cycles} for `compute` and the stall categories (None in runs without stall accounting)."""
    summary_path = os.path.join(run_dir, "summary.json")
    if not os.path.isfile(summary_path):
        raise PlotError(f"{summary_path}: not found (write a run with `systolica run --out {run_dir}`)")
    with open(summary_path) as f:
        try:
            summary = json.load(f)
        except json.JSONDecodeError as e:
            raise PlotError(f"{summary_path}: not valid JSON ({e})")
    arch = summary.get("arch") or {}
    total = summary.get("total") or {}
    csv_path = os.path.join(run_dir, "layers.csv")
    if os.path.isfile(csv_path):
        layers = _layers_from_csv(csv_path)
    else:
        layers = [_layer_from_json(e) for e in summary.get("layers", [])]
    if not layers:
        raise PlotError(f"{run_dir}: the run has no layers")
    name = total.get("network") or os.path.basename(os.path.normpath(run_dir))
    batch = total.get("batch")
    if batch and batch != 1:
        name = f"{name}, batch {batch}"
    return {"arch": arch, "total": total, "name": name, "layers": layers}


def _layer(name, kind, cycles, macs, dram_bytes, intensity, bound, attained, compute, stalls):
    parts = None
    if not is_missing(compute) and all(not is_missing(stalls.get(p)) for p in STALL_PARTS):
        parts = {"compute": compute}
        parts.update({p: stalls[p] for p in STALL_PARTS})
    return {"name": name, "kind": kind, "cycles": cycles, "macs": macs, "dram_bytes": dram_bytes,
            "intensity": intensity, "bound": bound, "attained": attained, "parts": parts}


def _layers_from_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    needed = ["name", "cycles", "macs", "dram_read_bytes", "dram_write_bytes", "bound", "attained_fraction"]
    if rows:
        missing = [c for c in needed if c not in rows[0]]
        if missing:
            raise PlotError(f"{path}: no column {', '.join(missing)} (is it a layers.csv of `systolica run`?)")
    return [
        _layer(r["name"], r.get("kind", ""), to_float(r["cycles"]), to_float(r["macs"]),
               to_float(r["dram_read_bytes"]) + to_float(r["dram_write_bytes"]),
               to_float(r.get("arithmetic_intensity")), r["bound"], to_float(r["attained_fraction"]),
               to_float(r.get("compute_cycles")), {p: to_float(r.get("stall_" + p)) for p in STALL_PARTS})
        for r in rows
    ]


def _layer_from_json(e):
    stalls = e.get("stall_cycles") or {}
    return _layer(e.get("name", "?"), e.get("kind", ""), to_float(e.get("cycles")), to_float(e.get("macs")),
                  to_float(e.get("dram_read_bytes", 0)) + to_float(e.get("dram_write_bytes", 0)),
                  to_float(e.get("arithmetic_intensity")), e.get("bound", ""),
                  to_float(e.get("attained_fraction")), to_float(e.get("compute_cycles")),
                  {p: to_float(stalls.get(p)) for p in STALL_PARTS})


# ---------------------------------------------------------------------------------------------------------
# Sweep results: results.csv as written by `systolica sweep`

SWEEP_FIXED = ["cycles", "energy_pj", "static_energy_pj", "utilization", "dram_bytes", "sram_bytes",
               "wall_seconds", "error"]


def load_sweep(path):
    """Reads a sweep's results.csv (a SWEEP_DIR holding one, or the file itself). Returns
    {"path", "keys": [swept keys in column order], "rows": [dicts of the raw cells]}."""
    if os.path.isdir(path):
        path = os.path.join(path, "results.csv")
    if not os.path.isfile(path):
        raise PlotError(f"{path}: not found (write a sweep with `systolica sweep`)")
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        rows = [r for r in reader if any((v or "").strip() for v in r.values())]
    for c in ["point", "status", "cycles"]:
        if c not in header:
            raise PlotError(f"{path}: no column '{c}' (is it the results.csv of `systolica sweep`?)")
    keys = [c for c in header if c not in ("point", "status") and c not in SWEEP_FIXED]
    return {"path": path, "keys": keys, "rows": rows}


def row_ok(row):
    return (row.get("status") or "").strip() == "ok"


def metric_value(row, metric):
    """A metric of one sweep row as a float: NaN for an error row or an empty or unparsable cell."""
    if not row_ok(row):
        return math.nan
    return to_float((row.get(metric) or "").strip() or None)


def build_matrix(sweep, metric, x_key, y_key, panel_key=None, where=None):
    """The heatmap cells of a sweep. Returns {"x": [x values], "y": [y values], "panels": [panel values]
    (one None panel without a panel key), "cells": {panel: matrix}, "state": {panel: matrix}} where matrix[i][j]
    is for y value i and x value j: the metric as a float, or NaN when the point is missing, failed or has
    an empty cell; state says which: 'ok', 'error', 'empty' (no value) or 'absent' (no such point).
    where: {key: value} keeps only the rows with those values. Two rows landing in one cell are an error
    naming the other swept keys to fix."""
    rows = sweep["rows"]
    for key in [x_key, y_key] + ([panel_key] if panel_key else []) + list((where or {}).keys()):
        if key not in sweep["keys"]:
            raise PlotError(f"{sweep.get('path', 'results.csv')}: '{key}' is not a swept key "
                            f"(swept: {', '.join(sweep['keys']) or 'none'})")
    if where:
        rows = [r for r in rows if all((r.get(k) or "").strip() == v for k, v in where.items())]
        if not rows:
            raise PlotError(f"no point has {', '.join(f'{k}={v}' for k, v in where.items())}")
    cell = lambda r, k: (r.get(k) or "").strip()  # noqa: E731
    xs = axis_order([cell(r, x_key) for r in rows])
    ys = axis_order([cell(r, y_key) for r in rows])
    panels = axis_order([cell(r, panel_key) for r in rows]) if panel_key else [None]
    cells = {p: [[math.nan] * len(xs) for _ in ys] for p in panels}
    state = {p: [["absent"] * len(xs) for _ in ys] for p in panels}
    seen = {}
    for r in rows:
        p = cell(r, panel_key) if panel_key else None
        i, j = ys.index(cell(r, y_key)), xs.index(cell(r, x_key))
        if (p, i, j) in seen:
            others = [k for k in sweep["keys"] if k not in (x_key, y_key, panel_key) and k not in (where or {})]
            raise PlotError(f"points {seen[(p, i, j)]} and {r.get('point')} fall in the same cell; choose one "
                            f"value of the other swept keys with --where KEY=VALUE, or make one the panel key "
                            f"({', '.join(others)})")
        seen[(p, i, j)] = r.get("point")
        v = metric_value(r, metric)
        cells[p][i][j] = v
        state[p][i][j] = "error" if not row_ok(r) else ("empty" if math.isnan(v) else "ok")
    return {"x": xs, "y": ys, "panels": panels, "cells": cells, "state": state}


def pareto_front(points):
    """Indices of the points no other point dominates, all objectives minimized. A point dominates another
    when it is no worse in every objective and better in one; equal points are all kept. Points with a
    missing (NaN or None) objective are never on the front."""
    valid = [i for i, p in enumerate(points) if not any(is_missing(v) for v in p)]
    front = []
    for i in valid:
        a = points[i]
        dominated = False
        for j in valid:
            b = points[j]
            if j != i and all(y <= x for x, y in zip(a, b)) and any(y < x for x, y in zip(a, b)):
                dominated = True
                break
        if not dominated:
            front.append(i)
    return front
