"""The speed benchmarks still run (figures are printed, never asserted: machines are noisy)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_start_up_and_throughput_benchmark_runs():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--files", "5"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    for figure in ("load + validate / baseline", "readiness + roadmap / baseline",
                   "CLI --help", "CLI score --format json"):
        line = next(line for line in run.stdout.splitlines() if line.startswith(figure))
        assert re.search(r"\d+\.\d+x", line), line
