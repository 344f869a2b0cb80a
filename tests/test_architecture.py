"""The core of the app never imports textual: model, logic, store, report and demo stay pure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ln_tui

PACKAGE = Path(ln_tui.__file__).parent
UI_PARTS = {"app", "cli", "themes", "screens", "__main__"}


def pure_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in UI_PARTS:
            continue
        names.append(".".join(("ln_tui", *parts)).removesuffix(".__init__"))
    return names


def test_the_core_imports_with_textual_blocked() -> None:
    modules = pure_modules()
    assert "ln_tui.store" in modules and "ln_tui.model" in modules
    code = "import sys; sys.modules['textual'] = None\n" + "\n".join(f"import {m}" for m in modules)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_screens_and_store_live_inside_the_package() -> None:
    assert (PACKAGE / "screens" / "__init__.py").exists()
    assert (PACKAGE / "store" / "__init__.py").exists()
