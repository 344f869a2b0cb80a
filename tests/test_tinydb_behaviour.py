"""What ln_tui/store relies on in TinyDB's insides, through TinyDB's public API.

`store/tables.py` hands TinyDB a `Tables` mapping that parses a table the first time it is read,
and `store/storage.py` serializes again only what changed, by identity. Both hold only as long as
TinyDB reads and writes its storage the way these tests show (TinyDB 4.9.0: `Table._read_table`,
`Table._update_table`, `TinyDB.tables`, `TinyDB.drop_table`). TinyDB is pinned to that exact
version in pyproject.toml: before raising the pin, run these tests on the new version; when one
fails, `Tables` or the storage's cache has to change with it.
"""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage


class Recorded(dict[str, Any]):
    """A dict that notes how TinyDB reaches its values."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.ways: list[str] = []

    def __getitem__(self, name: str) -> Any:
        self.ways.append(f"[{name}]")
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        self.ways.append("get")
        return super().get(name, default)

    def items(self) -> Any:
        self.ways.append("items")
        return super().items()

    def values(self) -> Any:
        self.ways.append("values")
        return super().values()


class Held(Storage):
    """A storage that gives TinyDB the very mapping it holds, as `AtomicJSONStorage` does."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.written: list[dict[str, Any]] = []

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.written.append(data)
        self.data = data


def database(data: dict[str, Any]) -> tuple[TinyDB, Held]:
    storage = Held(data)
    return TinyDB(storage=lambda: storage), storage


def test_a_table_is_read_as_storage_read_of_its_name_and_nothing_else() -> None:
    """`Tables.__getitem__` is where a table is parsed: TinyDB must reach it only there."""
    tables = Recorded({"members": {"1": {"name": "Ann"}}, "notes": {"1": {"text": "x"}}})
    db, _storage = database(tables)
    assert db.table("members").all() == [{"name": "Ann"}]
    assert db.table("members").get(doc_id=1) == {"name": "Ann"}
    assert db.table("members").count(lambda doc: True) == 1
    assert tables.ways and set(tables.ways) == {"[members]"}


def test_table_names_and_dropping_a_table_need_no_table_read() -> None:
    """`tables()` and `drop_table` see the keys only: an unread table stays unread."""
    tables = Recorded({"members": {}, "notes": {"1": {"text": "x"}}})
    db, storage = database(tables)
    assert db.tables() == {"members", "notes"}
    db.drop_table("notes")
    assert tables.ways == []
    assert list(storage.data) == ["members"]


def test_a_change_writes_the_same_mapping_back_with_a_new_dict_for_the_changed_table_only() -> None:
    """The storage keeps its `Tables` (holding unread tables as text) and serializes again only a
    table whose dict is new."""
    members, notes = {"1": {"name": "Ann"}}, {"1": {"text": "x"}}
    tables = Recorded({"members": members, "notes": notes})
    db, storage = database(tables)
    db.table("members").insert({"name": "Bart"})
    assert storage.written == [tables], "the mapping TinyDB read, written back"
    assert storage.written[0] is tables
    assert tables["notes"] is notes, "an untouched table is the same object"
    assert tables["members"] is not members, "a changed table is a new dict"
    assert tables["members"]["1"] is members["1"], "an untouched document is the same object"
    assert set(tables["members"]) == {"1", "2"}
    assert "items" not in tables.ways and "values" not in tables.ways


def test_update_changes_the_document_in_place() -> None:
    """Why the store announces every update (`AtomicJSONStorage.invalidate`): the document keeps its
    identity while its content changes, so identity alone would miss it."""
    ann = {"name": "Ann"}
    db, storage = database({"members": {"1": ann}})
    db.table("members").update({"name": "Anna"}, doc_ids=[1])
    assert storage.data["members"]["1"] is ann
    assert ann == {"name": "Anna"}


def test_an_insert_makes_a_new_dict_for_the_new_document() -> None:
    db, storage = database({"members": {}})
    doc = {"name": "Ann"}
    db.table("members").insert(doc)
    assert storage.data["members"]["1"] is not doc
