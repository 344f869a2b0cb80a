"""A file whose exact bytes ln-tui checked before opens without checking every record again.

Each test proves one side of the rule: what may skip the check (the same bytes, by the same
rules) and everything that must not (another program's change, other rules, a reload, a mark
that cannot be read, a save that failed or wrote a record ln-tui cannot use).
"""

from __future__ import annotations

import copy
import errno
import json
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ln_tui
from ln_tui.model import Meeting, Member, Note
from ln_tui.store import InvalidRecords, NetworkStore, checked, storage, validation
from ln_tui.store.tables import Tables, UnparsedTable, by_line, join, split


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

    @pytest.mark.parametrize("damage", ["garbled", "not a mark", "a folder", "other bytes", "another file"])
    def test_a_mark_that_cannot_be_used_means_a_full_check_and_no_error(
        self, network: Path, checks: list[int], damage: str
    ) -> None:
        mark = checked.mark_path(network)
        if damage == "garbled":
            mark.write_bytes(b'{"digest": "00ff", "ke')
        elif damage == "not a mark":
            mark.write_text(json.dumps({"path": str(network), "digest": 42, "key": []}))
        elif damage == "a folder":
            mark.unlink()
            mark.mkdir()
        elif damage == "other bytes":
            mark.write_text(json.dumps({"path": str(network), "digest": "00" * 32, "key": checked.validator_key()}))
        else:  # the right digest and rules, about another file
            mark.write_text(
                json.dumps({"path": "/elsewhere", "digest": digest_of(network).hex(), "key": checked.validator_key()})
            )
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
        network.write_text(network.read_text().replace('"Bea"', "42"))  # a change no seat can merge
        store.members.add(Member("Dirk"))  # not saved: the file cannot be merged
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
        mark.write_text(
            json.dumps({"path": str(network), "digest": digest_of(network).hex(), "key": checked.validator_key()})
        )
        before = mark.stat().st_mtime_ns, mark.read_bytes()
        with NetworkStore.open(network) as store:
            store.notes.all()
        assert (mark.stat().st_mtime_ns, mark.read_bytes()) == before


def test_writing_a_mark_removes_those_of_files_that_are_gone(tmp_path: Path) -> None:
    kept, gone, new = (tmp_path / name for name in ("kept.json", "gone.json", "new.json"))
    for path in (kept, gone, new):
        path.write_text("{}")
    checked.remember_checked(kept, b"k" * 32, by_line=True)
    checked.remember_checked(gone, b"g" * 32, by_line=True)
    folder = checked.mark_path(kept).parent
    (folder / "garbled").write_text("{")
    (folder / ".another-ln-tui-writing.tmp").write_text("")
    gone.unlink()
    checked.remember_checked(new, b"n" * 32, by_line=False)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [checked.mark_path(kept).name, checked.mark_path(new).name, ".another-ln-tui-writing.tmp"]
    )
    assert checked.read_mark(kept) == checked.Mark(b"k" * 32, checked.validator_key(), True)


def test_notes_written_by_a_saver_are_read_back_whole(network: Path) -> None:
    """A sanity check of the whole path: many saves, then a trusted open reads every note."""
    with NetworkStore.open(network) as store:
        for i in range(30):
            store.notes.add(Note(1, f"note {i}", "t"))
    with NetworkStore.open(network) as store:
        assert [n.text for n in store.notes.all()][-1] == "note 29"


# -- tables parsed when first read ------------------------------------------------------------------------
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
        assert store.parsed_tables() == list(json.loads(path.read_bytes()))
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
                assert {str(doc.doc_id): doc for doc in stock.table(name).all()} == stored[name]
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
            assert store.parsed_tables() == list(json.loads(single_line)), "but parsed whole"
            assert everything(store) == expected
            store.add_note("after", None)
        assert big_network.read_bytes().count(b"\n") == len(json.loads(single_line)) - 1

    def test_a_file_with_the_tables_on_lines_of_their_own_from_another_program_is_split_once_checked(
        self, big_network: Path, checks: list[int]
    ) -> None:
        big_network.write_bytes(
            big_network.read_bytes().replace(b'"1":{"name":"Deelnemer 00"', b'"1": {"name":"Deelnemer 00"')
        )
        expected = full_open(big_network)
        NetworkStore.open(big_network).close()
        assert checked.read_mark(big_network) == checked.Mark(digest_of(big_network), checked.validator_key(), True)
        with NetworkStore.open(big_network) as store:
            assert store.parsed_tables() == ["_meta"]
            assert everything(store) == expected


class TestTablesParsedWhenFirstRead:
    def test_a_checked_file_parses_only_meta_until_a_table_is_read(self, big_network: Path) -> None:
        expected = full_open(big_network)
        NetworkStore.open(big_network).close()  # checks it and marks it
        with NetworkStore.open(big_network) as store:
            assert store.parsed_tables() == ["_meta"]
            assert store.profile().name == "Jaarnetwerk"
            assert len(store.members.all()) == 20 and len(store.meetings.all()) == 12
            assert store.parsed_tables() == ["_meta", "profile", "members", "meetings"]
            assert store.notes.all() == expected["notes"]
            assert store.parsed_tables() == ["_meta", "profile", "members", "meetings", "notes"]
            assert everything(store) == expected
        with NetworkStore.open(big_network, read_only=True) as viewer:
            assert viewer.parsed_tables() == ["_meta"]
            assert everything(viewer) == expected

    def test_counts_cover_the_tables_not_read_yet(self, big_network: Path) -> None:
        with NetworkStore.open(big_network, read_only=True) as store:
            assert store.parsed_tables() == ["_meta"]
            assert store.counts() == {
                "_meta": 1, "board_items": 600, "meetings": 12, "members": 20, "notes": 600, "profile": 1,
            }  # fmt: skip

    def test_a_change_to_one_table_leaves_the_others_bytes_as_they_were_without_parsing_them(
        self, big_network: Path
    ) -> None:
        before = lines_of(big_network.read_bytes())
        with NetworkStore.open(big_network) as store:
            ann = store.members.get(1)
            assert ann is not None
            ann.name = "Ann"
            store.members.update(ann)
            assert store.save_state.saved
            assert store.parsed_tables() == ["_meta", "members"]
        after = lines_of(big_network.read_bytes())
        assert list(after) == list(before)
        assert [name for name in before if before[name] != after[name]] == ["members"]
        assert b'"Ann"' in after["members"]

    def test_a_batch_undone_puts_back_a_table_not_read_yet(self, big_network: Path) -> None:
        before = big_network.read_bytes()
        expected = full_open(big_network)
        NetworkStore.open(big_network).close()
        with NetworkStore.open(big_network) as store:
            with pytest.raises(ValueError), store.batch():
                store.add_note("rolled back", None)
                store.notes.remove(1)
                store.members.add(Member("rolled back too"))
                raise ValueError("undo")
            assert store.parsed_tables() == ["_meta"], "held as the file's bytes again"
            assert everything(store) == expected
            assert big_network.read_bytes() == before
            store.meetings.add(Meeting("2027-01-01"))
            changed = lines_of(big_network.read_bytes())
            assert [name for name, line in lines_of(before).items() if line != changed[name]] == ["meetings"]

    def test_the_marked_file_after_a_session_reads_back_the_same(self, big_network: Path) -> None:
        with NetworkStore.open(big_network) as store:
            store.notes.remove(3)
            store.add_note("new", 2)
            store.set_setting("last_home", "minutes")
            expected = everything(store)
        with NetworkStore.open(big_network) as store:
            assert store.parsed_tables() == ["_meta"]
            assert everything(store) == expected
        assert full_open(big_network) == expected

    def test_the_files_bytes_are_not_kept_and_the_tables_not_read_stay_small(self, big_network: Path) -> None:
        import gc
        import tracemalloc

        size = big_network.stat().st_size
        gc.collect()
        tracemalloc.start()
        try:
            store = NetworkStore.open(big_network, read_only=True)
            gc.collect()
            held, _peak = tracemalloc.get_traced_memory()
            store.notes.all()
            gc.collect()
            parsed, _peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        store.close()
        assert held < 1.3 * size, "the tables' bytes once, not the whole payload as well"
        assert parsed > held + 0.3 * size, "reading the notes parsed them"


class TestNoWayReadsATableNotParsedAsEmpty:
    """Every way to reach a table of `Tables` gives its records, or fails loudly."""

    PAYLOAD = b'{"_meta":{"1":{"app":"ln-tui","schema":1}},\n"notes":{"1":{"text":"Ann\'s secret"},"2":{"text":"b"}},\n"empty":{}}'
    FULL = json.loads(PAYLOAD)

    def fresh(self) -> Tables:
        tables = split(self.PAYLOAD)
        assert tables is not None and tables.parsed() == []
        return tables

    def test_reading_a_table_parses_it_and_only_it(self) -> None:
        tables = self.fresh()
        assert tables["notes"] == self.FULL["notes"]
        assert tables.parsed() == ["notes"]
        assert len(tables) == 3 and "empty" in tables and list(tables) == ["_meta", "notes", "empty"]
        assert tables.parsed() == ["notes"], "names, length and membership parse nothing"

    @pytest.mark.parametrize(
        "way",
        [
            lambda t: t.get("notes"),
            lambda t: dict(t.items())["notes"],
            lambda t: list(t.values())[1],
            lambda t: dict(t)["notes"],
            lambda t: {**t}["notes"],
            lambda t: (t | {})["notes"],
            lambda t: ({} | t)["notes"],
            lambda t: json.loads(json.dumps(t))["notes"],
            lambda t: copy.copy(t)["notes"],
            lambda t: copy.deepcopy(t)["notes"],
            lambda t: pickle.loads(pickle.dumps(t))["notes"],
            lambda t: t.pop("notes"),
            lambda t: t.setdefault("notes", {}),
            lambda t: dict([t.popitem() for _ in range(2)][1:])["notes"],
        ],
    )
    def test_every_way_to_a_table_gives_its_records(self, way: Callable[[Tables], dict]) -> None:
        assert way(self.fresh()) == self.FULL["notes"]

    def test_comparing_parses_both_sides(self) -> None:
        assert self.fresh() == self.FULL
        assert self.FULL == self.fresh()  # noqa: SIM300  # the other side's __eq__ first
        assert self.fresh() == self.fresh()
        assert (self.fresh() != self.FULL) is False
        changed = self.fresh()
        changed["notes"]["1"]["text"] = "changed"
        assert changed != self.FULL

    def test_tinydb_reads_counts_lists_and_drops_tables_not_parsed(self) -> None:
        from tinydb import TinyDB
        from tinydb.storages import MemoryStorage

        db = TinyDB(storage=MemoryStorage)
        db.storage.memory = self.fresh()  # type: ignore[attr-defined]  # MemoryStorage keeps its data there
        assert db.tables() == {"_meta", "notes", "empty"}
        assert [doc["text"] for doc in db.table("notes").all()] == ["Ann's secret", "b"]
        db.drop_table("empty")
        assert db.tables() == {"_meta", "notes"}
        db.table("notes").insert({"text": "c"})
        assert len(db.table("notes")) == 3

    def test_code_reading_the_dict_underneath_fails_loudly(self) -> None:
        underneath = dict.__getitem__(self.fresh(), "notes")
        assert isinstance(underneath, UnparsedTable) and not isinstance(underneath, dict)
        with pytest.raises((AttributeError, TypeError)):
            underneath.items()  # type: ignore[attr-defined]  # what a table's reader would call
        assert "secret" not in repr(underneath), "its repr holds no one's text"


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
    tables = split(payload)
    if any("\\" in json.dumps(name) for name in data):
        assert tables is None or tables == data  # a name that needs escapes: parsed whole
    else:
        assert tables is not None and tables.parsed() == [] and tables == data


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


def test_the_newest_backup_is_compared_piece_by_piece_to_the_last_byte(tmp_path: Path) -> None:
    from ln_tui.store import backup_path
    from ln_tui.store.network import keep_good_state

    path = tmp_path / "network.json"
    payload = b"x" * 700_000  # more than two pieces
    keep_good_state(path, payload)
    keep_good_state(path, payload)
    assert not backup_path(path, 2).exists(), "the same state is not kept twice"
    keep_good_state(path, payload[:-1] + b"y")
    keep_good_state(path, payload + b"z")
    assert [backup_path(path, n).read_bytes()[-1:] for n in (1, 2, 3)] == [b"z", b"y", b"x"]
