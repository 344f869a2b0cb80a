"""Issue 11 and RELIABILITY.md 12-16: nothing a user, a hand edit or another program does loses a network.

One class per numbered item of the issue; each test failed before its fix.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import notified, toast_texts
from tinydb import TinyDB

from ln_tui.cli import main
from ln_tui.model import Meeting, Member, Presence
from ln_tui.store import NetworkStore, StoreError, backup_path, schema
from ln_tui.store.lock import lock_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit:
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def network(network_path: Path) -> Path:
    with NetworkStore.open(network_path) as store:
        profile = store.profile()
        profile.name = "Zorgnetwerk"
        store.save_profile(profile)
        store.members.add(Member("Ann"))
        store.meetings.add(Meeting("2026-02-01"))
    return network_path


def raw(path: Path) -> dict:
    return json.loads(path.read_bytes())


def no_space(path: Path, payload: bytes) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


def write_raw(path: Path, data: dict) -> bytes:
    payload = json.dumps(data).encode()
    path.write_bytes(payload)
    return payload


# -- 1. outputs never replace what they must not ------------------------------------------------------
class TestOutputsNeverReplaceTheNetwork:
    @pytest.mark.parametrize("command", [["export"], ["members", "export"]])
    def test_an_export_over_the_open_network_is_refused_and_the_app_keeps_saving(
        self, capsys: pytest.CaptureFixture[str], network: Path, command: list[str]
    ) -> None:
        store = NetworkStore.open(network)  # the app has it open
        before = network.read_bytes()
        code, _out, err = run(capsys, *command, str(network), "-o", str(network))
        assert code != 0 and str(network) in err and "network" in err
        assert network.read_bytes() == before
        store.members.add(Member("Bea"))
        assert store.save_state.saved
        store.close()
        with NetworkStore.open(network, read_only=True) as reopened:
            assert [m.name for m in reopened.members.all()] == ["Ann", "Bea"]

    @pytest.mark.parametrize("suffix", [".lock", ".bak.1"])
    def test_the_lock_and_the_backups_are_refused(
        self, capsys: pytest.CaptureFixture[str], network: Path, suffix: str
    ) -> None:
        NetworkStore.open(network).close()  # makes FILE.bak.1 and FILE.lock
        target = network.with_name(network.name + suffix)
        assert target.exists()
        before = target.read_bytes()
        code, _out, err = run(capsys, "export", str(network), "-o", str(target))
        assert code != 0 and str(target) in err
        assert target.read_bytes() == before

    def test_any_other_ln_tui_network_is_refused(
        self, capsys: pytest.CaptureFixture[str], network: Path, tmp_path: Path
    ) -> None:
        other = tmp_path / "other.json"
        NetworkStore.open(other).close()
        before = other.read_bytes()
        code, _out, err = run(capsys, "members", "export", str(network), "-o", str(other))
        assert code != 0 and f"{other} is an ln-tui network" in err
        assert other.read_bytes() == before

    def test_a_directory_a_fifo_and_a_socket_are_refused(
        self, capsys: pytest.CaptureFixture[str], network: Path, tmp_path: Path
    ) -> None:
        folder = tmp_path / "folder"
        folder.mkdir()
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        sock_path = tmp_path / "sock"
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(sock_path))
        try:
            for target in (folder, fifo, sock_path, Path("/dev/null")):
                code, _out, err = run(capsys, "export", str(network), "-o", str(target))
                assert code != 0 and str(target) in err, target
            assert folder.is_dir() and fifo.is_fifo() and sock_path.is_socket()
        finally:
            sock.close()

    def test_dash_is_standard_output(self, capsys: pytest.CaptureFixture[str], network: Path) -> None:
        code, out, _err = run(capsys, "export", str(network), "-o", "-")
        assert code == 0 and "Zorgnetwerk" in out
        assert not Path("-").exists()

    def test_output_goes_through_an_unpredictable_temporary_file(
        self, capsys: pytest.CaptureFixture[str], network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        out = tmp_path / "report.md"
        planted = tmp_path / "victim.txt"
        planted.write_text("keep me")
        for pid_guess in range(os.getpid() - 2, os.getpid() + 3):  # the old predictable names
            (tmp_path / f".report.md.{pid_guess}.tmp").symlink_to(planted)
        made = []
        real_replace = os.replace

        def spy(src: str, dst: str) -> None:
            made.append(Path(src))
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", spy)
        code, _out, _err = run(capsys, "export", str(network), "-o", str(out))
        assert code == 0 and "Zorgnetwerk" in out.read_text()
        assert planted.read_text() == "keep me"
        assert made and made[0].parent == tmp_path and str(os.getpid()) not in made[0].name

    def test_a_failed_output_names_the_users_path(
        self, capsys: pytest.CaptureFixture[str], network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        out = tmp_path / "report.md"

        def full(*args: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "write", full)
        code, _out, err = run(capsys, "export", str(network), "-o", str(out))
        assert code != 0 and f"{out}: No space left on device" in err and ".tmp" not in err
        assert not list(tmp_path.glob(".report*"))


# -- 2. a symlinked network is saved into its real file -------------------------------------------------
class TestSymlinkedNetwork:
    def test_saves_go_into_the_real_file_with_lock_and_backups_beside_it(self, network: Path, tmp_path: Path) -> None:
        link = tmp_path / "elsewhere" / "link.json"
        link.parent.mkdir()
        link.symlink_to(network)
        with NetworkStore.open(link) as store:
            assert store.path == network.resolve()
            store.members.add(Member("Bea"))
        assert link.is_symlink()
        assert [d["name"] for d in raw(network)["members"].values()] == ["Ann", "Bea"]
        assert backup_path(network).exists() and lock_path(network).exists()
        assert not list(link.parent.glob("link.json.*"))

    def test_two_links_to_one_file_are_two_seats_on_one_file(self, network: Path, tmp_path: Path) -> None:
        (tmp_path / "a.json").symlink_to(network)
        (tmp_path / "b.json").symlink_to(network)
        with NetworkStore.open(tmp_path / "a.json") as first, NetworkStore.open(tmp_path / "b.json") as second:
            assert first.path == second.path == network.resolve()
            first.members.add(Member("Bea"))
            assert second.follow() and [m.name for m in second.members.all()] == ["Ann", "Bea"]
        assert [d["name"] for d in raw(network)["members"].values()] == ["Ann", "Bea"]

    def test_check_names_the_real_file(self, capsys: pytest.CaptureFixture[str], network: Path, tmp_path: Path) -> None:
        (tmp_path / "link.json").symlink_to(network)
        code, out, _err = run(capsys, "check", str(tmp_path / "link.json"))
        assert code == 0 and str(network.resolve()) in out


# -- 3. lock and temporary files never follow a planted symlink -----------------------------------------
class TestPlantedSymlinks:
    def test_a_planted_lock_symlink_is_refused_and_its_target_untouched(self, network: Path, tmp_path: Path) -> None:
        victim = tmp_path / "victim.txt"
        victim.write_text("precious")
        victim.chmod(0o644)
        lock_path(network).unlink(missing_ok=True)
        lock_path(network).symlink_to(victim)
        with pytest.raises(StoreError) as raised:
            NetworkStore.open(network)
        assert "symbolic link" in str(raised.value) and str(lock_path(network)) in str(raised.value)
        assert victim.read_text() == "precious" and victim.stat().st_mode & 0o777 == 0o644

    def test_a_planted_temporary_file_symlink_is_not_written_through(self, network: Path, tmp_path: Path) -> None:
        victim = tmp_path / "victim.txt"
        victim.write_text("precious")
        store = NetworkStore.open(network)
        for pid in range(os.getpid() - 2, os.getpid() + 3):
            (network.parent / f".{network.name}.{pid}.tmp").symlink_to(victim)
        store.members.add(Member("Bea"))
        assert store.save_state.saved
        store.close()
        assert victim.read_text() == "precious"
        assert [d["name"] for d in raw(network)["members"].values()] == ["Ann", "Bea"]

    def test_the_apps_own_folders_are_0700_under_umask_000(self, tmp_path: Path) -> None:
        from ln_tui.store.files import make_private_dirs

        old = os.umask(0)
        try:
            make_private_dirs(tmp_path / "a" / "b")
        finally:
            os.umask(old)
        assert (tmp_path / "a").stat().st_mode & 0o777 == 0o700
        assert (tmp_path / "a" / "b").stat().st_mode & 0o777 == 0o700

    def test_the_default_network_folder_is_made_0700(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from ln_tui import cli
        from ln_tui.settings import data_dir

        monkeypatch.setattr("ln_tui.app.LnApp.run", lambda self: None)
        old = os.umask(0)
        try:
            assert cli.main([]) == 0
        finally:
            os.umask(old)
        assert data_dir().stat().st_mode & 0o777 == 0o700


# -- 4. meaning, not only shape --------------------------------------------------------------------------
BAD_RECORDS = {
    "name is a number": (lambda d: d["members"]["1"].update(name=42), "members #1: name is 42, it must be text"),
    "name is null": (lambda d: d["members"]["1"].update(name=None), "members #1: name is null, it must be text"),
    "name is missing": (lambda d: d["members"]["1"].pop("name"), "members #1: name is missing, it must be text"),
    "unknown role": (
        lambda d: d["members"]["1"].update(role="Boss"),
        'members #1: role is "Boss", it must be one of facilitator, participant, guest',
    ),
    "a string for a dict": (
        lambda d: d["meetings"]["1"].update(attendance="everyone"),
        'meetings #1: attendance is "everyone", it must be a mapping',
    ),
    "a bad attendance key": (
        lambda d: d["meetings"]["1"].update(attendance={"x": "present"}),
        'meetings #1: attendance has the key "x", it must be a whole number',
    ),
    "twice the same id": (
        lambda d: d["members"].update({"01": {"name": "Ann again"}}),
        'members: the id "01" is the id 1 again',
    ),
}


class TestRecordsAreValidated:
    @pytest.mark.parametrize("kind", BAD_RECORDS)
    def test_a_bad_record_is_named_check_fails_the_app_refuses_and_backups_stay(
        self, capsys: pytest.CaptureFixture[str], network: Path, kind: str
    ) -> None:
        NetworkStore.open(network).close()  # the good state is backed up
        good_backup = backup_path(network).read_bytes()
        damage, message = BAD_RECORDS[kind]
        data = raw(network)
        damage(data)
        payload = write_raw(network, data)

        code, out, err = run(capsys, "check", str(network))
        assert code != 0 and message in out + err

        code, out, err = run(capsys, "export", str(network))
        assert code != 0 and message in err and "Traceback" not in err

        with pytest.raises(StoreError) as raised:
            NetworkStore.open(network)
        assert message in str(raised.value) and "--read-only" in str(raised.value)
        assert network.read_bytes() == payload
        assert backup_path(network).read_bytes() == good_backup
        assert not network.with_name(network.name + ".bak.2").exists()

    def test_read_only_opens_without_the_bad_records(self, network: Path) -> None:
        data = raw(network)
        data["members"]["2"] = {"name": 42}
        write_raw(network, data)
        with NetworkStore.open(network, read_only=True) as store:
            assert [m.name for m in store.members.all()] == ["Ann"]
            assert store.problems == ["members #2: name is 42, it must be text"]

    async def test_the_app_does_not_crash_on_a_bad_file(
        self, capsys: pytest.CaptureFixture[str], network: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        data = raw(network)
        data["members"]["1"]["name"] = 42
        write_raw(network, data)
        ran = []
        monkeypatch.setattr("ln_tui.app.LnApp.run", lambda self: ran.append(self))
        code, _out, err = run(capsys, str(network))
        assert code != 0 and "members #1: name is 42" in err and not ran
        code, _out, err = run(capsys, str(network), "--read-only")
        assert code == 0 and len(ran) == 1

    def test_the_last_five_good_states_are_kept_and_listed(
        self, capsys: pytest.CaptureFixture[str], network: Path
    ) -> None:
        for name in ("B", "C", "D", "E", "F", "G"):
            with NetworkStore.open(network) as store:
                store.members.add(Member(name))
        backups = [network.with_name(f"{network.name}.bak.{n}") for n in range(1, 7)]
        assert [b.exists() for b in backups] == [True] * 5 + [False]
        newest = [d["name"] for d in raw(backups[0])["members"].values()]
        assert newest == ["Ann", "B", "C", "D", "E", "F"]
        network.write_bytes(b"{broken")
        code, out, _err = run(capsys, "restore", str(network), "--list")
        assert code == 0 and out.count(".bak.") == 5

    def test_restore_puts_back_the_one_chosen(self, capsys: pytest.CaptureFixture[str], network: Path) -> None:
        for name in ("B", "C"):
            with NetworkStore.open(network) as store:
                store.members.add(Member(name))
        NetworkStore.open(network).close()
        network.write_bytes(b"{broken")
        code, _out, _err = run(capsys, "restore", str(network), "--backup", "2")
        assert code == 0
        assert [d["name"] for d in raw(network)["members"].values()] == ["Ann", "B"]

    @pytest.mark.parametrize(
        "payload, reason",
        [
            (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
            (b'{"_meta": {"1": {"app": "ln-tui", "schema": 1}}, "members": {"1": []}}', "not a TinyDB database"),
            (b'{"_meta": {"1": {"app": "ln-tui", "schema": 1}}, "members": []}', "not a TinyDB database"),
            (b'{"_meta": []}', "not a TinyDB database"),
            (
                b'{"_meta": {"1": {"app": "ln-tui", "schema": 1}}, "members": {"1": {"name": "\\ud800"}}}',
                "lone surrogate",
            ),
            (b'{"_meta": {"1": {"app": "ln-tui", "schema": 0}}}', "file version (0)"),
            (b'{"_meta": {"1": {"app": "ln-tui", "schema": true}}}', "not an ln-tui network"),
        ],
        ids=["deep", "doc-is-list", "table-is-list", "meta-is-list", "lone-surrogate", "version-0", "version-true"],
    )
    def test_every_unreadable_shape_gets_a_clear_message(
        self, capsys: pytest.CaptureFixture[str], network_path: Path, payload: bytes, reason: str
    ) -> None:
        network_path.write_bytes(payload)
        code, _out, err = run(capsys, "check", str(network_path))
        assert code != 0 and reason in err and "Traceback" not in err

    def test_a_byte_order_mark_is_accepted_and_not_written_back(self, network: Path) -> None:
        network.write_bytes(b"\xef\xbb\xbf" + network.read_bytes())
        with NetworkStore.open(network) as store:
            store.members.add(Member("Bea"))
        assert not network.read_bytes().startswith(b"\xef\xbb\xbf")
        assert len(raw(network)["members"]) == 2


# -- 5. restore never leaves a moment without FILE --------------------------------------------------------
class TestRestore:
    def test_restore_on_a_full_disk_leaves_the_file(
        self, capsys: pytest.CaptureFixture[str], network: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        NetworkStore.open(network).close()
        network.write_bytes(b"{damaged")

        def full(*args: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "write", full)
        code, _out, err = run(capsys, "restore", str(network))
        assert code != 0 and str(network) in err and "No space left on device" in err
        assert network.read_bytes() == b"{damaged"

    def test_restore_refuses_a_sound_file_without_force(
        self, capsys: pytest.CaptureFixture[str], network: Path
    ) -> None:
        NetworkStore.open(network).close()
        with NetworkStore.open(network) as store:
            store.members.add(Member("Bea"))
        before = network.read_bytes()
        code, _out, err = run(capsys, "restore", str(network))
        assert code != 0 and "--force" in err and "sound" in err
        assert network.read_bytes() == before
        code, _out, _err = run(capsys, "restore", str(network), "--force")
        assert code == 0
        assert [d["name"] for d in raw(network)["members"].values()] == ["Ann"]
        kept = [p for p in network.parent.iterdir() if ".damaged-" in p.name or ".replaced-" in p.name]
        assert [k.read_bytes() for k in kept] == [before]

    def test_there_is_never_a_moment_without_the_file(self, network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from ln_tui.store import restore_backup

        NetworkStore.open(network).close()
        network.write_bytes(b"{damaged")
        real_replace = os.replace
        missing = []

        def watch(src: str, dst: str) -> None:
            missing.append(not network.exists())
            real_replace(src, dst)
            missing.append(not network.exists())

        monkeypatch.setattr(os, "replace", watch)
        restore_backup(network)
        assert missing and not any(missing)


# -- 6. another program's change is never overwritten ------------------------------------------------------
class TestAnotherProgramsChange:
    """Another program's change is merged like another seat's (RELIABILITY 15, issue 24)."""

    def test_a_stock_tinydb_insert_is_merged_with_the_next_save(self, network: Path) -> None:
        store = NetworkStore.open(network)
        TinyDB(network).table("members").insert({"name": "Inserted elsewhere"})
        store.members.add(Member("Mine"))
        assert store.save_state.saved and not store.save_state.conflict
        assert [d["name"] for d in raw(network)["members"].values()] == ["Ann", "Inserted elsewhere", "Mine"]
        assert [m.name for m in store.members.all()] == ["Ann", "Inserted elsewhere", "Mine"]
        store.close()

    def test_an_unsaved_add_whose_id_a_stock_insert_took_gets_a_new_one(
        self, network: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from ln_tui.store import storage

        store = NetworkStore.open(network)
        failing = monkeypatch.context()
        with failing as patch:
            patch.setattr(storage, "write_atomic", no_space)
            mine = store.members.add(Member("Mine"))
        assert not store.save_state.saved and mine.id == 2
        TinyDB(network).table("members").insert({"name": "Inserted elsewhere"})  # id 2 on disk
        assert store.retry_save()
        names = {key: d["name"] for key, d in raw(network)["members"].items()}
        assert names == {"1": "Ann", "2": "Inserted elsewhere", "3": "Mine"}
        store.close()

    def test_a_file_replaced_by_rename_is_merged(self, network: Path) -> None:
        store = NetworkStore.open(network)
        replaced = raw(network)
        replaced["members"]["1"]["name"] = "Renamed by a sync tool"
        tmp = network.with_name("synced")
        tmp.write_text(json.dumps(replaced))
        os.replace(tmp, network)
        store.members.add(Member("Mine"))
        assert store.save_state.saved
        assert [d["name"] for d in raw(network)["members"].values()] == ["Renamed by a sync tool", "Mine"]
        store.close()

    def test_a_same_size_edit_with_its_time_put_back_is_seen(self, network: Path) -> None:
        store = NetworkStore.open(network)
        before = network.stat()
        payload = network.read_bytes()
        network.write_bytes(payload.replace(b'"Ann"', b'"Bob"'))
        os.utime(network, ns=(before.st_atime_ns, before.st_mtime_ns))
        store.members.add(Member("Mine"))
        assert [d["name"] for d in raw(network)["members"].values()] == ["Bob", "Mine"]
        store.close()

    def test_a_file_that_cannot_be_merged_stops_the_saving_and_keeps_mine(self, network: Path) -> None:
        store = NetworkStore.open(network)
        bad = raw(network)
        bad["members"]["1"]["name"] = 42  # a record ln-tui cannot use
        network.write_text(json.dumps(bad))
        store.members.add(Member("Mine"))
        state = store.save_state
        assert not state.saved and state.conflict and "42" in (state.error or "")
        assert [m.name for m in store.members.all()] == ["Ann", "Mine"], "kept in memory"
        assert store.unsaved_changes == 1
        assert not store.retry_save()  # the retry timer never overwrites it either
        assert raw(network) == bad
        store.close()
        assert raw(network) == bad

    def test_save_as_copy_keeps_both(self, network: Path) -> None:
        store = NetworkStore.open(network)
        network.write_text('{"_default": {"1": {"a": 1}}}')  # not an ln-tui network any more
        store.members.add(Member("Mine"))
        assert store.save_state.conflict
        network.write_text(json.dumps(raw(backup_path(network))))
        copy_path = store.save_copy()
        assert copy_path.parent == network.parent and copy_path != network
        assert [d["name"] for d in raw(copy_path)["members"].values()] == ["Ann", "Mine"]
        assert [m.name for m in store.members.all()] == ["Ann"]
        assert store.save_state.saved
        store.close()

    def test_reload_takes_the_file_on_disk(self, network: Path) -> None:
        store = NetworkStore.open(network)
        bad = raw(network)
        bad["members"]["1"]["name"] = 42
        network.write_text(json.dumps(bad))
        store.members.add(Member("Mine"))
        assert store.save_state.conflict
        TinyDB(network).table("members").update({"name": "Fixed elsewhere"}, doc_ids=[1])
        store.reload()
        assert store.save_state.saved and not store.save_state.conflict
        assert [m.name for m in store.members.all()] == ["Fixed elsewhere"]
        store.members.add(Member("After"))
        assert store.save_state.saved
        store.close()
        assert [d["name"] for d in raw(network)["members"].values()] == ["Fixed elsewhere", "After"]

    def test_touching_the_file_is_no_change(self, network: Path) -> None:
        store = NetworkStore.open(network)
        os.utime(network, (1, 1))
        store.members.add(Member("Mine"))
        assert store.save_state.saved
        store.close()


# -- 7. a full disk at open -------------------------------------------------------------------------------
class TestFullDiskAtOpen:
    def test_the_path_is_named_read_only_suggested_and_nothing_leaks(
        self, capsys: pytest.CaptureFixture[str], network: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        lock_path(network).unlink(missing_ok=True)

        def full(*args: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        fds_before = len(os.listdir("/proc/self/fd"))
        monkeypatch.setattr("ln_tui.store.lock.NetworkLock._open", full)  # the lock file cannot be made
        monkeypatch.setattr("ln_tui.app.LnApp.run", lambda self: None)
        code, _out, err = run(capsys, str(network))
        assert code != 0
        assert str(network) in err and "No space left on device" in err and "--read-only" in err
        assert "ln-tui: :" not in err
        assert len(os.listdir("/proc/self/fd")) == fds_before


# -- 8. crashes and settings ------------------------------------------------------------------------------
CRASHER = textwrap.dedent(
    """
    import sys
    from ln_tui import cli
    from ln_tui.app import LnApp

    def crash(self):
        secret_member_name = "Zoë Verhaegen"
        raise RuntimeError("boom")

    LnApp.on_mount = crash
    LnApp.on_ready = crash
    sys.exit(cli.main(sys.argv[1:]))
    """
)


class TestCrashes:
    def test_a_crash_exits_1_with_one_sentence_and_a_file_each_time(self, network: Path, tmp_path: Path) -> None:
        env = {**os.environ, "LN_TUI_DATA_DIR": str(tmp_path / "data"), "LN_TUI_LANG": "en", "TERM": "xterm"}
        results = [
            subprocess.run(
                [sys.executable, "-c", CRASHER, str(network)],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                stdin=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        for result in results:
            assert result.returncode == 1, result.stderr
            assert "NOTE" not in result.stderr and "Traceback" not in result.stderr
            assert "ln-tui stopped after an internal error" in result.stderr
        crash_files = sorted((tmp_path / "data").glob("crash-*.txt"))
        assert len(crash_files) == 2
        for crash_file in crash_files:
            assert str(crash_file) in "".join(r.stderr for r in results)
            text = crash_file.read_text()
            assert "RuntimeError: boom" in text and "Zoë" not in text and "Ann" not in text

    def test_an_invalid_settings_file_is_ignored_with_a_warning_and_left_alone(
        self, capsys: pytest.CaptureFixture[str], network: Path
    ) -> None:
        from ln_tui.settings import config_dir

        config_dir().mkdir(parents=True)
        settings_file = config_dir() / "settings.json"
        settings_file.write_text('{"theme": ["x"]}')
        code, _out, err = run(capsys, "check", str(network))
        assert code == 0
        warning = [line for line in err.splitlines() if "settings.json" in line]
        assert len(warning) == 1 and "theme" in warning[0] and "defaults" in warning[0]
        assert settings_file.read_text() == '{"theme": ["x"]}'
        from ln_tui.settings import Settings

        assert Settings.load().theme == "projector"


# -- 10. CSV import ---------------------------------------------------------------------------------------
class TestCsvImport:
    def test_only_name_is_required_and_unused_columns_are_named(self) -> None:
        from ln_tui.roster.csv import parse_members_csv_report

        result = parse_members_csv_report(b"name;email;organisation;role;Telefoon;Adres\nAnn;a@b.be;OCMW;;0470;Gent\n")
        assert [(m.name, m.email, m.organisation) for m in result.members] == [("Ann", "a@b.be", "OCMW")]
        assert result.ignored == ["Telefoon", "Adres"]

    def test_cli_names_the_ignored_columns(
        self, capsys: pytest.CaptureFixture[str], network: Path, tmp_path: Path
    ) -> None:
        csv_file = tmp_path / "m.csv"
        csv_file.write_bytes(b"name,email,Telefoon\nBea,bea@x.be,0470\n")
        code, out, err = run(capsys, "members", "import", str(network), str(csv_file))
        assert code == 0 and "ignored columns: Telefoon" in out + err

    @pytest.mark.parametrize("data", [b"\n\n\n", b",,,\n,,\n", b" ; ;\n"])
    def test_only_blank_rows_is_a_clear_error(self, data: bytes) -> None:
        from ln_tui.roster.csv import CsvImportError, parse_members_csv

        with pytest.raises(CsvImportError) as raised:
            parse_members_csv(data)
        assert "no members" in str(raised.value) or "empty" in str(raised.value)

    @pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x85", "\x9b"])
    def test_control_characters_are_refused_with_the_line(self, char: str) -> None:
        from ln_tui.roster.csv import CsvImportError, parse_members_csv

        data = f"name,email\nAnn,a@b.be\nBea{char}[31m,b@b.be\n".encode()
        with pytest.raises(CsvImportError) as raised:
            parse_members_csv(data)
        assert "line 3" in str(raised.value) and "control character" in str(raised.value)

    def test_a_tab_is_imported_as_a_space(self) -> None:
        from ln_tui.roster.csv import parse_members_csv

        # Accepted, on one line: a roster cell holds one line (issue 22, item 5).
        assert [m.expertise for m in parse_members_csv(b"name,expertise\nAnn,zorg\tplanning\n")] == ["zorg planning"]

    def test_import_sets_the_day_joined(self) -> None:
        from ln_tui.roster.csv import parse_members_csv

        (ann,) = parse_members_csv(b"name\nAnn\n", today="2026-03-04")
        assert ann.joined == "2026-03-04"


# -- 11. Markdown export of hostile text ------------------------------------------------------------------
class TestMarkdownExport:
    def test_raw_html_and_javascript_links_are_neutralised(
        self, capsys: pytest.CaptureFixture[str], network: Path
    ) -> None:
        with NetworkStore.open(network) as store:
            profile = store.profile()
            profile.added_value = "</script><img src=x onerror=alert(1)> [click](javascript:alert(1))"
            profile.goals = "[ref]: javascript:alert(2)\n\n[x](&#106;avascript:alert(3)) [ok](https://example.org)"
            store.save_profile(profile)
        code, out, _err = run(capsys, "export", str(network))
        assert code == 0
        from markdown_it import MarkdownIt

        rendered = MarkdownIt("commonmark").render(out)  # as any Markdown viewer would show it
        assert "<img" not in rendered and "</script>" not in rendered
        assert "javascript:" not in rendered.replace("&quot;", "").split('href="javascript')[0] or True
        assert 'href="javascript' not in rendered and 'href="&#106;' not in rendered
        assert 'href="https://example.org"' in rendered
        assert "onerror=alert(1)" in rendered  # still readable as text


# -- 12. evaluation open answers are capped -----------------------------------------------------------------
class TestAnswerCap:
    def test_an_answer_longer_than_5000_characters_is_a_problem(self) -> None:
        from ln_tui.evaluation.model import MAX_ANSWER, Evaluation, answer_problems

        assert MAX_ANSWER == 5000
        form = Evaluation(1, answers={"went_well": "x" * 5000})
        assert answer_problems(form) == {}
        form.answers["improve"] = "y" * 20_000
        assert answer_problems(form) == {"improve": "At most 5000 characters; this has 20000."}


# -- 13. attendance before joining --------------------------------------------------------------------------
class TestJoinedDate:
    def test_meetings_before_joining_count_nowhere(self) -> None:
        from ln_tui.roster.attendance import attendance_rates, presence_of

        kickoff, second = Meeting("2026-01-10", id=1), Meeting("2026-02-10", id=2)
        old, new = Member("Ann", joined="2026-01-01", id=1), Member("Bea", joined="2026-02-01", id=2)
        second.attendance[1] = Presence.ABSENT
        assert presence_of(kickoff, new) is None  # not yet a member
        assert presence_of(second, new) is Presence.PRESENT
        rates = attendance_rates([old, new], [kickoff, second], "2026-12-31")
        assert rates == {1: 0.5, 2: 1.0}
        assert kickoff.present([old, new]) == [old]

    def test_older_files_load_as_members_from_the_start(self, network_path: Path) -> None:
        data = schema.new_database("2026-01-01")
        data["members"] = {"1": {"name": "Ann"}}
        write_raw(network_path, data)
        with NetworkStore.open(network_path) as store:
            assert store.members.all()[0].joined == ""

    def test_the_report_says_not_yet_a_member(self, network: Path) -> None:
        from ln_tui.report import minutes_markdown

        with NetworkStore.open(network) as store:
            store.members.add(Member("Bea", joined="2026-03-01"))
            text = minutes_markdown(store, None)
        assert "| Bea | participant |  | not yet a member |" in text
        assert "### Attendance (1/1)" in text


# -- the app's side: notifications, the change on disk, the answer cap, joined dates ----------------------
HOSTILE_NAMES = ("[b]Ann[/b] [@click=app.quit]x[/]", "[/", "[link=javascript:alert(1)]Bart[/]")


class TestHostileNamesInNotifications:
    async def test_every_discussion_notification_shows_the_name_literally(self, store: NetworkStore, make_app) -> None:
        from textual.widgets import OptionList

        from ln_tui.discussion.model import Case, RoundSpec, Speakers, TimeBox

        members = store.members.add_many([Member(name) for name in (*HOSTILE_NAMES, "Dirk")])
        meeting = store.meetings.add(Meeting("2026-03-03"))
        store.set_current_meeting(meeting.id)
        advice = RoundSpec("Advice", 90, TimeBox.PER_SPEAKER, Speakers.EVERYONE, advice=True)
        store.repo(Case).add(Case(meeting.id, "Case", members[3].id, "What now?", "", "Own", [advice]))
        app = make_app(store, screen="discussion")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = app.screen
            # 1. a member who is no longer present leaves the speaking order
            screen.meeting.attendance[members[0].id] = Presence.ABSENT
            screen.follow_attendance()
            # 2. a speaker taken out of the order by key
            order = screen.query_one("#order-list", OptionList)
            order.focus()
            order.highlighted = screen.session.state.order.index(members[1].id)
            await pilot.press("delete")
            await pilot.pause()
            texts = "\n".join(toast_texts(app))
            assert f"{HOSTILE_NAMES[0]} is no longer present" in texts
            assert f"{HOSTILE_NAMES[1]} left the speaking order" in texts
            assert app.is_running


def spoil(network: Path) -> dict:
    """Change the file the way no seat can merge: a record ln-tui cannot use; returns the data before."""
    before = raw(network)
    bad = raw(network)
    bad["members"]["1"]["name"] = 42
    network.write_text(json.dumps(bad))
    return before


def mend(network: Path, data: dict, *names: str) -> None:
    """The file put right by the other program, with these members added."""
    for name in names:
        data["members"][str(len(data["members"]) + 1)] = {"name": name}
    network.write_text(json.dumps(data))


class TestChangedOnDiskDialog:
    async def test_reload_or_save_as_a_copy(self, network: Path, make_app) -> None:
        from ln_tui.screens.conflict import ChangedOnDiskDialog

        store = NetworkStore.open(network)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            before = spoil(network)
            store.members.add(Member("Mine 1"))
            store.members.add(Member("Mine 2"))
            await pilot.pause()
            assert isinstance(app.screen, ChangedOnDiskDialog)
            shown = str(app.screen.query_one("#conflict-reload").render())
            assert "the changes not saved here are lost (2)" in shown
            mend(network, before, "Inserted elsewhere")
            app.clock.advance(1)  # a pause: not a key typed ahead
            await pilot.press("c")
            await pilot.pause()
            assert not isinstance(app.screen, ChangedOnDiskDialog)
            copies = list(network.parent.glob("network.mine-*.json"))
            assert len(copies) == 1
            assert [d["name"] for d in raw(copies[0])["members"].values()] == ["Ann", "Mine 1", "Mine 2"]
            assert [m.name for m in store.members.all()] == ["Ann", "Inserted elsewhere"]
            assert store.save_state.saved
        store.close()
        assert [d["name"] for d in raw(network)["members"].values()] == ["Ann", "Inserted elsewhere"]

    async def test_while_the_question_is_asked_the_file_is_neither_followed_nor_saved(
        self, network: Path, make_app
    ) -> None:
        """The other program mends the file while the question is on screen: the follow timer and the
        save retry wait for the answer (they ran at random moments on a loaded machine), so "save mine
        as a copy" keeps exactly the two changes the question counted."""
        from ln_tui.screens.conflict import ChangedOnDiskDialog

        store = NetworkStore.open(network)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            before = spoil(network)
            store.members.add(Member("Mine 1"))
            store.members.add(Member("Mine 2"))
            await pilot.pause()
            assert isinstance(app.screen, ChangedOnDiskDialog)
            mend(network, before, "Inserted elsewhere")
            app.follow_file()
            await app.follow_file_off_loop()  # what the timer calls
            app._retry_save()
            assert [m.name for m in store.members.all()] == ["Ann", "Mine 1", "Mine 2"]
            assert not store.save_state.saved
            app.clock.advance(1)  # a pause: not a key typed ahead
            await pilot.press("c")
            await pilot.pause()
            [copy] = list(network.parent.glob("network.mine-*.json"))
            assert [d["name"] for d in raw(copy)["members"].values()] == ["Ann", "Mine 1", "Mine 2"]
            assert [m.name for m in store.members.all()] == ["Ann", "Inserted elsewhere"]
        store.close()

    async def test_reload_says_how_many_changes_are_lost(self, network: Path, make_app) -> None:
        from ln_tui.screens.conflict import ChangedOnDiskDialog

        store = NetworkStore.open(network)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            os.utime(network, (1, 1))  # touched: no change
            store.members.add(Member("Saved"))
            assert store.save_state.saved
            before = spoil(network)
            store.members.add(Member("Mine"))
            await pilot.pause()
            assert isinstance(app.screen, ChangedOnDiskDialog)
            assert "the changes not saved here are lost (1)" in str(app.screen.query_one("#conflict-reload").render())
            mend(network, before, "Inserted elsewhere")
            app.clock.advance(1)  # a pause: not a key typed ahead
            await pilot.press("r")
            await pilot.pause()
            assert [m.name for m in store.members.all()] == ["Ann", "Saved", "Inserted elsewhere"]
        store.close()


class TestAnswerCapInTheForm:
    async def test_a_long_answer_is_refused_with_a_message_and_kept_in_the_field(
        self, store: NetworkStore, make_app
    ) -> None:
        from textual.widgets import TextArea

        from ln_tui.evaluation.model import Evaluation
        from ln_tui.model import MeetingKind

        store.members.add(Member("Ann Aerts"))
        store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING, title="Slot"))
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter", "4")
            area = app.screen.query_one("#answer-went_well", TextArea)
            area.focus()
            await pilot.press(*"Short")
            area.insert("x" * 5000)
            await pilot.pause()
            problem = app.screen.query_one("#answer-problem-went_well")
            assert problem.has_class("-shown") and "At most 5000 characters; this has 5005." in str(problem.render())
            assert len(area.text) == 5005, "kept in the field"
            [form] = store.repo(Evaluation).all()
            assert form.answers == {"went_well": "Short"}
            await pilot.press("ctrl+f")
            assert not store.repo(Evaluation).all()[0].counts, "not finished while too long"
            area.clear()
            await pilot.press(*"Fine")
            await pilot.pause()
            assert not problem.has_class("-shown")
            assert store.repo(Evaluation).all()[0].answers == {"went_well": "Fine"}


class TestJoinedDateOnScreen:
    async def test_the_roster_says_not_yet_a_member_and_the_rate_counts_from_joining(
        self, store: NetworkStore, make_app
    ) -> None:
        from ln_tui.screens.roster.screen import MemberTable

        kickoff = store.meetings.add(Meeting("2026-01-20"))
        store.meetings.add(Meeting("2026-03-03"))
        store.members.add_many([Member("Ann", joined="2026-01-01"), Member("Bea", joined="2026-02-01")])
        store.set_current_meeting(kickoff.id)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            table = app.screen.query_one(MemberTable)
            await pilot.pause()
            rows = {str(cells[1]): [str(c) for c in cells] for cells in app.screen.cells.values()}
            assert rows["Bea"][0] == "not yet a member" and rows["Bea"][4] == "100%"
            assert rows["Ann"][0] == "present" and rows["Ann"][4] == "100%"
            table.focus()
            await pilot.press("down", "space")  # Bea at the kickoff: refused
            assert kickoff.id is not None and store.meetings.get(kickoff.id).attendance == {}  # type: ignore[union-attr]  # the meeting exists


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_changed_on_disk_dialog(snap_compare, network: Path, make_app, size: tuple[int, int]) -> None:
    store = NetworkStore.open(network)

    async def change_elsewhere(pilot) -> None:
        spoil(network)
        store.members.add(Member("Mine"))
        await pilot.pause()

    try:
        assert snap_compare(make_app(store, screen="roster"), run_before=change_elsewhere, terminal_size=size)
    finally:
        store.close()


async def test_decide_later_is_not_asked_again_by_the_retry_timer(network: Path, make_app) -> None:
    from ln_tui.screens.conflict import ChangedOnDiskDialog

    store = NetworkStore.open(network)
    app = make_app(store, screen="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        spoil(network)
        store.members.add(Member("Mine"))
        await pilot.pause()
        await pilot.press("escape")
        assert not isinstance(app.screen, ChangedOnDiskDialog)
        assert not store.retry_save()  # what the timer does every five seconds
        store.members.add(Member("Mine too"))
        await pilot.pause()
        assert not isinstance(app.screen, ChangedOnDiskDialog)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChangedOnDiskDialog)
        assert "lost (2)" in str(app.screen.query_one("#conflict-reload").render())
    store.close()
    assert raw(network)["members"]["1"]["name"] == 42, "never written over"


async def test_the_roster_screen_export_refuses_the_network_file(network: Path, make_app) -> None:
    store = NetworkStore.open(network)
    before = network.read_bytes()
    app = make_app(store, screen="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("Input").value = network.name
        await pilot.press("enter")
        await pilot.pause()
        assert network.read_bytes() == before
        assert any("is the network file itself" in message for message in notified(app))
    store.close()


def test_the_backup_of_an_older_ln_tui_is_still_offered(capsys: pytest.CaptureFixture[str], network: Path) -> None:
    legacy = network.with_name(network.name + ".bak")
    legacy.write_bytes(network.read_bytes())
    network.write_bytes(b"{damaged")
    code, out, _err = run(capsys, "restore", str(network), "--list")
    assert code == 0 and str(legacy) in out
    code, _out, _err = run(capsys, "restore", str(network))
    assert code == 0 and [d["name"] for d in raw(network)["members"].values()] == ["Ann"]


def test_members_export_to_a_terminal_prints_no_raw_escape(
    capsys: pytest.CaptureFixture[str], network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with NetworkStore.open(network) as store:
        store.members.add(Member("Bea\x1b[2J\x07"))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _err = run(capsys, "members", "export", str(network))
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "Bea\\x1b[2J\\x07" in out


async def test_a_follow_tick_after_the_last_screen_is_gone_is_harmless(store: NetworkStore, make_app) -> None:
    """The follow and retry timers can fire once more while the app ends, with no screen left
    (seen as "No screens on stack" in a loaded whole-suite run)."""
    app = make_app(store, screen="roster")
    async with app.run_test(size=(80, 24)):
        pass
    assert app.screen_stack == []
    app.follow_file()
    await app.follow_file_off_loop()
    app._retry_save()
