"""Read committed versions of a file through the ``git`` command, never writing to the repo.

Why the ``git`` command rather than a library: it is already on every machine that has a
repository, it reads every repository git can (pack files, worktrees, partial clones, new
object formats), and it adds no dependency. GitPython runs the same command underneath, and
dulwich re-implements git in Python and can lag behind it. Each call passes an argument list
(no shell), a clean environment (no prompt, no pager, no optional locks, no editor), and a
time limit; at most ``LIMIT`` bytes of output are read, and blobs are size-checked before
they are read at all. Nothing is copied to disk.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from mlops_maturity.files.read import MAX_BYTES
from mlops_maturity.model.errors import InputFileError, Problem, UsageError
from mlops_maturity.model.record import record

LIMIT = 16 * 1024 * 1024  # bytes of output from one git command other than a blob
TIMEOUT = 60  # seconds
MAX_VERSIONS = 2000  # committed versions of one file that ``trend --git`` reads
TOTAL_LIMIT = 256 * 1024 * 1024  # bytes of all those versions together


@record
class Tracked:
    """A file in a git work tree: the tree's top folder and the path git knows it by."""

    top: Path
    path: PurePosixPath  # relative to ``top``, with forward slashes, as git writes it

    def display(self, rev: str) -> str:
        """How messages name the file at a revision: ``main:mlops/assessment.yaml``."""
        return f"{rev}:{self.path}"

    @property
    def folder(self) -> Path:
        """The working tree's folder of the file: relative ``rubric:`` paths resolve here."""
        return self.top.joinpath(*self.path.parent.parts)


@record
class Version:
    """One commit that changed the file, and the file's bytes there."""

    commit: str
    committed_at: int  # commit time, seconds since the epoch
    data: bytes

    @property
    def short(self) -> str:
        return self.commit[:10]


class _GitFailed(Exception):
    def __init__(self, stderr: str) -> None:
        super().__init__(stderr)
        self.stderr = stderr


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GIT_") or k in ("GIT_CONFIG_NOSYSTEM",)}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", GIT_PAGER="cat", PAGER="cat",
               GIT_EDITOR="true", LC_ALL="C", LANG="C")
    return env


def run_git(args: list[str], cwd: Path, stdin: bytes | None = None,
            limit: int = LIMIT) -> bytes:
    """The output of one git command, at most ``limit`` bytes; ``_GitFailed`` on failure."""
    command = ["git", "--no-pager", "-c", "core.fsmonitor=false", *args]
    try:
        done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True,
                              env=_environment(), timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise UsageError(Problem("git", "is not installed, or not on PATH",
                                 hint="install git (apt-get install git) to read revisions")) from None
    except subprocess.TimeoutExpired:
        raise InputFileError(Problem("git", f"did not answer within {TIMEOUT} seconds")) from None
    except OSError as exc:
        raise UsageError(Problem("git", f"cannot be run: {exc.strerror or 'refused'}")) from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.decode("utf-8", "replace"))
    if len(done.stdout) > limit:
        raise InputFileError(Problem("git", f"printed more than {limit // (1024 * 1024)} MiB"))
    return done.stdout


def _first_line(stderr: str) -> str:
    line = next((x.strip() for x in stderr.splitlines() if x.strip()), "failed")
    return line.removeprefix("fatal: ").removeprefix("error: ")


def work_tree(folder: Path, shown: str) -> Path:
    """The top folder of the git work tree that holds ``folder``, or a clear error."""
    if not folder.is_dir():
        raise InputFileError(Problem(shown, f"folder '{folder}' does not exist"))
    try:
        top = run_git(["rev-parse", "--show-toplevel"], folder).decode("utf-8", "replace")
    except _GitFailed as exc:
        raise UsageError(Problem(shown, "is not in a git repository",
                                 hint=_first_line(exc.stderr))) from None
    return Path(top.strip())


def relative_to_top(top: Path, full: Path, shown: str) -> PurePosixPath:
    """A path as git names it in the work tree at ``top`` (symlinks and ``..`` resolved)."""
    try:
        return PurePosixPath(Path(os.path.realpath(full))
                             .relative_to(os.path.realpath(top)).as_posix())
    except ValueError:
        raise UsageError(Problem(shown, f"is outside the git work tree {top}")) from None


def tracked(path: Path, shown: str) -> Tracked:
    """The work tree and git path of a file git tracks; outside a repository, or on a file
    git does not track, a clear error."""
    top = work_tree(path.parent, shown)
    relative = relative_to_top(top, path, shown)
    try:
        run_git(["ls-files", "--error-unmatch", "--", str(relative)], top)
    except _GitFailed:
        raise UsageError(Problem(shown, "is not tracked by git",
                                 hint="git add and commit it first")) from None
    return Tracked(top, relative)


def resolve_spec(path: str, cwd: Path, shown: str) -> Tracked:
    """The ``PATH`` of ``REV:PATH`` as git reads it: from the work tree's top, or from the
    current folder when it starts with ``./`` or ``../``."""
    top = work_tree(cwd, shown)
    if path.startswith(("./", "../")):
        return Tracked(top, relative_to_top(top, cwd / path, shown))
    return Tracked(top, PurePosixPath(path))


def read_at(file: Tracked, rev: str) -> bytes:
    """The file's bytes at a revision, refused before reading when it is not a file there or
    larger than the limit a file on disk has."""
    shown = file.display(rev)
    if rev.startswith("-"):
        raise UsageError(Problem(shown, f"'{rev}' is not a git revision"))
    spec = f"{rev}:{file.path}"
    try:
        kind = run_git(["cat-file", "-t", spec], file.top).decode().strip()
        size = int(run_git(["cat-file", "-s", spec], file.top).decode().strip())
    except _GitFailed as exc:
        raise InputFileError(Problem(shown, "cannot be read from git",
                                     hint=_first_line(exc.stderr))) from None
    if kind != "blob":
        raise InputFileError(Problem(shown, f"is a {kind} in git, not a file"))
    if size > MAX_BYTES:
        raise InputFileError(Problem(shown, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB"))
    try:
        return run_git(["cat-file", "blob", spec], file.top, limit=MAX_BYTES)
    except _GitFailed as exc:
        raise InputFileError(Problem(shown, "cannot be read from git",
                                     hint=_first_line(exc.stderr))) from None


def commits(file: Tracked, shown: str) -> list[tuple[str, int]]:
    """(commit, commit time) of every commit that added or changed the file, newest first."""
    try:
        log = run_git(["log", "--no-color", "--no-show-signature", "--diff-filter=AMR",
                       f"--max-count={MAX_VERSIONS + 1}", "--format=%H %ct", "--",
                       str(file.path)], file.top).decode()
    except _GitFailed as exc:
        raise InputFileError(Problem(shown, "its history cannot be read",
                                     hint=_first_line(exc.stderr))) from None
    found = [(c, int(t)) for c, t in (line.split() for line in log.splitlines() if line)]
    if not found:
        raise UsageError(Problem(shown, "has no committed version", hint="commit it first"))
    if len(found) > MAX_VERSIONS:
        raise InputFileError(Problem(shown, f"has more than {MAX_VERSIONS} committed versions"))
    return found


def versions(file: Tracked, shown: str) -> list[Version | tuple[str, int, str]]:
    """Every committed version of the file, newest first: its bytes, or (commit, time, why)
    for one that cannot be read (too large). Two ``git cat-file`` runs read them all: one
    for the sizes, so nothing too large is read, and one for the bytes."""
    found = commits(file, shown)
    specs = b"".join(f"{c}:{file.path}\n".encode() for c, _ in found)
    try:
        checks = run_git(["cat-file", "--batch-check"], file.top, specs).decode().splitlines()
    except _GitFailed as exc:
        raise InputFileError(Problem(shown, "its history cannot be read",
                                     hint=_first_line(exc.stderr))) from None
    readable: dict[str, int] = {}
    why: dict[str, str] = {}
    for (commit, _), check in zip(found, checks):
        parts = check.split()
        if len(parts) != 3 or parts[1] != "blob":
            why[commit] = "is not a file in this commit"
        elif int(parts[2]) > MAX_BYTES:
            why[commit] = f"is larger than {MAX_BYTES // (1024 * 1024)} MiB"
        else:
            readable[commit] = int(parts[2])
    blobs = _read_blobs(file, shown, [c for c, _ in found if c in readable], readable)
    return [Version(c, t, blobs[c]) if c in blobs else (c, t, why[c]) for c, t in found]


def _read_blobs(file: Tracked, shown: str, wanted: list[str], sizes: dict[str, int]
                ) -> dict[str, bytes]:
    """The bytes of each commit's version, in one ``cat-file --batch`` whose output is
    bounded by the sizes already checked."""
    if not wanted:
        return {}
    total = sum(sizes[c] + 100 for c in wanted)
    if total > TOTAL_LIMIT:
        raise InputFileError(Problem(shown, f"its versions add up to more than "
                                     f"{TOTAL_LIMIT // (1024 * 1024)} MiB"))
    specs = b"".join(f"{c}:{file.path}\n".encode() for c in wanted)
    try:
        data = run_git(["cat-file", "--batch"], file.top, specs, limit=total)
    except _GitFailed as exc:
        raise InputFileError(Problem(shown, "its history cannot be read",
                                     hint=_first_line(exc.stderr))) from None
    blobs, at = {}, 0
    for commit in wanted:
        header_end = data.index(b"\n", at)
        size = int(data[at:header_end].split()[2])
        blobs[commit] = data[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1  # the blob, then a newline
    return blobs
