"""Read a team's answers and check each one against its rubric.

The questionnaire is read in two steps: its header first (to learn which rubric it names),
then its answers against that rubric. Every problem in the answers is reported in one go.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import AbstractSet, Any

from mlops_maturity.files.read import Source
from mlops_maturity.model.errors import Problem, QuestionnaireError, did_you_mean
from mlops_maturity.load.fields import Fields, as_word, describe, join
from mlops_maturity.load.evidence_items import read_evidence
from mlops_maturity.model.answers import NA, Answer, EvidenceSource, Project, Questionnaire
from mlops_maturity.model.rubric import Question, Rubric
from mlops_maturity.load.yamlfile import (Kind, YamlList, YamlMap, as_written, load_document,
                                          load_document_text)

TOP_KEYS = ("rubric", "rubric_version", "target", "project", "answers")
PROJECT_KEYS = ("name", "team", "assessed_on", "assessors", "description")
ANSWER_KEYS = ("answer", "evidence", "notes", "reason", "source")
_ANSWER_KEY_SET = frozenset(ANSWER_KEYS)
NA_WORDS = ("n/a", "na", "not applicable")


def looks_like_questionnaire(data: YamlMap) -> bool:
    """Tell questionnaires from rubrics by content, for ``validate``."""
    return "answers" in data or ("rubric" in data and "sections" not in data)


def load_questionnaire_data(path: Source, display: str | None = None,
                            text: str | None = None) -> YamlMap:
    """Parse a questionnaire file or standard input (or its ``text``, already read); its
    answers are checked later, once the rubric is known, and problems in its values (a date
    that is no date) are reported then, beside those checks (``YamlMap.value_problems``)."""
    if text is not None:
        return load_document_text(text, display or str(path), Kind.QUESTIONNAIRE, True)
    return load_document(path, display or str(path), Kind.QUESTIONNAIRE, True)


def bind(data: YamlMap, rubric: Rubric, display: str, rubric_ref: str, *,
         ignore: AbstractSet[str] = frozenset()) -> Questionnaire:
    """Check a questionnaire's fields and answers against its rubric.

    ``ignore`` names questions the rubric no longer has (removed since the answers were
    filled): answers to them are skipped instead of reported as unknown. An id the rubric
    does have is never skipped, so a real answer cannot be lost this way.
    """
    f = Fields(display)
    f.check_keys(data, "", TOP_KEYS, ("answers",))
    project = read_project(f, data)
    target = read_target(f, data, rubric)
    answers = read_answers(f, data, rubric, ignore)
    version = f.text(data, "rubric_version", "", None) or None
    if f.problems:
        raise QuestionnaireError(f.in_line_order())
    return Questionnaire(display, rubric_ref, version, project, target, answers,
                         data.line_of("answers"))


def read_project(f: Fields, data: YamlMap) -> Project:
    """Project metadata; dates written bare in YAML become ISO text."""
    if data.get("project") is None:
        return Project()
    m = f.mapping(data["project"], "project", data.line_of("project"))
    if m is None:
        return Project()
    f.check_keys(m, "project", PROJECT_KEYS)
    when = m.get("assessed_on")
    if isinstance(when, (dt.date, dt.datetime)):
        assessed = when.isoformat()
    else:
        assessed = f.text(m, "assessed_on", "project", "")
    return Project(f.text(m, "name", "project", ""), f.text(m, "team", "project", ""), assessed,
                   _texts(f, m, "assessors", "project"), f.text(m, "description", "project", ""))


def read_target(f: Fields, data: YamlMap, rubric: Rubric) -> str | None:
    """The degree of automation or maturity level the team aims for, if it names one."""
    if data.get("target") is None:
        return None
    target = str(as_word(data["target"])).strip()
    ids = list(rubric.target_ids)
    if target not in ids:
        hint = did_you_mean(target, ids) or (f"use one of: {', '.join(ids)}" if ids
                                             else "this rubric has no degrees and no levels")
        f.add(f"'{target}' is not a degree or level of rubric '{rubric.id}'",
              data.line_of("target"), "target", hint)
        return None
    return target


def read_answers(f: Fields, data: YamlMap, rubric: Rubric,
                 ignore: AbstractSet[str] = frozenset()) -> tuple[Answer, ...]:
    """Every answer, normalised to an option id, ``n/a`` or None (left empty)."""
    raw = data.get("answers")
    if raw is None:
        return ()
    m = f.mapping(raw, "answers", data.line_of("answers"))
    if m is None:
        return ()
    result = []
    for qid, value in m.items():
        line = m.line_of(qid)
        question = rubric.question(qid) if isinstance(qid, str) else None
        if question is None:
            if str(qid) not in ignore:
                f.add(f"unknown question id '{as_written(qid)}'", line, join("answers", qid),
                      did_you_mean(str(qid), [q.id for q in rubric.questions])
                      or f"see `mlops-maturity rubrics show {rubric.id}`")
            continue
        answer = read_answer(f, question, value, line)
        if answer is not None:
            result.append(answer)
    return tuple(result)


def read_answer(f: Fields, q: Question, value: Any, line: int | None) -> Answer | None:
    """One answer in short form (``q: yes``) or long form (``q: {answer: yes, evidence: ...}``)."""
    path = join("answers", q.id)
    if not isinstance(value, YamlMap):
        choice = _choice(f, q, value, line, path)
        return Answer(q.id, choice, line=line) if choice != "" else None
    if not _ANSWER_KEY_SET.issuperset(value):  # only an unknown key has anything to report
        f.check_keys(value, path, ANSWER_KEYS)
    choice = _choice(f, q, value.get("answer"), value.line_of("answer"), join(path, "answer"))
    if choice == "":
        return None
    reason = f.text(value, "reason", path, "")
    if reason and choice != NA:
        f.add("'reason' explains an n/a answer; use 'notes' for other answers",
              value.line_of("reason"), join(path, "reason"))
    source = f.choice(value, "source", path, EvidenceSource, EvidenceSource.DECLARED)
    return Answer(q.id, choice, read_evidence(f, value, path),
                  f.text(value, "notes", path, ""), reason, line, source)


def _choice(f: Fields, q: Question, value: Any, line: int | None, path: str) -> str | None:
    """Normalise an answer value; '' marks a problem already reported.

    The common case, a word that names an option (in any case), is settled first; every
    other value (empty, n/a, a number, a problem) goes through ``_checked_choice``.
    """
    word = "yes" if value is True else "no" if value is False else value
    if type(word) is str:
        folded = word.strip().lower()
        if folded and folded not in NA_WORDS:
            match = _options_by_folded_id(q).get(folded)
            if match is not None:
                return match
    return _checked_choice(f, q, value, line, path)


# id(question) -> (the question, kept so the id stays its own; option ids by lower case)
_FOLDED: dict[int, tuple[Question, dict[str, str]]] = {}


def _options_by_folded_id(q: Question) -> dict[str, str]:
    """Each option id by its lower case, the first of ids equal but for case winning, as
    in ``_checked_choice``; made once per question."""
    known = _FOLDED.get(id(q))
    if known is not None and known[0] is q:
        return known[1]
    folded: dict[str, str] = {}
    for option in q.options:
        folded.setdefault(option.id.lower(), option.id)
    if len(_FOLDED) >= 4096:
        _FOLDED.clear()
    _FOLDED[id(q)] = (q, folded)
    return folded


def _checked_choice(f: Fields, q: Question, value: Any, line: int | None, path: str
                    ) -> str | None:
    """Every answer value, checked in full."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None  # an empty answer is unanswered, as the README says
    value = as_word(value)
    allowed = list(q.answer_ids) + ([NA] if q.allow_na else [])
    if isinstance(value, int) and not isinstance(value, bool):
        value = as_written(value)
    if not isinstance(value, str):
        f.add(f"answer must be one word, not {describe(value)}", line, path,
              f"allowed: {', '.join(allowed)}")
        return ""
    word = value.strip()
    if word.lower() in NA_WORDS:
        if q.allow_na:
            return NA
        f.add(f"question '{q.id}' cannot be answered n/a", line, path,
              f"allowed: {', '.join(q.answer_ids)}")
        return ""
    match = next((o.id for o in q.options if o.id.lower() == word.lower()), None)
    if match is None:
        hint = did_you_mean(word, q.answer_ids)
        f.add(f"'{word}' is not an allowed answer", line, path,
              f"{hint + ' ' if hint else ''}allowed: {', '.join(allowed)}")
        return ""
    return match


def _texts(f: Fields, m: YamlMap, key: str, path: str) -> tuple[str, ...]:
    """A field that is either one text or a list of texts (evidence, assessors)."""
    value = m.get(key)
    if value is None:
        return ()
    if isinstance(value, YamlList):
        items = []
        for i, item in enumerate(value):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                items.append(str(item).strip())
            else:
                f.add(f"must be text, not {describe(item)}", value.line_of(i),
                      join(join(path, key), i), rule="wrong-type")
        return tuple(i for i in items if i)
    text = f.text(m, key, path, "")
    return (text,) if text else ()


def require_complete(q: Questionnaire, rubric: Rubric) -> None:
    """``--strict``: every question must have an answer (n/a counts as one)."""
    given = {a.question for a in q.answers if a.value is not None}
    lines = {a.question: a.line for a in q.answers}
    missing = [qn for qn in rubric.questions if qn.id not in given]
    if missing:
        raise QuestionnaireError([Problem(q.path, f"question '{qn.id}' is unanswered",
                                          lines.get(qn.id), join("answers", qn.id),
                                          "--strict requires every answer")
                                  for qn in missing])
