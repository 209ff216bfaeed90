"""The questionnaire file during a session: opened, created, saved after every answer.

Every save is checked before it is written: the edited text must load through the real
loader, say what the change says about its own question, and leave every other answer as
it was, or nothing is written (that would be a bug, exit 3). The file on disk must still be
the one this session read or last wrote, compared by the SHA-256 of its bytes, so that a
change someone else made meanwhile is never overwritten silently. Writing goes through
``files.write``: a temporary file beside the target, then a rename, a symlink written
through, a device or FIFO refused. Ctrl-C or a hang-up that arrives during a save takes
effect once the save is done, so an answer that was given is never half-saved or lost.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from mlops_maturity.files.read import read_bytes
from mlops_maturity.files.write import ensure_writable, write_atomic
from mlops_maturity.interactive.change import Change, apply
from mlops_maturity.interactive.yamledit import edit_answer
from mlops_maturity.interactive.yamltext import set_scalar
from mlops_maturity.load.assessment import Assessment, assess_data, open_rubric
from mlops_maturity.load.questionnaire import load_questionnaire_data
from mlops_maturity.load.resolve import is_path_ref
from mlops_maturity.load.yamlfile import YamlMap, parse_yaml
from mlops_maturity.model.answers import Answer
from mlops_maturity.model.errors import InputFileError, MaturityError, Problem
from mlops_maturity.model.rubric import Rubric

BOM = b"\xef\xbb\xbf"


class ChangedOnDisk(MaturityError):
    """The file is no longer what this session read or wrote: someone else changed it."""

    def __init__(self, display: str, removed: bool = False):
        what = "was removed" if removed else "was changed by someone else"
        super().__init__(Problem(display, f"{what} while assess ran; nothing was written "
                                 "over it", hint="run assess again to continue from it"))
        self.removed = removed


class EditMismatch(Exception):
    """An edit that would not load back as intended: a bug, never written."""


@dataclass(frozen=True)
class Snapshot:
    """The questionnaire as this session last read or wrote it."""

    path: Path
    display: str
    text: str
    bom: bool
    digest: str
    assessment: Assessment
    rubric_ref: str | None  # --rubric, which overrides the file's rubric: on every reload

    @property
    def rubric(self) -> Rubric:
        return self.assessment.rubric

    @property
    def answers(self) -> dict[str, Answer]:
        """The loaded answers by question id (unanswered questions are absent)."""
        return {a.question: a for a in self.assessment.questionnaire.answers}


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def open_snapshot(path: Path, rubric_ref: str | None = None) -> Snapshot:
    """Read and check a questionnaire; its bytes and what was parsed are the same read."""
    display = str(path)
    for _ in range(3):
        raw = read_bytes(path, display)
        data = load_questionnaire_data(path, display)
        if read_bytes(path, display) == raw:
            return _snapshot(path, display, raw, data, rubric_ref)
    raise ChangedOnDisk(display)


def _snapshot(path: Path, display: str, raw: bytes, data: YamlMap,
              rubric_ref: str | None) -> Snapshot:
    assessment = assess_data(data, display, path.parent, rubric_ref)
    bom = raw.startswith(BOM)
    text = raw[len(BOM):].decode("utf-8") if bom else raw.decode("utf-8")
    return Snapshot(path, display, text, bom, _digest(raw), assessment, rubric_ref)


def _bind(text: str, snap_path: Path, display: str, rubric_ref: str | None) -> Assessment:
    data = parse_yaml(text, display)
    if not isinstance(data, YamlMap):
        raise EditMismatch("the edited questionnaire is not a mapping")
    return assess_data(data, display, snap_path.parent, rubric_ref)


def new_questionnaire(path: Path, rubric_ref: str, name: str, team: str,
                      today: str) -> Snapshot:
    """Start a questionnaire at a path where there is no file yet: every question of the
    rubric as ``init`` writes it, with the project's name, team and date filled in."""
    from mlops_maturity.starters.questionnaire import questionnaire_template
    rubric = open_rubric(rubric_ref, Path.cwd())
    inputs = (rubric.path,) if rubric.path is not None else ()
    ensure_writable(path, False, inputs=inputs)
    ref = rubric_ref
    if is_path_ref(rubric_ref):
        ref = os.path.relpath(Path(rubric_ref).resolve(), path.resolve().parent)
    text = questionnaire_template(rubric, ref)
    for key, value in (("name", name), ("team", team), ("assessed_on", today)):
        text = set_scalar(text, str(path), ("project", key), value)
    override = None  # the file's own rubric: line is enough, unless it leads outside
    try:
        assessment = _bind(text, path, str(path), None)
    except MaturityError:
        override = rubric_ref
        assessment = _bind(text, path, str(path), override)
    payload = text.encode("utf-8")
    with uninterrupted():
        ensure_writable(path, False, inputs=inputs)
        write_atomic(path, payload)
    return Snapshot(path, str(path), text, False, _digest(payload), assessment, override)


def reload(snap: Snapshot) -> Snapshot:
    """The file as it is on disk now (after someone else changed it)."""
    return open_snapshot(snap.path, snap.rubric_ref)


def unchanged_on_disk(snap: Snapshot) -> None:
    """Raise ``ChangedOnDisk`` unless the file still has the bytes this session knows."""
    try:
        raw = read_bytes(snap.path, snap.display)
    except InputFileError:
        raise ChangedOnDisk(snap.display, removed=not snap.path.exists()) from None
    if _digest(raw) != snap.digest:
        raise ChangedOnDisk(snap.display)


def save(snap: Snapshot, change: Change) -> Snapshot:
    """Write one change into the file, atomically, unless someone else changed the file."""
    if change.empty:
        return snap
    order = [q.id for q in snap.rubric.questions]
    text = edit_answer(snap.text, snap.display, order, change)
    assessment = _bind(text, snap.path, snap.display, snap.rubric_ref)
    check_edit(snap.answers, {a.question: a for a in assessment.questionnaire.answers}, change)
    payload = (BOM if snap.bom else b"") + text.encode("utf-8")
    inputs = (snap.rubric.path,) if snap.rubric.path is not None else ()
    with uninterrupted():
        unchanged_on_disk(snap)
        ensure_writable(snap.path, True, inputs=inputs)
        write_atomic(snap.path, payload)
    return dataclasses.replace(snap, text=text, digest=_digest(payload),
                               assessment=assessment)


def check_edit(before: dict[str, Answer], after: dict[str, Answer], change: Change) -> None:
    """The edited file must read back as the change says, and every other answer as before."""
    def plain(a: Answer | None) -> Answer | None:
        """The answer without where it was written: its line, and each evidence item's."""
        if a is None:
            return None
        return dataclasses.replace(a, line=None, evidence=tuple(
            dataclasses.replace(e, line=None) for e in a.evidence))

    others = (set(before) | set(after)) - {change.question}
    moved = sorted(q for q in others if plain(before.get(q)) != plain(after.get(q)))
    if moved:
        raise EditMismatch(f"saving {change.question} would change {', '.join(moved)}")
    got = plain(after.get(change.question))
    prior = before.get(change.question)
    if prior is None and got is not None:
        # the loader drops an unanswered entry whole, though it may hold evidence or notes
        kept = got.evidence[:len(got.evidence) - len(change.add_evidence)]
        prior = Answer(change.question, None, kept, got.notes, got.reason)
    wanted = plain(apply(prior, change))
    assert wanted is not None
    if got != wanted and not (got is None and wanted.value is None):
        raise EditMismatch(f"saving {change.question} would read back as {got}, not {wanted}")


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C and a hang-up until the block is done, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    wanted = [s for s in (signal.SIGINT, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.getsignal(s) for s in wanted}
    for s in wanted:
        signal.signal(s, lambda number, frame: held.append(number))
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)


__all__ = ["ChangedOnDisk", "EditMismatch", "Snapshot", "open_snapshot", "new_questionnaire",
           "reload", "save", "unchanged_on_disk"]
