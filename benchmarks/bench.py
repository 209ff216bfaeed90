"""Speed goals as ratios against a baseline measured in the same run.

The machines are shared and noisy, so absolute times mean little; each figure is divided by
a bare libyaml parse of the same files, timed in the same process a moment before.

    python benchmarks/bench.py [--files 300]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mlops_maturity.load.assessment import open_assessment  # noqa: E402
from mlops_maturity.api import assess  # noqa: E402
from mlops_maturity.engine.automation import judge  # noqa: E402
from mlops_maturity.engine.readiness import TargetSource, degree_readiness  # noqa: E402
from mlops_maturity.engine.roadmap import roadmap  # noqa: E402
from mlops_maturity.render import Format, renderer_for  # noqa: E402
from mlops_maturity.load.resolve import bundled_rubrics  # noqa: E402
from mlops_maturity.load.rubric import load_rubric  # noqa: E402
from mlops_maturity.engine.scoring import score  # noqa: E402

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def make_files(folder: Path, count: int) -> list[Path]:
    """Random but valid questionnaires for the flagship rubric."""
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    rng = random.Random(7)
    paths = []
    for i in range(count):
        lines = ["rubric: mlops-automation", "project: {name: Bench %d, team: T}" % i, "answers:"]
        for q in rubric.questions:
            choice = rng.choice(q.answer_ids + (("n/a",) if q.allow_na else ()))
            lines.append(f"  {q.id}: {{answer: {choice}, evidence: 'https://example.com/{i}', notes: 'n'}}")
        path = folder / f"q{i}.yaml"
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def plan(result):
    """What ``score --target full_automation`` plans: both axes' readiness and the roadmap."""
    axis = judge(result)
    degree = degree_readiness(result, axis, "full_automation", TargetSource.COMMAND_LINE)
    return roadmap(result, axis, degree, None)


def timed(fn, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in seconds (the least disturbed by other load)."""
    results = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        results.append(time.perf_counter() - start)
    return min(results)


def cli_startup() -> list[tuple[str, float, float]]:
    """(what, ours, baseline) in seconds: the CLI against a minimal two-command Typer app
    that does the same I/O (``benchmarks/minimal_app.py``), best of several runs each.

    Both run with compiled bytecode, as an installed package does (pip compiles it at install
    time): a warm-up run writes it to a private cache, even where PYTHONDONTWRITEBYTECODE is
    set, which would otherwise add the compiling of every module to each start."""
    cache = tempfile.mkdtemp(prefix="bench-pycache-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache

    def run(args: list[str]) -> float:
        subprocess.run(args, check=True, capture_output=True, env=env)  # warm-up: bytecode
        return timed(lambda: subprocess.run(args, check=True, capture_output=True, env=env),
                     repeat=9)
    example = str(ROOT / "examples" / "fraud-realtime-canary.yaml")
    mini = [sys.executable, str(ROOT / "benchmarks" / "minimal_app.py")]
    ours = [sys.executable, "-m", "mlops_maturity"]
    cases = [("--help", ["--help"]), ("score --format json", ["score", example, "--format", "json"])]
    out = []
    for name, args in cases:
        base = run(mini + args)
        mine = run(ours + args)
        out.append((name, mine, base))
    version = run(ours + ["--version"]), run([sys.executable, "-c", "import typer, yaml"])
    out.append(("--version vs `import typer, yaml`", *version))
    shutil.rmtree(cache, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp), args.files)
        baseline = timed(lambda: [yaml.load(p.read_text(), Loader=Loader) for p in paths])
        loaded = timed(lambda: [open_assessment(p) for p in paths])
        assessments = [open_assessment(p) for p in paths]
        scored = timed(lambda: [score(a.rubric, a.questionnaire) for a in assessments])
        sample = paths[: max(1, len(paths) // 10)]
        results = [score(a.rubric, a.questionnaire) for a in assessments[: len(sample)]]
        planned = timed(lambda: [plan(r) for r in results], repeat=1)
        report = assess(paths[0], generated_at="2026-11-30T12:00:00Z")
        renders = {f.value: timed(lambda f=f: [renderer_for(f).render(report) for _ in range(20)]) / 20
                   for f in Format if f is not Format.PDF}  # PDF starts a browser: not a render
    per_file = baseline / len(paths)
    print(f"files: {len(paths)} questionnaires, baseline = bare libyaml parse: {per_file * 1e3:.2f} ms/file")
    print(f"load + validate / baseline:      {loaded / baseline:6.1f}x")
    print(f"score (pure) / baseline:         {scored / baseline:6.1f}x")
    print(f"readiness + roadmap / baseline:  {planned / len(sample) / per_file:6.1f}x"
          "  (to full_automation)")
    for name, seconds in renders.items():
        print(f"render {name:8} / baseline:      {seconds / per_file:6.1f}x")
    for name, mine, base in cli_startup():
        print(f"CLI {name:34} {mine / base:5.2f}x  ({mine * 1e3:.0f} ms vs {base * 1e3:.0f} ms;"
              " goal <= 1.3x for --help and score)")


if __name__ == "__main__":
    main()
