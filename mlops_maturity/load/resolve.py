"""Find bundled rubrics, templates, examples, guides and schemas in an installed wheel or in
the checkout.

A wheel carries the top-level ``rubrics/``, ``templates/`` and ``examples/`` folders and the
guides named in ``GUIDES`` (from ``docs/``) under ``mlops_maturity/_data`` (mapped by the
build); an editable install imports from the checkout, where they sit beside the package.
Both must work.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from mlops_maturity.model.errors import Problem, UsageError, did_you_mean

_PACKAGE = Path(__file__).resolve().parent.parent  # the mlops_maturity folder


def data_dir(name: str) -> Path:
    """A bundled data folder (``rubrics``, ``templates``, ``examples``, ``docs``), installed or
    in the checkout."""
    installed = Path(str(resources.files("mlops_maturity"))) / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


# The guides a wheel ships (``docs/NAME.md``), printed by ``mlops-maturity docs NAME``.
GUIDES = {"rubric-format": "The rubric format: every key, the scoring rules, the checks"}


def bundled_examples() -> dict[str, Path]:
    """Bundled example questionnaires (file stems) to their files, sorted by name."""
    return {p.stem: p for p in sorted(data_dir("examples").glob("*.yaml"))}


def guide_path(name: str) -> Path:
    """A bundled guide's Markdown file, installed or in the checkout."""
    return data_dir("docs") / f"{name}.md"


def documentation_url() -> str | None:
    """The documentation address the package metadata declares, if the package is installed."""
    from importlib import metadata
    try:
        urls = metadata.metadata("mlops-maturity").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    found = [u.split(",", 1)[1].strip() for u in urls if u.lower().startswith("documentation,")]
    return found[0] if found else None


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
