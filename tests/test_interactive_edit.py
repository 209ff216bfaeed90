"""Saving answers into a questionnaire: only the changed fields move, the file always loads,
and a file someone else changed is never overwritten.

The edits are checked three ways: exact texts for each shape of answer a person may write,
a Hypothesis property over the bundled examples (any sequence of changes leaves every other
answer, every comment and every untouched line as it was, and reads back as intended), and
the save path itself (hash check, atomic write, symlinks, BOM and CRLF, Ctrl-C held).
"""

from __future__ import annotations

import difflib
import os
import shutil
import signal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_maturity import api
from mlops_maturity.interactive import store
from mlops_maturity.interactive.change import Change, apply
from mlops_maturity.interactive.session import UNSAFE
from mlops_maturity.interactive.store import (ChangedOnDisk, EditMismatch, new_questionnaire,
                                              open_snapshot, save, uninterrupted)
from mlops_maturity.interactive.yamledit import edit_answer
from mlops_maturity.interactive.yamltext import scalar
from mlops_maturity.load.assessment import assess_data
from mlops_maturity.load.yamlfile import parse_yaml
from mlops_maturity.model.answers import NA
from mlops_maturity.model.errors import MaturityError
from tests.conftest import DATA, ROOT

ORDER = ["a.one", "a.two", "a.three", "a.four", "a.five", "a.six"]
FILE = '''rubric: x
answers:
  # about a.one
  a.one:
  a.two: yes   # trailing
  a.three:
    answer: partial
    evidence:
      - "http://x"
      - y

    # comment inside
    notes: >-
      folded
      text

  # c2 before five
  a.five: {answer: n/a, reason: "r"}
# end
'''


def diff(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("change, expected", [
    # an empty answer gets its value on its own line
    (Change("a.one", value="yes"), ["-  a.one:", "+  a.one: yes"]),
    # ... or becomes the long form, under the key, before the next answer's comments
    (Change("a.one", value="no", add_evidence=("e1", "e: 2")),
     ["+    answer: no", "+    evidence:", "+      - e1", '+      - "e: 2"']),
    # a short answer changes in place; its comment stays
    (Change("a.two", value="no"), ["-  a.two: yes   # trailing", "+  a.two: no   # trailing"]),
    (Change("a.two", add_evidence=("x",)),
     ["-  a.two: yes   # trailing", "+  a.two:   # trailing", "+    answer: yes",
      "+    evidence:", "+      - x"]),
    # a long answer: only the fields that change
    (Change("a.three", value="yes", notes="new note"),
     ["-    answer: partial", "+    answer: yes", "-    notes: >-", "-      folded",
      "-      text", "+    notes: new note"]),
    (Change("a.three", add_evidence=("z",), notes=""),
     ["+      - z", "-    notes: >-", "-      folded", "-      text"]),
    # new answers in rubric order: after the nearest earlier answer the file has
    (Change("a.four", value="yes"), ["+  a.four: yes"]),
    (Change("a.six", value="no", notes="n"), ["+  a.six:", "+    answer: no", "+    notes: n"]),
    # a flow-style answer stays one line while it fits
    (Change("a.five", value="yes", reason=""),
     ['-  a.five: {answer: n/a, reason: "r"}', "+  a.five: {answer: yes}"]),
    (Change("a.five", add_evidence=("q",)),
     ['-  a.five: {answer: n/a, reason: "r"}',
      "+  a.five: {answer: n/a, evidence: [q], reason: r}"]),
])
def test_each_shape_of_answer_changes_only_its_own_lines(change, expected):
    assert diff(FILE, edit_answer(FILE, "f.yaml", ORDER, change)) == expected


def test_a_new_answer_goes_where_the_rubric_puts_it():
    new = edit_answer(FILE, "f.yaml", ORDER, Change("a.four", value="yes"))
    assert "      text\n  a.four: yes\n\n  # c2 before five\n" in new
    first = edit_answer("answers:\n  # about a.two\n  a.two: no\n", "f", ORDER,
                        Change("a.one", value="yes"))
    assert first == "answers:\n  a.one: yes\n  # about a.two\n  a.two: no\n"


@pytest.mark.parametrize("text, expected", [
    ("rubric: x\n", "rubric: x\nanswers:\n  a.one: yes\n"),
    ("rubric: x", "rubric: x\nanswers:\n  a.one: yes\n"),
    ("rubric: x\nanswers:\n", "rubric: x\nanswers:\n  a.one: yes\n"),
    ("rubric: x\nanswers: {}\n", "rubric: x\nanswers:\n  a.one: yes\n"),
    ("rubric: x\nanswers: ~  # none yet\n", "rubric: x\nanswers:  # none yet\n  a.one: yes\n"),
    ("rubric: x\r\nanswers:\r\n    a.two: no\r\n",
     "rubric: x\r\nanswers:\r\n    a.one: yes\r\n    a.two: no\r\n"),
])
def test_answers_with_nothing_under_them_yet(text, expected):
    assert edit_answer(text, "f", ORDER, Change("a.one", value="yes")) == expected


def test_evidence_is_added_in_the_list_style_already_used():
    block = "answers:\n  a.one:\n    answer: yes\n    evidence:\n    -   first\n"
    assert edit_answer(block, "f", ORDER, Change("a.one", add_evidence=("b",))).endswith(
        "    -   first\n    -   b\n")
    flow = "answers:\n  a.one:\n    answer: yes\n    evidence: [first]  # c\n"
    assert edit_answer(flow, "f", ORDER, Change("a.one", add_evidence=("b, c",))) == (
        'answers:\n  a.one:\n    answer: yes\n    evidence: [first, "b, c"]  # c\n')
    single = "answers:\n  a.one:\n    answer: yes\n    evidence: first one\n"
    assert edit_answer(single, "f", ORDER, Change("a.one", add_evidence=("b",))) == (
        "answers:\n  a.one:\n    answer: yes\n    evidence:\n      - first one\n      - b\n")


def test_answers_in_flow_style_over_several_lines_are_refused_with_a_hint():
    with pytest.raises(MaturityError) as info:
        edit_answer("answers: {a.two: no,\n  a.three: yes}\n", "f.yaml", ORDER,
                    Change("a.one", value="yes"))
    assert str(info.value.problems[0]).startswith(
        "f.yaml:1: answers: is written in flow style ({...}), which assess cannot edit")


@pytest.mark.parametrize("text", [
    "plain words", "yes", "no", "null", "~", "1e3", "0x10", "2026-11-30", "- item", "a: b",
    "#hash", "x #y", "[x]", "{x}", "'q'", '"q"', "&a", "*a", "!tag", "|", ">", "@at", "`tick",
    "%p", " lead", "trail ", "ends:", "https://x.example/a#frag?b=c", "naïve ☃", "tab\there",
])
def test_scalars_read_back_as_the_same_text(text):
    for flow in (False, True):
        shown = scalar(text, flow)
        document = f"k: [{shown}]" if flow else f"k: {shown}"
        loaded = yaml.safe_load(document)["k"]
        assert (loaded[0] if flow else loaded) == text, shown


# ---------------------------------------------------------------- a property over real files

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TEXT = st.one_of(
    st.sampled_from(["yes", "no", "n/a", "- x", "a: b", "#c", "x # y", "[x]", "&a", "!t",
                     "https://runbooks.example/rollback#step-2", "2026-11-30", "~", "'"]),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
    .map(str.strip).filter(lambda t: bool(t) and not UNSAFE.search(t)))


@st.composite
def changes(draw, rubric):
    q = draw(st.sampled_from(rubric.questions))
    value = draw(st.one_of(st.none(), st.sampled_from(
        list(q.answer_ids) + ([NA] if q.allow_na else []))))
    reason = draw(TEXT) if value == NA else None
    evidence = tuple(draw(st.lists(TEXT, max_size=2, unique=True)))
    notes = draw(st.one_of(st.none(), st.just(""), TEXT))
    return q, value, reason, evidence, notes


def entry_lines(text: str, question: str) -> tuple[int, int] | None:
    """Lines of one answer, from its key to the next answer's key (an independent reading:
    by keys at the level of ``answers``, not by the editor's own measure)."""
    root = yaml.compose(text)
    answers = next(v for k, v in root.value if k.value == "answers")
    keys = [k for k, _ in answers.value]
    for i, k in enumerate(keys):
        if k.value == question:
            end = keys[i + 1].start_mark.line if i + 1 < len(keys) else len(text.splitlines())
            return k.start_mark.line, end
    return None


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_sequence_of_changes_touches_only_the_answer_it_is_about(example, data):
    text = example.read_text(encoding="utf-8")
    from mlops_maturity.load.assessment import open_assessment
    assessment = open_assessment(example)
    rubric = assessment.rubric
    order = [q.id for q in rubric.questions]
    now = {a.question: a for a in assessment.questionnaire.answers}
    for _ in range(data.draw(st.integers(1, 4))):
        q, value, reason, evidence, notes = data.draw(changes(rubric))
        had = now.get(q.id)
        if value is not None and value != NA and had is not None and had.reason:
            reason = ""  # as change.pick does: a reason belongs to n/a alone
        change = Change(q.id, value, tuple(e for e in evidence
                                           if not had or e not in had.evidence), notes, reason)
        if had is None or had.value is None:
            change = Change(q.id, value or q.best.id, change.add_evidence, notes, reason)
        new = edit_answer(text, example.name, order, change)
        span = entry_lines(text, q.id)
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(
                None, text.splitlines(), new.splitlines(), autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            assert span is not None or tag == "insert", (tag, i1, i2)
            if span is not None:
                assert span[0] <= i1 and i2 <= span[1], (q.id, tag, i1, i2, span)
        old_comments = sorted(l for l in text.splitlines() if l.strip().startswith("#"))
        new_comments = sorted(l for l in new.splitlines() if l.strip().startswith("#"))
        assert old_comments == new_comments
        loaded = assess_data(parse_yaml(new, example.name), example.name, example.parent)
        after = {a.question: a for a in loaded.questionnaire.answers}
        store.check_edit(now, after, change)
        wanted = apply(had, change)
        assert after[q.id].value == wanted.value and after[q.id].notes == wanted.notes
        text, now = new, after


# ---------------------------------------------------------------- saving


@pytest.fixture
def answered(tmp_path) -> Path:
    shutil.copy(DATA / "tiny-automation.yaml", tmp_path / "tiny-automation.yaml")
    path = tmp_path / "answers.yaml"
    path.write_text("rubric: tiny-automation.yaml  # the rubric beside it\nanswers:\n"
                    "  build.decides: {answer: shadow, evidence: [logged since May]}\n"
                    "  watch.logs:\n    answer: yes\n    notes: >-\n      Every prediction,\n"
                    "      with the decision taken.\n", encoding="utf-8")
    return path


def test_a_save_writes_the_change_and_the_file_scores_like_any_other(answered):
    snap = open_snapshot(answered)
    before = answered.read_text(encoding="utf-8")
    snap = save(snap, Change("build.eval", value="partial"))
    after = answered.read_text(encoding="utf-8")
    assert diff(before, after) == ["+  build.eval: partial"]
    assert snap.answers["build.eval"].value == "partial"
    report = api.assess(answered, generated_at="2026-11-30T12:00:00Z")
    assert report.automation.declared == "shadow"
    assert not list(answered.parent.glob(".*.tmp"))


def test_a_file_changed_by_someone_else_is_never_overwritten(answered):
    snap = open_snapshot(answered)
    theirs = answered.read_text(encoding="utf-8").replace("answer: yes", "answer: partial")
    answered.write_text(theirs, encoding="utf-8")
    with pytest.raises(ChangedOnDisk) as info:
        save(snap, Change("build.eval", value="yes"))
    assert answered.read_text(encoding="utf-8") == theirs
    assert str(info.value.problems[0]) == (
        f"{answered}: was changed by someone else while assess ran; nothing was written over "
        "it (run assess again to continue from it)")
    again = save(store.reload(snap), Change("build.eval", value="yes"))
    assert again.answers["watch.logs"].value == "partial"  # theirs, kept
    assert again.answers["build.eval"].value == "yes"  # ours, added


def test_a_file_removed_meanwhile_is_not_recreated(answered):
    snap = open_snapshot(answered)
    answered.unlink()
    with pytest.raises(ChangedOnDisk) as info:
        save(snap, Change("build.eval", value="yes"))
    assert info.value.removed and not answered.exists()


def test_a_byte_order_mark_and_crlf_line_ends_are_kept(answered):
    text = answered.read_text(encoding="utf-8").replace("\n", "\r\n")
    answered.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    save(open_snapshot(answered), Change("watch.alerts", value="no", notes="paged"))
    raw = answered.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert raw.endswith(b"  watch.alerts:\r\n    answer: no\r\n    notes: paged\r\n")


def test_a_symlinked_questionnaire_is_written_through_and_stays_a_link(answered):
    link = answered.parent / "link.yaml"
    link.symlink_to(answered.name)
    save(open_snapshot(link), Change("build.eval", value="yes"))
    assert link.is_symlink() and "build.eval: yes" in answered.read_text(encoding="utf-8")


def test_a_fifo_is_refused_before_it_is_read(tmp_path):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    with pytest.raises(MaturityError) as info:
        open_snapshot(fifo)
    assert "FIFO" in str(info.value.problems[0])


def test_an_edit_that_would_not_read_back_is_a_bug_and_writes_nothing(answered, monkeypatch):
    snap = open_snapshot(answered)
    before = answered.read_bytes()
    monkeypatch.setattr(store, "edit_answer", lambda text, *a: text.replace("shadow", "model"))
    with pytest.raises(EditMismatch):
        save(snap, Change("build.eval", value="yes"))
    assert answered.read_bytes() == before


def test_a_new_questionnaire_has_every_question_and_the_project(tmp_path, monkeypatch):
    shutil.copy(DATA / "tiny-automation.yaml", tmp_path / "tiny-automation.yaml")
    (tmp_path / ".git").mkdir()  # the repository, which the rubric: path may not leave
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "new" / "answers.yaml"
    path.parent.mkdir()
    snap = new_questionnaire(path, "tiny-automation.yaml", "Card fraud: scoring", "", "2026-11-30")
    text = path.read_text(encoding="utf-8")
    assert 'rubric: "../tiny-automation.yaml"' in text
    assert '  name: "Card fraud: scoring"\n  team: ""\n  assessed_on: "2026-11-30"' in text
    assert snap.assessment.questionnaire.project.name == "Card fraud: scoring"
    assert api.assess(path).project.assessed_on == "2026-11-30"
    with pytest.raises(MaturityError) as info:
        new_questionnaire(path, "tiny-automation.yaml", "x", "y", "2026-11-30")
    assert "already exists" in str(info.value.problems[0])


def test_ctrl_c_during_a_save_takes_effect_once_the_save_is_done():
    finished = []
    with pytest.raises(KeyboardInterrupt):
        with uninterrupted():
            os.kill(os.getpid(), signal.SIGINT)
            finished.append(True)
    assert finished == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
