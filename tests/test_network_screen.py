"""The network home, driven by keyboard only: the profile, the planned meetings, the announcement."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.widgets import Input, Markdown, TextArea

from ln_tui.app import LnApp
from ln_tui.model import Meeting, MeetingKind, Presence
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.network.announcement import AnnouncementScreen
from ln_tui.screens.network.forms import MeetingForm
from ln_tui.screens.network.screen import NetworkScreen
from ln_tui.screens.widgets.markdown import SafeMarkdown
from ln_tui.screens.widgets.table import RowTable
from ln_tui.screens.widgets.text_field import TextField, TextPreview
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
HOSTILE = "[@click=app.quit]Ann[/]"


def meeting_dates(app: LnApp) -> list[str]:
    table = app.screen.query_one("#meeting-table", RowTable)
    return [str(row[1]) for row in table.rows]


class TestProfile:
    async def test_every_field_is_saved_as_it_is_typed(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.click("#profile-name")
            await pilot.press("end", *" Gent")
            assert store.profile().name == "Test network Gent"
            assert app.title == "Test network Gent"
            await pilot.press("tab", *"Zorg")
            assert store.profile().topic == "Zorg"
            await pilot.press("tab", *"Je leert", "enter", *"- veel")
            assert store.profile().added_value == "Je leert\n- veel"
            app.screen.query_one("#profile-engagement-planned-meetings", Input).focus()
            await pilot.press("5", "x")  # the field takes only digits
            assert store.profile().engagement.planned_meetings == 5
            app.screen.query_one("#profile-engagement-passing-on", TextField).focus()
            await pilot.press(*"Vertel het je team")
            assert store.profile().engagement.passing_on == "Vertel het je team"

    async def test_keys_typed_while_the_field_becomes_a_text_area_all_reach_it(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        profile = store.profile()
        profile.added_value = "Leren"
        store.save_profile(profile)
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            field = app.screen.query_one("#profile-added-value", TextField)
            assert field.area is None  # painted as text until it takes the focus
            field.focus()
            # Posted without waiting, as a fast typist's keys come: they reach the field while it
            # is still becoming a text area, and each one lands in it, in order.
            for key, character in [("exclamation_mark", "!"), ("x", "x"), ("enter", "\r"), ("y", "y")]:
                app.post_message(events.Key(key, character))
            await pilot.pause()
            assert field.area is not None and field.area.has_focus
            assert store.profile().added_value == "!x\nyLeren"  # the cursor starts at the start, as before

    async def test_the_language_switch_keeps_the_focus_in_the_field_being_typed_in(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            app.screen.query_one("#profile-practical-info", TextField).focus()
            await pilot.press(*"Zaal 2")
            await pilot.press("f9")
            await pilot.pause()
            field = app.screen.query_one("#profile-practical-info", TextField)
            assert field.area is not None and field.area.has_focus
            assert field.text == "Zaal 2"
            await pilot.press("end", *" boven")
            assert store.profile().practical_info == "Zaal 2 boven"

    async def test_tabbing_through_the_profile_changes_nothing(self, store: NetworkStore, make_app: AppFactory) -> None:
        profile = store.profile()
        profile.goals = "Samen\nleren"
        store.save_profile(profile)
        before = store.path.read_bytes()
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.click("#profile-name")
            await pilot.press(*["tab"] * 9)
            assert app.screen.query_one("#profile-goals", TextField).area is not None
            assert store.profile().goals == "Samen\nleren"
            assert store.path.read_bytes() == before

    async def test_a_hostile_profile_reads_back_literally(self, store: NetworkStore, make_app: AppFactory) -> None:
        profile = store.profile()
        profile.topic = HOSTILE
        profile.goals = "[b\n\x1b[31m red \u202e"
        store.save_profile(profile)
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            assert app.screen.query_one("#profile-topic", Input).value == HOSTILE
            goals = app.screen.query_one("#profile-goals", TextField)
            assert goals.text == "[b\n\x1b[31m red \u202e"
            assert "[b\n\\x1b[31m red \\x202e" in str(goals.query_one(TextPreview).render())  # shown, never obeyed
            goals.focus()
            await pilot.pause()
            assert app.screen.query_one("#profile-goals TextArea", TextArea).text == "[b\n\x1b[31m red \u202e"
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, AnnouncementScreen)


class TestMeetings:
    async def test_plan_a_meeting_with_clear_errors_for_a_bad_date_and_time(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("ctrl+t", "a", *"2026-02-30", "tab", *"25:00", "enter")
            form = app.screen
            assert isinstance(form, MeetingForm)
            assert "YYYY-MM-DD" in str(form.query_one("#error-date").render())
            assert "HH:MM" in str(form.query_one("#error-time").render())
            assert form.focused is form.query_one("#field-date")
            await pilot.press("ctrl+u", *"2026-03-17", "tab", "ctrl+u", *"9.30", "tab", *"De Linde", "enter")
            await pilot.pause()
            assert isinstance(app.screen, NetworkScreen)
            [meeting] = store.meetings.all()
            assert (meeting.date, meeting.time, meeting.place, meeting.kind) == (
                "2026-03-17",
                "09:30",
                "De Linde",
                MeetingKind.REGULAR,
            )
            assert app.sub_title == "Regular 2026-03-17"

    async def test_edit_reschedule_make_current_and_remove(self, store: NetworkStore, make_app: AppFactory) -> None:
        first = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF, "13:30", "Gent", "Start"))
        second = store.meetings.add(
            Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", "Gent", attendance={1: Presence.ABSENT})
        )
        store.set_current_meeting(first.id)
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("ctrl+t", "down", "r")
            form = app.screen
            assert isinstance(form, MeetingForm) and form.focused is form.query_one("#field-date")
            await pilot.press("ctrl+u", *"2026-03-10", "enter")
            await pilot.pause()
            moved = store.meetings.get(second.id)  # type: ignore[arg-type]
            assert moved is not None and moved.date == "2026-03-10" and moved.attendance == {1: Presence.ABSENT}
            await pilot.press("c")
            assert store.current_meeting.id == second.id  # type: ignore[union-attr]
            assert app.sub_title == "Regular 2026-03-10"
            await pilot.press("up", "e")
            assert app.screen.query_one("#field-title", Input).value == "Start"
            app.screen.query_one("#field-title", Input).value = "Kennismaking"
            await pilot.press("enter")
            await pilot.pause()
            assert store.meetings.get(first.id).title == "Kennismaking"  # type: ignore[arg-type, union-attr]
            await pilot.press("down", "delete")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            assert len(store.meetings) == 2
            await pilot.press("delete", "y")
            await pilot.pause()
            assert [m.id for m in store.meetings.all()] == [first.id]
            assert meeting_dates(app) == ["2026-01-20"]
            assert app.sub_title == "Kennismaking (2026-01-20)"


class TestAnnouncement:
    async def test_rendered_safely_and_exported_with_one_key(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        profile = demo_store.profile()
        profile.practical_info += "\n\n[klik](javascript:alert(1)) <b>raw</b> " + HOSTILE
        demo_store.save_profile(profile)
        app = make_app(demo_store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("ctrl+o")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AnnouncementScreen)
            markdown = screen.query_one(Markdown)
            assert isinstance(markdown, SafeMarkdown) and markdown.open_links is False
            await pilot.press("e")
            await pilot.pause()
            written = demo_store.path.with_name("network-announcement.md").read_text(encoding="utf-8")
            assert written.startswith("# Lerend netwerk Zorgcoördinatie") and "## When we meet" in written
            await pilot.press("h")
            html = demo_store.path.with_name("network-announcement.html").read_text(encoding="utf-8")
            assert 'href="javascript:' not in html and "<b>raw</b>" not in html and "&lt;b&gt;raw&lt;/b&gt;" in html
            await pilot.press("escape")
            assert isinstance(app.screen, NetworkScreen) and app.is_running


# -- how it looks ---------------------------------------------------------------------------------
SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_network_screen(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_announcement(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(demo_store), press=["ctrl+o"], terminal_size=size)


def test_snapshot_meeting_form_with_errors(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(demo_store),
        press=["ctrl+t", "a", *"17/03/2026", "tab", "ctrl+u", *"25:00", "enter"],
        terminal_size=(120, 36),
    )


async def test_the_network_screen_stays_filled_in_dutch(demo_store: NetworkStore, make_app: AppFactory) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert meeting_dates(app) == ["2026-01-20", "2026-03-03", "2026-04-14", "2026-05-26"]
        assert str(app.screen.query_one("#meeting-table", RowTable).headers[1]) == "Datum"
