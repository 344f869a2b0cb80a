"""A file whose exact bytes ln-tui checked before opens without checking every record again.

Each test proves one side of the rule: what may skip the check (the same bytes, by the same
rules) and everything that must not (another program's change, other rules, a reload, a mark
that cannot be read, a save that failed or wrote a record ln-tui cannot use).
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import ln_tui
from ln_tui.model import Meeting, Member, Note
from ln_tui.store import InvalidRecords, NetworkStore, checked, storage, validation


@pytest.fixture
def network(network_path: Path) -> Path:
    """A small network ln-tui wrote and closed: its last bytes are marked as checked."""
    with NetworkStore.open(network_path) as store:
        profile = store.profile()
        profile.name = "Zorgnetwerk"
        store.save_profile(profile)
        store.members.add_many([Member("Ann"), Member("Bea")])
        store.meetings.add(Meeting("2026-02-01"))
        store.add_note("first note", 1)
    return network_path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many records each full check looked at (one entry per call of `validation.problems`)."""
    calls: list[int] = []
    real = validation.problems

    def counting(data: dict) -> list[str]:
        calls.append(sum(len(table) for table in data.values()))
        return real(data)

    monkeypatch.setattr(validation, "problems", counting)
    yield calls


def contents(store: NetworkStore) -> tuple[object, ...]:
    return (store.profile(), store.members.all(), store.meetings.all(), store.notes.all(), store.counts())


def marked_digest(path: Path) -> bytes | None:
    mark = checked.read_mark(path)
    return None if mark is None else mark.digest


def digest_of(path: Path) -> bytes:
    import hashlib

    return hashlib.sha256(path.read_bytes()).digest()


class TestTheSameBytesAreNotCheckedAgain:
    def test_an_unchanged_file_opens_without_a_check_and_with_the_same_data(
        self, network: Path, checks: list[int]
    ) -> None:
        checked.mark_path(network).unlink()
        with NetworkStore.open(network) as store:  # the first open checks and marks
            first = contents(store)
        assert checks and marked_digest(network) == digest_of(network)
        checks.clear()
        with NetworkStore.open(network) as store:
            assert checks == []
            assert contents(store) == first
        with NetworkStore.open(network, read_only=True) as viewer:
            assert checks == [] and viewer.problems == []
            assert contents(viewer) == first

    def test_close_after_edits_marks_what_it_wrote_and_the_next_open_skips_the_check(
        self, network: Path, checks: list[int]
    ) -> None:
        with NetworkStore.open(network) as store:
            store.members.add(Member("Cas"))
            store.add_note("second note", 1)
        assert marked_digest(network) == digest_of(network)
        checks.clear()
        with NetworkStore.open(network) as store:
            assert checks == []
            assert [m.name for m in store.members.all()] == ["Ann", "Bea", "Cas"]
            assert [n.text for n in store.notes.all()] == ["first note", "second note"]

    def test_a_new_file_is_marked_when_it_is_closed(self, network_path: Path, checks: list[int]) -> None:
        NetworkStore.open(network_path).close()
        assert marked_digest(network_path) == digest_of(network_path)
        checks.clear()
        NetworkStore.open(network_path).close()
        assert checks == []

    def test_a_read_only_open_uses_a_mark_but_never_writes_one(self, network: Path, checks: list[int]) -> None:
        mark = checked.mark_path(network)
        mark.unlink()
        with NetworkStore.open(network, read_only=True) as viewer:
            viewer.members.add(Member("Mallory"))
        assert checks and not mark.exists()


class TestEverythingElseIsCheckedInFull:
    def test_another_programs_change_is_checked_and_refused_although_a_mark_exists(
        self, network: Path, checks: list[int]
    ) -> None:
        assert marked_digest(network) == digest_of(network)
        data = json.loads(network.read_bytes())
        data["members"]["2"]["name"] = 42  # valid JSON, a record ln-tui cannot use
        network.write_text(json.dumps(data))
        with pytest.raises(InvalidRecords) as raised:
            NetworkStore.open(network)
        assert "members #2: name is 42, it must be text" in str(raised.value)
        assert checks
        with NetworkStore.open(network, read_only=True) as viewer:
            assert viewer.problems == ["members #2: name is 42, it must be text"]
            assert [m.name for m in viewer.members.all()] == ["Ann"]

    def test_other_rules_mean_a_full_check(
        self, network: Path, checks: list[int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(ln_tui, "__version__", ln_tui.__version__ + ".post1")
        with NetworkStore.open(network) as store:
            assert checks
            assert [m.name for m in store.members.all()] == ["Ann", "Bea"]
        checks.clear()
        NetworkStore.open(network).close()  # marked again, by the new rules
        assert checks == []

    def test_the_rules_key_follows_the_schema_and_every_file_that_defines_a_record(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        package = tmp_path / "ln_tui"
        for name in ("model.py", "records.py", "store/validation.py", "store/schema.py", "kickoff/model.py"):
            (package / name).parent.mkdir(parents=True, exist_ok=True)
            (package / name).write_text("# rules\n")
        (package / "screens").mkdir()
        keys = [checked.validator_key(package)]
        assert checked.validator_key(package) == keys[0], "the same rules, the same key"
        for change in ("records.py", "store/validation.py", "store/schema.py", "kickoff/model.py", "model.py"):
            (package / change).write_text("# rules, changed\n")
            keys.append(checked.validator_key(package))
        (package / "room").mkdir()
        (package / "room" / "model.py").write_text("# a new step's records\n")
        keys.append(checked.validator_key(package))
        monkeypatch.setattr("ln_tui.store.schema.SCHEMA_VERSION", 99)
        keys.append(checked.validator_key(package))
        assert len(set(keys)) == len(keys)

    @pytest.mark.parametrize("damage", ["garbled", "not a mark", "a folder", "other bytes"])
    def test_a_mark_that_cannot_be_used_means_a_full_check_and_no_error(
        self, network: Path, checks: list[int], damage: str
    ) -> None:
        mark = checked.mark_path(network)
        if damage == "garbled":
            mark.write_bytes(b'{"digest": "00ff", "ke')
        elif damage == "not a mark":
            mark.write_text(json.dumps({"digest": 42, "key": []}))
        elif damage == "a folder":
            mark.unlink()
            mark.mkdir()
        else:
            mark.write_text(json.dumps({"digest": "00" * 32, "key": checked.validator_key()}))
        with NetworkStore.open(network) as store:
            assert checks
            assert [m.name for m in store.members.all()] == ["Ann", "Bea"]

    def test_a_data_folder_that_cannot_be_written_is_no_problem(
        self, network: Path, checks: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        not_a_folder = tmp_path / "a-file"
        not_a_folder.write_text("")
        monkeypatch.setenv("LN_TUI_DATA_DIR", str(not_a_folder / "data"))
        for name in ("Cas", "Dirk"):
            checks.clear()
            with NetworkStore.open(network) as store:
                assert checks, "checked in full each time: no mark could be kept"
                store.members.add(Member(name))
        with NetworkStore.open(network) as store:
            assert [m.name for m in store.members.all()] == ["Ann", "Bea", "Cas", "Dirk"]

    def test_reading_the_file_again_after_another_programs_change_checks_it_in_full(
        self, network: Path, checks: list[int]
    ) -> None:
        store = NetworkStore.open(network)
        checks.clear()
        data = json.loads(network.read_bytes())
        data["members"]["2"]["name"] = "Bea, changed elsewhere"
        network.write_text(json.dumps(data))
        store.reload()
        assert checks
        assert [m.name for m in store.members.all()] == ["Ann", "Bea, changed elsewhere"]
        store.close()


class TestNoMarkForWhatWasNotCheckedOrNotSaved:
    def test_a_failed_save_writes_no_mark(self, network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        before = marked_digest(network)
        assert before == digest_of(network)
        store = NetworkStore.open(network)

        def full(path: Path, payload: bytes) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(storage, "write_atomic", full)
        store.members.add(Member("Cas"))
        assert not store.save_state.saved
        store.close()
        assert marked_digest(network) == before == digest_of(network)

    def test_a_file_another_program_changed_while_open_is_not_marked(self, network: Path) -> None:
        store = NetworkStore.open(network)
        store.members.add(Member("Cas"))
        ours = marked_digest(network)
        network.write_text(network.read_text().replace("Bea", "Bea elsewhere"))
        store.members.add(Member("Dirk"))  # not saved: the file changed
        assert store.save_state.conflict
        store.close()
        assert marked_digest(network) == ours != digest_of(network)

    def test_a_record_that_fails_the_check_at_close_is_not_marked_and_named_at_the_next_open(
        self, network: Path
    ) -> None:
        with NetworkStore.open(network) as store:
            store.members.add(Member(42))  # type: ignore[arg-type]  # a bug that writes a number as a name
        assert marked_digest(network) != digest_of(network)
        with pytest.raises(InvalidRecords) as raised:
            NetworkStore.open(network)
        assert "members #3: name is 42, it must be text" in str(raised.value)

    def test_opening_without_a_write_leaves_the_mark_as_it_was(self, network: Path) -> None:
        mark = checked.mark_path(network)
        mark.write_text(json.dumps({"digest": digest_of(network).hex(), "key": checked.validator_key()}))
        before = mark.stat().st_mtime_ns, mark.read_bytes()
        with NetworkStore.open(network) as store:
            store.notes.all()
        assert (mark.stat().st_mtime_ns, mark.read_bytes()) == before


def test_notes_written_by_a_saver_are_read_back_whole(network: Path) -> None:
    """A sanity check of the whole path: many saves, then a trusted open reads every note."""
    with NetworkStore.open(network) as store:
        for i in range(30):
            store.notes.add(Note(1, f"note {i}", "t"))
    with NetworkStore.open(network) as store:
        assert [n.text for n in store.notes.all()][-1] == "note 29"
