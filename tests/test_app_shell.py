"""The shell: five homes one key away, help, the palette, quick notes, theme, language, save state."""

from __future__ import annotations

import errno
import gc
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import DataTable, Header, Input, TextArea

import ln_tui.app
import ln_tui.screens.base
from ln_tui.app import LnApp
from ln_tui.homes import HOMES
from ln_tui.i18n import get_language
from ln_tui.model import Member
from ln_tui.screens.base import HomeScreen, SaveStatus
from ln_tui.screens.dialogs import ConfirmDialog, HelpDialog, TextDialog
from ln_tui.screens.widgets.text_field import TextField
from ln_tui.settings import config_dir
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZE = (100, 30)


def status_text(app: LnApp) -> str:
    return str(app.screen.query_one(SaveStatus).render())


class TestMovingAround:
    async def test_every_home_is_one_key_away(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            for mode, home in reversed(HOMES.items()):
                await pilot.press(home.key)
                await pilot.pause()
                assert app.current_mode == mode
                assert isinstance(app.screen, HomeScreen) and mode == app.screen.MODE

    @pytest.mark.parametrize("mode", list(HOMES))
    async def test_every_home_is_in_the_command_palette(
        self, store: NetworkStore, make_app: AppFactory, mode: str
    ) -> None:
        app = make_app(store, screen="network" if mode != "network" else "roster")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*f"{HOMES[mode].title} ({HOMES[mode].key})")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.current_mode == mode

    async def test_the_start_screen_comes_from_the_command_line(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SIZE):
            assert app.current_mode == "kickoff"

    async def test_f1_shows_the_keys_of_the_current_screen(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            table = app.screen.query_one(DataTable)
            described = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
            assert {"Network", "Roster", "Kickoff", "Discussion", "Evaluation", "Note"} <= described
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

    async def test_question_mark_shows_help_but_types_in_a_text_field(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            app.screen.set_focus(None)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            await pilot.press("escape", "ctrl+n")
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            assert app.screen.query_one(Input).value == "?"

    async def test_the_header_shows_the_network_and_the_current_meeting(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store)
        async with app.run_test(size=SIZE):
            assert app.title == "Lerend netwerk Zorgcoördinatie"
            # and the meeting's roles (the demo sets them; issue 13)
            assert app.sub_title == (
                "Bijeenkomst 2 (2026-03-03) · chair Els Van den Broeck · time Karim Benali · minutes Sofie Claes"
            )

    async def test_ctrl_q_quits(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.return_code == 0  # it quit


class TestQuickNote:
    @pytest.mark.parametrize("mode", list(HOMES))
    async def test_a_note_is_one_key_away_from_every_home(
        self, demo_store: NetworkStore, make_app: AppFactory, mode: str
    ) -> None:
        app = make_app(demo_store, screen=mode)
        before = len(demo_store.notes)  # the demo's case discussions hold notes already
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            await pilot.press(*f"idea from {mode}", "enter")
            await pilot.pause()
            notes = demo_store.notes.all()[before:]
            assert [n.text for n in notes] == [f"idea from {mode}"]
            assert notes[0].meeting_id == demo_store.current_meeting.id  # type: ignore[union-attr]

    async def test_escape_asks_before_throwing_a_typed_note_away(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n", *"keep me", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert app.screen.query_one(Input).value == "keep me"
            await pilot.press("enter")
            await pilot.pause()
            assert [n.text for n in store.notes.all()] == ["keep me"]

    async def test_a_hostile_note_is_stored_and_quits_nothing(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        hostile = "[@click=app.quit]x[/] [b [/ \x1b[31m"
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n")
            app.screen.query_one(Input).value = hostile
            await pilot.press("enter")
            await pilot.pause()
            assert app.return_code is None
            assert [n.text for n in store.notes.all()] == [hostile]


class TestWelcome:
    async def test_a_new_network_is_asked_its_name_and_an_empty_one_is_refused(
        self, network_path: Path, make_app: AppFactory
    ) -> None:
        store = NetworkStore.open(network_path)
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            await pilot.press("space", "enter")
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            assert "A network needs a name." in str(app.screen.query_one("#dialog-error").render())
            await pilot.press("backspace", *"[b]Zorg[/b]", "enter")
            await pilot.pause()
            assert app.title == "[b]Zorg[/b]"
        assert store.profile().name == "[b]Zorg[/b]"
        store.close()


class TestLookAndLanguage:
    async def test_the_theme_switches_and_is_remembered(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            assert app.theme == "projector"
            await pilot.press("f8")
            assert app.theme == "projector-light"
        saved = json.loads((config_dir() / "settings.json").read_text())
        assert saved["theme"] == "projector-light"

    async def test_the_language_switches_at_run_time_and_is_remembered(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f9")
            await pilot.pause()
            assert get_language() == "nl"
            await pilot.press("f1")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            described = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
            assert {"Netwerk", "Deelnemers", "Notitie"} <= described
        assert json.loads((config_dir() / "settings.json").read_text())["language"] == "nl"


class TestSaveState:
    async def test_a_failed_save_is_said_plainly_and_retried(
        self, store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            real = os.replace

            def full_disk(*args: object) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "replace", full_disk)
            store.members.add(Member("Ann"))
            await pilot.pause()
            assert "NOT SAVED: No space left on device" in status_text(app)
            assert app.screen.query_one(SaveStatus).has_class("-error")
            monkeypatch.setattr(os, "replace", real)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert status_text(app) == "✓ saved"
        with NetworkStore.open(store.path, read_only=True) as reread:
            assert [m.name for m in reread.members.all()] == ["Ann"]

    async def test_quitting_with_unsaved_changes_asks_first(
        self, store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
            store.members.add(Member("Ann"))
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog) and app.return_code is None
            await pilot.press("n")
            await pilot.pause()
            assert app.return_code is None

    async def test_a_read_only_network_says_so(self, demo_store: NetworkStore, make_app: AppFactory) -> None:
        with NetworkStore.open(demo_store.path, read_only=True) as viewer:
            app = make_app(viewer)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                assert "READ-ONLY" in status_text(app)


def removed_widgets_alive(kind: type[Widget] = Widget) -> list[Widget]:
    """The widgets of a kind that are no longer on any screen but still in memory.

    Counted as users get them: after a full collection, with whatever the app did to the
    garbage collector (nothing is unfrozen first).
    """
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, kind) and not o.is_attached]


class TestMemory:
    """A home built again (in another language) does not leave the old one in memory."""

    async def test_changing_language_does_not_keep_the_old_forms(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="network")
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(4):
                app.screen.query_one("#profile-goals", TextField).focus()  # a text area once focused
                await pilot.pause()
                assert app.screen.query("#profile-goals TextArea")
                await pilot.press("f9")
                await pilot.pause()
            assert removed_widgets_alive(TextArea) == []
            assert removed_widgets_alive(TextField) == []  # the profile has five per build
            assert removed_widgets_alive(Header) == []

    @pytest.mark.long
    async def test_two_language_switches_on_every_home_and_home_visits_leave_no_removed_widget(
        self, demo_store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(
            ln_tui.screens.base, "FREEZE_AFTER", 0.01
        )  # the heap frozen on every visit, as users get it
        app = make_app(demo_store, screen="network")
        keys = [home.key for home in HOMES.values()]
        async with app.run_test(size=SIZE) as pilot:
            for key in keys:  # every home built once
                await pilot.press(key)
                await pilot.pause()
            alive_before = len(removed_widgets_alive())
            for n in range(2 * len(keys)):  # each home switched to the other language and back
                await pilot.press(keys[n % len(keys)], "f9")
                await pilot.pause()
            for n in range(2 * len(keys)):
                await pilot.press(keys[(n * 2) % len(keys)])
                await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.pause(0.1)
            assert gc.get_freeze_count() > 0  # the test ran with a frozen heap
            alive = removed_widgets_alive()
            assert len(alive) <= alive_before, sorted({type(w).__name__ for w in alive})

    async def test_the_garbage_collector_is_left_as_it_was_when_the_app_stops(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        before = gc.get_threshold()
        app = make_app(store, screen="network")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3", "f4", "f9")
            await pilot.pause()
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() == 0


class TestCssAtStart:
    """The first home is painted with the app's CSS and its own; the rest is read right after."""

    async def test_the_other_homes_css_is_read_at_the_first_key_before_it_shows_a_home(
        self, store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(ln_tui.app, "ALL_CSS_AFTER", 600.0)  # only the key reads it here
        kickoff_css = str(ln_tui.app.SCREENS / "kickoff" / "kickoff.tcss")
        app = make_app(store, screen="network")
        async with app.run_test(size=SIZE) as pilot:
            assert app.stylesheet.has_source(str(ln_tui.app.SCREENS / "network" / "network.tcss"), "")
            assert not app.stylesheet.has_source(kickoff_css, "")
            await pilot.press("f4")
            await pilot.pause()
            assert app.stylesheet.has_source(kickoff_css, "")
            assert app.stylesheet.has_source(str(ln_tui.app.SCREENS / "room" / "room.tcss"), "")  # no screen's own
            column = app.screen.query(".board-column").first()
            assert column.styles.width is not None and column.styles.width.unit.name == "FRACTION"

    async def test_without_a_key_it_is_read_once_the_first_home_is_painted(
        self, store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(ln_tui.app, "ALL_CSS_AFTER", 0.001)  # the timer fires at the first pause
        app = make_app(store, screen="network")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.stylesheet.has_source(str(ln_tui.app.SCREENS / "kickoff" / "kickoff.tcss"), "")
            assert isinstance(app.screen, HomeScreen)  # still the first home: nothing else was shown
