"""RELIABILITY.md items 1-7 and 11: what "nothing lost" means, each proven."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from ln_tui.model import Meeting, Member, Note
from ln_tui.store import (
    CorruptFile,
    FileInUse,
    NetworkStore,
    NewerSchema,
    SaveState,
    backup_path,
    restore_backup,
    schema,
)
from ln_tui.store.lock import lock_path

SAVER = textwrap.dedent(
    """
    import sys
    from ln_tui.model import Note
    from ln_tui.store import NetworkStore
    store = NetworkStore.open(sys.argv[1], lock_timeout=5)
    start = len(store.notes)
    for i in range(start, start + 100000):
        store.notes.add(Note(None, "save %d " % i + "x" * (i % 500), "t"))
        print(i, flush=True)  # acknowledged: on disk before this line is printed
    """
)


class TestAtomicDurableSave:
    @pytest.mark.long
    def test_sigkill_at_random_moments_never_loses_an_acknowledged_save(self, network_path: Path) -> None:
        NetworkStore.open(network_path).close()
        rng = random.Random(20261128)
        for _round in range(12):
            process = subprocess.Popen(
                [sys.executable, "-c", SAVER, str(network_path)], stdout=subprocess.PIPE, text=True
            )
            assert process.stdout is not None
            for _ in range(rng.randint(1, 40)):  # let it save a little, then kill it mid-flight
                process.stdout.readline()
            process.send_signal(signal.SIGKILL)
            acknowledged = [int(line) for line in process.stdout.read().split()]
            process.wait()
            last = acknowledged[-1] if acknowledged else None
            with NetworkStore.open(network_path, lock_timeout=5) as store:  # always parses
                texts = {note.text.split(" ")[1] for note in store.notes.all()}
            if last is not None:
                assert str(last) in texts
            assert texts == {str(i) for i in range(len(texts))}, "every save is whole, in order"

    def test_a_save_is_on_disk_when_the_call_returns(self, network_path: Path) -> None:
        store = NetworkStore.open(network_path)
        store.members.add(Member("Ann"))
        # No close(), no flush: another reader sees it already, as after a kill -9.
        assert [doc["name"] for doc in TinyDB(network_path).table("members").all()] == ["Ann"]
        store.close()

    def test_no_delayed_write_survives_kill_dash_nine(self, network_path: Path) -> None:
        code = (
            "import os, signal, sys\n"
            "from ln_tui.model import Member\nfrom ln_tui.store import NetworkStore\n"
            "s = NetworkStore.open(sys.argv[1]); s.members.add(Member('Bea'))\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n"
        )
        subprocess.run([sys.executable, "-c", code, str(network_path)])
        with NetworkStore.open(network_path) as store:
            assert [m.name for m in store.members.all()] == ["Bea"]


class TestIOErrors:
    @pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
    @pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO])
    def test_a_failed_save_leaves_the_file_as_it_was_and_keeps_the_change(
        self, network_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, error: int
    ) -> None:
        store = NetworkStore.open(network_path)
        store.members.add(Member("Ann"))
        good = network_path.read_bytes()
        states: list[SaveState] = []
        store.subscribe(states.append)
        real = getattr(os, failing)

        def broken(*args: object, **kwargs: object) -> object:
            raise OSError(error, os.strerror(error))

        monkeypatch.setattr(os, failing, broken)
        store.members.add(Member("Bea"))  # does not raise into the UI
        assert network_path.read_bytes() == good
        assert not store.save_state.saved and store.save_state.error == os.strerror(error)
        assert states[-1] == store.save_state
        assert [m.name for m in store.members.all()] == ["Ann", "Bea"], "kept in memory"
        assert not list(network_path.parent.glob(".*.tmp")), "no temp file left behind"

        monkeypatch.setattr(os, failing, real)
        assert store.retry_save()
        assert store.save_state.saved
        store.close()
        with NetworkStore.open(network_path) as reopened:
            assert [m.name for m in reopened.members.all()] == ["Ann", "Bea"]

    def test_a_failed_folder_fsync_leaves_a_whole_file_and_retries(
        self, network_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store = NetworkStore.open(network_path)
        from ln_tui.store import files

        def broken(folder: Path) -> None:
            raise OSError(errno.EIO, os.strerror(errno.EIO))

        working = files.fsync_directory
        monkeypatch.setattr(files, "fsync_directory", broken)
        store.members.add(Member("Ann"))
        assert not store.save_state.saved
        json.loads(network_path.read_bytes())  # old or new, but whole
        monkeypatch.setattr(files, "fsync_directory", working)  # not undo(): it would undo conftest's folders too
        assert store.retry_save()
        store.close()

    def test_a_batch_that_fails_halfway_changes_nothing(self, store: NetworkStore) -> None:
        before = store.path.read_bytes()
        with pytest.raises(ValueError), store.batch():
            store.members.add(Member("Ann"))
            raise ValueError("bad row")
        assert store.members.all() == []
        assert store.path.read_bytes() == before


class TestSeats:
    def test_a_second_opener_joins_as_a_seat(self, network_path: Path) -> None:
        first = NetworkStore.open(network_path)
        second = NetworkStore.open(network_path)  # no FileInUse: every ln-tui on a file is a seat
        first.members.add(Member("Ann"))
        second.members.add(Member("Bob"))
        assert first.save_state.saved and second.save_state.saved
        assert first.follow()
        assert sorted(m.name for m in first.members.all()) == ["Ann", "Bob"]
        assert len({m.id for m in first.members.all()}) == 2, "ids picked under the lock never collide"
        first.close()
        second.close()

    def test_a_seat_stuck_in_a_save_is_named_after_the_wait(
        self, network_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from ln_tui.store import lock
        from ln_tui.store.lock import NetworkLock

        monkeypatch.setattr(lock, "WAIT_SECONDS", 0.1)
        first = NetworkStore.open(network_path)
        stuck = NetworkLock(network_path)
        code = "import fcntl, os, sys, time\nfd = os.open(sys.argv[1], os.O_RDWR)\nfcntl.flock(fd, fcntl.LOCK_EX)\nprint(1, flush=True)\ntime.sleep(30)\n"
        holder = subprocess.Popen([sys.executable, "-c", code, str(stuck.path)], stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "1"
            with pytest.raises(FileInUse) as raised:
                stuck.acquire(timeout=0.05)
            assert str(network_path) in str(raised.value)
            first.members.add(Member("Ann"))  # kept in memory, said plainly, never a traceback
            assert not first.save_state.saved and first.save_state.error
            assert [m.name for m in first.members.all()] == ["Ann"]
        finally:
            holder.kill()
            holder.wait()
        assert first.retry_save()
        first.close()
        with NetworkStore.open(network_path) as store:
            assert [m.name for m in store.members.all()] == ["Ann"]

    def test_read_only_never_writes(self, network_path: Path) -> None:
        first = NetworkStore.open(network_path)
        first.members.add(Member("Ann"))
        before = network_path.read_bytes()
        viewer = NetworkStore.open(network_path, read_only=True)
        viewer.members.add(Member("Mallory"))
        assert viewer.save_state.read_only and not viewer.save_state.saved
        viewer.close()
        assert network_path.read_bytes() == before
        first.close()

    def test_the_lock_is_free_again_after_close(self, network_path: Path) -> None:
        NetworkStore.open(network_path).close()
        NetworkStore.open(network_path).close()

    @pytest.mark.long
    def test_two_processes_taking_turns_add_exactly_a_thousand(self, network_path: Path) -> None:
        NetworkStore.open(network_path).close()
        code = (
            "import sys\nfrom ln_tui.model import Note\nfrom ln_tui.store import NetworkStore\n"
            "for i in range(500):\n"
            "    with NetworkStore.open(sys.argv[1], lock_timeout=30) as s:\n"
            "        s.notes.add(Note(None, sys.argv[2] + str(i), 't'))\n"
        )
        workers = [subprocess.Popen([sys.executable, "-c", code, str(network_path), tag]) for tag in "ab"]
        assert [w.wait(timeout=120) for w in workers] == [0, 0]
        with NetworkStore.open(network_path) as store:
            texts = [n.text for n in store.notes.all()]
        assert len(texts) == 1000 and len(set(texts)) == 1000


BAD_FILES = {
    "empty": (b"", "the file is empty"),
    "truncated": (b'{"_meta": {"1": {"app": "ln-tui", "sch', "not valid JSON"),
    "not json": (b"name;email\nAnn;a@b.c\n", "not valid JSON"),
    "not utf-8": (b"\xff\xfe{\x00", "not UTF-8"),
    "a list": (b"[1, 2, 3]", "not a TinyDB database"),
    "bad ids": (b'{"members": {"one": {}}}', "not a TinyDB database"),
    "plain tinydb": (b'{"_default": {"1": {"a": 1}}}', "not an ln-tui network"),
}


class TestBadFiles:
    @pytest.mark.parametrize("kind", BAD_FILES)
    def test_a_bad_file_is_named_explained_and_never_overwritten(self, network_path: Path, kind: str) -> None:
        payload, reason = BAD_FILES[kind]
        network_path.write_bytes(payload)
        with pytest.raises(CorruptFile) as raised:
            NetworkStore.open(network_path)
        assert str(network_path) in str(raised.value) and reason in str(raised.value)
        assert network_path.read_bytes() == payload
        assert not backup_path(network_path).exists(), "a bad file is never backed up over a good one"

    def test_the_last_good_backup_is_offered_and_restored(self, network_path: Path) -> None:
        with NetworkStore.open(network_path) as store:
            store.members.add(Member("Ann"))
        NetworkStore.open(network_path).close()  # opening a good file keeps it as FILE.bak
        network_path.write_bytes(b'{"_meta": {"1"')
        with pytest.raises(CorruptFile) as raised:
            NetworkStore.open(network_path)
        assert raised.value.backup == backup_path(network_path)
        assert "ln-tui restore" in str(raised.value)
        kept = restore_backup(network_path)
        assert kept is not None and kept.read_bytes() == b'{"_meta": {"1"', "the damaged file is kept"
        with NetworkStore.open(network_path) as store:
            assert [m.name for m in store.members.all()] == ["Ann"]

    def test_a_newer_file_is_refused_for_writing_but_opens_read_only(self, network_path: Path) -> None:
        data = schema.new_database("2026-01-01")
        data["_meta"]["1"]["schema"] = schema.SCHEMA_VERSION + 1
        payload = json.dumps(data).encode()
        network_path.write_bytes(payload)
        with pytest.raises(NewerSchema) as raised:
            NetworkStore.open(network_path)
        assert "newer ln-tui" in str(raised.value)
        with NetworkStore.open(network_path, read_only=True) as viewer:
            assert viewer.schema_version == schema.SCHEMA_VERSION + 1
        assert network_path.read_bytes() == payload

    def test_an_older_file_is_migrated_after_a_backup(
        self, network_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        old = schema.new_database("2026-01-01")
        old["_meta"]["1"]["schema"] = schema.SCHEMA_VERSION
        old["members"] = {"1": {"full_name": "Ann"}}
        payload = json.dumps(old).encode()
        network_path.write_bytes(payload)

        def rename_full_name(data: schema.Data) -> None:
            for doc in data.get("members", {}).values():
                doc["name"] = doc.pop("full_name")

        monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
        monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION - 1, rename_full_name)
        with NetworkStore.open(network_path) as store:
            assert store.schema_version == schema.SCHEMA_VERSION
            assert [m.name for m in store.members.all()] == ["Ann"]
        kept = network_path.with_name(f"{network_path.name}.v{schema.SCHEMA_VERSION - 1}.bak")
        assert kept.read_bytes() == payload


class TestPrivateFiles:
    def test_data_backup_lock_and_temp_files_are_0600_under_umask_022(
        self, network_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        old_umask = os.umask(0o022)
        try:
            seen_temp_modes = []
            real_replace = os.replace

            def spy(src: str, dst: str) -> None:
                seen_temp_modes.append(os.stat(src).st_mode & 0o777)
                real_replace(src, dst)

            monkeypatch.setattr(os, "replace", spy)
            NetworkStore.open(network_path).close()
            with NetworkStore.open(network_path) as store:
                store.members.add(Member("Ann"))
                for path in (network_path, backup_path(network_path), lock_path(network_path)):
                    assert path.stat().st_mode & 0o777 == 0o600, path
            assert seen_temp_modes and set(seen_temp_modes) == {0o600}
        finally:
            os.umask(old_umask)


class TestTinyDBCompatible:
    def test_stock_tinydb_reads_every_table(self, demo_store: NetworkStore) -> None:
        demo_store.notes.add(Note(1, "x", "t"))
        stock = TinyDB(demo_store.path)
        assert stock.tables() == set(demo_store.counts())
        for table, count in demo_store.counts().items():
            assert len(stock.table(table)) == count


typed_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=typed_text, organisation=typed_text, note=typed_text, date=typed_text)
def test_any_typed_text_reads_back_identical_after_save_and_restart(
    tmp_path: Path, name: str, organisation: str, note: str, date: str
) -> None:
    path = tmp_path / f"round-trip-{time.monotonic_ns()}.json"
    with NetworkStore.open(path) as store:
        member = store.members.add(Member(name, organisation=organisation))
        meeting = store.meetings.add(Meeting(date, attendance={}))
        store.add_note(note, meeting.id, {"speaker_id": member.id or 0})
    with NetworkStore.open(path) as store:
        (back,) = store.members.all()
        assert (back.name, back.organisation) == (name, organisation)
        assert store.meetings.all()[0].date == date
        assert store.notes.all()[0].text == note


class TestIncrementalSerialization:
    def test_the_file_always_equals_the_data_in_memory(self, store: NetworkStore) -> None:
        """Cached pieces of the file are never stale, whatever the kind of change."""
        ann = store.members.add(Member("Ann"))
        store.members.add_many([Member("Bea"), Member("Cas")])
        ann.email = "ann@example.be"
        store.members.update(ann)
        store.members.remove(2)
        store.members.restore(Member("Bea", id=2))
        store.set_setting("current_meeting_id", 7)
        profile = store.profile()
        profile.topic = "changed in place"
        store.save_profile(profile)
        with pytest.raises(ValueError), store.batch():
            store.members.add(Member("Rolled back"))
            raise ValueError
        store.notes.add(Note(None, "after the rollback", "t"))
        on_disk = json.loads(store.path.read_bytes())
        assert on_disk == store._storage.read()
        assert on_disk["members"]["1"]["email"] == "ann@example.be"
        assert on_disk["_meta"]["1"]["current_meeting_id"] == 7
        assert on_disk["profile"]["1"]["topic"] == "changed in place"
        assert "Rolled back" not in store.path.read_text()


class TestOpeningOnABadDay:
    def test_a_full_disk_does_not_keep_a_network_from_opening(
        self, demo_store: NetworkStore, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        demo_store.close()
        from ln_tui.store import network

        def full(path: Path, payload: bytes) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(network, "write_atomic", full)
        with NetworkStore.open(demo_store.path) as store:
            assert len(store.members) == 10

    def test_temp_files_left_by_a_crash_are_cleaned_up(self, network_path: Path) -> None:
        NetworkStore.open(network_path).close()
        stale = network_path.with_name(f".{network_path.name}.99999.tmp")
        stale.write_text("half a save")
        NetworkStore.open(network_path).close()
        assert not stale.exists()


def test_where_matches_enums_none_and_ids_as_stored(store: NetworkStore) -> None:
    from ln_tui.model import MeetingKind, Role

    store.members.add_many([Member("Ann", role=Role.FACILITATOR), Member("Bea"), Member("Cas", role=Role.GUEST)])
    store.meetings.add_many([Meeting("2026-01-01", MeetingKind.KICKOFF), Meeting("2026-02-01")])
    store.add_note("loose", None)
    store.add_note("in meeting 2", 2)
    assert [m.name for m in store.members.where(role=Role.GUEST)] == ["Cas"]
    assert [m.date for m in store.meetings.where(kind=MeetingKind.KICKOFF)] == ["2026-01-01"]
    assert [n.text for n in store.notes.where(meeting_id=None)] == ["loose"]
    assert [n.text for n in store.notes.where(meeting_id=2, text="in meeting 2")] == ["in meeting 2"]
    assert store.members.where(name="Nobody") == []
