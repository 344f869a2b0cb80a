"""Issue 23 item 9: a network with many notes (100,000 in 60 MB): the Minutes home reads only the
notes of the chosen meeting, so that its open time follows that meeting's notes, not the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ln_tui.app import LnApp
from ln_tui.minutes.notes import Minutes
from ln_tui.model import Meeting, Note
from ln_tui.screens.minutes.screen import MinutesScreen
from ln_tui.store import NetworkStore
from ln_tui.store.tables import UnparsedTable

MANY = 3000


@pytest.fixture
def crowded(network_path: Path) -> Path:
    """A network whose notes are nearly all of other meetings; a note's text imitates a document start."""
    with NetworkStore.open(network_path) as store, store.batch():
        profile = store.profile()
        profile.name = "Zorgnetwerk"
        store.save_profile(profile)
        current, other = store.meetings.add_many([Meeting("2026-03-03", title="Now"), Meeting("2026-02-03")])
        store.set_current_meeting(current.id)
        store.notes.add_many(
            [Note(other.id, f"old note {i}", "2026-02-03T10:00:00", {"case": i % 3}) for i in range(MANY)]
        )
        store.notes.add_many(
            [
                Note(current.id, "first", "2026-03-03T10:00:00", {"meeting_id": other.id or 0}),
                Note(other.id, ',"9":{"meeting_id":1,"text":"not a note"}', "2026-02-03T10:00:00"),
                Note(current.id, "second", "2026-03-03T10:01:00"),
            ]
        )
    return network_path


async def test_the_home_opens_on_its_meeting_s_notes_without_reading_the_others(
    crowded: Path, make_app: Callable[..., LnApp]
) -> None:
    store = NetworkStore.open(crowded)  # checked before (ln-tui wrote it): each table read when first needed
    try:
        app = make_app(store, screen="minutes")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MinutesScreen), app.screen_stack
            assert [row.subject.text for row in screen.rows] == ["first", "second"]
            assert "notes" not in store.parsed_tables(), "the notes of other meetings were parsed"
            await pilot.press("n")  # a new note: now the table is read, and all is as before
            await pilot.press(*"third", "enter")
            await pilot.pause()
            assert [row.subject.text for row in screen.rows] == ["first", "second", "third"]
            assert len(store.notes.all()) == MANY + 4
    finally:
        store.close()


@pytest.mark.parametrize(
    "table",
    [
        {"1": {"meeting_id": 1, "text": "a"}, "2": {"meeting_id": 2, "text": "b"}, "3": {"meeting_id": 1, "text": "c"}},
        {"1": {"meeting_id": None, "text": "no meeting"}, "2": {"meeting_id": 1, "text": "x"}},
        {"1": {"meeting_id": 10, "text": "ten"}, "2": {"meeting_id": 1, "text": ',"5":{"meeting_id":1,"x":1}'}},
        {"1": {"meeting_id": 1, "text": "é ü ñ"}, "2": {"meeting_id": 1, "text": "ok", "context": {"9": 1}}},
    ],
)
@pytest.mark.parametrize("layout", ["compact", "spaced"])
def test_documents_found_in_the_text_are_those_parsing_finds(table: dict, layout: str) -> None:
    separators = (",", ":") if layout == "compact" else (", ", ": ")
    text = json.dumps(table, separators=separators, ensure_ascii=False).encode()
    for value in (1, 2, 10, None):
        expected = {key: doc for key, doc in table.items() if doc["meeting_id"] == value}
        found = UnparsedTable(text).documents_where("meeting_id", value)
        if layout == "spaced":
            assert found is None, "not the layout ln-tui writes: searched after parsing the table"
        else:
            assert found == expected


@pytest.mark.parametrize(
    "table",
    [
        {"1": {"meeting_id": 1, "text": "a"}, "2": {"text": "b", "meeting_id": 1}},  # not led by the field
        {"1": {"meeting_id": 1, "text": 'a":{"meeting_id":1,'}},  # a text that looks like a start
        {"1": {"meeting_id": 1, "text": 'a": {"'}},  # a text that looks spaced
    ],
)
def test_a_table_whose_text_cannot_be_searched_surely_is_not(table: dict) -> None:
    text = json.dumps(table, separators=(",", ":")).encode()
    found = UnparsedTable(text).documents_where("meeting_id", 1)
    assert found is None or found == {key: doc for key, doc in table.items() if doc["meeting_id"] == 1}


def test_the_facade_gives_the_same_notes_either_way(crowded: Path) -> None:
    with NetworkStore.open(crowded, read_only=True) as store:
        meetings = Minutes(store).meetings()
        lazily = {m.id: Minutes(store).notes(m) for m in meetings}
        assert "notes" not in store.parsed_tables()
        store.notes.all()  # parsed now
        assert {m.id: Minutes(store).notes(m) for m in meetings} == lazily
        assert [n.text for n in lazily[1]] == ["first", "second"]


def test_notes_are_searched_in_their_text_by_a_field_every_note_holds() -> None:
    from ln_tui.records import text_searchable

    assert text_searchable(Note, "meeting_id") and text_searchable(Note, "text")
    assert not text_searchable(Note, "kind"), "a field with a default may be missing from a document"
