"""The wheel that `pip install` makes holds every stylesheet, catalogue, page template, static file and module
(not the editable install)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import ln_tui

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(ln_tui.__file__).parent


def test_the_wheel_holds_every_tcss_po_template_static_and_py_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = tmp_path.glob("ln_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        str(path.relative_to(PACKAGE.parent))
        for pattern in ("*.tcss", "*.po", "*.html", "*.css", "*.js")
        for path in PACKAGE.rglob(pattern)
    }
    assert {
        "ln_tui/app.tcss",
        "ln_tui/locale/nl/core.po",
        "ln_tui/room/templates/kickoff.html",
        "ln_tui/room/static/room.js",
        "ln_tui/serve_templates/app_index.html",
    } <= wanted
    assert wanted - names == set()
