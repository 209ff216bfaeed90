"""The roadmap: steps that clear a target's blockers and then raise the score, in priority order.

The order: first what the declared degree of automation lacks (when the system runs beyond
what its practices support), then what the target degree needs, then maturity (unanswered
questions, the levels one by one, then every remaining improvement). It never proposes
changing the declared degree: who decides is a business decision, not an improvement.

Found by simulation: steps are applied to a copy of the answers, so every step's gain and the
level it leads to are what the scorer would really give, not an estimate. The simulation does
not re-score after each step, though: a step moves one question up one option, which changes
one term of one section, so everything the scorer would compute is kept and moved by that term
alone (each section's exact sums, both overalls, each gate's unmet requirements, each stage's
level), and candidates are ranked by heaps instead of a ``max()`` over every question. Each
step costs O(log n), where a re-score and a ``max()`` per step made the roadmap quadratic.
The sums are integers over common denominators, so the loop adds and compares integers and
only a step's exact ``Fraction`` gain is built as a fraction.
``tests/reference_roadmap.py`` is the plain simulation this must match step for step.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from fractions import Fraction

from mlops_maturity.engine.automation import AutomationResult
from mlops_maturity.engine.findings import BlockerKind, Step, Towards, TowardsKind
from mlops_maturity.engine.readiness import DegreeReadiness, Readiness
from mlops_maturity.engine.scoring import Result, Status
from mlops_maturity.model.maxima import overall_max
from mlops_maturity.model.rubric import (Degree, Level, OverallRule, Question, Rubric,
                                         SectionKind, SectionRule)

ZERO = Fraction(0)
# A heap key, smallest first; the item (an index) breaks ties.
Key = tuple[int, ...]


def roadmap(result: Result, axis: AutomationResult | None = None,
            degree_ready: DegreeReadiness | None = None,
            ready: Readiness | None = None) -> tuple[Step, ...]:
    """Steps in priority order: what the declared degree lacks, what the target degree needs,
    the unanswered questions, the target level's gate blockers, the largest gain per step
    level by level, then the remaining improvements once per question."""
    state = _State(result)
    steps: list[Step] = []
    if axis is not None:
        # Running beyond support is the most important thing to fix, whatever the target:
        # it needs only the axis, not a readiness verdict for a target degree.
        degrees, declared = axis.automation.degrees, axis.declared_index
        if declared is not None and declared > axis.supported_index:
            steps += state.support(degrees[:declared + 1], TowardsKind.SUPPORT)
        if degree_ready is not None:
            goal = axis.automation.index(degree_ready.target.id)
            steps += state.support(degrees[:goal + 1], TowardsKind.DEGREE)
    # Unanswered questions next: until they are answered, every other figure is a guess.
    steps += state.answer_unanswered()
    steps += _maturity(state, result, ready)
    steps += state.remaining()
    return tuple(steps)


def _maturity(state: _State, result: Result, ready: Readiness | None) -> list[Step]:
    """The target level's gate blockers, then climbing each level above the current one."""
    rubric = result.rubric
    if result.level is None:
        return []
    steps: list[Step] = []
    if ready is not None:
        lowest = _lowest_gates(rubric)
        for b in ready.blockers:
            if b.kind is BlockerKind.GATE and b.question and b.needed:
                gated = rubric.levels[min(lowest[g] for g in b.owners)].id
                steps += state.raise_to(b.question, b.needed, Towards(TowardsKind.LEVEL, gated),
                                        True)
    # A level above the target (or any level, without one) is an improvement, not a need.
    target = -1 if ready is None else rubric.level_index(ready.target.id)
    start = rubric.level_index(result.level.id) + 1
    for index in range(start, len(rubric.levels)):
        steps += state.climb(rubric.levels[index], index <= target)
    return steps


def _lowest_gates(rubric: Rubric) -> dict[str, int]:
    """Each gate id's level index (the lowest, were an id ever repeated), looked up once
    rather than by scanning every gate for every blocker."""
    lowest: dict[str, int] = {}
    for g in rubric.gates:
        index = rubric.level_index(g.level)
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
        """Give an item a key (adding it); an unchanged key pushes nothing."""
        if self._live.get(item) != key:
            self._live[item] = key
            heapq.heappush(self._heap, (key, item))

    def discard(self, item: int) -> None:
        """Remove an item; its entries are dropped when they reach the top."""
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
        """The current key of an item that is in the heap."""
        return self._live[item]


@dataclass(slots=True)
class _Question:
    """What the simulation needs of one question, looked up once."""

    question: Question
    section: int
    ids: tuple[str, ...]  # option ids, worst first
    rank: int  # the option that counts now (unanswered: the worst; n/a: 0, never read)
    unanswered: bool
    na: bool
    terms: tuple[int, ...]  # each option's term, as a numerator over the common denominator
    needs: list[tuple[int, int]]  # (gate, least option rank) for each gate requiring it
    candidate: bool  # counts for something: applicable, weight above zero
    span: tuple[int, int]  # tally.span, as (numerator, denominator)

    @property
    def has_next(self) -> bool:
        """Whether the question can move up one option."""
        return self.rank + 1 < len(self.ids)


def _questions(result: Result) -> tuple[list[_Question], int]:
    """Per-question facts in rubric order (the order of ``result.questions``), each term an
    integer over one denominator common to the rubric, so the hot loop adds and compares ints.
    Questions with the same options and weight share their figures (most rubrics have few
    kinds), keyed by the options' id: the rubric, and so each options tuple, outlives this."""
    rubric = result.rubric
    mean = rubric.scoring.section is SectionRule.WEIGHTED_MEAN
    section = {s.id: i for i, s in enumerate(rubric.sections)}
    out: list[_Question] = []
    kinds: dict[tuple[int, int, int], _Terms] = {}
    keys = []
    for qr in result.questions:
        q = qr.question
        key = (id(q.options), q.weight.numerator, q.weight.denominator)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = _terms(mean, q)
        ids, terms, _, span = kind
        keys.append(key)
        na = qr.status is Status.NOT_APPLICABLE
        out.append(_Question(q, section[q.section], ids,
                             0 if qr.option_id is None else ids.index(qr.option_id),
                             qr.status is Status.UNANSWERED, na, terms, [],
                             not na and q.scored and key[1] > 0, span))
    common = math.lcm(*(kind[2] for kind in kinds.values()))
    scaled = {key: tuple(t * (common // kind[2]) for t in kind[1]) for key, kind in kinds.items()}
    for fact, key in zip(out, keys):
        fact.terms = scaled[key]
    return out, common


# A question's option ids, its terms as numerators over a denominator, and its span.
_Terms = tuple[tuple[str, ...], tuple[int, ...], int, tuple[int, int]]


def _terms(mean: bool, q: Question) -> _Terms:
    """``tally.term`` of each option as integer numerators over one denominator (the weight
    times the points, over the best points for ``weighted_mean``), and ``tally.span`` as
    (numerator, denominator)."""
    if not q.scored:  # the automation question: no points, no span
        ids = tuple(o.id for o in q.options)
        return ids, (0,) * len(ids), 1, (0, 1)
    lcd = math.lcm(*(o.points.denominator for o in q.options))
    points = [o.points.numerator * (lcd // o.points.denominator) for o in q.options]
    w, best = q.weight, points[-1]  # the points are lcd times the real ones
    ids = tuple(o.id for o in q.options)
    if mean:
        terms = tuple(w.numerator * p for p in points) if best else (0,) * len(points)
        return ids, terms, w.denominator * (best or 1), (w.numerator, w.denominator)
    return (ids, tuple(w.numerator * p for p in points), w.denominator * lcd,
            (w.numerator * best, w.denominator * lcd))


def _reach(starts: list[Fraction], top: Fraction) -> list[int]:
    """Where each level starts, as the least ten-times-rounded score that reaches it: a
    percent ``10 * floor10 * 100 / (100 * top)`` is at least ``start`` exactly when
    ``floor10 >= start * top / 10``."""
    return [-(-(s.numerator * top.numerator) // (10 * s.denominator * top.denominator))
            for s in starts]


def _by_score(reach: list[int], floor10: int) -> int:
    """``level_for``'s level by score: the highest whose start the score reaches, else 0."""
    level = 0
    for d, least in enumerate(reach):
        if floor10 >= least:
            level = d
    return level


def _lowest(counts: list[int]) -> int | None:
    """The lowest level with a count of failed gates, if any."""
    for d, n in enumerate(counts):
        if n:
            return d
    return None


def _capped(by_score: int, failed: int | None, levels: int) -> int:
    """``level_for``: capped one below the lowest failed gate. A gate on the lowest level
    gives -1, which ``levels[-1]`` reads as the top, and so does this."""
    return by_score if failed is None else min(by_score, failed - 1) % levels


class _Tally:
    """Each section's exact sums and the overall, moved by one term per step, in integers.

    A section's total is the sum of its terms and its span the sum of its spans (the latter
    never changes: n/a answers stay n/a), both as integers over common denominators. Its
    value is linear in its total, so every rational the roadmap compares across sections
    (a share v / m, a section gain, an overall gain, a rounded percent) is kept as an integer
    times a positive constant common to all sections, and compared as that integer.

    Two overalls are kept because the roadmap needs both. The raw one (exact section values)
    gives each step's gain; the scorer's (each section rounded down to one decimal, combined,
    rounded down again) decides the level. ``weighted_mean``: sum(w * v) / sum(w) over the
    scored sections, kept as one sum; ``min``: the smallest share times the rubric's maximum,
    kept in lazy heaps.
    """

    def __init__(self, rubric: Rubric, questions: list[_Question], denominator: int):
        self.minimum = rubric.scoring.overall is OverallRule.MIN
        count = len(rubric.sections)
        self.total = [0] * count
        spans: list[list[tuple[int, int]]] = [[] for _ in range(count)]
        for q in questions:
            if not q.na:
                self.total[q.section] += q.terms[q.rank]
                spans[q.section].append(q.span)
        over = math.lcm(*(d for parts in spans for _, d in parts))
        self.span = [sum((n * (over // d) for n, d in parts), 0) for parts in spans]
        self.scored = [span != 0 for span in self.span]
        common = math.lcm(*(span for span in self.span if span))
        self.share_unit = [common // span if span else 0 for span in self.span]
        self._sections(rubric, denominator, over)
        self._overall(rubric, denominator, over, common)

    def _sections(self, rubric: Rubric, denominator: int, over: int) -> None:
        """Per-section constants: the rounded score from the total, a section's maximum, and
        the multipliers that put a step's section gain and a rounded percent on one scale."""
        top = rubric.scoring.max_score
        mean = rubric.scoring.section is SectionRule.WEIGHTED_MEAN
        one = [1] * len(self.span)
        # The section value per unit of total: max * over / (denominator * span), or
        # 1 / denominator for ``sum``; times 10 and floored, it is the score rounded down.
        self.unit = [ZERO if not span else Fraction(1, denominator) if not mean
                     else Fraction(top.numerator * over, top.denominator * denominator * span)
                     for span in self.span]
        self.floor_num = [10 * u.numerator for u in self.unit]
        self.floor_den = [u.denominator for u in self.unit]
        self.floor10 = [self._floor10(s) for s in range(len(self.span))]
        self.step_unit = self.share_unit if mean else one  # a section gain, on one scale
        self.percent_unit = one if mean else self.share_unit  # a rounded percent, on one scale
        self.maximum = [top if mean else Fraction(span, over) for span in self.span]

    def _floor10(self, s: int) -> int:
        """Ten times the section's score rounded down to one decimal (``tally.floor1``)."""
        return self.floor_num[s] * self.total[s] // self.floor_den[s]

    def _overall(self, rubric: Rubric, denominator: int, over: int, common: int) -> None:
        """The overall's constants and running sums. A scored section's weight is kept as
        ``omega / lcd`` so that sums of weights times rounded scores stay integers."""
        count = len(self.span)
        weights = [rubric.sections[s].weight if self.scored[s] else ZERO for s in range(count)]
        lcd = math.lcm(*(w.denominator for w in weights))
        self.omega = [w.numerator * (lcd // w.denominator) for w in weights]
        self.omega_sum = sum(self.omega)
        self.floor_sum = sum(o * f for o, f in zip(self.omega, self.floor10))
        self.shares, self.floor_shares = _Lazy(), _Lazy()
        self.gains: dict[tuple[int, int], Fraction] = {}
        self.rank_unit = [0] * count  # an overall gain, on one scale (0: never reorders)
        self.gain_unit = [ZERO] * count  # the exact overall gain per unit of a section total
        if self.minimum:
            for s in range(count):
                if self.scored[s]:
                    self.shares.set(s, (self.share(s),))
                    self.floor_shares.set(s, (self.floor10[s] * self.percent_unit[s],))
            best = overall_max(rubric.scoring, rubric.sections) if any(self.scored) else None
            self.best = best
            per_share = over / Fraction(denominator * common)  # a share per unit of share()
            self.min_gain = ZERO if best is None else best * per_share
            mean = rubric.scoring.section is SectionRule.WEIGHTED_MEAN
            self.min_floor = ZERO if best is None else (
                best / rubric.scoring.max_score if mean else best * over / common)
        elif self.omega_sum:
            self.best = sum((o * m for o, m in zip(self.omega, self.maximum)), ZERO)
            self.best /= self.omega_sum
            self.rank_unit = [o * u for o, u in zip(self.omega, self.step_unit)]
            self.gain_unit = [u * o / self.omega_sum for u, o in zip(self.unit, self.omega)]
        else:
            self.best = None  # every scored section weighs 0: there is no overall

    def share(self, s: int) -> int:
        """A scored section's raw value as a share of its maximum, times a common constant."""
        return self.total[s] * self.share_unit[s]

    def move(self, s: int, delta: int) -> tuple[Fraction, bool]:
        """Add ``delta`` to a section's total: (the raw overall's exact gain, whether the
        section's rounded score changed)."""
        self.total[s] += delta
        if not delta or not self.scored[s]:
            return ZERO, False  # the section has no value, or its value does not change
        gain = self._min_gain(s) if self.minimum else self._mean_gain(s, delta)
        floor10 = self._floor10(s)
        if floor10 == self.floor10[s]:
            return gain, False
        self.floor_sum += self.omega[s] * (floor10 - self.floor10[s])
        self.floor10[s] = floor10
        if self.minimum:
            self.floor_shares.set(s, (floor10 * self.percent_unit[s],))
        return gain, True

    def _mean_gain(self, s: int, delta: int) -> Fraction:
        """w / sum(w) times the section gain: it depends on the section and the term's change
        alone, so it is computed once for each pair."""
        gain = self.gains.get((s, delta))
        if gain is None:
            gain = self.gains[s, delta] = self.gain_unit[s] * delta
        return gain

    def _min_gain(self, s: int) -> Fraction:
        """The rubric's maximum times the change of the smallest share."""
        before = self.shares.key(_top(self.shares))[0]
        self.shares.set(s, (self.share(s),))
        after = self.shares.key(_top(self.shares))[0]
        return ZERO if after == before else self.min_gain * (after - before)

    def reaches(self, s: int, at_least: Fraction) -> bool:
        """Whether a section's rounded score is at least ``at_least`` percent of its maximum
        (a section without a score never is)."""
        if not self.scored[s]:
            return False
        return Fraction(10 * self.floor10[s]) >= at_least * self.maximum[s]

    def overall_floor10(self) -> int:
        """Ten times the scorer's overall score (each section rounded down, the overall
        rounded down again), for a result that has one."""
        if self.minimum:
            low = self.floor_shares.key(_top(self.floor_shares))[0]
            return self.min_floor.numerator * low // self.min_floor.denominator
        return self.floor_sum // self.omega_sum


def _top(heap: _Lazy) -> int:
    """The top of a heap of scored sections (of which the callers know there is one)."""
    top = heap.top()
    assert top is not None, "a scored section exists"
    return top


class _Levels:
    """The scorer's maturity levels (overall and per stage), moved with the answers.

    Answers only ever move up, so a gate's unmet requirements only fall and a gate, once
    passed, stays passed. Kept per level: how many failed gates there are, overall and per
    stage they cover (a failed gate on level d caps at d - 1), with the lowest level of each
    count. A stage's level is recomputed only when its rounded score or a gate covering it
    changes. Scores are compared as ten times their rounding.
    """

    def __init__(self, rubric: Rubric, questions: list[_Question], tally: _Tally):
        self.rubric, self.questions, self.tally = rubric, questions, tally
        starts = [lv.start for lv in rubric.levels]
        self.levels = len(starts)
        self.stages = [s for s, sec in enumerate(rubric.sections) if starts
                       and sec.kind is SectionKind.STAGE and tally.scored[s]]
        self.reach = _reach(starts, tally.best) if tally.best else None
        self.stage_reach = {s: _reach(starts, tally.maximum[s]) for s in self.stages}
        self.failed = [0] * self.levels
        self.stage_failed = {s: [0] * self.levels for s in self.stages}
        self._gates(questions)
        self.gated = [i for i, q in enumerate(questions) if q.needs]
        self.low_failed = _lowest(self.failed)
        self.stage_low = {s: _lowest(self.stage_failed[s]) for s in self.stages}
        self.level: dict[int, int] = {}
        self.lead = _Lazy()  # rated stages, highest level first, then highest percent
        for s in self.stages:
            self.refresh(s)

    def _gates(self, questions: list[_Question]) -> None:
        """Unmet requirements per gate, the gates each question is needed by, and the failed
        gates' counts. Every question that is not n/a counts as answered, as when re-scored."""
        rubric = self.rubric
        index = {q.question.id: i for i, q in enumerate(questions)}
        section = {s.id: i for i, s in enumerate(rubric.sections)}
        stages = set(self.stages)
        gates = rubric.gates if rubric.levels else ()  # without levels nothing is rated
        self.gate_level = [rubric.level_index(gate.level) for gate in gates]
        self.unmet = [0] * len(gates)
        self.covers: list[list[int]] = []
        for g, gate in enumerate(gates):
            covered = {section[sid] for sid in gate.sections if sid in section}
            self.covers.append(sorted(covered & stages))
            for req in gate.requires:
                q = questions[index[req.question]]
                need = q.ids.index(req.at_least)
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
        if rescored and q.section in self.stage_failed:
            self.refresh(q.section)

    def _passed(self, g: int) -> None:
        """Gate ``g`` has no unmet requirement left: it no longer caps anything."""
        level = self.gate_level[g]
        self.failed[level] -= 1
        self.low_failed = _lowest(self.failed)
        for s in self.covers[g]:
            self.stage_failed[s][level] -= 1
            self.stage_low[s] = _lowest(self.stage_failed[s])
            self.refresh(s)

    def refresh(self, s: int) -> None:
        """Recompute one stage's level: by score, capped by the gates that cover it."""
        floor10 = self.tally.floor10[s]
        level = _capped(_by_score(self.stage_reach[s], floor10), self.stage_low[s], self.levels)
        self.level[s] = level
        self.lead.set(s, (-level, -floor10 * self.tally.percent_unit[s]))

    def overall(self) -> tuple[int, int]:
        """(the overall level, the overall level by score alone): by score, capped by every
        failed gate, then by the highest stage (never above the most mature stage)."""
        assert self.reach is not None, "the roadmap only climbs for a rated result"
        by_score = _by_score(self.reach, self.tally.overall_floor10())
        level = _capped(by_score, self.low_failed, self.levels)
        highest = self.lead.top()
        if highest is not None and level > self.level[highest]:
            level = self.level[highest]
        return level, by_score

    def leading(self) -> int | None:
        """The rated stage with the highest level, then the highest percent, then the first."""
        return self.lead.top()

    def aim(self, goal: int) -> None:
        """Start climbing to level ``goal``: list, in rubric order, the questions a gate on the
        way (at or below ``goal``) still needs. Answers only move up, so within one goal a
        question that leaves the list never comes back, and a cursor finds the first one
        still in it."""
        self.goal = goal
        self.blocking = [i for i in self.gated if self._blocks(self.questions[i])]
        self.blocking_cursor = 0

    def _blocks(self, q: _Question) -> bool:
        """Whether a gate at or below the goal still needs a better answer to ``q``."""
        return any(q.rank < need and self.gate_level[g] <= self.goal for g, need in q.needs)

    def first_blocking(self) -> int | None:
        """The first question in rubric order that a failed gate at or below the goal needs."""
        while self.blocking_cursor < len(self.blocking):
            i = self.blocking[self.blocking_cursor]
            if self._blocks(self.questions[i]):
                return i
            self.blocking_cursor += 1
        return None


class _Ranking:
    """The candidates, best first by the reference's key, in O(log n) per step.

    The key is (overall gain, the weaker section first, section gain, rubric order). A
    candidate's section gain depends only on its own option (a section's denominator never
    changes), and within one section the overall gain never falls as the section gain rises:
    ``weighted_mean`` gains w / sum(w) times it, and ``min`` gains only in the unique weakest
    section, by the section gain capped at the next weakest. So a heap per section ordered by
    (section gain, rubric order) gives the section's best candidate, and a heap of sections
    ordered by the full key of their best gives the best of all. Under ``min`` the overall
    gain is left out of that key: every section with a candidate is scored, so the unique
    weakest section, the only one that can gain, is already first by the weaker-first part,
    and when there is none every overall gain is 0.
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

    def _step(self, i: int) -> int:
        """How much moving question ``i`` up one option adds to its section's total."""
        q = self.questions[i]
        return q.terms[q.rank + 1] - q.terms[q.rank]

    def _question_key(self, i: int) -> Key:
        """Within a section: the largest section gain first, then rubric order."""
        return (-self._step(i), i)

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
        step, tally = self._step(best), self.tally
        self.sections.set(s, (-step * tally.rank_unit[s], tally.share(s),
                              -step * tally.step_unit[s], best))

    def best(self) -> int | None:
        """The best candidate of all, or None when no question can improve."""
        s = self.sections.top()
        return None if s is None else self.best_in(s)

    def best_in(self, s: int) -> int | None:
        """A section's best candidate (the same section's order as the full key's)."""
        return self.inside[s].top()


class _State:
    """A mutable copy of the answers that the roadmap simulation improves step by step."""

    def __init__(self, result: Result):
        self.rubric = result.rubric
        self.questions, denominator = _questions(result)
        self.index = {q.question.id: i for i, q in enumerate(self.questions)}
        self.section_index = {s.id: i for i, s in enumerate(self.rubric.sections)}
        self.tally = _Tally(self.rubric, self.questions, denominator)
        self.levels = _Levels(self.rubric, self.questions, self.tally)
        self.ranking = _Ranking(self.questions, self.tally)

    def apply(self, i: int, towards: Towards | None, required: bool) -> Step:
        """Move one answer up by one option and record the step with its exact gain."""
        q = self.questions[i]
        assert q.has_next, "only questions below their best are stepped"
        options = q.question.options
        current = None if q.unanswered else options[q.rank].id
        q.unanswered = False
        old, q.rank = q.rank, q.rank + 1
        gain, rescored = self.tally.move(q.section, q.terms[q.rank] - q.terms[old])
        self.levels.moved(i, old, rescored)
        self.ranking.moved(i)
        return Step(q.question, current, options[q.rank].id, gain, towards, required,
                    current is None)

    def answer_unanswered(self) -> list[Step]:
        """One step for each unanswered question, in rubric order."""
        return [self.apply(i, None, False) for i, q in enumerate(self.questions)
                if q.unanswered and q.has_next and q.question.scored]

    def raise_to(self, question: Question, needed: str, towards: Towards, required: bool
                 ) -> list[Step]:
        """Steps until the answer meets the needed option, as ``scoring.meets`` says: n/a
        already does, and an unanswered question does not even when the worst answer would
        (it counts as the worst, but nothing was said), so it takes one step, to answer it."""
        i = self.index[question.id]
        need = question.rank(needed)
        q = self.questions[i]
        steps = []
        while (q.rank < need or q.unanswered) and not q.na:
            steps.append(self.apply(i, towards, required))
        return steps

    def support(self, degrees: tuple[Degree, ...], kind: TowardsKind) -> list[Step]:
        """What the given degrees require, lowest degree first: each practice raised to the
        answer it needs, then each section raised, best step first, to its minimum."""
        steps: list[Step] = []
        for degree in degrees:
            towards = Towards(kind, degree.id)
            for req in degree.requires:
                question = self.rubric.question(req.question)
                assert question is not None, "validation guarantees the question exists"
                steps += self.raise_to(question, req.at_least, towards, True)
            for minimum in degree.minimums:
                s = self.section_index[minimum.section]
                while not self.tally.reaches(s, minimum.at_least):
                    i = self.ranking.best_in(s)
                    if i is None:
                        break
                    steps.append(self.apply(i, towards, True))
        return steps

    def climb(self, level: Level, within_target: bool) -> list[Step]:
        """Greedy steps until the overall level reaches ``level``; gate blockers first, and
        required only for a level within the target."""
        steps: list[Step] = []
        goal = self.rubric.level_index(level.id)
        towards = Towards(TowardsKind.LEVEL, level.id)
        self.levels.aim(goal)
        while True:
            reached, by_score = self.levels.overall()
            if reached >= goal:
                return steps
            i, required = self._choose(goal, by_score)
            if i is None:
                return steps
            steps.append(self.apply(i, towards, required and within_target))

    def _choose(self, goal: int, by_score: int) -> tuple[int | None, bool]:
        """The next step towards level ``goal``: a gate blocker; else, while the score is short,
        the largest gain; else (the stages hold the lifecycle back) the largest gain in the
        most mature stage."""
        blocking = self.levels.first_blocking()
        if blocking is not None:
            return blocking, True
        if by_score >= goal:
            stage = self.levels.leading()
            if stage is not None and self.levels.level[stage] < goal:
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
