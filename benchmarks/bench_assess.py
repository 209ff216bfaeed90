"""What ``assess`` costs, as ratios against baselines measured in the same run.

- A save after each answer (edit the answer's lines, load the result back through the real
  loader, check it, hash the file, write it atomically) against a bare libyaml parse of the
  same questionnaire: the goal is that a facilitator never waits on a save (well under
  100 ms on a full 66-question file).
- Start-up: ``assess --help`` against the minimal Typer app's ``--help``, and
  ``--version`` against ``import typer, yaml``, as ``bench.py`` measures the other commands;
  the interactive package is imported only inside the command.

    python benchmarks/bench_assess.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mlops_maturity.interactive.change import Change  # noqa: E402
from mlops_maturity.interactive.store import open_snapshot, save  # noqa: E402

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
EXAMPLE = ROOT / "examples" / "fraud-realtime-canary.yaml"


def timed(fn, repeat: int = 5) -> float:
    """Best of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def saves(folder: Path, count: int = 30) -> tuple[float, float]:
    """(seconds per save, seconds per bare parse) on a copy of the fraud example."""
    path = folder / "answers.yaml"
    shutil.copy(EXAMPLE, path)
    snap = open_snapshot(path)
    notes = [Change(q.id, notes=f"note {i}") for i, q in enumerate(snap.rubric.questions[1:])]

    def run() -> None:
        current = open_snapshot(path)
        for change in notes[:count]:
            current = save(current, change)

    per_save = timed(run, repeat=3) / count
    text = path.read_text(encoding="utf-8")
    parse = timed(lambda: [yaml.load(text, Loader=Loader) for _ in range(20)]) / 20
    return per_save, parse


def startup() -> list[tuple[str, float, float]]:
    def run(args: list[str]) -> float:
        return timed(lambda: subprocess.run(args, check=True, capture_output=True), repeat=7)
    ours = [sys.executable, "-m", "mlops_maturity"]
    mini = [sys.executable, str(ROOT / "benchmarks" / "minimal_app.py")]
    return [("assess --help vs minimal --help", run(ours + ["assess", "--help"]),
             run(mini + ["--help"])),
            ("--version vs `import typer, yaml`", run(ours + ["--version"]),
             run([sys.executable, "-c", "import typer, yaml"]))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        per_save, parse = saves(Path(tmp))
    print(f"baseline = bare libyaml parse of the 66-answer fraud example: {parse * 1e3:.2f} ms")
    print(f"save one answer / baseline:  {per_save / parse:6.1f}x  ({per_save * 1e3:.1f} ms; "
          "goal < 100 ms)")
    for name, mine, base in startup():
        print(f"CLI {name:34} {mine / base:5.2f}x  ({mine * 1e3:.0f} ms vs {base * 1e3:.0f} ms)")


if __name__ == "__main__":
    main()
