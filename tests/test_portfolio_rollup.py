"""The portfolio's roll-ups and scope, table by table, at their edges; and their invariants
as properties over random rows."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlops_maturity.portfolio import rollup
from mlops_maturity.portfolio.rollup import GroupBy
from mlops_maturity.portfolio.row import (BELOW, BEST, NOT_APPLICABLE, UNANSWERED, UNSCORED,
                                          Cell, Named, QuestionInfo, RubricInfo, SectionInfo,
                                          SystemRow, TargetKind, TargetOrigin, TargetVerdict)
from mlops_maturity.portfolio.scope import latest, when

INFO = RubricInfo(
    key="r@1#abc", id="r", title="R", version="1",
    levels=(Named("low", "Low"), Named("mid", "Mid"), Named("high", "High")),
    degrees=(Named("human", "Human only"), Named("assist", "AI assistance"),
             Named("full", "Full automation")),
    sections=(SectionInfo("s", "S", True, Fraction(100)),
              SectionInfo("c", "C", False, Fraction(100))),
    questions=(QuestionInfo("s.degree", "s", "Who decides?"), QuestionInfo("s.a", "s", "A?"),
               QuestionInfo("s.b", "s", "B?"), QuestionInfo("c.x", "c", "X?")),
    max_score=Fraction(100))


def row(file: str, *, name: str = "", team: str = "", declared: int | None = None,
        supported: int | None = 0, level: int | None = 0, score: str | None = "50",
        answers: str = "-bbb", target: TargetVerdict | None = None,
        blocking: tuple[int, ...] = (), assessed_on: str = "", folder: str = ".",
        rubric: str = INFO.key) -> SystemRow:
    value = None if score is None else Fraction(score)
    return SystemRow(file, folder, rubric, name, team, assessed_on, value, level, None,
                     (Cell(value, level), Cell(value, None)), declared, supported, target,
                     answers.encode(), blocking, ())


def verdict(gap: int, blockers: int, ready: bool = False) -> TargetVerdict:
    return TargetVerdict("full", TargetKind.DEGREE, TargetOrigin.QUESTIONNAIRE, ready, blockers,
                         gap)


@pytest.mark.parametrize("declared, supported, within", [
    (None, 2, None),  # nothing declared: no verdict on support
    (0, 0, True),  # at the lowest degree, always supported
    (1, 1, True),  # declared equals supported: within, the boundary
    (2, 1, False),  # one above: beyond
    (1, 2, True),  # below what the practices support
    (1, None, None),  # no decision axis
])
def test_within_support_at_the_boundary(declared, supported, within):
    assert row("a", declared=declared, supported=supported).within_support is within


def test_degree_distribution_counts_only_what_teams_declare():
    rows = [row("a", declared=0), row("b", declared=2, supported=1),
            row("c", declared=2, supported=2), row("d", declared=None)]
    counts = rollup.degrees(rows, INFO)
    assert counts is not None
    assert [(c.degree, c.systems, c.beyond_support) for c in counts] == [
        (0, 1, 0), (1, 0, 0), (2, 2, 1), (None, 1, 0)]
    assert rollup.degrees(rows, replace(INFO, degrees=None)) is None


def test_beyond_support_furthest_beyond_first():
    rows = [row("one", name="One", declared=1, supported=0),
            row("two", name="Two", declared=2, supported=0),
            row("ok", name="Ok", declared=1, supported=1)]
    assert [r.file for r in rollup.beyond_support(rows)] == ["two", "one"]


@pytest.mark.parametrize("targets, expected", [
    ({"a": verdict(2, 1), "b": verdict(1, 9), "c": verdict(2, 3)}, ["c", "a", "b"]),
    ({"a": verdict(0, 1), "b": verdict(0, 1)}, ["a", "b"]),  # ties: by name, then file
    ({"a": verdict(3, 3, ready=True), "b": None}, []),  # ready, or no target: not ranked
])
def test_furthest_from_target(targets, expected):
    rows = [row(f, name=f.upper(), target=t) for f, t in targets.items()]
    assert [r.file for r in rollup.furthest(rows)] == expected


def test_furthest_is_cut_at_the_limit():
    rows = [row(str(i), target=verdict(i, 0)) for i in range(5)]
    assert [r.file for r in rollup.furthest(rows, limit=2)] == ["4", "3"]


def test_practices_most_often_missing_first_and_the_degree_question_is_not_one():
    rows = [row("a", answers="-bpu", blocking=(2,)), row("b", answers="-bbu"),
            row("c", answers="-bnp", blocking=(2,))]
    found = rollup.practices(rows, INFO)
    assert [(INFO.questions[p.question].id, p.best, p.below, p.unanswered, p.not_applicable,
             p.blocking) for p in found] == [
        ("c.x", 0, 1, 2, 0, 0), ("s.b", 1, 1, 0, 1, 2), ("s.a", 3, 0, 0, 0, 0)]
    assert found[0].missing == 3 and found[1].applicable == 2


def test_groups_mean_lowest_and_levels():
    rows = [row("a", team="B", score="40", level=1), row("b", team="B", score="55.5", level=2),
            row("c", team="", score=None, level=None), row("d", team="a", score="10")]
    found = rollup.groups(rows, GroupBy.TEAM, INFO)
    assert [(g.group, g.systems, g.mean_score, g.lowest_score, g.levels) for g in found] == [
        ("a", 1, Fraction(10), Fraction(10), (1, 0, 0)),
        ("B", 2, Fraction("47.75"), Fraction(40), (0, 1, 1)),
        ("no team", 1, None, None, (0, 0, 0))]


@pytest.mark.parametrize("by, expected", [
    (GroupBy.DEGREE, ["Human only", "Full automation", "not declared"]),
    (GroupBy.LEVEL, ["Low", "High", "no level"]),
    (GroupBy.FOLDER, ["a", "b"]),
])
def test_groups_follow_the_rubric_order(by, expected):
    rows = [row("x", declared=2, level=2, folder="b"), row("y", declared=None, level=None,
                                                         folder="a"),
            row("z", declared=0, level=0, folder="a")]
    assert [g.group for g in rollup.groups(rows, by, INFO)] == expected


@pytest.mark.parametrize("text, key", [
    ("2026-11-30", (1, "2026-11-30")),
    ("2026-11-30T08:00:00", (1, "2026-11-30T08:00:00")),
    ("2026-02-30", (0, "")),  # not a real date
    ("last week", (0, "")),
    ("", (0, "")),
])
def test_dates_that_count(text, key):
    assert when(text) == key


def test_latest_per_system_and_rubric():
    rows = [row("a/old.yaml", name="Fraud", assessed_on="2026-01-01"),
            row("a/new.yaml", name="Fraud", assessed_on="2026-11-30"),
            row("a/undated.yaml", name="Fraud"),
            row("b/other-rubric.yaml", name="Fraud", assessed_on="2025-01-01", rubric="x"),
            row("c/1.yaml"), row("c/2.yaml")]  # unnamed: each its own system
    scoped = latest(rows)
    assert [r.file for r in scoped.rows] == ["a/new.yaml", "b/other-rubric.yaml", "c/1.yaml",
                                             "c/2.yaml"]
    assert [(s.file, s.by) for s in scoped.superseded] == [("a/old.yaml", "a/new.yaml"),
                                                           ("a/undated.yaml", "a/new.yaml")]
    assert scoped.ties == ()


def test_a_tie_keeps_the_file_that_sorts_last_and_says_so():
    rows = [row("q3.yaml", name="S", assessed_on="2026-10-01"),
            row("q4.yaml", name="S", assessed_on="2026-10-01")]
    scoped = latest(rows)
    assert [r.file for r in scoped.rows] == ["q4.yaml"]
    assert scoped.ties == ("2 files assess 'S' with the same latest date (2026-10-01): "
                           "q3.yaml, q4.yaml; keeping q4.yaml",)


STATES = st.sampled_from([BEST, BELOW, UNANSWERED, NOT_APPLICABLE])


@st.composite
def rows_strategy(draw: st.DrawFn) -> list[SystemRow]:
    found = []
    for i in range(draw(st.integers(0, 12))):
        declared = draw(st.none() | st.integers(0, 2))
        states = bytes([UNSCORED] + [draw(STATES) for _ in range(3)])
        target = draw(st.none() | st.builds(verdict, st.integers(0, 2), st.integers(0, 5),
                                            st.booleans()))
        found.append(row(f"f{i}", name=f"S{i % 4}", team=draw(st.sampled_from(["", "a", "b"])),
                         declared=declared, supported=draw(st.integers(0, 2)),
                         level=draw(st.none() | st.integers(0, 2)),
                         score=draw(st.none() | st.sampled_from(["0", "12.5", "100"])),
                         answers=states.decode(), target=target))
    return found


@settings(max_examples=150, deadline=None)
@given(rows_strategy(), st.sampled_from(list(GroupBy)))
def test_every_view_accounts_for_every_system(rows, by):
    r = rollup.rollup(rows, INFO, by)
    assert sorted(x.file for x in r.rows) == sorted(x.file for x in rows)
    assert sum(g.systems for g in r.groups) == len(rows)
    assert r.degrees is not None and sum(d.systems for d in r.degrees) == len(rows)
    assert sum(d.beyond_support for d in r.degrees) == len(r.beyond_support)
    for p in r.practices:
        assert p.best + p.below + p.unanswered + p.not_applicable == len(rows)
    gaps = [(x.target.gap, x.target.blockers) for x in r.furthest if x.target]
    assert gaps == sorted(gaps, reverse=True)
    assert all(x.target and not x.target.ready for x in r.furthest)


def test_a_tie_is_marked_as_a_tie_and_an_older_one_is_not():
    rows = [row("q1.yaml", name="S", assessed_on="2026-01-01"),
            row("q3.yaml", name="S", assessed_on="2026-10-01"),
            row("q4.yaml", name="S", assessed_on="2026-10-01")]
    assert [(s.file, s.by, s.tie) for s in latest(rows).superseded] == [
        ("q1.yaml", "q4.yaml", False), ("q3.yaml", "q4.yaml", True)]


@st.composite
def rubrics_strategy(draw: st.DrawFn) -> list[RubricInfo]:
    """Rubrics with few ids, versions and files, so that they often share them; every key
    is its own (the digest is of the file's bytes)."""
    found: dict[str, RubricInfo] = {}
    for _ in range(draw(st.integers(1, 6))):
        rubric_id, version = draw(st.sampled_from("ab")), draw(st.sampled_from(["1", "2"]))
        digest = draw(st.sampled_from(["d1", "d2", "d3", "d4"]))
        bundled = draw(st.booleans())
        path = draw(st.sampled_from(["r/x.yaml", "r/y.yaml", None]))
        key = f"{rubric_id}@{version}#{digest}"
        found.setdefault(key, replace(INFO, key=key, id=rubric_id, version=version,
                                      path=path, bundled=bundled))
    return list(found.values())


@settings(max_examples=200, deadline=None)
@given(rubrics_strategy())
def test_no_two_rubrics_are_named_alike_in_headings_or_columns(infos):
    from mlops_maturity.portfolio.document import Portfolio, shared_rubrics
    doc = Portfolio("2026-01-01T00:00:00Z", "0", True, GroupBy.TEAM, len(infos),
                    tuple(rollup.rollup([row("f", rubric=i.key)], i, GroupBy.TEAM)
                          for i in infos), (), (), (), (), shared_rubrics(tuple(infos)))
    names = [doc.rubric_name(i) for i in infos]
    columns = [doc.column_name(i) for i in infos]
    assert len(set(names)) == len(infos) and len(set(columns)) == len(infos)
    pairs = {(i.id, i.version) for i in infos}
    assert len(doc.shared) == sum(1 for p in pairs
                                  if sum((i.id, i.version) == p for i in infos) > 1)
    for info, name in zip(infos, names):  # only a clash adds the file, or the digest
        assert (name == f"{info.id} {info.version}") is (not doc.twins(info))
