"""The scanner on a large repository, as a ratio against ``git ls-files`` plus a bare read of
the same files, measured in the same run (the goal: at most 2x).

The tree is generated from a seed, so every run scans the same 50,000 files: Python, YAML,
JSON, Markdown, data and other files of a few KiB in nested folders, a few of them with what
the bundled detectors look for, an ignored folder, a binary and a large file; it is then
committed to a git repository, as a real checkout would be.

    python benchmarks/bench_scan.py [--files 50000] [--seed 13] [--keep DIR]
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mlops_maturity.load.rubric import load_rubric  # noqa: E402
from mlops_maturity.scan.run import scan_repository  # noqa: E402

WORDS = ("model data train predict feature score label batch user request metric value "
         "config input output drift serve cache queue table event").split()
KINDS = [("py", 40), ("yaml", 15), ("md", 10), ("json", 10), ("csv", 8), ("txt", 5),
         ("ts", 4), ("sh", 3), ("cfg", 2), ("png", 3)]
# Lines the bundled detectors look for, sprinkled into one file in a hundred.
FINDS = {
    "py": ["import mlflow", "from airflow import DAG", "from kfp import dsl",
           "import great_expectations as gx", "from evidently import Report"],
    "yaml": ["kind: Rollout", "kind: Deployment", "kind: PrometheusRule", "kind: CronJob"],
    "json": ['"DataCaptureConfig": {"EnableCapture": true}'],
}


def text_file(rng: random.Random, kind: str) -> bytes:
    lines = []
    for _ in range(rng.randint(5, 80)):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 10)))
        lines.append({"py": f"    {words.replace(' ', '_')} = {rng.randint(0, 99)}",
                      "yaml": f"  {rng.choice(WORDS)}: {words}",
                      "json": f'  "{rng.choice(WORDS)}": "{words}",'}.get(kind, words))
    if kind in FINDS and rng.random() < 0.01:
        lines.insert(rng.randrange(len(lines)), rng.choice(FINDS[kind]))
    return ("\n".join(lines) + "\n").encode()


def make_tree(root: Path, count: int, seed: int) -> None:
    """``count`` files in folders of about a hundred, from ``seed``; then ``git commit``."""
    rng = random.Random(seed)
    kinds = [k for k, weight in KINDS for _ in range(weight)]
    for i in range(count):
        folder = root / f"pkg{i // 2500:02}" / f"mod{(i // 100) % 25:02}"
        kind = rng.choice(kinds)
        folder.mkdir(parents=True, exist_ok=True)
        body = (bytes(rng.randrange(256) for _ in range(512)) if kind == "png"
                else text_file(rng, kind))
        (folder / f"f{i:05}.{kind}").write_bytes(body)
    (root / "big.json").write_bytes(b'{"x": "' + b"y" * (2 << 20) + b'"}\n')
    (root / ".gitignore").write_text("build/\n")
    build = root / "build"
    build.mkdir()
    for i in range(200):
        (build / f"out{i}.py").write_text("import mlflow\n")
    git = ["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=b@example.com"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "tree"], check=True)


def baseline(root: Path) -> int:
    """``git ls-files`` and a bare read of every file it lists; returns the bytes read."""
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=True).stdout
    total = 0
    for name in listed.split(b"\0"):
        if name:
            with open(os.path.join(os.fsencode(root), name), "rb") as handle:
                total += len(handle.read())
    return total


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the tree here and keep it")
    args = parser.parse_args()
    rubric = load_rubric(ROOT / "rubrics" / "mlops-automation.yaml")
    temp = None if args.keep else tempfile.mkdtemp(prefix="bench-scan-")
    root = args.keep or Path(temp or ".")
    try:
        if not (root / ".git").exists():
            root.mkdir(parents=True, exist_ok=True)
            print(f"building {args.files:,} files under {root} (seed {args.seed}) ...")
            print(f"  built in {timed(lambda: make_tree(root, args.files, args.seed)):.1f} s")
        baseline(root)  # warm the page cache for both
        base, scan, result = [], [], None
        for _ in range(args.repeat):  # alternate, so both see the same machine load
            base.append(timed(lambda: baseline(root)))
            start = time.perf_counter()
            result = scan_repository(root, rubric)
            scan.append(time.perf_counter() - start)
        assert result is not None
        b, s = min(base), min(scan)
        print(f"files listed: {result.files:,}, searched: {result.read:,}, skipped: "
              f"{len(result.skipped)}, proposals: {len(result.proposals)}")
        print(f"git ls-files + bare read: {b:.2f} s ({result.files / b:,.0f} files/s)")
        print(f"scan:                     {s:.2f} s ({result.files / s:,.0f} files/s)")
        print(f"ratio scan / baseline:    {s / b:.2f}x (goal: at most 2x)")
    finally:
        if temp:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
