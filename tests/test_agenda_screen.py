"""The Agenda home by keyboard only: editing with undo, the meeting clock (with a crash in the
middle), external input, closing the network; and how it looks, at 80x24 and 120x36."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FakeClock, notified
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits, Static

from ln_tui.agenda.closing import harvest
from ln_tui.agenda.model import AgendaItem, MeetingClock
from ln_tui.app import LnApp
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.screens.agenda.clock_line import MeetingClockLine
from ln_tui.screens.agenda.screen import AgendaScreen
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
START = datetime.datetime(2026, 3, 3, 13, 30).timestamp()  # local time, as the meeting says


@pytest.fixture(autouse=True)
def fixed_times(clock: FakeClock) -> None:
    clock.now = START


@pytest.fixture
def make_app(make_app: AppFactory, clock: FakeClock) -> AppFactory:
    """The app's wall clock is the fake clock too."""
    return functools.partial(make_app, wall_clock=clock)


@pytest.fixture
def meeting(store: NetworkStore) -> Meeting:
    store.members.add_many([Member(f"Member {i}") for i in range(5)])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", "De Linde, Gent", "Meeting 2"))
    store.set_current_meeting(meeting.id)
    return meeting


def shown(app: LnApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


def rows(app: LnApp) -> list[str]:
    table = app.screen.query_one("#agenda-table", DataTable)
    return [str(table.get_row_at(i)[1]).strip("▶✓ ") for i in range(table.row_count)]


def stored(store: NetworkStore, meeting: Meeting) -> list[tuple[str, int]]:
    items = sorted(store.repo(AgendaItem).where(meeting_id=meeting.id), key=lambda i: i.position)
    return [(i.shown_title, i.minutes) for i in items]


async def tick(app: LnApp, pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen = app.screen
    assert isinstance(screen, AgendaScreen)
    screen.tick()
    await pilot.pause()


class TestEditing:
    async def test_f10_opens_the_agenda_from_the_template(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f10")
            assert isinstance(app.screen, AgendaScreen)
            assert rows(app)[:2] == ["Welcome, check-in round", "Follow-up: actions and open questions"]
            assert "2:30:00 planned of 2:30:00" in shown(app, "#agenda-summary")

    async def test_add_with_a_bad_time_box_then_a_good_one_remove_and_undo(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a", *"News round", "tab", "0", "enter")
            assert "at least 1 minute" in str(app.screen.query_one("#error-minutes", Static).visual)
            assert store.repo(AgendaItem).all() == []
            await pilot.press("backspace", *"1000", "enter")
            assert "more than ten hours" in str(app.screen.query_one("#error-minutes", Static).visual)
            await pilot.press("ctrl+u", *"20", "enter")
            await pilot.pause()
            assert rows(app)[1] == "News round"
            assert stored(store, meeting)[1] == ("News round", 20)
            assert "The agenda is 20 min longer than the meeting." in shown(app, "#agenda-summary")
            await pilot.press("down", "d")
            assert ("Follow-up: actions and open questions", 15) not in stored(store, meeting)
            await pilot.press("u")
            assert stored(store, meeting)[2] == ("Follow-up: actions and open questions", 15)
            await pilot.press("u")
            assert ("News round", 20) not in stored(store, meeting)
            assert len(stored(store, meeting)) == 6

    async def test_move_and_change_the_time_box(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("right_square_bracket", "plus", "plus")
            assert stored(store, meeting)[:2] == [
                ("Follow-up: actions and open questions", 15),
                ("Welcome, check-in round", 20),
            ]
            await pilot.press("minus", "enter", "ctrl+u", *"My welcome", "enter")
            assert stored(store, meeting)[1] == ("My welcome", 15)

    async def test_item_text_is_never_markup(self, store: NetworkStore, meeting: Meeting, make_app: AppFactory) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a", *"[@click=app.quit]x[/] [b", "enter")
            await pilot.pause()
            assert app.is_running
            assert "[@click=app.quit]x[/] [b" in rows(app)
            assert "[@click=app.quit]x[/] [b" in shown(app, "#item-detail")
            await pilot.press("d")
            await pilot.pause()
            assert app.is_running
            assert "Removed [@click=app.quit]x[/] [b; u takes it back." in notified(app)

    async def test_the_meetings_length_and_learning_forms_of_our_own(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("L", "ctrl+u", "0", "enter")
            await pilot.pause()
            assert any("at least 1 minute" in message for message in notified(app))
            assert store.repo(MeetingClock).all() == []
            await pilot.press("L", "ctrl+u", *"120", "enter")
            await pilot.pause()
            assert store.repo(MeetingClock).all()[0].length == 120
            assert "The agenda is 30 min longer than the meeting." in shown(app, "#agenda-summary")
            await pilot.press("l", *"intervisie in trio's; werkbezoek", "enter")
            await pilot.pause()
            assert store.setting("learning_forms") == ["intervisie in trio's", "werkbezoek"]


class TestTheMeetingClock:
    async def test_start_overtime_pause_next_and_a_crash(
        self, network_path: Path, meeting: Meeting, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("s")
            assert "Item 1 of 6: Welcome, check-in round" in shown(app, "#item-line")
            await tick(app, pilot, clock, 12 * 60)
            assert "2 min late" in shown(app, "#meeting-line")
            assert "ends at 16:02 (planned 16:00)" in shown(app, "#meeting-line")
            assert app.screen.query_one("#item-clock").has_class("-overtime")
            await pilot.press("n")
            assert "Item 2 of 6" in shown(app, "#item-line")
            await tick(app, pilot, clock, 60)
            await pilot.press("space")
            assert "(paused)" in shown(app, "#item-line")
            await tick(app, pilot, clock, 5 * 60)
            await pilot.press("space", "m")
            assert "8 min late" in shown(app, "#meeting-line")
        record = store.repo(MeetingClock).all()[0]
        assert [round(r.seconds) for r in record.runs] == [12 * 60]
        store.close()  # the laptop dies; three minutes later the app is back on the same file
        clock.advance(3 * 60)
        reopened = NetworkStore.open(network_path)
        app = make_app(reopened, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Item 2 of 6" in shown(app, "#item-line")
            assert "8 min late" in shown(app, "#meeting-line")  # 4 spent of 16: 12 left
            digits = app.screen.query_one("#countdown-digits", Digits)
            assert str(digits.value) == "12:00"
            await pilot.press("p")
            assert app.screen.has_class("-projector")
            assert app.screen.query_one("#agenda-side").styles.display == "none"
            await pilot.press("escape", "f5")
            line = app.screen.query_one("#meeting-clock-line", MeetingClockLine)
            line.refresh_line()
            assert "Meeting: Follow-up: actions and open questions 12:00" in str(line.visual)
        reopened.close()

    async def test_undoing_the_running_items_addition_loses_nothing(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory, clock: FakeClock
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a", *"Opening", "enter", "s")  # the new item is second; the welcome runs
            await tick(app, pilot, clock, 60)
            await pilot.press("n")
            assert "Item 2 of 7: Opening" in shown(app, "#item-line")
            await pilot.press("u")
            await pilot.pause()
            assert "no longer on the agenda" in shown(app, "#item-line")
            await pilot.press("n")
            assert "Item 2 of 6: Follow-up" in shown(app, "#item-line")
            record = store.repo(MeetingClock).all()[0]
            assert len(record.runs) == 2

    async def test_the_keys_say_why_before_the_meeting_starts(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", "space")
            await pilot.pause()
            assert "press s to start" in shown(app, "#item-line")
            assert store.repo(MeetingClock).all() == []


class TestExternalInputAndClosing:
    async def test_external_input_by_keyboard_refuses_a_javascript_link(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("down", "down", "down", "down", "x")
            await pilot.press(*"An Peeters", "tab", *"UZ Gent", "tab", *"Discharge", "tab", *"javascript:alert(1)")
            await pilot.press("enter")
            assert "is refused" in str(app.screen.query_one("#error-links", Static).visual)
            await pilot.press("ctrl+u", *"https://uzgent.be", "enter")
            await pilot.pause()
            item = stored_items(store, meeting)[4]
            assert item.external is not None and item.external.name == "An Peeters"
            assert item.external.links == ["https://uzgent.be"]
            assert "An Peeters, UZ Gent" in shown(app, "#item-detail")

    async def test_closing_the_network_by_keyboard(
        self, store: NetworkStore, meeting: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("C", *"We learned", "tab", *"Call on Friday", "tab", *"Trio's: Member 1")
            await pilot.press("tab", "space", "ctrl+s")
            await pilot.pause()
            record = harvest(store)
            assert record.closed and record.insights == "We learned"
            assert [(c.what, c.who) for c in record.continues] == [("Trio's", "Member 1")]
            assert app.title == "Test network — closed"


def stored_items(store: NetworkStore, meeting: Meeting) -> list[AgendaItem]:
    return sorted(store.repo(AgendaItem).where(meeting_id=meeting.id), key=lambda i: i.position)


# -- snapshots --------------------------------------------------------------------------------------


@pytest.fixture
def demo_app(demo_store: NetworkStore, make_app: AppFactory) -> LnApp:
    """The demo's third meeting (a site visit on its agenda), not started yet."""
    later = sorted(demo_store.meetings.all(), key=lambda m: m.date)[2]
    demo_store.set_current_meeting(later.id)
    return make_app(demo_store, screen="agenda")


def running_late(clock: FakeClock, *keys: str) -> Callable[..., object]:
    async def run_before(pilot) -> None:
        clock.now = datetime.datetime(2026, 4, 14, 13, 36).timestamp()
        await pilot.press("s")
        clock.advance(13 * 60)
        await pilot.press("n", "down")
        clock.advance(17 * 60 + 30)
        pilot.app.screen.tick()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_not_started(snap_compare, demo_app: LnApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, press=["down", "down", "down", "down"])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [pytest.param((), id="running"), pytest.param(("p",), id="projector")])
def test_snapshot_running_late(
    snap_compare, demo_app: LnApp, clock: FakeClock, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=running_late(clock, *keys))


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(("a", "tab", "0", "enter"), id="item-form-error"),
        pytest.param(("down", "down", "down", "down", "x"), id="external-input"),
        pytest.param(("C",), id="harvest"),
    ],
)
def test_snapshot_forms(snap_compare, demo_app: LnApp, keys: tuple[str, ...]) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), press=list(keys))


async def test_the_agenda_speaks_dutch(store: NetworkStore, meeting: Meeting, make_app: AppFactory) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert rows(app)[0] == "Welkom, check-inronde"
        assert "Niet gestart" in shown(app, "#item-line")
        await pilot.press("s")
        assert "Punt 1 van 6: Welkom, check-inronde" in shown(app, "#item-line")
        assert "op schema" in shown(app, "#meeting-line")


@pytest.mark.long
async def test_the_palette_starts_a_follow_up_network_and_never_overwrites(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory, network_path: Path
) -> None:
    taken = network_path.parent / "taken.json"
    taken.write_text("someone's file")
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        for name in ("taken.json", "follow-up.json"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Start a follow-up network")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press(*name, "enter")
            await pilot.pause()
    assert taken.read_text() == "someone's file"
    with NetworkStore.open(network_path.parent / "follow-up.json", read_only=True) as new:
        assert [m.name for m in new.members.all()] == [m.name for m in store.members.all()]
        assert new.profile().name == "Test network"


async def test_a_follow_up_networks_header_says_draft_until_the_profile_changes(
    demo_store: NetworkStore, make_app: AppFactory, tmp_path: Path
) -> None:
    from ln_tui.agenda.closing import create_follow_up

    create_follow_up(tmp_path / "next.json", demo_store)
    with NetworkStore.open(tmp_path / "next.json") as new:
        app = make_app(new, screen="agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.title == "Lerend netwerk Zorgcoördinatie — draft"
            summary = shown(app, "#agenda-summary")
            assert "Plan a meeting first" in summary
            assert (
                "A follow-up of Lerend netwerk Zorgcoördinatie: 10 members carried over, not confirmed yet." in summary
            )
            assert "8 things carried over from it wait for the first meeting: its notes (F7) show them." in summary
            profile = new.profile()
            profile.name = "Zorgcoördinatie 2027"
            new.save_profile(profile)
            app.refresh_header()
            await pilot.pause()
            assert app.title == "Zorgcoördinatie 2027"


async def test_members_carried_over_are_confirmed_one_by_one_on_the_roster(
    demo_store: NetworkStore, make_app: AppFactory, tmp_path: Path
) -> None:
    from ln_tui.agenda.closing import UNCONFIRMED_SETTING, create_follow_up
    from ln_tui.screens.roster.screen import RosterScreen

    create_follow_up(tmp_path / "next.json", demo_store)
    with NetworkStore.open(tmp_path / "next.json") as new:
        app = make_app(new, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = app.screen
            assert isinstance(screen, RosterScreen)
            first = screen.selected()
            assert first is not None and first.id in new.setting(UNCONFIRMED_SETTING)
            assert "to confirm" in str(screen.cells[first.id or 0][1])
            assert "10 to confirm (c)" in str(screen.query_one("#roster-status", Static).visual)
            await pilot.press("c")
            assert first.id not in new.setting(UNCONFIRMED_SETTING)
            assert len(new.setting(UNCONFIRMED_SETTING)) == 9
            assert "to confirm" not in str(screen.cells[first.id or 0][1])
            await pilot.press("c")  # a second time: already confirmed, nothing changes
            assert len(new.setting(UNCONFIRMED_SETTING)) == 9


@pytest.fixture
def case_app(store: NetworkStore, meeting: Meeting, make_app: AppFactory) -> LnApp:
    from ln_tui.discussion.methods import INCIDENT, preset
    from ln_tui.discussion.model import Case

    bringer = store.members.all()[0]
    store.repo(Case).add(
        Case(meeting.id, "Friday discharge", bringer.id, method_name=INCIDENT, rounds=preset(INCIDENT).rounds)
    )
    return make_app(store, screen="agenda")


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_the_meeting_clock_in_the_discussions_projector_view(
    snap_compare, case_app: LnApp, clock: FakeClock, size: tuple[int, int]
) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("s")
        clock.advance(11 * 60)
        await pilot.press("n")
        clock.advance(16 * 60)
        await pilot.press("n", "f5", "space")
        clock.advance(200)
        pilot.app.screen.tick()
        pilot.app.screen.query_one(MeetingClockLine).refresh_line()
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(case_app, terminal_size=size, run_before=run_before)


async def test_the_projector_view_shows_the_room_only_the_item_and_its_clock(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory
) -> None:
    """p hides the header, the home bar (F2 ... F10), the key bar and the agenda; escape brings them back."""
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "p")
        hidden = ["Header", "#home-bar", "KeyBar", "#agenda-side"]
        assert [selector for selector in hidden if app.screen.query_one(selector).region.height] == []
        assert "Item 1 of" in shown(app, "#item-line")
        await pilot.press("escape")
        assert [selector for selector in hidden if not app.screen.query_one(selector).region.height] == []
