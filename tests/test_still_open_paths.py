"""Issue 23, round two: the paths that could still lose a network (items 2, 3, 4, 6, 7, 8)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ln_tui.present.follow import FileFollower, Snapshot


class TestPresentOnAFifo:
    """Item 8: `present` on a FIFO must not hang: only regular files are opened, without blocking."""

    def test_a_fifo_is_refused_with_a_sentence_and_nothing_blocks(self, tmp_path: Path) -> None:
        fifo = tmp_path / "network.json"
        os.mkfifo(fifo)
        follower = FileFollower(fifo)
        result: list[Snapshot | None] = []
        reader = threading.Thread(target=lambda: result.append(follower.poll()), daemon=True)
        reader.start()
        reader.join(timeout=5)
        if reader.is_alive():  # unblock the hung open so the test process can end
            with open(fifo, "wb"):
                pass
            reader.join(timeout=5)
            pytest.fail("polling a FIFO blocked")
        snapshot = result[0]
        assert snapshot is not None and snapshot.store is None
        assert "not a regular file" in snapshot.problem
        assert follower.read().store is None, "reading it directly does not block either"

    def test_the_command_refuses_a_fifo_before_opening_a_screen(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from ln_tui.cli import main

        fifo = tmp_path / "network.json"
        os.mkfifo(fifo)
        assert main(["present", str(fifo)]) == 2
        assert "not a regular file" in capsys.readouterr().err


class TestInvisibleCharactersFromCsv:
    """Item 6: invisible and direction-changing characters, and line breaks in a cell, are refused
    from a CSV import with their line and column, nothing imported."""

    @pytest.mark.parametrize(
        ("char", "code"),
        [("\u202e", "U+202E"), ("\u200b", "U+200B"), ("\u2028", "U+2028"), ("\u2066", "U+2066"), ("\ufeff", "U+FEFF")],
    )
    def test_each_is_named_with_its_line_and_column(self, char: str, code: str) -> None:
        from ln_tui.roster.csv import CsvImportError, parse_members_csv

        data = f"name,email\nAnn,a@b.be\nBea{char}x,b@b.be\n".encode()
        with pytest.raises(CsvImportError) as raised:
            parse_members_csv(data)
        message = str(raised.value)
        assert "line 3, column 4" in message and code in message, message

    def test_a_line_break_inside_a_quoted_cell_is_refused_where_it_is(self) -> None:
        from ln_tui.roster.csv import CsvImportError, parse_members_csv

        data = b'name,organisation\r\nAnn,Zorg\r\nBea,"Twee\r\nregels"\r\n"Cas\nPeeters",X\n'
        with pytest.raises(CsvImportError) as raised:
            parse_members_csv(data)
        message = str(raised.value)
        assert "line 3, column 10" in message and "line 5, column 5" in message, message
        assert "line break" in message

    def test_a_quote_inside_an_unquoted_name_is_no_quoted_cell(self) -> None:
        from ln_tui.roster.csv import parse_members_csv

        names = [m.name for m in parse_members_csv(b'name,email\nO"Brien,o@b.be\nBea,b@b.be\n')]
        assert names == ['O"Brien', "Bea"]

    def test_the_command_imports_nobody_and_says_where(
        self, store: object, network_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from ln_tui.cli import main
        from ln_tui.store import NetworkStore

        assert isinstance(store, NetworkStore)
        store.close()
        csv_file = tmp_path / "m.csv"
        csv_file.write_bytes("name\nAnn\n\u202eBea\n".encode())
        assert main(["members", "import", str(network_path), str(csv_file)]) == 1
        assert "line 3, column 1" in capsys.readouterr().err
        with NetworkStore.open(network_path, read_only=True) as again:
            assert again.members.all() == []


def network_file(path: Path) -> Path:
    from ln_tui.model import Member
    from ln_tui.store import NetworkStore

    with NetworkStore.open(path) as store:
        profile = store.profile()
        profile.name = "Zorgnetwerk"
        store.save_profile(profile)
        store.members.add(Member("Ann"))
    return path


class TestExportOverANetworkItDoesNotRecognise:
    """Item 2: `export -o` refuses a target that looks like a network by its first bytes, whatever
    its size or wholeness, and any existing file unless --force; the message says which."""

    @pytest.fixture
    def small(self, tmp_path: Path) -> Path:
        return network_file(tmp_path / "small.json")

    def run(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
        from ln_tui.cli import main

        code = main(list(args))
        return code, capsys.readouterr().err

    @pytest.mark.parametrize("command", [["export"], ["members", "export"]])
    def test_a_network_too_big_to_read_whole_is_refused_even_with_force(
        self, capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path, command: list[str]
    ) -> None:
        big = tmp_path / "big.json"
        head = b'{"_meta":{"1":{"app":"ln-tui","schema":1,"created":"2026-01-01T09:00:00"}},\n"notes":{"1":{"text":"'
        with open(big, "wb") as file:  # 70 MB: more than any "read it all and parse" looks at
            file.write(head)
            file.truncate(70 << 20)
        before = os.stat(big)
        for force in ([], ["--force"]):
            code, err = self.run(capsys, *command, str(small), "-o", str(big), *force)
            assert code == 2 and f"{big} is an ln-tui network" in err, err
        after = os.stat(big)
        assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)

    def test_a_network_cut_off_mid_file_is_refused_even_with_force(
        self, capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path
    ) -> None:
        whole = network_file(tmp_path / "whole.json").read_bytes()
        cut = tmp_path / "cut.json"
        cut.write_bytes(whole[: len(whole) // 2])
        for force in ([], ["--force"]):
            code, err = self.run(capsys, "export", str(small), "-o", str(cut), *force)
            assert code == 2 and f"{cut} is an ln-tui network" in err, err
        assert cut.read_bytes() == whole[: len(whole) // 2]

    @pytest.mark.parametrize(
        "payload", [b'{"_default": {"1": {"a": 1}}}', b'\xef\xbb\xbf  {\n  "_default": {}\n}', b'{"t":{"12":{"x']
    )
    def test_a_tinydb_database_is_refused_by_its_first_bytes(
        self, capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path, payload: bytes
    ) -> None:
        other = tmp_path / "db.json"
        other.write_bytes(payload)
        code, err = self.run(capsys, "export", str(small), "-o", str(other), "--force")
        assert code == 2 and f"{other} looks like a TinyDB database" in err, err
        assert other.read_bytes() == payload

    def test_any_existing_file_is_replaced_only_with_force(
        self, capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path
    ) -> None:
        notes = tmp_path / "notes.md"
        notes.write_text("my own notes")
        code, err = self.run(capsys, "export", str(small), "-o", str(notes))
        assert code == 2 and f"{notes} already exists" in err and "--force" in err, err
        assert notes.read_text() == "my own notes"
        code, err = self.run(capsys, "export", str(small), "-o", str(notes), "--force")
        assert code == 0 and "Zorgnetwerk" in notes.read_text()
        fresh = tmp_path / "fresh.md"
        code, err = self.run(capsys, "export", str(small), "-o", str(fresh))
        assert code == 0 and "Zorgnetwerk" in fresh.read_text()

    def test_an_export_of_the_app_replaces_its_own_file_but_never_a_network(self, small: Path, tmp_path: Path) -> None:
        from ln_tui.store.outputs import OutputRefused, output_target

        earlier = tmp_path / "small-minutes-1.md"
        earlier.write_text("# the minutes exported before")
        assert output_target(earlier, small) == earlier.resolve()
        db = tmp_path / "small-minutes-2.md"
        db.write_bytes(b'{"_default": {}}')
        with pytest.raises(OutputRefused):
            output_target(db, small)


class TestAFolderFsyncThatFailsAfterTheRename:
    """Item 7: the rename happened, the file holds the new bytes, only the folder's fsync failed:
    the screen says what is true, and saving again confirms it."""

    @pytest.fixture
    def folder_fsync_fails(self, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
        import errno

        from ln_tui.store import files

        failing = [True]
        working = files.fsync_directory

        def flaky(folder: Path) -> None:
            if failing[0]:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            working(folder)

        monkeypatch.setattr(files, "fsync_directory", flaky)
        return failing

    def test_the_store_says_the_file_holds_it_unconfirmed(self, store: object, folder_fsync_fails: list[bool]) -> None:
        import json

        from ln_tui.model import Member
        from ln_tui.store import NetworkStore

        assert isinstance(store, NetworkStore)
        store.members.add(Member("Ann"))
        state = store.save_state
        assert state.unconfirmed and not state.saved and state.error == os.strerror(5)
        assert [m["name"] for m in json.loads(store.path.read_bytes())["members"].values()] == ["Ann"]
        folder_fsync_fails[0] = False
        assert store.retry_save() and store.save_state.saved and not store.save_state.unconfirmed

    async def test_the_screen_says_saved_unconfirmed_and_saving_again(
        self, store: object, make_app: object, folder_fsync_fails: list[bool]
    ) -> None:
        from conftest import notified

        from ln_tui.model import Member
        from ln_tui.screens.base import SaveStatus
        from ln_tui.store import NetworkStore

        assert isinstance(store, NetworkStore) and callable(make_app)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            store.members.add(Member("Ann"))  # as a seat's save would
            await pilot.pause()
            status = str(app.screen.query_one(SaveStatus).visual)
            assert "saved, but the disk did not confirm it; saving again" in status.lower(), status
            assert "NOT SAVED" not in status
            assert any("did not confirm" in message and "Not saved" not in message for message in notified(app))
            folder_fsync_fails[0] = False
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert str(app.screen.query_one(SaveStatus).visual) == "✓ saved"

    def test_snapshot_saved_unconfirmed(
        self, store: object, make_app: object, folder_fsync_fails: list[bool], snap_compare: object
    ) -> None:
        from ln_tui.model import Member
        from ln_tui.store import NetworkStore

        assert isinstance(store, NetworkStore) and callable(make_app) and callable(snap_compare)

        async def unconfirmed_save(pilot: object) -> None:
            store.members.add(Member("Ann"))

        assert snap_compare(make_app(store, screen="roster"), terminal_size=(120, 36), run_before=unconfirmed_save)


class TestDuplicateKeys:
    """Item 3: duplicate keys in the JSON are found at parse (`object_pairs_hook`): `check` names
    them, opening for writing is refused as for other invalid records, and nothing is written."""

    DUPLICATED = (
        b'{"_meta":{"1":{"app":"ln-tui","schema":1,"created":"2026-01-01T09:00:00"}},\n'
        b'"members":{"1":{"name":"Ann","email":"ann@x.be"},"1":{"name":"Bea","email":"bea@x.be"}}}'
    )

    @pytest.mark.parametrize(
        "payload",
        [
            DUPLICATED,
            DUPLICATED.replace(b",\n", b", "),  # not one table per line: parsed whole
            DUPLICATED.replace(b'"email":"bea@x.be"', b'"email":"bea@x.be","name":"Cas"'),  # a field twice
            DUPLICATED.replace(b'"1":{"name":"Bea"', b'"2":{"name":"Bea"').replace(
                b'"members"', b'"members":{},\n"members"', 1
            ),  # a table twice
            DUPLICATED.replace(b'"name":"Ann"', b'"name" :"Ann","name":"Zoe"').replace(
                b',"1":{"name":"Bea"', b',"2":{"name":"Bea"'
            ),  # a space: one `":` less to count
            DUPLICATED.replace(b'"name":"Ann"', b'"name":"Ann \\":"'),  # `":` inside a text: one more
        ],
    )
    def test_check_names_them_and_exits_1(
        self, tmp_path: Path, payload: bytes, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from ln_tui.cli import main

        path = tmp_path / "network.json"
        path.write_bytes(payload)
        assert main(["check", str(path)]) == 1
        out = capsys.readouterr().out
        assert "appears twice" in out and "members" in out, out
        assert path.read_bytes() == payload

    def test_opening_for_writing_is_refused_and_nothing_is_written_or_kept(self, tmp_path: Path) -> None:
        from ln_tui.store import InvalidRecords, NetworkStore

        path = tmp_path / "network.json"
        path.write_bytes(self.DUPLICATED)
        with pytest.raises(InvalidRecords) as refused:
            NetworkStore.open(path)
        assert 'members: the key "1" appears twice' in str(refused.value)
        assert path.read_bytes() == self.DUPLICATED
        assert sorted(p.name for p in tmp_path.iterdir()) == ["network.json", "network.json.lock"]

    def test_a_sound_file_still_opens_with_its_tables_unparsed_after_the_first_check(self, tmp_path: Path) -> None:
        from ln_tui.model import Member
        from ln_tui.store import NetworkStore

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as store:
            store.members.add(Member("Ann"))
        with NetworkStore.open(path) as store:
            assert "members" not in store.parsed_tables()
            assert [m.name for m in store.members.all()] == ["Ann"]


class TestCheckedMarksCannotBeTrustedWrongly:
    """Item 4: a "checked before" mark is used only from a folder and a file the user owns and no one
    else can write, and only by the rules it was made by: the content of every module that can
    decide validity (found by walking the package), not their size and time."""

    BAD = b'{"_meta":{"1":{"app":"ln-tui","schema":1,"created":"2026-01-01T09:00:00"}},\n"members":{"1":{"name":42}}}'

    def forge(self, path: Path) -> Path:
        """A bad network and a mark saying its exact bytes passed today's rules."""
        import hashlib

        from ln_tui.store import checked

        path.write_bytes(self.BAD)
        checked.remember_checked(path, hashlib.sha256(self.BAD).digest(), by_line=True)
        mark = checked.mark_path(path)
        assert checked.read_mark(path) is not None and mark.exists()
        return mark

    def check_says(self, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
        from ln_tui.cli import main

        code = main(["check", str(path)])
        return code, capsys.readouterr().out

    def test_a_mark_in_the_user_s_own_folder_is_used(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.forge(tmp_path / "network.json")  # the user marked it: as ln-tui itself would
        assert self.check_says(tmp_path / "network.json", capsys)[0] == 0

    @pytest.mark.parametrize("how", ["folder writable by others", "folder of another user", "folder is a link"])
    def test_a_marks_folder_others_can_write_is_not_used(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
    ) -> None:
        mark = self.forge(tmp_path / "network.json")
        folder = mark.parent
        if how == "folder writable by others":
            os.chmod(folder, 0o777)
        elif how == "folder of another user":
            if os.getuid() != 0:
                pytest.skip("giving a folder to another user needs root")
            os.chown(folder, 4321, 4321)
        else:
            real = folder.with_name("elsewhere")
            folder.rename(real)
            folder.symlink_to(real)
        code, out = self.check_says(tmp_path / "network.json", capsys)
        assert code == 1 and "members #1: name is 42" in out, out

    @pytest.mark.parametrize("how", ["writable by others", "of another user", "a link"])
    def test_a_mark_others_can_write_is_not_used(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
    ) -> None:
        mark = self.forge(tmp_path / "network.json")
        if how == "writable by others":
            os.chmod(mark, 0o666)
        elif how == "of another user":
            if os.getuid() != 0:
                pytest.skip("giving a file to another user needs root")
            os.chown(mark, 4321, 4321)
        else:
            real = mark.with_name("elsewhere")
            mark.rename(real)
            mark.symlink_to(real)
        code, out = self.check_says(tmp_path / "network.json", capsys)
        assert code == 1 and "members #1: name is 42" in out, out

    def test_a_network_opened_for_writing_over_a_forged_mark_is_refused_and_not_kept(self, tmp_path: Path) -> None:
        from ln_tui.store import InvalidRecords, NetworkStore

        mark = self.forge(tmp_path / "network.json")
        os.chmod(mark.parent, 0o777)
        with pytest.raises(InvalidRecords):
            NetworkStore.open(tmp_path / "network.json")
        assert not (tmp_path / "network.json.bak.1").exists()

    def test_changing_any_validation_source_invalidates_every_mark(self, tmp_path: Path) -> None:
        """Every module of the package outside screens/ is a rule (the domain never imports the
        screens): a byte changed in any, with its size and modification time put back, or a module
        added, gives another key."""
        import shutil

        import ln_tui
        from ln_tui.store import checked

        package = tmp_path / "ln_tui"
        shutil.copytree(Path(ln_tui.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__", "screens"))
        key = checked.validator_key(package)
        sources = sorted(package.rglob("*.py"))
        assert len(sources) > 50
        for source in sources:
            before = os.stat(source)
            text = source.read_bytes()
            changed = text[:-1] + (b" " if text[-1:] != b" " else b"\n")
            source.write_bytes(changed)
            os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
            assert os.stat(source).st_size == before.st_size
            assert checked.validator_key(package) != key, f"{source.relative_to(package)} changed, the key did not"
            source.write_bytes(text)
            os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert checked.validator_key(package) == key
        (package / "agenda" / "rules.py").write_text("# a new module\n")
        assert checked.validator_key(package) != key

    def test_the_rules_are_every_module_validation_imports(self) -> None:
        """Found by walking the package, not listed by hand: every ln_tui module that judging a
        record imports is among the files the key is made of."""
        import subprocess
        import sys

        from ln_tui.store import checked

        imported = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from ln_tui.store import validation, schema; validation.record_classes(); "
                "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('ln_tui') and m.__file__))",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
        assert len(imported) > 10
        rules = {str(path) for path in checked.rule_files()}
        assert set(imported) <= rules, set(imported) - rules
