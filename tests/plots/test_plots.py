"""Tests of scripts/plot_*.py and scripts/plotlib.py (docs/plots.md).

    python3 -m unittest discover -s tests/plots        (from any directory; ctest runs it as `plots`)

The scripts run in subprocesses on the fixtures of tests/data/plots/ and write only to a temporary directory.
The data functions are tested in-process; they need the standard library only.
"""

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(ROOT, "scripts")
RUN = os.path.join(ROOT, "tests", "data", "plots", "run")
SWEEP = os.path.join(ROOT, "tests", "data", "plots", "sweep")
sys.path.insert(0, SCRIPTS)
sys.dont_write_bytecode = True  # no __pycache__ in scripts/

import plot_roofline  # noqa: E402
import plot_stalls  # noqa: E402
import plot_sweep_pareto  # noqa: E402
import plotlib  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def python_with_matplotlib():
    """This interpreter if it sees matplotlib, else Debian's (a pyenv or venv python may not see
    python3-matplotlib)."""
    for exe in (sys.executable, plotlib.SYSTEM_PYTHON):
        if exe and os.path.exists(exe) and subprocess.run([exe, "-c", "import matplotlib"],
                                                          capture_output=True).returncode == 0:
            return exe
    return None


class ScriptsTest(unittest.TestCase):
    """Each script on the fixtures: a valid, non-empty PNG (and SVG), nothing written outside the temp dir."""

    @classmethod
    def setUpClass(cls):
        cls.python = python_with_matplotlib()
        if cls.python is None:
            raise RuntimeError("matplotlib is not installed: run `bash scripts/setup.sh` (python3-matplotlib)")

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="systolica-plots-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        os.mkdir(os.path.join(self.tmp, ".mpl"))  # matplotlib's cache, kept out of $HOME
        self.fixtures = sorted(os.listdir(RUN)) + sorted(os.listdir(SWEEP))
        self.addCleanup(lambda: self.assertEqual(sorted(os.listdir(RUN)) + sorted(os.listdir(SWEEP)),
                                                 self.fixtures, "a script wrote next to the fixtures"))

    def run_script(self, name, *args, status=0):
        # From the temp dir, so that nothing depends on (or lands in) the caller's directory.
        env = dict(os.environ, MPLCONFIGDIR=os.path.join(self.tmp, ".mpl"), PYTHONDONTWRITEBYTECODE="1")
        p = subprocess.run([self.python, os.path.join(SCRIPTS, name)] + [str(a) for a in args], cwd=self.tmp,
                           capture_output=True, text=True, env=env)
        self.assertEqual(p.returncode, status, f"{name} {args}:\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
        return p

    def assert_png(self, path):
        self.assertTrue(os.path.isfile(path), path)
        self.assertGreater(os.path.getsize(path), 2000, path)
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), PNG_MAGIC, path)

    def test_roofline(self):
        out = os.path.join(self.tmp, "roofline.png")
        p = self.run_script("plot_roofline.py", RUN, "-o", out, "--svg")
        self.assert_png(out)
        svg = os.path.join(self.tmp, "roofline.svg")
        with open(svg) as f:
            self.assertIn("<svg", f.read(2000))
        self.assertIn(out, p.stdout)

    def test_roofline_refuses_overlapping_layers(self):
        # A pipelined multi-core run has no per-layer DRAM bytes: one line, status 2, no picture.
        run = os.path.join(self.tmp, "pipelined")
        os.mkdir(run)
        with open(os.path.join(RUN, "summary.json")) as f:
            summary = json.load(f)
        summary["total"]["layers_overlap"] = True
        with open(os.path.join(run, "summary.json"), "w") as f:
            json.dump(summary, f)
        p = self.run_script("plot_roofline.py", run, "-o", os.path.join(self.tmp, "r.png"), status=2)
        self.assertIn("layers overlapped", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "r.png")))

    def test_stalls(self):
        out = os.path.join(self.tmp, "stalls.png")
        self.run_script("plot_stalls.py", RUN, "-o", out)
        self.assert_png(out)
        top = os.path.join(self.tmp, "stalls_top.png")
        self.run_script("plot_stalls.py", RUN, "-o", top, "--top", "5", "--share")
        self.assert_png(top)

    def test_heatmap(self):
        out = os.path.join(self.tmp, "heatmap.png")
        self.run_script("plot_sweep_heatmap.py", SWEEP, "-o", out)
        self.assert_png(out)
        one = os.path.join(self.tmp, "heatmap_cycles.png")
        self.run_script("plot_sweep_heatmap.py", os.path.join(SWEEP, "results.csv"), "--metric", "cycles",
                        "--x", "l2.size", "--y", "scratchpad.size", "--panel", "cores", "-o", one)
        self.assert_png(one)

    def test_pareto(self):
        out = os.path.join(self.tmp, "pareto.png")
        p = self.run_script("plot_sweep_pareto.py", SWEEP, "-o", out)
        self.assert_png(out)
        # The fixture's front (worked out by hand): every complete point but 2, which point 4 dominates.
        self.assertIn("9 of 10", p.stdout)
        listed = {line.split()[0] for line in p.stdout.splitlines()[2:] if line and line.split()[0].isdigit()}
        self.assertEqual(listed, {"0", "1", "3", "4", "5", "6", "9", "10", "11"})
        self.assertNotIn("7", listed)  # no energy
        self.assertNotIn("8", listed)  # failed

    def test_help_and_bad_input(self):
        for name in ("plot_roofline.py", "plot_stalls.py", "plot_sweep_heatmap.py", "plot_sweep_pareto.py"):
            self.assertIn("usage:", self.run_script(name, "--help").stdout)
            p = self.run_script(name, os.path.join(self.tmp, "nowhere"), status=2)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertIn("not found", p.stderr)
        p = self.run_script("plot_sweep_heatmap.py", SWEEP, "--x", "array.dataflow", status=2)
        self.assertIn("not a swept key", p.stderr)
        self.assertEqual(os.listdir(self.tmp), [".mpl"])  # failures write nothing


class SizeTest(unittest.TestCase):
    def test_parse_size(self):
        self.assertEqual(plotlib.parse_size("64 KiB"), 65536)
        self.assertEqual(plotlib.parse_size("1 MiB"), 1 << 20)
        self.assertEqual(plotlib.parse_size("2 GiB"), 2 << 30)
        self.assertEqual(plotlib.parse_size("0 B"), 0)
        self.assertEqual(plotlib.parse_size("16 B"), 16)
        self.assertEqual(plotlib.parse_size("0"), 0)
        self.assertEqual(plotlib.parse_size("4"), 4)
        self.assertEqual(plotlib.parse_size(" 512KiB "), 512 * 1024)
        self.assertEqual(plotlib.parse_size("1.5 MiB"), 3 << 19)
        for bad in ("ws", "", None, "64 kib", "64 KB", "-1", "1e3", "KiB"):
            self.assertIsNone(plotlib.parse_size(bad), bad)

    def test_axis_order(self):
        self.assertEqual(plotlib.axis_order(["1 MiB", "64 KiB", "0 B", "64 KiB", "256 KiB"]),
                         ["0 B", "64 KiB", "256 KiB", "1 MiB"])
        self.assertEqual(plotlib.axis_order(["16", "4", "1"]), ["1", "4", "16"])
        self.assertEqual(plotlib.axis_order(["ws", "os", "ws", "is"]), ["ws", "os", "is"])  # first seen
        self.assertEqual(plotlib.axis_order(["4", "ws", "1"]), ["4", "ws", "1"])  # not all numbers

    def test_format_bytes(self):
        self.assertEqual(plotlib.format_bytes(65536), "64 KiB")
        self.assertEqual(plotlib.format_bytes(3 << 19), "1.5 MiB")
        self.assertEqual(plotlib.format_bytes(100), "100 B")


class ParetoTest(unittest.TestCase):
    def test_known_front(self):
        pts = [
            (1, 9, 5),  # 0: best cycles
            (9, 1, 5),  # 1: best energy
            (5, 5, 1),  # 2: best area
            (5, 5, 2),  # 3: dominated by 2
            (6, 9, 5),  # 4: dominated by 0
            (4, 4, 4),  # 5: on the front (nothing is <= in all three)
            (4, 4, 4),  # 6: equal to 5: neither dominates, both kept
            (9, 9, 9),  # 7: dominated by everything
        ]
        self.assertEqual(plotlib.pareto_front(pts), [0, 1, 2, 5, 6])

    def test_missing_values_never_on_front(self):
        self.assertEqual(plotlib.pareto_front([(1, math.nan, 1), (2, 2, 2), (1, None, 1)]), [1])
        self.assertEqual(plotlib.pareto_front([]), [])

    def test_two_objectives(self):
        self.assertEqual(plotlib.pareto_front([(1, 3), (2, 2), (3, 1), (3, 3), (2, 2.5)]), [0, 1, 2])


class HeatmapMatrixTest(unittest.TestCase):
    def setUp(self):
        self.sweep = plotlib.load_sweep(SWEEP)

    def test_keys(self):
        self.assertEqual(self.sweep["keys"], ["cores", "scratchpad.size", "l2.size"])

    def test_matrix(self):
        g = plotlib.build_matrix(self.sweep, "cycles", "scratchpad.size", "l2.size", "cores")
        self.assertEqual(g["x"], ["64 KiB", "256 KiB", "1 MiB"])
        self.assertEqual(g["y"], ["0 B", "512 KiB"])
        self.assertEqual(g["panels"], ["1", "4"])
        self.assertEqual(g["cells"]["1"][0], [4200000, 3100000, 2900000])
        self.assertEqual(g["cells"]["4"][1], [1250000, 950000, 900000])
        # The error row (point 8: 4 cores, 1 MiB, 0 B) is NaN, not a zero.
        self.assertTrue(math.isnan(g["cells"]["4"][0][2]))
        self.assertEqual(g["state"]["4"][0][2], "error")

    def test_empty_energy_is_missing(self):
        g = plotlib.build_matrix(self.sweep, "energy_pj", "scratchpad.size", "l2.size", "cores")
        self.assertTrue(math.isnan(g["cells"]["4"][0][1]))  # point 7: ok, but no energy
        self.assertEqual(g["state"]["4"][0][1], "empty")
        self.assertEqual(g["state"]["4"][0][2], "error")
        self.assertEqual(g["cells"]["1"][0][0], 2100000000)
        zeros = [v for p in g["panels"] for row in g["cells"][p] for v in row if v == 0]
        self.assertEqual(zeros, [])

    def test_absent_point_and_where(self):
        sweep = dict(self.sweep, rows=[r for r in self.sweep["rows"] if r["point"] != "0"])
        g = plotlib.build_matrix(sweep, "cycles", "scratchpad.size", "l2.size", "cores")
        self.assertTrue(math.isnan(g["cells"]["1"][0][0]))
        self.assertEqual(g["state"]["1"][0][0], "absent")
        g = plotlib.build_matrix(self.sweep, "cycles", "scratchpad.size", "l2.size", None, where={"cores": "1"})
        self.assertEqual(g["panels"], [None])
        self.assertEqual(g["cells"][None][1][1], 2700000)

    def test_two_points_in_one_cell(self):
        with self.assertRaises(plotlib.PlotError) as e:
            plotlib.build_matrix(self.sweep, "cycles", "scratchpad.size", "l2.size")
        self.assertIn("--where", str(e.exception))
        with self.assertRaises(plotlib.PlotError):
            plotlib.build_matrix(self.sweep, "cycles", "array.dataflow", "l2.size")


class RunDataTest(unittest.TestCase):
    def setUp(self):
        self.run = plotlib.load_run(RUN)

    def test_parts_add_up_to_cycles(self):
        for l in self.run["layers"]:
            self.assertIsNotNone(l["parts"], l["name"])
            self.assertAlmostEqual(sum(l["parts"].values()), l["cycles"], delta=1e-3, msg=l["name"])

    def test_layers_without_macs_are_kept(self):
        mac, no_bytes, vector = plot_roofline.split_layers(self.run["layers"])
        self.assertEqual(len(mac) + len(no_bytes) + len(vector), len(self.run["layers"]))
        self.assertTrue(vector, "the fixture has pooling and adds")
        self.assertTrue(all(l["macs"] == 0 for _, l in vector))
        self.assertTrue(all(l["bound"] in ("compute", "memory") for l in self.run["layers"]))

    def test_csv_and_json_agree(self):
        import json
        with open(os.path.join(RUN, "summary.json")) as f:
            layers = [plotlib._layer_from_json(e) for e in json.load(f)["layers"]]
        self.assertEqual([l["name"] for l in layers], [l["name"] for l in self.run["layers"]])
        for a, b in zip(layers, self.run["layers"]):
            self.assertEqual(a["bound"], b["bound"])
            self.assertEqual(a["cycles"], b["cycles"])
            self.assertAlmostEqual(a["parts"]["dram"], b["parts"]["dram"])

    def test_top_keeps_layer_order(self):
        chosen = plot_stalls.select_layers(self.run["layers"], 5)
        self.assertEqual(len(chosen), 5)
        self.assertEqual([i for i, _ in chosen], sorted(i for i, _ in chosen))
        smallest_kept = min(l["cycles"] for _, l in chosen)
        dropped = [l["cycles"] for i, l in enumerate(self.run["layers"]) if i not in {k for k, _ in chosen}]
        self.assertTrue(all(c <= smallest_kept for c in dropped))

    def test_sweep_points(self):
        points, failed, incomplete = plot_sweep_pareto.sweep_points(plotlib.load_sweep(SWEEP))
        self.assertEqual((len(points), failed, incomplete), (10, 1, 1))


if __name__ == "__main__":
    unittest.main()
