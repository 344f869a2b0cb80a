"""The test command fails on a lint, format or type error: ruff and mypy run as part of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return str(found)


def run(*command: str) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    run(tool("ruff"), "check", ".")


def test_the_code_is_formatted() -> None:
    run(tool("ruff"), "format", "--check", ".")


@pytest.mark.long  # with no mypy cache yet (a fresh clone, CI)
def test_mypy_finds_no_type_error() -> None:
    run(tool("mypy"))  # the files and settings are in pyproject.toml


@pytest.mark.long
@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_mypy_finds_no_type_error_as_windows_and_macos_see_the_package(platform: str) -> None:
    """typeshed marks POSIX-only names per platform: an unguarded `fcntl` or `os.O_NOFOLLOW` fails here."""
    run(tool("mypy"), "--platform", platform, "--cache-dir", f".mypy_cache/{platform}", "ln_tui")
