"""The command line: every command, and every error a clear sentence with a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ln_tui import __version__
from ln_tui.cli import main
from ln_tui.model import Member
from ln_tui.store import NetworkStore, schema


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit:  # --help and --version end the way argparse does
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.json"
    assert run(capsys, "demo", str(path), "--no-open")[0] == 0
    return path


class TestHelpAndVersion:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "--version") == (0, f"ln-tui {__version__}\n", "")

    @pytest.mark.parametrize("command", [[], ["demo"], ["check"], ["export"], ["restore"]])
    def test_help(self, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
        code, out, _err = run(capsys, *command, "--help")
        assert code == 0 and "usage: ln-tui" in out

    def test_help_in_dutch(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _err = run(capsys, "--lang", "nl", "check", "--help")
        assert code == 0 and "Nagaan of BESTAND een gezond netwerkbestand is." in out

    def test_an_unknown_option_is_a_clear_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out, err = run(capsys, "--frobnicate")
        assert code == 2 and "unrecognized arguments: --frobnicate" in err

    def test_an_unknown_screen_is_a_clear_error(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, _out, err = run(capsys, str(tmp_path / "n.json"), "--screen", "nowhere")
        assert code == 2 and "invalid choice: 'nowhere'" in err


class TestDemo:
    def test_the_demo_is_a_realistic_network(self, demo_file: Path) -> None:
        with NetworkStore.open(demo_file, read_only=True) as store:
            assert len(store.members) >= 8
            kinds = sorted(m.kind.value for m in store.meetings.all())
            assert kinds == ["closing", "kickoff", "regular", "regular"]
            assert store.profile().name

    def test_the_demo_never_overwrites(self, demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        before = demo_file.read_bytes()
        code, _out, err = run(capsys, "demo", str(demo_file), "--no-open")
        assert code == 2 and "already exists" in err and str(demo_file) in err
        assert demo_file.read_bytes() == before


class TestCheck:
    def test_a_sound_file_is_summarised(self, demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _err = run(capsys, "check", str(demo_file))
        assert code == 0
        assert f"file version {schema.SCHEMA_VERSION}" in out
        assert "members: 10" in out and "meetings: 4" in out

    def test_check_works_while_the_file_is_open_elsewhere(
        self, demo_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with NetworkStore.open(demo_file):
            assert run(capsys, "check", str(demo_file))[0] == 0

    @pytest.mark.parametrize(
        ("payload", "problem"),
        [(b"", "the file is empty"), (b'{"_meta": {', "not valid JSON"), (b"{}", "not an ln-tui network")],
    )
    def test_a_bad_file_is_named_and_untouched(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: bytes, problem: str
    ) -> None:
        path = tmp_path / "bad.json"
        path.write_bytes(payload)
        code, out, err = run(capsys, "check", str(path))
        assert code == 2 and problem in err and str(path) in err and out == ""
        assert path.read_bytes() == payload

    def test_a_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out, err = run(capsys, "check", str(tmp_path / "nope.json"))
        assert code == 2 and "does not exist" in err


class TestExport:
    def test_minutes_of_one_meeting_in_markdown(self, demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _err = run(capsys, "export", str(demo_file), "--meeting", "2")
        assert code == 0
        assert out.startswith("# Minutes: Bijeenkomst 2")
        assert "Pieter De Smet | participant | WGC De Brug | excused |" in out

    def test_the_whole_network_to_an_html_file(
        self, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out_file = tmp_path / "report.html"
        code, _out, err = run(capsys, "export", str(demo_file), "--format", "html", "-o", str(out_file))
        assert code == 0 and str(out_file) in err
        page = out_file.read_text()
        assert page.startswith("<!DOCTYPE html>") and "<h1>Report of the learning network" in page
        assert page.count("<h2>Startbijeenkomst") == 1 and "Slotbijeenkomst" in page

    def test_hostile_text_is_escaped_in_html(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "n.json"
        with NetworkStore.open(path) as store:
            profile = store.profile()
            profile.name = "<script>alert(1)</script>"
            profile.goals = "[click](javascript:alert(1)) [file](file:///etc/passwd) <img src=x onerror=alert(1)>"
            store.save_profile(profile)
            store.members.add(Member("[@click=app.quit]Ann[/] <b>"))
        code, page, _err = run(capsys, "export", str(path), "--format", "html")
        assert code == 0
        assert "<script>" not in page and "&lt;script&gt;" in page
        assert 'href="javascript' not in page and 'href="file' not in page
        assert "<img" not in page and "<b>" not in page.split("<body>")[1]

    @pytest.mark.parametrize("meeting", ["0", "5"])
    def test_a_meeting_that_does_not_exist(
        self, demo_file: Path, capsys: pytest.CaptureFixture[str], meeting: str
    ) -> None:
        code, out, err = run(capsys, "export", str(demo_file), "--meeting", meeting)
        assert code == 2 and f"there is no meeting {meeting}; this network has 4 meetings." in err and out == ""

    def test_an_unwritable_output(self, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out, err = run(capsys, "export", str(demo_file), "-o", str(tmp_path / "no" / "such" / "dir.md"))
        assert code == 2 and "No such file or directory" in err

    def test_a_bad_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "bad.json"
        path.write_text("nonsense")
        code, _out, err = run(capsys, "export", str(path))
        assert code == 2 and "not valid JSON" in err

    def test_a_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out, err = run(capsys, "export", str(tmp_path / "nope.json"))
        assert code == 2 and "does not exist" in err


class TestRestore:
    def test_restore_without_a_backup(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "bad.json"
        path.write_text("{")
        code, _out, err = run(capsys, "restore", str(path))
        assert code == 2 and "no usable backup" in err
        assert path.read_text() == "{"

    def test_restore_puts_the_backup_back(self, demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        NetworkStore.open(demo_file).close()
        demo_file.write_text("{")
        code, out, _err = run(capsys, "restore", str(demo_file))
        assert code == 0 and "The file it replaced is kept as" in out
        assert run(capsys, "check", str(demo_file))[0] == 0


class TestOpen:
    def test_a_file_open_in_another_ln_tui_is_joined_as_a_seat(
        self, demo_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("ln_tui.app.LnApp.run", lambda self: None)
        with NetworkStore.open(demo_file):
            code, _out, err = run(capsys, str(demo_file))
        assert code == 0 and not err

    def test_a_newer_file_is_refused_for_writing(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "new.json"
        data = schema.new_database("2026-01-01")
        data["_meta"]["1"]["schema"] = 99
        path.write_text(json.dumps(data))
        code, _out, err = run(capsys, str(path))
        assert code == 2 and "newer ln-tui" in err and "--read-only" in err

    def test_read_only_needs_an_existing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out, err = run(capsys, str(tmp_path / "nope.json"), "--read-only")
        assert code == 2 and "does not exist" in err

    def test_a_corrupt_file_gives_no_traceback(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_bytes(b"\x00\x01garbage")
        result = subprocess.run([sys.executable, "-m", "ln_tui", str(path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr and str(path) in result.stderr
        assert path.read_bytes() == b"\x00\x01garbage"


def test_an_internal_error_is_one_sentence_and_a_private_crash_file(tmp_path: Path) -> None:
    """A bug must not spill a traceback with people's notes onto a projected screen."""
    path = tmp_path / "n.json"
    with NetworkStore.open(path) as store:
        profile = store.profile()
        profile.name = "Net"
        store.save_profile(profile)
        store.members.add(Member("Secret Sam"))
    driver = (
        "import sys\nfrom ln_tui.app import LnApp\nfrom ln_tui.store import NetworkStore\n"
        "class Buggy(LnApp):\n"
        "    def on_ready(self):\n"
        "        members = self.store.members.all()\n"
        "        raise RuntimeError('bug')\n"
        "store = NetworkStore.open(sys.argv[1])\n"
        "Buggy(store).run(headless=True)\n"
    )
    env = {**os.environ, "LN_TUI_DATA_DIR": str(tmp_path / "data")}
    script = tmp_path / "buggy.py"
    script.write_text(driver)
    result = subprocess.run(
        [sys.executable, str(script), str(path)], capture_output=True, text=True, timeout=60, env=env
    )
    output = result.stdout + result.stderr
    assert "ln-tui stopped after an internal error" in output
    assert "Traceback" not in output and "Secret Sam" not in output
    (crash,) = (tmp_path / "data").glob("crash-*.txt")
    assert "RuntimeError: bug" in crash.read_text()
    assert crash.stat().st_mode & 0o777 == 0o600


def test_paths_names_the_folders_a_facilitator_backs_up(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from ln_tui.settings import config_dir, data_dir

    assert main(["--paths"]) == 0
    out = capsys.readouterr().out
    assert f"Networks (the default one, and any you keep there): {data_dir()}" in out
    assert f"Settings (theme, language): {config_dir()}" in out
    assert main(["--lang", "nl", "--paths"]) == 0
    assert f"Crashrapporten: {data_dir()}" in capsys.readouterr().out


def test_version_is_the_installed_packages(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"ln-tui {version('ln-tui')}"
