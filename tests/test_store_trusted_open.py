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
from hypothesis import given, settings
from hypothesis import strategies as st

import ln_tui
from ln_tui.model import Meeting, Member, Note
from ln_tui.store import InvalidRecords, NetworkStore, checked, storage, validation
from ln_tui.store.tables import by_line, join


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


# -- one table per line ------------------------------------------------------------------------
@pytest.fixture
def big_network(network_path: Path) -> Path:
    """A network with two big tables and small ones, written and closed by ln-tui (so marked)."""
    from ln_tui.kickoff.model import BoardColumn, BoardItem

    with NetworkStore.open(network_path) as store, store.batch():
        profile = store.profile()
        profile.name = "Jaarnetwerk"
        store.save_profile(profile)
        store.members.add_many([Member(f"Deelnemer {i:02d}", organisation='Zorg, "thuis"\n') for i in range(20)])
        store.meetings.add_many([Meeting(f"2026-{m:02d}-01") for m in range(1, 13)])
        for i in range(600):
            store.add_note(f"note {i}: " + "mantelzorger " * 20 + 'é ü 😀 \\ " \n end', 1 + i % 12)
        store.repo(BoardItem).add_many(
            [BoardItem(1, BoardColumn.QUESTIONS, f"item {i} " + "x" * 80, 1 + i % 20) for i in range(600)]
        )
    return network_path


def lines_of(payload: bytes) -> dict[str, bytes]:
    """Each table's line in a file's bytes, by the table's name."""
    lines = payload.split(b"\n")
    found = {}
    for number, line in enumerate(lines, 1):
        member = line.removeprefix(b"{").removesuffix(b",")
        if number == len(lines):
            member = member.removesuffix(b"}")  # the end of the whole object
        found[json.loads(b"{" + member + b"}").popitem()[0]] = line
    return found


def full_open(path: Path) -> dict[str, object]:
    """What a full check reads: every record, the mark taken away first."""
    checked.mark_path(path).unlink(missing_ok=True)
    with NetworkStore.open(path, read_only=True) as store:
        return everything(store)


def everything(store: NetworkStore) -> dict[str, object]:
    from ln_tui.kickoff.model import BoardItem

    return {
        "profile": store.profile(),
        "members": store.members.all(),
        "meetings": store.meetings.all(),
        "notes": store.notes.all(),
        "board": store.repo(BoardItem).all(),
        "counts": store.counts(),
    }


class TestOneTablePerLine:
    def test_the_file_holds_one_table_per_line_and_stock_tinydb_reads_it(self, big_network: Path) -> None:
        from tinydb import TinyDB

        payload = big_network.read_bytes()
        names = list(json.loads(payload))
        assert payload.count(b"\n") == len(names) - 1
        assert list(lines_of(big_network.read_bytes())) == names
        with NetworkStore.open(big_network) as store:
            counts = store.counts()
            stored = store._storage.read()
            stock = TinyDB(big_network)
            assert stock.tables() == set(counts)
            for name in names:
                assert stock.table(name)._read_table() == stored[name]
            stock.close()

    def test_an_older_single_line_file_is_read_whole_and_gets_the_layout_at_its_next_save(
        self, big_network: Path, checks: list[int]
    ) -> None:
        expected = full_open(big_network)
        single_line = json.dumps(json.loads(big_network.read_bytes()), separators=(",", ":")).encode()
        big_network.write_bytes(single_line)
        NetworkStore.open(big_network).close()  # checked in full and marked
        assert checked.read_mark(big_network) == checked.Mark(digest_of(big_network), checked.validator_key(), False)
        checks.clear()
        with NetworkStore.open(big_network) as store:
            assert checks == [], "checked before: not checked again"
            assert everything(store) == expected
            store.add_note("after", None)
        assert big_network.read_bytes().count(b"\n") == len(json.loads(single_line)) - 1


text_values = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
documents = st.dictionaries(
    st.sampled_from(["text", "name", "n", "x\ny", 'q"', "\\"]),
    text_values | st.integers() | st.booleans() | st.none() | st.lists(text_values, max_size=3),
    max_size=4,
)
networks = st.dictionaries(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8),
    st.dictionaries(st.integers(1, 50).map(str), documents, max_size=4),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(data=networks, ascii=st.booleans())
def test_the_layout_reads_back_what_was_written_table_by_table(data: dict, ascii: bool) -> None:
    texts = [
        (name, json.dumps(table, ensure_ascii=ascii, separators=(",", ":")).encode()) for name, table in data.items()
    ]
    payload = join(texts)
    assert json.loads(payload) == data
    assert by_line(payload.decode()) == data


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from('{}[]",:\n 1a\\'), max_size=40) | networks.map(lambda d: json.dumps(d, indent=1)))
def test_a_text_read_line_by_line_is_read_as_json_reads_it_or_not_at_all(text: str) -> None:
    found = by_line(text)
    if found is not None:
        assert found == json.loads(text)


def test_tables_that_only_look_like_lines_are_read_whole() -> None:
    # A table named "2" after a table with a document "2" split over two lines: each line looks like
    # a table's, but the first is not one. Read line by line it would be wrong; it is read whole.
    text = '{"a":{"1":{},\n"2":{}},"2":{}}'
    assert by_line(text) is None
    assert json.loads(text) == {"a": {"1": {}, "2": {}}, "2": {}}
