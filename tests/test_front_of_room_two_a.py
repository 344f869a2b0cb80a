"""Issue 22, in front of the room, round two (items 1, 2, 4, 5, 6, 8, 9, 10; the palette, item 7, is in
test_palette.py): each item driven by keyboard at the size where it was seen, the store checked where data
is concerned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import notified
from textual.widgets import Input

from ln_tui.app import LnApp
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.screens.dialogs import ConfirmDialog, TextDialog
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)
LARGE = (120, 36)


def regular_meeting(store: NetworkStore) -> Meeting:
    store.members.add_many([Member(name) for name in ("Ann", "Bart", "Claire")])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", title="Meeting 2"))
    store.set_current_meeting(meeting.id)
    return meeting


# -- 1. quitting never loses typed text -------------------------------------------------------------------------
class TestQuitAsksForTypedText:
    async def test_ctrl_q_in_the_quick_note_asks_and_n_keeps_the_note(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n", *"Coffee at three", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Throw this text away" in app.screen.question
            await pilot.press("ctrl+q")  # asked already: a second ctrl+q asks nothing more
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            assert app.screen.query_one(Input).value == "Coffee at three"
            await pilot.press("enter")
            await pilot.pause()
        assert [note.text for note in store.notes.all()] == ["Coffee at three"]

    async def test_ctrl_q_then_y_throws_the_text_away_and_quits(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n", *"Not wanted", "ctrl+q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert app.return_code == 0
        assert store.notes.all() == []

    async def test_ctrl_q_with_nothing_typed_quits_at_once(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n", "ctrl+q")
            await pilot.pause()
            assert not app.is_running
        assert app.return_code == 0

    async def test_ctrl_q_in_a_form_asks(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a", *"Sofie", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n", "ctrl+s")
            await pilot.pause()
        assert [member.name for member in store.members.all()] == ["Sofie"]

    async def test_ctrl_q_in_the_kickoff_editor_asks(self, store: NetworkStore, make_app: AppFactory) -> None:
        regular_meeting(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("n", *"What is a case?", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "What is a case?" in app.screen.detail

    async def test_an_editor_left_open_on_another_home_is_asked_about(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("n", *"Half a question", "f7", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Half a question" in app.screen.detail


# -- 6. first run: Escape on the name question leaves the focus somewhere useful ------------------------------------
class TestFirstRun:
    async def test_escape_on_the_name_question_puts_the_focus_on_the_name_field(
        self, network_path: Path, make_app: AppFactory
    ) -> None:
        with NetworkStore.open(network_path) as fresh:
            app = make_app(fresh)
            async with app.run_test(size=SMALL) as pilot:
                await pilot.pause()
                assert isinstance(app.screen, TextDialog)
                await pilot.press("escape")
                await pilot.pause()
                assert app.focused is not None and app.focused.id == "profile-name"
                await pilot.press(*"Zorg")
                await pilot.pause()
            assert fresh.profile().name == "Zorg"

    async def test_escape_on_the_name_question_on_another_home_still_leaves_a_focus(
        self, network_path: Path, make_app: AppFactory
    ) -> None:
        with NetworkStore.open(network_path) as fresh:
            app = make_app(fresh, screen="roster")
            async with app.run_test(size=SMALL) as pilot:
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
                assert app.focused is not None
