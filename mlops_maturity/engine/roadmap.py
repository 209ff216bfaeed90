"""The roadmap: steps that clear a target's blockers and then raise the score, in priority order.

Found by simulation: steps are applied to a copy of the answers, so every step's gain and the
degree it leads to are what the scorer would really give, not an estimate. The simulation does
not re-score after each step, though: a step moves one question up one option, which changes
one term of one section, so everything the scorer would compute is kept and moved by that term
alone (each section's exact sums, both overalls, each gate's unmet requirements, each stage's
degree), and candidates are ranked by heaps instead of a ``max()`` over every question. Each
step costs O(log n), where a re-score and a ``max()`` per step made the roadmap quadratic.
``tests/reference_roadmap.py`` is the plain simulation this must match step for step.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from fractions import Fraction

from mlops_maturity.engine.findings import BlockerKind, Step
from mlops_maturity.engine.readiness import Readiness
from mlops_maturity.engine.scoring import Result, Status
from mlops_maturity.engine.tally import floor1, percent, section_value, span, term
from mlops_maturity.model.maxima import overall_max
from mlops_maturity.model.rubric import (Level, OverallRule, Question, QuestionType, Rubric,
                                         SectionKind)

ZERO = Fraction(0)
# A heap key, smallest first; the item (an index) breaks ties.
Key = tuple[Fraction | int, ...]


def roadmap(result: Result, ready: Readiness | None) -> tuple[Step, ...]:
    """Steps in priority order: answer the unanswered questions; the target's gate blockers;
    then the largest gain per step, degree by degree up the scale; then the remaining
    improvements once per question."""
    state = _State(result)
    rubric = result.rubric
    # Unanswered questions first: until they are answered, every other figure is a guess.
    steps = state.answer_unanswered()
    if ready is not None:
        lowest = _lowest_gates(rubric)
        for b in ready.blockers:
            if b.kind is BlockerKind.GATE and b.question and b.needed:
                degree = rubric.scale[min(lowest[g] for g in b.gates)].id
                steps += state.raise_to(b.question, b.needed, degree, True)
        assert result.degree is not None, "readiness is only judged for a rated result"
        start = rubric.level_index(result.degree.id) + 1
        for level in rubric.scale[start:]:
            steps += state.climb(level)
    steps += state.remaining()
    return tuple(steps)


def _lowest_gates(rubric: Rubric) -> dict[str, int]:
    """Each gate id's degree index (the lowest, were an id ever repeated), looked up once
    rather than by scanning every gate for every blocker."""
    lowest: dict[str, int] = {}
    for g in rubric.gates:
        index = rubric.level_index(g.degree)
        lowest[g.id] = min(index, lowest.get(g.id, index))
    return lowest


class _Lazy:
    """Items (indices) ordered by a key that changes, smallest key first.

    Changing a key pushes a new entry and leaves the old one where it is; an entry whose key
    is no longer its item's is dropped when it reaches the top. A change costs O(log n), and
    every entry is dropped at most once.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[Key, int]] = []
        self._live: dict[int, Key] = {}

    def set(self, item: int, key: Key) -> None:
        if self._live.get(item) != key:
            self._live[item] = key
            heapq.heappush(self._heap, (key, item))

    def discard(self, item: int) -> None:
        self._live.pop(item, None)

    def top(self) -> int | None:
        """The item with the smallest key, or None when there is none."""
        heap, live = self._heap, self._live
        while heap:
            key, item = heap[0]
            if live.get(item) == key:
                return item
            heapq.heappop(heap)
        return None

    def key(self, item: int) -> Key:
        return self._live[item]


@dataclass
class _Question:
    """What the simulation needs of one question, looked up once."""

    question: Question
    section: int
    na: bool
    rank: int  # the option that counts now (unanswered: the worst); 0 for n/a
    unanswered: bool
    terms: tuple[Fraction, ...]  # the section total's term for each option
    claims: tuple[int, ...] | None  # a degree question's scale index for each option
    needs: list[tuple[int, int]]  # (gate, least option rank) for each gate requiring it
    candidate: bool  # counts for something: applicable, weight above zero

    @property
    def has_next(self) -> bool:
        return self.rank + 1 < len(self.question.options)


def _questions(result: Result) -> list[_Question]:
    """Per-question facts, in rubric order (the order of ``result.questions``)."""
    rubric = result.rubric
    rule = rubric.scoring.section
    index = {s.id: i for i, s in enumerate(rubric.sections)}
    out = []
    for qr in result.questions:
        q = qr.question
        na = qr.status is Status.NOT_APPLICABLE
        rank = 0 if qr.option_id is None else q.rank(qr.option_id)
        terms = () if na else tuple(term(rule, q, o.id) for o in q.options)
        claims = None
        if q.type is QuestionType.DEGREE and not na:
            claims = tuple(rubric.level_index(o.id) for o in q.options)
        out.append(_Question(q, index[q.section], na, rank, qr.status is Status.UNANSWERED,
                             terms, claims, [], not na and q.weight > 0))
    return out


class _Tally:
    """Each section's exact sums and the overall, moved by one term per step.

    Two overalls are kept because the roadmap needs both. The raw one (exact section values)
    gives each step's gain and ranks the candidates; the scorer's (each section rounded down
    to one decimal, combined, rounded down again) decides the degree. A section's value is
    linear in its total, so a step changes it by the moved term times a per-section factor.
    For ``weighted_mean`` the overall is sum(w * v) / sum(w) over scored sections; for ``min``
    it is the smallest share v / m times the rubric's maximum, kept in lazy heaps.
    """

    def __init__(self, rubric: Rubric, questions: list[_Question]):
        scoring = rubric.scoring
        self.rule, self.max_score = scoring.section, scoring.max_score
        self.minimum = scoring.overall is OverallRule.MIN
        count = len(rubric.sections)
        self.weight = [s.weight for s in rubric.sections]
        self.total, self.span = [ZERO] * count, [ZERO] * count
        for q in questions:
            if not q.na:
                self.total[q.section] += q.terms[q.rank]
                self.span[q.section] += span(self.rule, q.question)
        parts = [section_value(self.rule, self.max_score, self.total[s], self.span[s])
                 for s in range(count)]
        self.value = [v for v, _ in parts]
        self.top = [m for _, m in parts]
        self.scored = [v is not None and m is not None for v, m in parts]
        self.floor = [None if v is None else floor1(v) for v in self.value]
        self.factor = [section_value(self.rule, self.max_score, Fraction(1), self.span[s])[0]
                       or ZERO for s in range(count)]
        self._overall(rubric)

    def _overall(self, rubric: Rubric) -> None:
        """The parts of the overall that only ever change by one section at a time."""
        scored = [s for s, ok in enumerate(self.scored) if ok]
        self.weight_sum = sum((self.weight[s] for s in scored), ZERO)
        self.floor_sum = sum((self.weight[s] * self._floor(s) for s in scored), ZERO)
        self.shares, self.floor_shares = _Lazy(), _Lazy()
        for s in scored:
            self.shares.set(s, (self.share(s),))
            self.floor_shares.set(s, (self._floor(s) / self._top(s),))
        if self.minimum:
            self.best: Fraction | None = overall_max(rubric.scoring, rubric.sections)
        elif self.weight_sum:
            self.best = sum((self.weight[s] * self._top(s) for s in scored), ZERO)
            self.best /= self.weight_sum
        else:
            self.best = None
        if not scored:
            self.best = None

    def _floor(self, s: int) -> Fraction:
        floor = self.floor[s]
        assert floor is not None, "only scored sections are combined"
        return floor

    def _top(self, s: int) -> Fraction:
        top = self.top[s]
        assert top is not None, "only scored sections are combined"
        return top

    def share(self, s: int) -> Fraction:
        """A scored section's raw value as a share of its maximum (what ``min`` compares)."""
        value = self.value[s]
        assert value is not None, "only scored sections have a share"
        return value / self._top(s)

    def move(self, s: int, delta: Fraction) -> tuple[Fraction, bool]:
        """Add ``delta`` to a section's total: (the raw overall's exact gain, whether the
        section's rounded score changed)."""
        self.total[s] += delta
        if delta == 0 or not self.scored[s]:
            return ZERO, False  # the section has no value, or it does not change
        old = self.value[s]
        assert old is not None
        new = section_value(self.rule, self.max_score, self.total[s], self.span[s])[0]
        assert new is not None
        self.value[s] = new
        if self.minimum:
            before = self.shares.key(self._lowest(self.shares))[0]
            self.shares.set(s, (self.share(s),))
            after = self.shares.key(self._lowest(self.shares))[0]
            gain = ZERO if self.best is None else after * self.best - before * self.best
        else:
            gain = self.weight[s] * (new - old) / self.weight_sum if self.weight_sum else ZERO
        return gain, self._refloor(s, new)

    def _refloor(self, s: int, value: Fraction) -> bool:
        floor, old = floor1(value), self._floor(s)
        if floor == old:
            return False
        self.floor[s] = floor
        self.floor_sum += self.weight[s] * (floor - old)
        self.floor_shares.set(s, (floor / self._top(s),))
        return True

    @staticmethod
    def _lowest(heap: _Lazy) -> int:
        lowest = heap.top()
        assert lowest is not None, "a scored section exists"
        return lowest

    def percent(self) -> Fraction | None:
        """The scorer's overall score as a percent of its maximum, as ``degree_for`` sees it."""
        if self.best is None:
            return None
        if self.minimum:
            score = floor1(self.floor_shares.key(self._lowest(self.floor_shares))[0] * self.best)
        else:
            score = floor1(self.floor_sum / self.weight_sum)
        return percent(score, self.best)

    def section_percent(self, s: int) -> Fraction | None:
        return percent(self.floor[s], self.top[s])

    def rank_weight(self, s: int) -> Fraction:
        """How much of a step's section gain reaches the raw overall, for ranking only.

        ``weighted_mean``: w / sum(w). ``min``: 0, because there the gain never reorders the
        candidates: only the unique weakest section can gain, and it is already the first by
        the next key (the weaker section first), and any section with a candidate is scored.
        """
        if self.minimum or not self.weight_sum or not self.scored[s]:
            return ZERO
        return self.weight[s] / self.weight_sum


class _Degrees:
    """The scorer's degrees (overall and per stage), moved with the answers they depend on.

    Answers only ever move up, so a gate's unmet requirements only fall and a gate, once
    passed, stays passed. Kept per degree: how many failed gates there are, overall and per
    stage they cover (a failed gate on degree d caps at d - 1), and how many of a stage's
    degree questions claim it (a stage is never above its lowest claim). A stage's degree is
    recomputed only when its rounded score, a claim in it or a gate covering it changes.
    """

    def __init__(self, rubric: Rubric, questions: list[_Question], tally: _Tally):
        self.rubric, self.questions, self.tally = rubric, questions, tally
        self.starts = [lv.start for lv in rubric.scale]
        levels = len(self.starts)
        self.stages = [s for s, sec in enumerate(rubric.sections) if levels
                       and sec.kind is SectionKind.STAGE and tally.section_percent(s) is not None]
        self.failed = [0] * levels
        self.stage_failed = {s: [0] * levels for s in self.stages}
        self.claims = {s: [0] * levels for s in self.stages}
        self.degree: dict[int, int] = {}
        self.lead = _Lazy()  # rated stages, highest degree first, then highest percent
        self._gates(questions)
        for q in questions:
            if q.claims is not None and q.section in self.claims:
                self.claims[q.section][q.claims[q.rank]] += 1
        for s in self.stages:
            self.refresh(s)

    def _gates(self, questions: list[_Question]) -> None:
        """Unmet requirements per gate, the gates each question is needed by, and the failed
        gates' counts. Every question that is not n/a counts as answered, as when re-scored."""
        rubric = self.rubric
        index = {q.question.id: i for i, q in enumerate(questions)}
        section = {s.id: i for i, s in enumerate(rubric.sections)}
        gates = rubric.gates if self.starts else ()  # without a scale nothing is rated
        self.gate_level = [rubric.level_index(gate.degree) for gate in gates]
        self.unmet = [0] * len(gates)
        self.covers: list[list[int]] = []
        for g, gate in enumerate(gates):
            covered = {section[sid] for sid in gate.sections if sid in section}
            self.covers.append([s for s in self.stages if s in covered])
            for req in gate.requires:
                q = questions[index[req.question]]
                need = q.question.rank(req.at_least)
                if not q.na:
                    q.needs.append((g, need))
                    self.unmet[g] += q.rank < need
            if self.unmet[g]:
                self.failed[self.gate_level[g]] += 1
                for s in self.covers[g]:
                    self.stage_failed[s][self.gate_level[g]] += 1

    def moved(self, i: int, old: int, rescored: bool) -> None:
        """Question ``i`` moved up from option ``old``; ``rescored``: its section's rounded
        score changed."""
        q = self.questions[i]
        for g, need in q.needs:
            if old < need <= q.rank:
                self.unmet[g] -= 1
                if not self.unmet[g]:
                    self._passed(g)
        if q.claims is not None and q.section in self.claims:
            counts = self.claims[q.section]
            counts[q.claims[old]] -= 1
            counts[q.claims[q.rank]] += 1
            rescored = True
        if rescored and q.section in self.claims:
            self.refresh(q.section)

    def _passed(self, g: int) -> None:
        level = self.gate_level[g]
        self.failed[level] -= 1
        for s in self.covers[g]:
            self.stage_failed[s][level] -= 1
            self.refresh(s)

    def _by_score(self, pct: Fraction) -> int:
        """The highest degree whose start the percent reaches (``degree_for``'s by-score)."""
        return max((i for i, start in enumerate(self.starts) if start <= pct), default=0)

    def _capped(self, by_score: int, failed: list[int]) -> int:
        """``degree_for``: the score's degree, capped one below the lowest failed gate (a gate
        on the lowest degree gives -1, which ``scale[-1]`` reads as the top, so this does)."""
        lowest = next((d for d, n in enumerate(failed) if n), None)
        capped = by_score if lowest is None else min(by_score, lowest - 1)
        return capped % len(self.starts)

    def refresh(self, s: int) -> None:
        """Recompute one stage's degree: by score, capped by gates, then by its claims."""
        pct = self.tally.section_percent(s)
        assert pct is not None, "only rated stages are kept"
        degree = self._capped(self._by_score(pct), self.stage_failed[s])
        claimed = next((d for d, n in enumerate(self.claims[s]) if n), None)
        if claimed is not None and claimed < degree:
            degree = claimed
        self.degree[s] = degree
        self.lead.set(s, (-degree, -pct))

    def score_index(self) -> int:
        """The overall degree by score alone (the result's ``score_degree``)."""
        pct = self.tally.percent()
        assert pct is not None, "the roadmap only climbs for a rated result"
        return self._by_score(pct)

    def overall_index(self) -> int:
        """The overall degree: by score, capped by every failed gate, then by the highest
        stage (the system is never rated above its most automated stage)."""
        degree = self._capped(self.score_index(), self.failed)
        highest = self.leading()
        if highest is not None and degree > self.degree[highest]:
            degree = self.degree[highest]
        return degree

    def leading(self) -> int | None:
        """The rated stage with the highest degree, then the highest percent, then the first."""
        return self.lead.top()

    def aim(self, goal: int) -> None:
        """Start climbing to degree ``goal``: list, in rubric order, the questions a gate on the
        way (at or below ``goal``) still needs, and each stage's degree questions. Answers only
        move up, so within one goal a question that leaves either list never comes back, and
        a cursor over each list finds the first one still in it."""
        self.goal = goal
        self.blocking = [i for i, q in enumerate(self.questions) if self._blocks(q)]
        self.claimers: dict[int, list[int]] = {s: [] for s in self.stages}
        for i, q in enumerate(self.questions):
            if q.claims is not None and q.section in self.claimers:
                self.claimers[q.section].append(i)
        self.cursor = {s: 0 for s in self.stages}
        self.blocking_cursor = 0

    def _blocks(self, q: _Question) -> bool:
        return any(q.rank < need and self.gate_level[g] <= self.goal for g, need in q.needs)

    def first_blocking(self) -> int | None:
        """The first question in rubric order that a failed gate at or below the goal needs."""
        while self.blocking_cursor < len(self.blocking):
            i = self.blocking[self.blocking_cursor]
            if self._blocks(self.questions[i]):
                return i
            self.blocking_cursor += 1
        return None

    def first_claim(self, s: int) -> int | None:
        """The stage's first degree question claiming less than the goal."""
        claimers = self.claimers[s]
        while self.cursor[s] < len(claimers):
            q = self.questions[claimers[self.cursor[s]]]
            assert q.claims is not None
            if q.claims[q.rank] < self.goal:
                return claimers[self.cursor[s]]
            self.cursor[s] += 1
        return None


class _Ranking:
    """The candidates, best first by the reference's key, in O(log n) per step.

    The key is (overall gain, the weaker section first, section gain, rubric order). A
    candidate's section gain depends only on its own option (a section's denominator never
    changes), and within one section the overall gain never falls as the section gain rises:
    ``weighted_mean`` gains w / sum(w) times it, and ``min`` gains only in the unique weakest
    section, by the section gain capped at the next weakest. So a heap per section ordered by
    (section gain, rubric order) gives the section's best candidate, and a heap of sections
    ordered by the full key of their best gives the best of all.
    """

    def __init__(self, questions: list[_Question], tally: _Tally):
        self.questions, self.tally = questions, tally
        self.once = False  # moved questions leave the ranking instead of coming back
        self.inside = [_Lazy() for _ in tally.total]
        self.sections = _Lazy()
        for i, q in enumerate(questions):
            if q.candidate and q.has_next:
                self.inside[q.section].set(i, self._question_key(i))
        for s in range(len(tally.total)):
            self.refresh(s)

    def _gain(self, i: int) -> Fraction:
        """The section gain of moving question ``i`` up one option."""
        q = self.questions[i]
        return self.tally.factor[q.section] * (q.terms[q.rank + 1] - q.terms[q.rank])

    def _question_key(self, i: int) -> Key:
        return (-self._gain(i), i)

    def moved(self, i: int) -> None:
        """Question ``i`` moved: re-rank it and its section."""
        q = self.questions[i]
        if q.candidate:
            if q.has_next and not self.once:
                self.inside[q.section].set(i, self._question_key(i))
            else:
                self.inside[q.section].discard(i)
        self.refresh(q.section)

    def refresh(self, s: int) -> None:
        """Re-key a section by its best candidate (its share has changed, or its best)."""
        best = self.inside[s].top()
        if best is None:
            self.sections.discard(s)
            return
        gain = self._gain(best)
        self.sections.set(s, (-self.tally.rank_weight(s) * gain, self.tally.share(s), -gain, best))

    def best(self) -> int | None:
        s = self.sections.top()
        return None if s is None else self.best_in(s)

    def best_in(self, s: int) -> int | None:
        return self.inside[s].top()


class _State:
    """A mutable copy of the answers that the roadmap simulation improves step by step."""

    def __init__(self, result: Result):
        self.rubric = result.rubric
        self.questions = _questions(result)
        self.index = {q.question.id: i for i, q in enumerate(self.questions)}
        self.tally = _Tally(self.rubric, self.questions)
        self.degrees = _Degrees(self.rubric, self.questions, self.tally)
        self.ranking = _Ranking(self.questions, self.tally)

    def apply(self, i: int, degree: str | None, blocker: bool) -> Step:
        """Move one answer up by one option and record the step with its exact gain."""
        q = self.questions[i]
        assert q.has_next, "only questions below their best are stepped"
        options = q.question.options
        current = None if q.unanswered else options[q.rank].id
        q.unanswered = False
        old, q.rank = q.rank, q.rank + 1
        gain, rescored = self.tally.move(q.section, q.terms[q.rank] - q.terms[old])
        self.degrees.moved(i, old, rescored)
        self.ranking.moved(i)
        return Step(q.question, current, options[q.rank].id, gain, degree, blocker,
                    current is None)

    def answer_unanswered(self) -> list[Step]:
        """One step for each unanswered question, in rubric order."""
        return [self.apply(i, None, False) for i, q in enumerate(self.questions)
                if q.unanswered and q.has_next]

    def raise_to(self, question: Question, needed: str, degree: str, blocker: bool
                 ) -> list[Step]:
        """Steps that bring one answer up to the needed option."""
        i = self.index[question.id]
        need = question.rank(needed)
        steps = []
        while self.questions[i].rank < need:
            steps.append(self.apply(i, degree, blocker))
        return steps

    def climb(self, level: Level) -> list[Step]:
        """Greedy steps until the overall degree reaches ``level``; gate blockers first."""
        steps: list[Step] = []
        goal = self.rubric.level_index(level.id)
        self.degrees.aim(goal)
        while self.degrees.overall_index() < goal:
            i, blocker = self._choose(goal)
            if i is None:
                break
            steps.append(self.apply(i, level.id, blocker))
        return steps

    def _choose(self, goal: int) -> tuple[int | None, bool]:
        """The next step towards degree ``goal``: a gate blocker; else, while the score is short,
        the largest gain; else (the stages hold the system back) a step for the most
        automated stage: its own degree answer first, then its largest gain."""
        blocking = self.degrees.first_blocking()
        if blocking is not None:
            return blocking, True
        if self.degrees.score_index() >= goal:
            stage = self.degrees.leading()
            if stage is not None and self.degrees.degree[stage] < goal:
                claim = self.degrees.first_claim(stage)
                if claim is not None:
                    return claim, False
                inside = self.ranking.best_in(stage)
                if inside is not None:
                    return inside, False
        return self.ranking.best(), False

    def remaining(self) -> list[Step]:
        """One step for every question still below its best, re-ranked by gain after each step
        (under a weakest-link rule the best next step changes as sections catch up)."""
        self.ranking.once = True
        steps = []
        while (i := self.ranking.best()) is not None:
            steps.append(self.apply(i, None, False))
        return steps
