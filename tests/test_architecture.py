"""The core of the app never imports textual: model, logic, store, report and demo stay pure."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ln_tui

PACKAGE = Path(ln_tui.__file__).parent
UI_PARTS = {
    "app",
    "cli",
    "themes",
    "screens",
    "__main__",
    "serve",
}  # serve: the web transport of the UI (textual-serve)


def pure_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in UI_PARTS:
            continue
        names.append(".".join(("ln_tui", *parts)).removesuffix(".__init__"))
    return names


def domain_folders() -> list[str]:
    """Every folder of the package outside the UI: one per step, and the store."""
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists() and p.name not in UI_PARTS)


def test_every_domain_folder_is_checked() -> None:
    modules = pure_modules()
    folders = domain_folders()
    assert {"store", "network", "roster", "kickoff", "discussion", "evaluation"} <= set(folders)
    for folder in folders:
        in_folder = [m for m in modules if m == f"ln_tui.{folder}" or m.startswith(f"ln_tui.{folder}.")]
        files = list((PACKAGE / folder).rglob("*.py"))
        assert len(in_folder) == len(files), folder


def test_no_domain_module_names_textual() -> None:
    """Not even lazily, inside a function: the import test alone would not see that."""
    named = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0].removesuffix(".py") not in UI_PARTS
        and any(word in path.read_text(encoding="utf-8") for word in ("import textual", "from textual"))
    ]
    assert not named


def test_the_core_imports_with_textual_blocked() -> None:
    modules = pure_modules()
    assert "ln_tui.store" in modules and "ln_tui.model" in modules
    code = "import sys; sys.modules['textual'] = None\n" + "\n".join(f"import {m}" for m in modules)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_screens_and_store_live_inside_the_package() -> None:
    assert (PACKAGE / "screens" / "__init__.py").exists()
    assert (PACKAGE / "store" / "__init__.py").exists()


# -- no import cycles between modules of the package ---------------------------------------------


def package_modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    return {
        ".".join(("ln_tui", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): path
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports: at module level and inside functions and
    classes alike, but not under `if TYPE_CHECKING:`.

    An import inside a function still makes each module need the other: it only defers the cycle
    from import time to the first call (the four cycles this test was written for were all hidden
    that way). A `TYPE_CHECKING` import never runs: screens name the app's class `LnApp` for their
    `self.app` that way, as Textual's own code does, and the app imports the screens.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def known(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(m for alias in node.names if (m := known(alias.name)))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package
                for _ in range(node.level - 1):
                    parent = parent.rpartition(".")[0]
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:  # `from pkg import module` imports the module
                candidate = f"{base}.{alias.name}"
                if module := candidate if candidate in modules else known(base):
                    found.add(module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = package_modules()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The components of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def a_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One cycle through the first module of a component, to name in the failure."""
    inside = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & inside):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return component


def test_the_cycle_finder_finds_a_cycle_and_only_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert strongly_connected(graph) == [["a", "b", "c"]]
    assert a_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import model\n"
        "if TYPE_CHECKING:\n    from ln_tui.report import SECTIONS\n"
        "def f():\n    from ln_tui.store import NetworkStore\n",
        encoding="utf-8",
    )
    modules = package_modules()
    assert imported_modules("ln_tui.x", module, modules) == {"ln_tui.model", "ln_tui.store"}


def test_no_import_cycle_between_modules_of_the_package() -> None:
    graph = import_graph()
    assert "ln_tui.store" in graph["ln_tui.report"]
    cycles = [
        " -> ".join(a_cycle(graph, component)) + f"  (all tied: {', '.join(component)})"
        for component in strongly_connected(graph)
    ]
    assert not cycles, "import cycles (move what both need into a leaf module):\n" + "\n".join(cycles)
