"""The portfolio benchmark runs, as a smoke test on a few files: it generates its set from a
seed, prints both times, the ratio and the peak memory at two sizes. No timing is asserted
(the machines are shared); the figure itself is in the README."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_portfolio.py"


def test_benchmark_smoke():
    run = subprocess.run([sys.executable, str(BENCH), "--files", "12", "--seed", "3",
                          "--repeat", "1", "--jobs", "2"], capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert "files: 12 questionnaires" in text and "(seed 3)" in text
    assert re.search(r"baseline, bare yaml\.load with CSafeLoader, one process: +\d+\.\d+ s", text)
    assert re.search(r"ratio portfolio / baseline: \d+\.\d+x", text)
    assert re.search(r"peak RSS at +3 files: +\d+\.\d MiB", text)
    assert re.search(r"peak RSS at +12 files: +\d+\.\d MiB", text)


def test_the_generated_set_is_the_same_for_the_same_seed(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_portfolio", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = bench.generate(tmp_path / "a", 6, seed=5)
    second = bench.generate(tmp_path / "b", 6, seed=5)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    assert all(p.read_text().count("answer:") > 50 for p in first)
