"""Portfolio speed and memory, against a baseline measured in the same run.

Goal: a portfolio of 2,000 questionnaires of about 70 answers each, with readiness, takes at
most 1.0x the time of a bare single-process ``yaml.load(..., Loader=yaml.CSafeLoader)`` of
the same files. The set is generated deterministically from ``--seed``: questionnaires for
the bundled ``mlops-automation`` rubric (66 questions, each answer with evidence and notes),
about 40 teams, a third of the systems assessed twice (so the latest-per-system scope has
work to do), some with a target. Timings are the best of ``--repeat`` rounds, baseline and
portfolio taking turns in each round, so a burst of load elsewhere on the machine slows
both alike.

"portfolio" is what ``mlops-maturity portfolio DIR -o portfolio.html`` does after start-up:
walk the folder, assess every file on every core (load, validate, score, readiness for the
team's target), keep the latest assessment of each system, roll up, and render the page.

Peak memory is measured in a fresh process per size (a quarter of the files, then all of
them), for the process itself and for its largest worker (``RUSAGE_CHILDREN``), to show it
does not grow with the number of files beyond the rows kept.

    python benchmarks/bench_portfolio.py [--files 2000] [--seed 7] [--repeat 3] [--jobs N]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mlops_maturity.load.resolve import bundled_rubrics  # noqa: E402
from mlops_maturity.load.rubric import load_rubric  # noqa: E402
from mlops_maturity.portfolio.formats import PortfolioFormat, render  # noqa: E402
from mlops_maturity.portfolio.make import assemble, gather  # noqa: E402
from mlops_maturity.portfolio.run import default_jobs  # noqa: E402

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STAMP = "2026-11-30T12:00:00Z"


def generate(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` questionnaires, the same for the same seed, one folder per team."""
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    degrees = [d.id for d in rubric.automation.degrees] if rubric.automation else []
    rng = random.Random(seed)
    systems = max(1, count * 2 // 3)
    paths = []
    for i in range(count):
        system = i % systems
        team = f"team-{system % 40:02d}"
        (folder / team).mkdir(exist_ok=True)
        lines = ["rubric: mlops-automation", 'rubric_version: "2.0.0"']
        if rng.random() < 0.4 and degrees:
            lines.append(f"target: {rng.choice(degrees)}")
        month = 1 + (i // systems) * 6 + rng.randrange(5)
        lines += ["project:", f"  name: System {system:04d}", f"  team: Team {system % 40:02d}",
                  f"  assessed_on: 2026-{month:02d}-{1 + rng.randrange(28):02d}", "answers:"]
        for q in rubric.questions:
            pick = rng.random()
            if pick < 0.04:
                continue  # left out: unanswered
            answer = "n/a" if pick < 0.1 and q.allow_na else rng.choice(q.answer_ids)
            lines += [f"  {q.id}:", f"    answer: {answer}",
                      f"    evidence: [\"https://wiki.example.com/{team}/{q.id}\"]",
                      "    notes: checked at the quarterly review"]
            if answer == "n/a":
                lines.append("    reason: does not apply to this system")
        path = folder / team / f"system-{system:04d}-{i // systems}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def baseline(paths: list[Path]) -> None:
    """A bare parse: read each file and load it with libyaml's safe loader, one process."""
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def portfolio(folder: Path, jobs: int, limit: int | None = None) -> int:
    """The portfolio of the folder (or of its first ``limit`` files), page included;
    returns the number of systems."""
    collected = gather([str(folder)])
    if limit is not None:
        collected = replace(collected, sources=collected.sources[:limit])
    doc = assemble(collected, generated_at=STAMP, jobs=jobs)
    render(doc, PortfolioFormat.HTML)
    return doc.systems


def cpu_seconds() -> tuple[float, float]:
    """(this process, its finished children) user and system CPU time so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def peak_rss(folder: Path, count: int, jobs: int) -> tuple[float, float]:
    """(this process, its largest worker) peak resident memory in MiB, for a portfolio of
    the first ``count`` files, measured in a fresh process."""
    run = subprocess.run([sys.executable, __file__, "--rss-of", str(folder), "--files",
                          str(count), "--jobs", str(jobs)], capture_output=True, text=True,
                         check=True)
    own, children = run.stdout.split()
    return float(own), float(children)


def _rss_child(folder: Path, count: int, jobs: int) -> None:
    portfolio(folder, jobs, limit=count)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{own:.1f} {children:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--rss-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_of is not None:
        _rss_child(args.rss_of, args.files, args.jobs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate(folder, args.files, args.seed)
        answers = sum(p.read_text(encoding="utf-8").count("answer:") for p in paths)
        base = mine = base_cpu = own_cpu = workers_cpu = math.inf
        systems = 0
        for _ in range(args.repeat):
            start, cpu = time.perf_counter(), cpu_seconds()
            baseline(paths)
            base = min(base, time.perf_counter() - start)
            base_cpu = min(base_cpu, cpu_seconds()[0] - cpu[0])
            start, cpu = time.perf_counter(), cpu_seconds()
            systems = portfolio(folder, args.jobs)
            mine = min(mine, time.perf_counter() - start)
            after = cpu_seconds()
            own_cpu, workers_cpu = (min(own_cpu, after[0] - cpu[0]),
                                    min(workers_cpu, after[1] - cpu[1]))
        sizes = sorted({max(1, args.files // 4), args.files})
        memory = [(n, *peak_rss(folder, n, args.jobs)) for n in sizes]
    print(f"files: {len(paths)} questionnaires, {answers / len(paths):.0f} answers each on "
          f"average, {systems} systems in scope (seed {args.seed}); {args.jobs} worker "
          f"processes; best of {args.repeat}")
    print(f"baseline, bare yaml.load with CSafeLoader, one process: {base:7.3f} s "
          f"({base / len(paths) * 1e3:.2f} ms/file)")
    print(f"portfolio (assess with readiness, latest, roll-ups, HTML): {mine:7.3f} s")
    print(f"ratio portfolio / baseline: {mine / base:.2f}x  (goal <= 1.0x)")
    print(f"CPU time: baseline {base_cpu:.3f} s; portfolio {own_cpu:.3f} s in this process and "
          f"{workers_cpu:.3f} s in its workers ({(own_cpu + workers_cpu) / base_cpu:.2f}x the "
          f"baseline's in all; {(own_cpu + workers_cpu / args.jobs) / base_cpu:.2f}x per core "
          "when the workers share the cores evenly)")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores (a busy machine slows the run that uses more cores most)")
    for n, own, children in memory:
        print(f"peak RSS at {n:5d} files: {own:6.1f} MiB this process, "
              f"{children:6.1f} MiB largest worker")


if __name__ == "__main__":
    main()
