"""Find bundled rubrics, templates and schemas in an installed wheel or in the checkout.

A wheel carries the top-level ``rubrics/`` and ``templates/`` folders under
``mlops_maturity/_data`` (mapped by the build); an editable install imports from the
checkout, where they sit beside the package. Both must work.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from mlops_maturity.model.errors import Problem, UsageError, did_you_mean

_PACKAGE = Path(__file__).resolve().parent.parent  # the mlops_maturity folder


def data_dir(name: str) -> Path:
    """A bundled data folder (``rubrics`` or ``templates``), installed or in the checkout."""
    installed = Path(str(resources.files("mlops_maturity"))) / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def schema_path(name: str) -> Path:
    """A JSON Schema shipped inside the package."""
    return _PACKAGE / "schemas" / f"{name}.schema.json"


def bundled_rubrics() -> dict[str, Path]:
    """Bundled rubric ids (file stems) to their files, sorted by id.

    The folder is listed again only when it changed, so that resolving a bundled id for
    each of thousands of questionnaires (a portfolio) costs a ``stat``, not a directory scan.
    """
    folder = data_dir("rubrics")
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        stamp = -1
    if _LISTED.get(folder, (None, {}))[0] != stamp or stamp == -1:
        _LISTED[folder] = (stamp, {p.stem: p for p in sorted(folder.glob("*.yaml"))})
    return dict(_LISTED[folder][1])


_LISTED: dict[Path, tuple[int | None, dict[str, Path]]] = {}


def is_path_ref(ref: str) -> bool:
    """A rubric reference is a path when it looks like one; otherwise it is a bundled id."""
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def resolve_rubric(ref: str, base: Path | None = None, source: str = "--rubric",
                   line: int | None = None) -> tuple[Path, str]:
    """Turn a bundled id or a path into a file and a display name for messages."""
    if is_path_ref(ref):
        path = Path(ref).expanduser()
        if base is not None and not path.is_absolute():
            path = base / path
        return path, str(path)
    known = bundled_rubrics()
    if ref in known:
        return known[ref], f"{ref} (bundled)"
    hint = did_you_mean(ref, known) or f"bundled rubrics: {', '.join(known)}; or give a path to a .yaml file"
    raise UsageError(Problem(source, f"unknown rubric '{ref}'", line, hint=hint))
