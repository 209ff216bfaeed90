"""Roadmap speed: ratios and a growth exponent measured in one run, not absolute times alone.

The machines are shared and noisy, so each figure is either divided by a baseline timed in the
same process in the same loop (a bare libyaml parse of the questionnaire's own text), or is a
slope fitted over several sizes, which a uniformly slower machine does not change.

1. readiness + roadmap for the bundled ``mlops-automation`` rubric (each of its examples, and
   random answer sets) / ``yaml.load`` of that questionnaire's text         (goal: <= 3x)
2. roadmap for a seeded, generated 1,000-question rubric with random answers    (goal: < 1 s)
3. growth from 100 to 10,000 questions, and the fitted exponent k of t ~ n^k  (goal: 1.0-1.2)

Every roadmap is to the top degree of automation, as ``assess --target full_automation`` asks
for it: what the declared degree lacks when it runs beyond support, everything every degree
needs, then the maturity levels, all climbed, and the rest; the longest roadmap there is.
"Readiness" is everything ``api.run`` does between scoring and the roadmap (``judge`` and
``degree_readiness``). It is part of figure 1, and shown beside figures 2 and 3 but not part
of them: it is a separate engine step that the roadmap follows.

    python benchmarks/bench_roadmap.py [--quick] [--answers N] [--reference]

``--quick`` uses small sizes and finishes in a few seconds, as a CI smoke test;
``--reference`` also times ``tests/reference_roadmap.py`` (slow) for the speed-up.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import cast

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mlops_maturity.engine.automation import AutomationResult, judge  # noqa: E402
from mlops_maturity.engine.findings import Step  # noqa: E402
from mlops_maturity.engine.readiness import (DegreeReadiness, Readiness,  # noqa: E402
                                             TargetSource, degree_readiness, readiness)
from mlops_maturity.engine.roadmap import roadmap  # noqa: E402
from mlops_maturity.engine.scoring import Result, score  # noqa: E402
from mlops_maturity.load.assessment import open_assessment  # noqa: E402
from mlops_maturity.load.resolve import bundled_rubrics  # noqa: E402
from mlops_maturity.load.rubric import load_rubric  # noqa: E402
from mlops_maturity.model.answers import NA, Answer, Project, Questionnaire  # noqa: E402
from mlops_maturity.model.rubric import (Automation, Band, Degree, Gate,  # noqa: E402
                                         Level, Option, OverallRule, Question, QuestionType,
                                         Requirement, Rubric, Scoring, Section, SectionKind,
                                         SectionMinimum)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TOP = "full_automation"
LEVELS = [("exploratory", 0), ("repeatable", 20), ("defined", 40), ("managed", 60),
          ("adaptive", 80)]
DEGREES = ["human_only", "shadow_mode", "ai_assistance", "partial_automation", TOP]
CHOICE_POINTS = [Fraction(p, 4) for p in range(5)]
YES_PARTIAL_NO = (Option("no", "No", Fraction(0)), Option("partial", "Partly", Fraction(1, 2)),
                  Option("yes", "Yes", Fraction(1)))
# What the roadmap is given: the decision axis and the readiness verdicts, as api.run builds.
Judged = tuple["AutomationResult | None", "DegreeReadiness | None", "Readiness | None"]
Plan = Callable[..., tuple[Step, ...]]


def best_of(repeat: int, *fns: Callable[[], object]) -> list[float]:
    """Least time of each function over ``repeat`` rounds, in seconds; the functions take
    turns within a round, so a burst of load on the machine slows them alike."""
    times = [math.inf] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            times[k] = min(times[k], time.perf_counter() - start)
    return times


def judged(result: Result) -> Judged:
    """What ``api.run`` computes between scoring and the roadmap for ``--target`` the top
    degree: the axis and the degree's readiness (a level's readiness only without an axis)."""
    axis = judge(result)
    if axis is None:
        return None, None, readiness(result, None, TargetSource.NEXT_LEVEL)
    return axis, degree_readiness(result, axis, TOP, TargetSource.COMMAND_LINE), None


def plan(result: Result) -> tuple[Step, ...]:
    """What figure 1 times: the readiness verdicts, then the roadmap that follows from them."""
    return roadmap(result, *judged(result))


# --- 1. the bundled rubric --------------------------------------------------------------------

def random_answers_text(rubric: Rubric, rng: random.Random, i: int) -> str:
    """A questionnaire file as a team would write it: evidence and notes, some n/a, some
    questions left out."""
    lines = [f"rubric: {rubric.id}", f"project: {{name: Bench {i}, team: T}}", "answers:"]
    for q in rubric.questions:
        pick = rng.random()
        if pick < 0.05:
            continue
        answer = "n/a" if pick < 0.12 and q.allow_na else rng.choice(q.answer_ids)
        lines.append(f"  {q.id}: {{answer: {answer}, evidence: 'https://example.com/{i}',"
                     " notes: 'n'}")
    return "\n".join(lines) + "\n"


def bundled_cases(answer_sets: int) -> list[tuple[str, str, Result]]:
    """(name, questionnaire text, scored result) for each example of the bundled rubric and
    for random answer sets, read through the real loader."""
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    paths = [p for p in sorted((ROOT / "examples").glob("*.yaml"))
             if open_assessment(p).rubric.id == rubric.id]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(answer_sets):
            path = Path(tmp) / f"random-{i}.yaml"
            path.write_text(random_answers_text(rubric, rng, i), encoding="utf-8")
            paths.append(path)
        assessments = [(p.stem, p.read_text(encoding="utf-8"), open_assessment(p))
                       for p in paths]
    return [(name, text, score(a.rubric, a.questionnaire)) for name, text, a in assessments]


def figure_1(answer_sets: int, repeat: int) -> None:
    """The bundled rubric, one questionnaire at a time, against parsing that questionnaire."""
    print(f"1. readiness + roadmap to {TOP} / yaml.load of the questionnaire's own text "
          "(goal <= 3x)")
    ratios = []
    for name, text, result in bundled_cases(answer_sets):
        base, ours = best_of(repeat, partial(yaml.load, text, Loader=Loader),
                             partial(plan, result))
        ratios.append(ours / base)
        if not name.startswith("random-"):
            print(f"   {name:24} {ours * 1e3:6.2f} ms / {base * 1e3:5.2f} ms = {ours / base:4.2f}x")
    randoms = sorted(ratios[len(ratios) - answer_sets:])
    if randoms:
        print(f"   {answer_sets} random answer sets: median {randoms[len(randoms) // 2]:.2f}x, "
              f"worst {randoms[-1]:.2f}x")
    print(f"   worst of all: {max(ratios):.2f}x")


# --- 2 and 3. generated rubrics ---------------------------------------------------------------

def generated_rubric(n: int, seed: int, overall: OverallRule = OverallRule.WEIGHTED_MEAN
                     ) -> Rubric:
    """A valid format 2 rubric of ``n`` questions, the same for the same seed: five maturity
    levels; sections of about 40 questions (three in five of them stages), every scored
    question type, weights including 0, equal-point options, n/a allowed on some; a gate per
    25 questions on a random level and stage, requiring 1-3 random answers; and a decision
    axis of five degrees, declared by a question (without points) that opens the first
    section, each degree above the lowest requiring a practice per 50 questions and a
    minimum score of one random section, higher for higher degrees."""
    rng = random.Random(seed)
    levels = tuple(Level(lid, lid, "", Fraction(start)) for lid, start in LEVELS)
    count = max(4, n // 40)
    sections = []
    for k in range(count):
        kind = SectionKind.STAGE if k < max(1, count * 3 // 5) else SectionKind.CHECKLIST
        size = n // count + (k < n % count)
        questions = tuple(_question(rng, f"s{k}.q{j}", f"s{k}", j == 0 and k == 0)
                          for j in range(size))
        if all(q.weight == 0 for q in questions if q.scored):
            first = 1 if not questions[0].scored else 0
            questions = (questions[:first] + (replace(questions[first], weight=Fraction(1)),)
                         + questions[first + 1:])
        sections.append(Section(f"s{k}", f"S{k}", "", kind, Fraction(rng.choice([1, 1, 2, 3])),
                                questions))
    stages = [s.id for s in sections if s.kind is SectionKind.STAGE]
    scored = [q for s in sections for q in s.questions if q.scored]
    gates = tuple(Gate(f"g{g}", rng.choice(levels[1:]).id, (rng.choice(stages),),
                       _requirements(rng, scored, rng.randint(1, 3)), "")
                  for g in range(n // 25))
    degrees = tuple(Degree(did, did, "", "", _requirements(rng, scored, max(1, n // 50)) if d
                           else (), (SectionMinimum(rng.choice(sections).id,
                                                    Fraction(15 * d + 10)),) if d else (), "")
                    for d, did in enumerate(DEGREES))
    bands = (Band("all", "All", Fraction(0), True, None, False),)
    return Rubric("generated", "Generated", "1", "", levels, tuple(sections), gates, bands,
                  Scoring(overall=overall), automation=Automation("s0.q0", degrees))


def _requirements(rng: random.Random, questions: list[Question], count: int
                  ) -> tuple[Requirement, ...]:
    """``count`` random questions, each needing any answer above its worst."""
    return tuple(Requirement(q.id, rng.choice(q.options[1:]).id)
                 for q in rng.sample(questions, count))


def _question(rng: random.Random, qid: str, sid: str, degree: bool) -> Question:
    if degree:  # the automation question: its answers are the degrees, and it has no points
        options = tuple(Option(did, did, Fraction(0)) for did in DEGREES)
        return Question(qid, sid, QuestionType.DEGREE, "t", "w", "a", Fraction(0), False,
                        options)
    if rng.random() < 0.6:
        kind, options = QuestionType.YES_PARTIAL_NO, YES_PARTIAL_NO
    else:
        kind = QuestionType.CHOICE
        points = sorted(rng.choice(CHOICE_POINTS) for _ in range(rng.randint(2, 4)))
        if points[-1] == 0:
            points[-1] = Fraction(1)
        if points[0] == points[-1]:  # the loader refuses options that are all worth the same
            points[0] = Fraction(0)
        options = tuple(Option(f"o{i}", f"O{i}", p) for i, p in enumerate(points))
    weight = Fraction(rng.choice([0, 1, 1, 1, 2, 3]))
    return Question(qid, sid, kind, "t", "w", "a", weight, rng.random() < 0.15, options)


def random_questionnaire(rubric: Rubric, seed: int) -> Questionnaire:
    """Random answers: most questions answered, some n/a where allowed, some left out."""
    rng = random.Random(seed)
    answers = []
    for q in rubric.questions:
        pick = rng.random()
        if pick < 0.05:
            continue
        answers.append(Answer(q.id, NA if pick < 0.12 and q.allow_na
                              else rng.choice(q.answer_ids)))
    return Questionnaire("bench.yaml", rubric.id, rubric.version, Project(name="Bench"), None,
                         tuple(answers))


def prepared(n: int, overall: OverallRule = OverallRule.WEIGHTED_MEAN
             ) -> tuple[Result, Judged]:
    """A generated rubric of ``n`` questions, scored and judged; seeded by ``n``."""
    rubric = generated_rubric(n, seed=n, overall=overall)
    result = score(rubric, random_questionnaire(rubric, seed=n))
    return result, judged(result)


def figure_2(n: int, repeat: int, reference: Plan | None) -> None:
    """One large rubric: the roadmap's own time (and the reference's, if asked)."""
    result, ready = prepared(n)
    steps = roadmap(result, *ready)
    alone, before = best_of(repeat, lambda: roadmap(result, *ready), lambda: judged(result))
    print(f"2. generated rubric, {n} questions, random answers, to {TOP} (goal < 1 s):")
    print(f"   roadmap {alone:.3f} s ({len(steps)} steps)   [readiness before it: {before:.3f} s]")
    if reference is not None:
        (slow,) = best_of(1, lambda: reference(result, *ready))
        assert reference(result, *ready) == steps
        print(f"   reference roadmap {slow:.2f} s, the same steps: {slow / alone:.0f} times slower")


def figure_3(sizes: list[int], repeat: int) -> None:
    """Times over sizes and their fitted exponent, for each overall rule."""
    print("3. growth of the roadmap with the number of questions (goal: exponent 1.0-1.2)")
    for overall in OverallRule:
        times, readying = [], []
        for n in sizes:
            result, ready = prepared(n, overall)
            alone, before = best_of(repeat, partial(roadmap, result, *ready),
                                    partial(judged, result))
            times.append(alone)
            readying.append(before)
        row = "  ".join(f"{n}: {t * 1e3:.1f} ms" for n, t in zip(sizes, times))
        print(f"   overall {overall.value:13}  {row}")
        print(f"   {'':23}  fitted exponent {exponent(sizes, times):.2f}   "
              f"[readiness: {exponent(sizes, readying):.2f}, "
              f"{readying[-1] * 1e3:.0f} ms at {sizes[-1]}]")


def exponent(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log t against log n."""
    xs, ys = [math.log(n) for n in sizes], [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - mx) * (y - my) for x, y in zip(xs, ys))
            / sum((x - mx) ** 2 for x in xs))


def reference_roadmap() -> Plan:
    """The specification in ``tests/reference_roadmap.py``, imported only when asked for."""
    sys.path.insert(0, str(ROOT / "tests"))
    from reference_roadmap import roadmap as slow  # type: ignore[import-not-found]
    return cast(Plan, slow)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--answers", type=int, default=None, help="random answer sets")
    parser.add_argument("--reference", action="store_true",
                        help="also time the reference roadmap in figure 2 (slow)")
    args = parser.parse_args()
    quick = args.quick
    figure_1(args.answers if args.answers is not None else (5 if quick else 30),
             repeat=5 if quick else 20)
    figure_2(300 if quick else 1000, repeat=1 if quick else 3,
             reference=reference_roadmap() if args.reference else None)
    figure_3([100, 200, 400, 800] if quick else [100, 300, 1000, 3000, 10000],
             repeat=1 if quick else 3)


if __name__ == "__main__":
    main()
