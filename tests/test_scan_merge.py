"""Merging a scan into a person's answers: it fills, refreshes its own proposals, lists the
disagreements, and never changes an answer a person gave (a Hypothesis property, read back
through the written YAML so the writer is held to it too)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_maturity.load.assessment import assess_data
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.load.yamlfile import parse_yaml
from mlops_maturity.model.answers import (Answer, Evidence, EvidenceSource, LineRange, NA,
                                          Project, Questionnaire)
from mlops_maturity.scan.matcher import propose
from mlops_maturity.scan.merge import DisagreementKind, is_persons, merge
from mlops_maturity.scan.proposals import Hit, ScanResult
from mlops_maturity.starters.scanned import Header, questionnaire_yaml
from scan_helpers import SCAN_RUBRIC

RUBRIC = load_rubric(SCAN_RUBRIC)
DAY = dt.date(2026, 11, 30)
SCANNED = EvidenceSource.SCAN
DETECTORS = [d for q in RUBRIC.questions for d in q.detectors]


def scan_of(*hits: Hit) -> ScanResult:
    proposals, not_found = propose(RUBRIC, hits)
    return ScanResult("repo", RUBRIC.id, RUBRIC.version, "test", 1, 1, (), proposals,
                      not_found)


def hit(question: str, supports: str, path: str = "f.yml") -> Hit:
    d = next(d for d in RUBRIC.question(question).detectors if d.supports == supports)
    return Hit(d, path, LineRange(3, 3))


def answers(*given: Answer) -> Questionnaire:
    return Questionnaire("a.yaml", RUBRIC.id, RUBRIC.version, Project(), None, given)


def by_question(merged):
    return {a.question: a for a in merged.answers}


@pytest.mark.parametrize("declared, found, kind, proposed", [
    ("no", [("ops.ci", "partial")], DisagreementKind.EVIDENCE_FOUND, "partial"),
    ("partial", [("ops.ci", "yes")], DisagreementKind.EVIDENCE_FOUND, "yes"),
    ("partial", [("ops.ci", "partial")], None, None),  # agrees
    ("yes", [("ops.ci", "partial")], None, None),  # found something: not "nothing"
    ("yes", [], DisagreementKind.NOTHING_FOUND, None),
    ("partial", [], DisagreementKind.NOTHING_FOUND, None),
    ("no", [], None, None),  # nothing found and answered no: agrees
])
def test_disagreements_at_each_threshold(declared, found, kind, proposed):
    merged = merge(RUBRIC, answers(Answer("ops.ci", declared)),
                   scan_of(*(hit(q, s) for q, s in found)), DAY)
    assert by_question(merged)["ops.ci"] == Answer("ops.ci", declared)  # untouched
    if kind is None:
        assert merged.disagreements == ()
    else:
        (d,) = merged.disagreements
        assert (d.question, d.kind, d.declared, d.proposed) == ("ops.ci", kind, declared,
                                                                 proposed)
        assert bool(d.looked_for) is (kind is DisagreementKind.NOTHING_FOUND)


def test_na_and_questions_without_detectors_never_disagree():
    merged = merge(RUBRIC, answers(Answer("ops.dags", NA, reason="batch"),
                                   Answer("ops.runbook", "yes")), scan_of(), DAY)
    assert merged.disagreements == ()
    assert by_question(merged)["ops.dags"].value == NA


def test_unanswered_questions_are_filled_with_marked_dated_proposals():
    merged = merge(RUBRIC, None, scan_of(hit("ops.rollout", "stepped", "k/r.yaml")), DAY)
    (a,) = merged.answers
    assert (a.question, a.value, a.source) == ("ops.rollout", "stepped", SCANNED)
    assert a.evidence == (Evidence(path="k/r.yaml", lines=LineRange(3, 3), date=DAY,
                                   source=SCANNED, note="an Argo Rollout"),)
    assert merged.proposed == ("ops.rollout",)


def test_an_earlier_proposal_is_refreshed_or_withdrawn():
    old = Answer("ops.rollout", "stepped", (Evidence(path="old.yaml", source=SCANNED),),
                 source=SCANNED)
    stale = Answer("ops.dags", "partial", source=SCANNED)
    merged = merge(RUBRIC, answers(old, stale), scan_of(hit("ops.rollout", "guarded")), DAY)
    assert by_question(merged)["ops.rollout"].value == "guarded"
    assert "ops.dags" not in by_question(merged)
    assert merged.withdrawn == ("ops.dags",)


def test_a_confirmed_proposal_loses_its_marker_and_is_then_kept():
    old = Answer("ops.rollout", "stepped", (Evidence(path="r.yaml", source=SCANNED),),
                 source=SCANNED)
    merged = merge(RUBRIC, answers(old), scan_of(), DAY, frozenset({"ops.rollout"}))
    kept = by_question(merged)["ops.rollout"]
    assert kept.source is EvidenceSource.DECLARED and kept.value == "stepped"
    assert kept.evidence[0].source is SCANNED  # its evidence stays marked as scanned
    assert merged.confirmed == ("ops.rollout",)
    again = merge(RUBRIC, answers(kept), scan_of(hit("ops.rollout", "guarded")), DAY)
    assert by_question(again)["ops.rollout"] == kept  # now a person's: never changed
    assert [d.kind for d in again.disagreements] == [DisagreementKind.EVIDENCE_FOUND]


def test_an_unanswered_entry_keeps_what_a_person_wrote_on_it():
    mine = Evidence(text="see the wiki")
    before = Answer("ops.rollout", None, (mine,), "ask Sam")
    a = by_question(merge(RUBRIC, answers(before), scan_of(hit("ops.rollout", "stepped")),
                          DAY))["ops.rollout"]
    assert (a.value, a.source, a.notes, a.evidence[0]) == ("stepped", SCANNED, "ask Sam", mine)
    kept = by_question(merge(RUBRIC, answers(before), scan_of(), DAY))["ops.rollout"]
    assert kept == before


def test_confirm_all_confirms_every_proposal():
    old = [Answer("ops.rollout", "stepped", source=SCANNED),
           Answer("ops.ci", "yes", source=SCANNED)]
    merged = merge(RUBRIC, answers(*old), scan_of(), DAY, frozenset({"all"}))
    assert {a.source for a in merged.answers} == {EvidenceSource.DECLARED}


# ── the property ──

SCORED = [q for q in RUBRIC.questions if q.scored]
TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=12)


@st.composite
def person_answers(draw):
    chosen = draw(st.lists(st.sampled_from(SCORED), unique_by=lambda q: q.id))
    given = []
    for q in chosen:
        value = draw(st.sampled_from(list(q.answer_ids) + ([NA] if q.allow_na else [])))
        items = draw(st.lists(st.one_of(
            st.builds(lambda t: Evidence(text=t), TEXT.filter(str.strip).map(str.strip)),
            st.builds(lambda p, a, b: Evidence(path=p, lines=LineRange(a, a + b),
                                               date=DAY, source=SCANNED, note="n"),
                      st.sampled_from(["a.py", "d/ü.yaml"]), st.integers(1, 9),
                      st.integers(0, 9)),
            st.just(Evidence(url="https://x.example/a", review_by=DAY))), max_size=2))
        source = draw(st.sampled_from([EvidenceSource.DECLARED, SCANNED]))
        notes = draw(TEXT).strip()
        given.append(Answer(q.id, value, tuple(items), notes,
                            "why not" if value == NA else "", source=source))
    return given


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person_answers(), st.lists(st.sampled_from(DETECTORS), max_size=6),
       st.sets(st.sampled_from([q.id for q in SCORED] + ["all"]), max_size=2))
def test_a_scan_never_changes_an_answer_a_person_gave(given_answers, detectors, confirm):
    scan = scan_of(*(Hit(d, f"f{i}.yml", None) for i, d in enumerate(detectors)))
    merged = merge(RUBRIC, answers(*given_answers), scan, DAY, frozenset(confirm))
    text = questionnaire_yaml(RUBRIC, Header(str(SCAN_RUBRIC), RUBRIC.version), merged,
                              scan, DAY)
    back = assess_data(parse_yaml(text, "m.yaml"), "m.yaml", SCAN_RUBRIC.parent,
                       str(SCAN_RUBRIC)).questionnaire
    read = {a.question: a for a in back.answers}
    strip = lambda a: (a.value, a.notes, a.reason,  # noqa: E731
                       tuple((e.text, e.path, e.lines, e.url, e.date, e.review_by, e.source,
                              e.note) for e in a.evidence))
    for a in given_answers:
        if is_persons(a):
            assert a.question in read and strip(read[a.question]) == strip(a)
            assert read[a.question].source is EvidenceSource.DECLARED
    for a in back.answers:  # whatever the scan added is marked as such
        if a.value is not None and a.question not in {g.question for g in given_answers}:
            assert a.source is SCANNED and all(e.source is SCANNED for e in a.evidence)
