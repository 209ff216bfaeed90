"""``trend --git`` and ``compare``, as ratios against a baseline measured in the same run.

The baseline is the same assessments read from files on disk (``api.run`` on each), so the
ratio is what reading them through git and building the series add to the chain itself.

    python benchmarks/bench_history.py [--versions 60]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mlops_maturity import api  # noqa: E402
from mlops_maturity.history import compare, sources, trend  # noqa: E402
from mlops_maturity.load.resolve import bundled_rubrics  # noqa: E402
from mlops_maturity.load.rubric import load_rubric  # noqa: E402

STAMP = "1970-01-01T00:00:00Z"


def questionnaire(rng: random.Random, day: int) -> str:
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    lines = ["rubric: mlops-automation",
             f"project: {{name: Bench, team: T, assessed_on: 2026-01-{1 + day % 28:02d}}}",
             "answers:"]
    for q in rubric.questions:
        lines.append(f"  {q.id}: {rng.choice(q.answer_ids)}")
    return "\n".join(lines) + "\n"


def make_history(folder: Path, count: int) -> tuple[Path, list[Path]]:
    """A repository with ``count`` commits of one questionnaire, and the same texts as files."""
    rng = random.Random(3)
    repo = folder / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    files = []
    for i in range(count):
        text = questionnaire(rng, i)
        (repo / "a.yaml").write_text(text)
        copy = folder / f"v{i}.yaml"
        copy.write_text(text)
        files.append(copy)
        stamp = f"2026-02-01T00:{i // 60:02d}:{i % 60:02d}Z"
        subprocess.run(["git", "add", "a.yaml"], cwd=repo, check=True)
        subprocess.run(["git", "commit", "-qm", str(i)], cwd=repo, check=True,
                       env={**env, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_DATE": stamp})
    return repo, files


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=60)
    count = parser.parse_args().versions
    with tempfile.TemporaryDirectory() as tmp:
        repo, files = make_history(Path(tmp), count)
        baseline = timed(lambda: [api.run(f, generated_at=STAMP) for f in files])
        via_git = timed(lambda: trend.trend(*sources.git_entries(repo / "a.yaml", STAMP)))
        runs = [api.run(f, generated_at=STAMP) for f in files]
        pairs = timed(lambda: [compare.compare(a, b) for a, b in zip(runs, runs[1:])])
    print(f"{count} versions; baseline (api.run on each file): {baseline * 1000:.0f} ms")
    print(f"trend --git (git log + cat-file, load, series): {via_git / baseline:.2f}x baseline")
    print(f"compare of each consecutive pair alone: {pairs / baseline:.3f}x baseline")


if __name__ == "__main__":
    main()
