"""The core of the app never imports textual: model, logic, store, report and demo stay pure."""

from __future__ import annotations

import ast
import functools
import importlib
import subprocess
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest

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
            for statement in node.orelse:
                visit(statement)
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


# -- other libraries' private names: one workarounds module per library ---------------------------

ROOT = PACKAGE.parent
# Where each library's private names (a leading underscore) may appear, with a test of the upstream
# behaviour each use relies on. Rich and TinyDB have none today: a use would go in the module named
# here (TinyDB's behaviour the store relies on without naming it: tests/test_tinydb_behaviour.py).
WORKAROUNDS = {
    "textual": ROOT / "ln_tui" / "screens" / "textual_workarounds.py",
    "rich": ROOT / "ln_tui" / "screens" / "rich_workarounds.py",
    "tinydb": ROOT / "ln_tui" / "store" / "tinydb_workarounds.py",
}
OUR_CODE = ("ln_tui", "tests", "benchmarks", "tools")


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_names_defined(paths: list[Path]) -> set[str]:
    """The private names these files define: functions, classes, attributes set, variables, arguments."""
    names: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = node.name
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                name = node.attr
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                name = node.id
            elif isinstance(node, ast.arg):
                name = node.arg
            else:
                continue
            if is_private(name):
                names.add(name)
    return names


def our_files() -> list[Path]:
    return sorted(path for folder in OUR_CODE for path in (ROOT / folder).rglob("*.py"))


def private_uses(library: str, theirs: AbstractSet[str], path: Path, root: Path = ROOT) -> list[str]:
    """Where `path` names one of `library`'s private names: `x._name`, or an import of one."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in theirs:
            found.append(f"{path.relative_to(root)}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == library:
            parts = [*(node.module or "").split("."), *(alias.name for alias in node.names)]
            if any(is_private(part) for part in parts):
                found.append(f"{path.relative_to(root)}:{node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == library and any(is_private(part) for part in parts):
                    found.append(f"{path.relative_to(root)}:{node.lineno}: import {alias.name}")
    return found


@functools.cache
def library_private_names(library: str) -> frozenset[str]:
    module = importlib.import_module(library)
    return frozenset(private_names_defined(sorted(Path(module.__file__ or "").parent.rglob("*.py"))))


def private_name_uses(library: str) -> list[str]:
    """Every use of `library`'s private names in our code outside its workarounds module.

    A private name counts as the library's when the library defines it and our code does not
    (outside the workarounds modules, which set the library's own private attributes): an
    attribute is found by its name, as `ast` knows no types, so `x._name` of a library object is
    missed only when one of our classes defines `_name` too. For the same reason, in another
    library's workarounds module a name that library defines too is taken as that library's.
    """
    ours = private_names_defined([p for p in our_files() if p not in WORKAROUNDS.values()])
    theirs = library_private_names(library) - ours
    uses = []
    for path in our_files():
        if path == WORKAROUNDS[library]:
            continue
        other = next((name for name, module in WORKAROUNDS.items() if module == path), None)
        names = theirs - library_private_names(other) if other is not None else theirs
        uses += private_uses(library, names, path)
    return uses


def test_the_private_name_finder_finds_one(tmp_path: Path) -> None:
    code = tmp_path / "x.py"
    code.write_text(
        "from textual._context import active_app\nimport tinydb._x\ndef f(app):\n    return app._notifications\n",
        encoding="utf-8",
    )
    assert private_uses("textual", {"_notifications"}, code, tmp_path) == [
        "x.py:1: from textual._context import ...",
        "x.py:4: ._notifications",
    ]
    assert private_uses("tinydb", set(), code, tmp_path) == ["x.py:2: import tinydb._x"]


@pytest.mark.parametrize("library", sorted(WORKAROUNDS))
def test_no_private_name_of_a_library_outside_its_workarounds_module(library: str) -> None:
    uses = private_name_uses(library)
    assert not uses, f"private names of {library} outside {WORKAROUNDS[library].relative_to(ROOT)}:\n" + "\n".join(uses)
