"""Following the file stays correct while it got cheap (issue 25, the console under the room's load):
only the records another seat changed are parsed (`RecordCache`), the reading runs in a worker
thread and is merged on the event loop only if nothing changed here meanwhile, and the board's
columns paint from reused lines."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind
from ln_tui.store import NetworkStore
from ln_tui.store.tables import RecordCache, UnparsedTable, record_texts

# -- parsing only the records that changed --------------------------------------------------------

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='{}",:0123456789ab\\é\n '),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["1", "2", "a", "7"]), inner, max_size=3)
    ),
    max_leaves=8,
)
documents = st.dictionaries(st.sampled_from(["text", "1", "votes", "x"]), values, max_size=3)
tables = st.dictionaries(st.integers(1, 30).map(str), documents, max_size=8)


def text_of(table: dict[str, Any], ascii_only: bool = True) -> bytes:
    return json.dumps(table, separators=(",", ":"), ensure_ascii=ascii_only).encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(st.lists(tables, min_size=1, max_size=5), st.booleans())
def test_a_table_parsed_by_its_changed_records_is_the_table_parsed_whole(
    versions: list[dict[str, Any]], ascii_only: bool
) -> None:
    """Over successive versions of a table (records added, changed, removed; records holding
    objects under keys of digits and text with `},"1":{` in it, which a cut gets wrong), the
    table from the cache is always `json.loads` of its text."""
    cache = RecordCache()
    for version in versions:
        text = text_of(version, ascii_only)
        parsed = cache.parse("board_items", UnparsedTable(text))
        assert parsed == json.loads(text)
        assert list(parsed) == list(json.loads(text)), "in the file's order"


def test_an_unchanged_record_is_not_parsed_again_and_a_changed_one_is() -> None:
    cache = RecordCache()
    first = cache.parse("t", UnparsedTable(text_of({"1": {"a": 1}, "2": {"a": 2}})))
    second = cache.parse("t", UnparsedTable(text_of({"1": {"a": 1}, "2": {"a": 3}, "3": {"a": 4}})))
    assert second["1"] is first["1"], "the same text: the record parsed before"
    assert second["2"] == {"a": 3} and second["3"] == {"a": 4}
    cache.forget("t", "1")  # about to change in place (TinyDB's update)
    assert cache.parse("t", UnparsedTable(text_of({"1": {"a": 1}})))["1"] is not first["1"]


@pytest.mark.parametrize(
    "text",
    [
        b'{"1":{"a":{"1":{"x":1},"2":{"y":2}}}}',  # a cut inside a record
        b'{"1": {"a": 1}, "2": {"a": 2}}',  # another program's spaces
        b'{"1":{"a":1},"1":{"a":2}}',  # a key twice: json.loads keeps the last
        b'{"1":{"a":"},\\"2\\":{"}}',
        b"{}",
    ],
)
def test_texts_a_cut_cannot_take_are_parsed_whole(text: bytes) -> None:
    assert RecordCache().parse("t", UnparsedTable(text)) == json.loads(text)


def test_a_cut_names_each_record() -> None:
    assert record_texts(b'{"1":{"a":1},"12":{"b":[1,{"c":2}]}}') == [("1", b'{"a":1}'), ("12", b'{"b":[1,{"c":2}]}')]
    assert record_texts(b'{"x":{}}') is None


# -- two seats' random edits: what a follow merges is what a full parse merges ---------------------


def board_network(path: Path) -> int:
    with NetworkStore.open(path) as store:
        meeting = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        store.set_current_meeting(meeting.id)
        store.save_profile(store.profile().__class__(name="Zorgnetwerk"))
        assert meeting.id is not None
        return meeting.id


def seat_edits(path: Path, seed: int, follow: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two seats on one file edit board items at random, each following the other now and then
    (`follow(store)`); the board as seat A holds it and as the file holds it, at the end."""
    meeting_id = board_network(path)
    rng = random.Random(seed)
    a, b = NetworkStore.open(path), NetworkStore.open(path)
    try:
        for step in range(60):
            seat = rng.choice([a, b])
            repo = seat.repo(BoardItem)
            items = repo.all()
            kind = rng.choice(["add", "add", "edit", "vote", "remove", "follow"])
            try:
                if kind == "add" or not items:
                    repo.add(BoardItem(meeting_id, rng.choice(list(BoardColumn)), f"item {step} é", order=step))
                elif kind == "edit":
                    item = rng.choice(items)
                    item.text = f"edited {step} " + '},"3":{'  # a record's cut, inside text
                    repo.update(item)
                elif kind == "vote":
                    repo.modify(rng.choice(items).id or 0, lambda item: setattr(item, "votes", item.votes + 1))
                elif kind == "remove":
                    repo.remove(rng.choice(items).id or 0)
                else:
                    follow(seat)
            except KeyError:
                pass  # the other seat removed it meanwhile: said so, nothing written
        follow(a)
        held = sorted((vars(item) for item in a.repo(BoardItem).all()), key=lambda doc: doc["id"])
    finally:
        a.close()
        b.close()
    with NetworkStore.open(path, read_only=True) as saved:
        on_disk = sorted((vars(item) for item in saved.repo(BoardItem).all()), key=lambda doc: doc["id"])
    return held, on_disk


@pytest.mark.parametrize("seed", range(6))
def test_two_seats_random_edits_merge_as_a_full_parse_merges_them(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def follow_off_loop(store: NetworkStore) -> None:
        asyncio.run(store.follow_off_loop())

    fast_held, fast_disk = seat_edits(tmp_path / "fast.json", seed, follow_off_loop)
    assert fast_held == fast_disk, "after a follow, a seat holds what the file holds"
    with monkeypatch.context() as whole:
        whole.setattr(RecordCache, "parse", lambda self, name, table: table.parse())
        full_held, full_disk = seat_edits(tmp_path / "full.json", seed, lambda store: store.follow())
    strip = [{k: v for k, v in doc.items() if k != "created"} for doc in fast_disk]
    assert strip == [{k: v for k, v in doc.items() if k != "created"} for doc in full_disk]
    assert fast_held == fast_disk and full_held == full_disk


# -- the worker thread's reading, and a save of this seat in between ------------------------------


def test_a_reading_made_before_this_seat_saved_is_dropped_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "network.json"
    meeting_id = board_network(path)
    console, room = NetworkStore.open(path), NetworkStore.open(path)
    try:
        room.repo(BoardItem).add(BoardItem(meeting_id, BoardColumn.QUESTIONS, "from a phone"))
        storage = console._storage
        assert storage.follow_needed()
        reading = storage.read_followed()  # what the worker thread does
        assert reading is not None
        console.repo(BoardItem).add(BoardItem(meeting_id, BoardColumn.QUESTIONS, "typed here"))  # a key's save
        assert not storage.take_followed(reading), "read against a base this seat's save replaced"
        texts = {item.text for item in console.repo(BoardItem).all()}
        assert texts == {"from a phone", "typed here"}, "the save merged the phone's item itself"
        room.repo(BoardItem).add(BoardItem(meeting_id, BoardColumn.QUESTIONS, "second phone"))
        assert asyncio.run(console.follow_off_loop())
        assert {item.text for item in console.repo(BoardItem).all()} == {"from a phone", "typed here", "second phone"}
        assert console.save_state.saved
    finally:
        console.close()
        room.close()
    with NetworkStore.open(path, read_only=True) as saved:
        assert {item.text for item in saved.repo(BoardItem).all()} == {"from a phone", "typed here", "second phone"}


def test_a_reading_is_merged_whole_or_not_at_all_during_a_batch(tmp_path: Path) -> None:
    path = tmp_path / "network.json"
    meeting_id = board_network(path)
    console, room = NetworkStore.open(path), NetworkStore.open(path)
    try:
        room.repo(BoardItem).add_many(
            [BoardItem(meeting_id, BoardColumn.QUESTIONS, f"phone {n}", order=n) for n in range(5)]
        )
        reading = console._storage.read_followed()
        assert reading is not None
        with console.batch():
            console.repo(BoardItem).add(BoardItem(meeting_id, BoardColumn.EXPECTATIONS, "in a batch"))
            assert not console._storage.take_followed(reading), "not in the middle of a batch"
        assert len(console.repo(BoardItem).all()) == 6, "the batch's save merged all five"
    finally:
        console.close()
        room.close()


def test_a_file_that_cannot_be_merged_is_still_reported_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "network.json"
    meeting_id = board_network(path)
    console = NetworkStore.open(path)
    try:
        path.write_bytes(b'{"_meta":{"1":{"app":"something else"}}}')
        assert not asyncio.run(console.follow_off_loop()), "nothing merged"
        console.repo(BoardItem).add(BoardItem(meeting_id, BoardColumn.QUESTIONS, "kept in memory"))
        assert console.save_state.conflict and not console.save_state.saved
        assert [item.text for item in console.repo(BoardItem).all()] == ["kept in memory"]
    finally:
        console.close()


# -- the board shows what another seat changed, from reused lines ---------------------------------


async def test_the_board_shows_another_seats_changed_item_after_a_follow_off_the_loop(
    tmp_path: Path, make_app: Any
) -> None:
    path = tmp_path / "network.json"
    meeting_id = board_network(path)
    with NetworkStore.open(path) as seed:
        seed.repo(BoardItem).add_many(
            [BoardItem(meeting_id, BoardColumn.QUESTIONS, f"question {n}", order=n) for n in range(30)]
        )
    console, room = NetworkStore.open(path), NetworkStore.open(path)
    app = make_app(console, screen="kickoff")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        column = app.screen.query_one("#list-questions")
        before = "\n".join(strip.text for strip in column._paint())
        assert "question 0" in before
        first = next(item for item in room.repo(BoardItem).all() if item.text == "question 0")
        first.text = "question 0, edited on the room"
        room.repo(BoardItem).update(first)
        await app.follow_file_off_loop()
        await pilot.pause()
        await pilot.pause()
        shown = "\n".join(strip.text for strip in column._paint())
        assert "edited on the" in shown and shown != before
        await pilot.press("down")
        await pilot.press("up")
        assert "edited on the" in "\n".join(strip.text for strip in column._paint())
    room.close()
    console.close()
