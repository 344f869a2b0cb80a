"""The core of the app never imports textual: model, logic, store, report and demo stay pure."""

from __future__ import annotations

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
