"""Installed like an app: the wheel works in a fresh environment that cannot see the source folder.

A facilitator installs ln-tui with `pipx install` or `uv tool install` (README, "For facilitators"):
both build a wheel and install it into an environment of its own. This test does the same with
pip: it builds the wheel, installs it alone into a new virtual environment, and runs the commands a
facilitator's first day needs from a folder outside the source. The new environment takes the
dependencies from this one's site-packages (a path, so no download and no editable ln-tui: the
source folder's finder is never loaded).
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, f"{command}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh environment holding ln-tui from its wheel."""
    work = tmp_path_factory.mktemp("install")
    # Built without isolation: the test extras hold the setuptools the build needs (no download).
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        work / "dist",
        ROOT,
        cwd=work,
    )
    wheels = list((work / "dist").glob("ln_tui-*.whl"))
    assert len(wheels) == 1, wheels
    fresh = work / "env"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheels[0], cwd=work
    )
    (packages,) = (fresh / "lib").glob("python3*/site-packages")
    (packages / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return fresh / "bin"


def environment(home: Path) -> dict[str, str]:
    return {
        **{key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}},
        "LN_TUI_DATA_DIR": str(home / "data"),
        "LN_TUI_CONFIG_DIR": str(home / "config"),
        "LN_TUI_LANG": "en",
    }


def test_the_wheel_runs_without_the_source_folder(installed: Path, tmp_path: Path) -> None:
    env = environment(tmp_path)
    where = run(installed / "python", "-c", "import ln_tui; print(ln_tui.__file__)", cwd=tmp_path, env=env)
    assert Path(where.strip()).is_relative_to(installed.parent), where
    assert not Path(where.strip()).is_relative_to(ROOT)

    from ln_tui import __version__

    assert run(installed / "ln-tui", "--version", cwd=tmp_path, env=env).strip() == f"ln-tui {__version__}"
    assert "demo.json" in run(installed / "ln-tui", "demo", "demo.json", "--no-open", cwd=tmp_path, env=env)
    assert "a sound ln-tui network" in run(installed / "ln-tui", "check", "demo.json", cwd=tmp_path, env=env)
    paths = run(installed / "ln-tui", "--paths", cwd=tmp_path, env=env)
    assert str(tmp_path / "data") in paths and str(tmp_path / "config") in paths


def test_the_wheel_holds_the_translations_and_styles(installed: Path, tmp_path: Path) -> None:
    """What a wheel leaves out shows only once installed: the Dutch catalogue and the CSS."""
    env = environment(tmp_path)
    out = run(installed / "ln-tui", "--lang", "nl", "--help", cwd=tmp_path, env=env)
    assert "netwerk" in out.lower()
    listing = run(
        installed / "python",
        "-c",
        "import importlib.resources as r; p = r.files('ln_tui'); "
        "print((p / 'locale' / 'nl').is_dir(), (p / 'app.tcss').is_file())",
        cwd=tmp_path,
        env=env,
    )
    assert listing.split() == ["True", "True"]
