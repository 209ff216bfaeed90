"""The registry of rubric validation rules: every check the rubric loader makes has an id here.

A rule id lets a problem be recognised without reading its message, so tests can prove that
each check fires (every rule has a failing fixture in ``tests/data/rules/``) and the docs can
list every check the loader makes. The reporter (``Fields.add``) refuses an id that is not
registered, so a check cannot be added without appearing here, in the docs and in a fixture.

The first six rules are about the shape of a file (keys, value types, numbers) and apply to
every mapping in a rubric; the questionnaire reader reports the first four too, through the
same ``Fields`` helpers. The rest are specific to rubrics.
"""

from __future__ import annotations

import re
from mlops_maturity.model.record import record

KEBAB_CASE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# A number in a rubric may be at most this large, with at most this many decimal places.
MAX_NUMBER = 1_000_000
MAX_DECIMALS = 6


@record
class Rule:
    """One validation check: a stable kebab-case id and a one-line description for the docs."""

    id: str
    description: str

    def __post_init__(self) -> None:
        if not KEBAB_CASE.match(self.id):
            raise ValueError(f"rule id {self.id!r} is not kebab-case")
        if "\n" in self.description or "|" in self.description:
            raise ValueError(f"rule {self.id!r}: the description must be one line without '|'")


_ALL = (
    # The shape of any mapping: keys, value types and numbers.
    Rule("unknown-key", "A mapping has a key the format does not define."),
    Rule("missing-key", "A required key is missing."),
    Rule("wrong-type", "A value is not the mapping, list, text, number or true/false the key "
                       "takes."),
    Rule("unknown-value", "A key that takes one of a fixed set of words (a question's type, a "
                          "section's kind, a scoring rule) has another word."),
    Rule("number-too-low", "A weight, points value, `from`, band bound or degree's section "
                           "minimum is negative, or `max_score` is not above zero."),
    Rule("number-out-of-range", f"A number is above {MAX_NUMBER:,} or has more than "
                                f"{MAX_DECIMALS} decimal places."),
    # The rubric as a whole, its sections and questions.
    Rule("unsupported-format", "`rubric_format` names a format this version of the tool "
                               "cannot read, such as format 1 (also assumed for a file that has "
                               "`scale` and no `rubric_format`)."),
    Rule("no-sections", "The rubric lists no sections."),
    Rule("duplicate-section-id", "Two sections share an id."),
    Rule("empty-section", "A section lists no questions."),
    Rule("all-section-weights-zero", "Every section weighs 0, so the overall score is "
                                     "undefined."),
    Rule("all-question-weights-zero", "Every question of a section weighs 0, so the section "
                                      "cannot be scored."),
    Rule("duplicate-question-id", "Two questions share an id (question ids are unique across "
                                  "the whole rubric)."),
    Rule("degree-question-without-automation", "A `degree` question is asked, but the rubric "
         "has no `automation` block with degrees for it to answer with."),
    Rule("degree-question-not-declaring", "A `degree` question other than the automation "
         "question: only that one answers with a degree."),
    Rule("degree-question-weight", "The automation question has a `weight`; it carries no "
         "points, so declaring who decides never changes a score."),
    Rule("options-on-non-choice", "A question that is not a `choice` question lists options."),
    Rule("too-few-options", "A `choice` question has no options, or only one."),
    Rule("duplicate-option-id", "Two options of one question share an id."),
    Rule("reserved-option-id", "An option is called `n/a`, which is reserved for `allow_na`."),
    Rule("options-all-same-points", "Every option of a `choice` question is worth the same "
                                    "points, so the answer cannot change a score."),
    # Detectors: what a file in a repository can prove about an answer.
    Rule("detector-kind", "A detector names none, or more than one, of `glob`, `path`, "
         "`content` and `dependency`, or gives `files` without `content`."),
    Rule("detector-glob-invalid", "A detector's glob is empty, absolute, climbs out with `..`, "
         "or has an unclosed `[` or `{`."),
    Rule("detector-regex-invalid", "A detector's regular expression does not compile, or is "
         "longer than 500 characters."),
    Rule("detector-regex-backtracking", "A detector's regular expression nests a quantifier "
         "inside another or uses a backreference, so it could backtrack catastrophically."),
    Rule("detector-matches-everything", "A detector's regular expression matches an empty "
         "string, so it would match every file."),
    Rule("detector-unknown-answer", "A detector supports an answer its question does not "
         "allow."),
    Rule("detector-supports-worst", "A detector supports the worst answer, though a file can "
         "only show that a practice exists."),
    Rule("detector-on-degree-question", "The automation question has detectors, though who "
         "decides is declared by people, never found in files."),
    # The maturity levels.
    Rule("empty-levels", "The `levels` list is empty."),
    Rule("duplicate-level-id", "Two maturity levels share an id."),
    Rule("levels-from-partial", "Some levels give `from` and others do not."),
    Rule("levels-not-from-zero", "The lowest level does not start `from: 0`."),
    Rule("levels-from-not-increasing", "`from` does not rise strictly from level to level "
                                      "(unless every level starts at 0)."),
    Rule("levels-from-above-100", "A level's `from` is above 100 percent."),
    # Gates.
    # The decision axis: who decides, and what each degree requires.
    Rule("automation-question-missing", "The `automation` block does not name the question "
         "that declares the degree."),
    Rule("automation-question-unknown", "`automation.question` names a question the rubric "
         "does not have."),
    Rule("automation-question-not-degree", "`automation.question` names a question that is "
         "not of type `degree`."),
    Rule("too-few-degrees", "The `automation` block lists fewer than two degrees."),
    Rule("duplicate-degree-id", "Two degrees share an id."),
    Rule("lowest-degree-requires", "The lowest degree requires something, though every "
         "system can run with people deciding."),
    Rule("degree-unknown-question", "A degree requires an answer to a question the rubric "
         "does not have."),
    Rule("degree-unknown-answer", "A degree requires an answer its question does not allow."),
    Rule("degree-requires-automation-question", "A degree requires an answer to the "
         "automation question itself, which is declared, never earned."),
    Rule("degree-unknown-section", "A degree's `sections` names a section the rubric does not "
         "have."),
    Rule("degree-minimum-unreachable", "A degree asks a section for more than 100 percent, or "
         "for a score from a section that is never scored."),
    Rule("degree-and-level-share-an-id", "A degree and a maturity level share an id, so a "
         "`target:` could not tell them apart."),
    Rule("gate-requires-automation-question", "A gate requires an answer to the automation "
         "question, which is declared, never earned."),
    Rule("duplicate-gate-id", "Two gates share an id."),
    Rule("gate-without-levels", "A gate is given, but the rubric has no maturity levels."),
    Rule("gate-unknown-level", "A gate's `level` is not one of the rubric's levels."),
    Rule("gate-on-lowest-level", "A gate is on the lowest level, which every system has."),
    Rule("gate-unknown-section", "A gate's `sections` names a section the rubric does not have."),
    Rule("gate-requires-nothing", "A gate's `requires` is empty."),
    Rule("gate-unknown-question", "A gate requires an answer to a question the rubric does "
                                  "not have."),
    Rule("gate-unknown-answer", "A gate requires an answer its question does not allow."),
    # Bands.
    Rule("bands-with-level-band", "Bands are given although `scoring.band` is `level`."),
    Rule("level-band-without-levels", "`scoring.band` is `level`, but the rubric has no levels."),
    Rule("no-bands", "The bands list is empty."),
    Rule("duplicate-band-id", "Two bands share an id."),
    Rule("band-both-bounds", "A band gives both `min` and `above`, or both `max` and `below`."),
    Rule("band-no-lower-bound", "A band has neither `min` nor `above`."),
    Rule("band-empty", "A band's upper bound is below its lower bound, so no score is in it."),
    Rule("band-not-from-zero", "The first band does not start at `min: 0`."),
    Rule("band-open-before-last", "A band before the last has no upper bound."),
    Rule("band-gap", "Adjacent bands leave a gap between them."),
    Rule("band-overlap", "Adjacent bands overlap."),
    Rule("band-point-excluded", "Adjacent bands meet at a score that both leave out."),
    Rule("band-point-twice", "Adjacent bands meet at a score that both include."),
    Rule("band-ends-below-top", "The last band ends below the highest score the rubric can "
                                "give."),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _ALL}
if len(RULES) != len(_ALL):  # checked on import, so a copied id never reaches a user
    raise ValueError("two rules share an id")


def rule_id(ident: str) -> str:
    """Return a registered rule id unchanged; an unknown id is a bug in the caller, not input."""
    if ident not in RULES:
        raise KeyError(f"validation rule {ident!r} is not registered in mlops_maturity.load.rules")
    return ident


def rules_table() -> str:
    """The Markdown table of every rule, as pasted into ``docs/rubric-format.md``."""
    rows = ["| rule | what it reports |", "|---|---|"]
    rows += [f"| `{rule.id}` | {rule.description} |" for rule in RULES.values()]
    return "\n".join(rows) + "\n"
