"""The ML Test Score (2017) rubric reproduces the paper's rule: 0 / 0.5 / 1 points, section sum,
final score = the weakest section, Table V bands."""

from __future__ import annotations

import pytest
from helpers import make_questionnaire

from mlops_maturity.engine.scoring import score
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.load.rubric import load_rubric

SECTIONS = ("data", "model", "infra", "monitor")


@pytest.fixture(scope="module")
def mlts():
    return load_rubric(bundled_rubrics()["ml-test-score"])


def answers(per_section: dict[str, list[str]]) -> dict[str, str]:
    return {f"{s}-{i + 1}": a for s, values in per_section.items() for i, a in enumerate(values)}


def test_structure_follows_the_paper(mlts):
    assert [s.id for s in mlts.sections] == list(SECTIONS)
    assert [q.id for q in mlts.questions] == [f"{s}-{i}" for s in SECTIONS for i in range(1, 8)]
    assert {q.answer_ids for q in mlts.questions} == {("no", "manual", "automated")}
    assert {tuple(o.points for o in q.options) for q in mlts.questions} == {(0, 0.5, 1)}
    assert [b.id for b in mlts.bands] == ["research", "serious-holes", "first-pass",
                                          "reasonably-tested", "mission-critical", "exceptional"]
    assert "2017" in " ".join(s.year + s.title + s.note for s in mlts.sources)


def test_all_manual_gives_3_5_everywhere(mlts):
    result = score(mlts, make_questionnaire(mlts, answers({s: ["manual"] * 7 for s in SECTIONS})))
    assert [s.score for s in result.sections] == [3.5] * 4
    assert result.score == 3.5 and result.band.id == "mission-critical"


@pytest.mark.parametrize("empty", SECTIONS)
def test_one_empty_section_gives_research_whatever_the_rest(mlts, empty):
    given = {s: (["no"] * 7 if s == empty else ["automated"] * 7) for s in SECTIONS}
    result = score(mlts, make_questionnaire(mlts, answers(given)))
    assert result.score == 0 and result.band.id == "research"


def final(points: float) -> list[str]:
    """Seven answers worth exactly ``points`` (a multiple of 0.5)."""
    halves = int(points * 2)
    automated, manual = halves // 2, halves % 2
    return ["automated"] * automated + ["manual"] * manual + ["no"] * (7 - automated - manual)


@pytest.mark.parametrize("points, band", [
    (0, "research"), (0.5, "serious-holes"), (1, "serious-holes"), (1.5, "first-pass"),
    (2, "first-pass"), (2.5, "reasonably-tested"), (3, "reasonably-tested"),
    (3.5, "mission-critical"), (5, "mission-critical"), (5.5, "exceptional"), (7, "exceptional"),
])
def test_band_boundaries_exactly_at_and_just_above(mlts, points, band):
    given = {s: ["automated"] * 7 for s in SECTIONS} | {"monitor": final(points)}
    result = score(mlts, make_questionnaire(mlts, answers(given)))
    assert result.score == points
    assert result.band.id == band


def test_the_bundled_example_gives_the_papers_final_score(root):
    from mlops_maturity.api import assess
    report = assess(root / "examples" / "ml-test-score-recsys.yaml",
                    generated_at="2026-11-30T12:00:00Z")
    sections = {s.id: s.score for s in report.sections}
    assert report.overall.score == min(sections.values())
    assert report.overall.band == "reasonably-tested"
    # The paper's rubric has bands but no maturity levels, hence nothing to be ready for; and
    # no decision axis either.
    assert report.overall.level is None and report.readiness is None
    assert report.levels == () and report.automation is None
