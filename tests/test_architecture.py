"""The package's one rule: imports go down the chain, and no module imports itself in a circle.

The layers, lowest first, are listed in ``docs/architecture.md``. Every ``import`` in every
module counts, including those inside functions, because a lazy import that runs upward is
still a dependency that runs upward.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mlops_maturity"
ROOT_DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"

# Rank of each layer; a module may import its own layer's modules and any lower rank.
# Layers of equal rank are independent of each other.
LAYERS = {
    "_version": 0, "model": 0,
    "files": 1,
    "load": 2,
    "engine": 3,
    "scan": 3,  # proposes answers from a repository's files: reads rubrics, never scores
    "report": 4,
    "render": 5, "starters": 5,
    "api": 6,
    # the capabilities built on the whole chain, each independent of the others
    "history": 7, "portfolio": 7, "interactive": 7,
    "cli": 8, "__main__": 9,
    "__init__": 10,  # the package itself: the public facade, which imports the API lazily
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> set[str]:
    """Every mlops_maturity module this file imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("mlops_maturity"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if not base.startswith("mlops_maturity"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m in MODULES} | {m for m in found if m == "mlops_maturity"}


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def test_every_module_belongs_to_a_layer():
    unknown = sorted(m for m in MODULES if layer_of(m) not in LAYERS)
    assert not unknown, f"modules outside any layer (add the folder to LAYERS and the docs): {unknown}"


def upward_imports(graph: dict[str, set[str]], module: str) -> list[str]:
    """The imports of one module that go up the chain or sideways into another layer."""
    here = layer_of(module)
    return [f"{module} ({here}) imports {target} ({layer_of(target)})"
            for target in sorted(graph[module])
            if layer_of(target) != here and LAYERS[layer_of(target)] >= LAYERS[here]]


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components; every component of two or more is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return cycles


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down(module):
    upward = upward_imports(GRAPH, module)
    assert not upward, "imports must go down the chain:\n" + "\n".join(upward)


def test_no_import_cycles():
    cycles = find_cycles(GRAPH)
    assert not cycles, f"import cycles: {cycles}"


def test_the_architecture_doc_names_every_layer():
    text = ROOT_DOC.read_text(encoding="utf-8")
    missing = [layer for layer in LAYERS if not layer.startswith("_") and f"`{layer}" not in text]
    assert not missing, f"docs/architecture.md does not describe: {missing}"


def test_the_checks_themselves_can_fail():
    """An upward import, a sideways one and a cycle, in a made-up graph, are all caught."""
    graph = {
        "mlops_maturity.model.rubric": {"mlops_maturity.cli.app"},
        "mlops_maturity.render.html": {"mlops_maturity.starters.schemas"},
        "mlops_maturity.cli.app": {"mlops_maturity.cli.assess"},
        "mlops_maturity.cli.assess": {"mlops_maturity.cli.app"},
        "mlops_maturity.starters.schemas": set(),
    }
    assert upward_imports(graph, "mlops_maturity.model.rubric")
    assert upward_imports(graph, "mlops_maturity.render.html")
    assert not upward_imports(graph, "mlops_maturity.cli.assess")
    assert find_cycles(graph) == [["mlops_maturity.cli.app", "mlops_maturity.cli.assess"]]
    lazy = imports_of(PACKAGE / "cli" / "assess.py")
    assert "mlops_maturity.api" in lazy, "imports inside functions must be seen too"
