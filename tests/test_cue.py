"""A cue to the speaker (issue 25, item 4): ctrl+g on any seat sends "One minute left", "Please round
off" or a typed line; `ln-tui present` and the phones' discussion page show it until it is cleared or
the turn ends; it is in the file's state but never in the minutes, the exports or a follow-up network."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from browser import free_port
from conftest import FakeClock, notified
from present_helpers import present_app, shown_text
from textual.widgets import DataTable, Input, Static

from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.cue import CUE_SETTING, MAX_CUE, Cue, CueKind, clear_cue, current_cue, give_cue
from ln_tui.discussion.desk import Desk
from ln_tui.discussion.methods import preset
from ln_tui.discussion.model import Case, DiscussionState, RoundSpec, Speakers, TimeBox, TurnClock
from ln_tui.model import Audience, Meeting, MeetingKind, Member
from ln_tui.present.view import RoomChoice, show_to_room
from ln_tui.report import minutes_markdown
from ln_tui.screens.cue import CueDialog
from ln_tui.screens.widgets.big_text import big_lines
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
TYPED = "[b]Ann[/b], 2 minutes [@click=app.quit]x[/]"  # user text: shown literally, never markup
MARK = "Zanzibar-cue-marker"


@pytest.fixture
def make_app(make_app: AppFactory, clock: FakeClock) -> AppFactory:
    return functools.partial(make_app, wall_clock=clock)


@pytest.fixture(autouse=True)
def fixed_times(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def discussing(store: NetworkStore, clock: FakeClock) -> Desk:
    """Three members, a case with one round of 2:00 per speaker, the first turn running."""
    members = store.members.add_many([Member(n) for n in ("Ann", "Bart", "Claire")])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
    store.set_current_meeting(meeting.id)
    rounds = [RoundSpec("Questions", 120, TimeBox.PER_SPEAKER, Speakers.EVERYONE)]
    store.repo(Case).add(Case(meeting.id, "Mr De Vos", members[1].id, rounds=rounds))
    desk = Desk(store, clock, clock)
    desk.open_case(desk.load(store.current_meeting))
    assert desk.session is not None
    desk.session.toggle_pause()
    desk.changed()
    return desk


class TestTheCueInTheFile:
    def test_set_on_one_seat_it_is_seen_on_another_in_each_ones_language_then_cleared(
        self, store: NetworkStore, network_path: Path
    ) -> None:
        with NetworkStore.open(network_path) as other:  # a second seat on the same file
            give_cue(store, CueKind.ONE_MINUTE)
            assert store.save_state.saved
            other.follow()
            seen = current_cue(other)
            assert seen == Cue(CueKind.ONE_MINUTE)
            assert seen.shown() == "One minute left"
            from ln_tui.i18n import translations

            assert seen.shown(translations("nl").gettext) == "Nog één minuut"  # a phone in Dutch
            clear_cue(other)
            store.follow()
            assert current_cue(store) is None

    def test_a_typed_cue_is_one_line_capped_literal_and_refused_when_empty(self, store: NetworkStore) -> None:
        cue = give_cue(store, CueKind.TEXT, "  Ann,\n  two more\tminutes ")
        assert cue.text == "Ann, two more minutes" and current_cue(store) == cue
        assert give_cue(store, CueKind.TEXT, TYPED).shown() == TYPED
        assert give_cue(store, CueKind.TEXT, "a\x1b[31mb").shown() == "a\\x1b[31mb"  # control characters shown
        with pytest.raises(ValueError, match="at most 80 characters; this one has 81"):
            give_cue(store, CueKind.TEXT, "x" * (MAX_CUE + 1))
        with pytest.raises(ValueError, match="Type the cue"):
            give_cue(store, CueKind.TEXT, " \n ")
        assert current_cue(store) == Cue(CueKind.TEXT, "a\x1b[31mb")  # a refused cue changed nothing

    def test_what_another_program_left_in_the_setting_is_no_cue(self, store: NetworkStore) -> None:
        for junk in ("One minute left", ["text"], {"kind": "shout"}, {"kind": "text", "text": 3}, {"kind": "text"}):
            store.set_setting(CUE_SETTING, junk)
            assert current_cue(store) is None
        store.set_setting(CUE_SETTING, {"kind": "text", "text": "y" * 500})
        cue = current_cue(store)
        assert cue is not None and len(cue.text) == MAX_CUE

    def test_the_cue_ends_with_the_turn_it_was_given_in(self, store: NetworkStore, clock: FakeClock) -> None:
        desk = discussing(store, clock)
        session = desk.session
        assert session is not None
        give_cue(store, CueKind.ROUND_OFF)
        session.toggle_pause()  # pausing, adding a minute: the same turn, the cue stays
        session.extend()
        desk.changed()
        assert current_cue(store) == Cue(CueKind.ROUND_OFF)
        clock.advance(100)
        desk.changed(session.next_speaker())  # the turn ends: the cue with it, in the same save
        assert current_cue(store) is None
        give_cue(store, CueKind.ONE_MINUTE)
        snapshot = session.undo()  # undo brings the turn back, not the cue
        assert snapshot is not None
        desk.take_back(snapshot.closed)
        assert current_cue(store) == Cue(CueKind.ONE_MINUTE)
        desk.changed(session.finish())
        assert current_cue(store) is None

    def test_the_cue_is_not_in_the_minutes_the_exports_or_a_follow_up(
        self, demo_store: NetworkStore, network_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        give_cue(demo_store, CueKind.TEXT, MARK)
        assert MARK in network_path.read_text(encoding="utf-8")  # in the file's state, for every seat
        for meeting in [None, *demo_store.meetings.all()]:
            for audience in Audience:
                assert MARK not in minutes_markdown(demo_store, meeting, audience)
        from ln_tui.thread.takehome import take_home_markdown

        for someone in demo_store.members.all():  # what each member takes home
            assert MARK not in take_home_markdown(demo_store, someone)
        demo_store.close()
        outputs = []
        for number, options in enumerate((["--format", "html"], ["--for", "share"], ["--ics"], ["--announcement"])):
            output = tmp_path / f"export-{number}"
            assert main(["export", str(network_path), "-o", str(output), *options]) == 0
            outputs.append(output)
        member = tmp_path / "member.md"
        assert main(["members", "export", str(network_path), "Sofie", "-o", str(member)]) == 0
        follow_up = tmp_path / "follow-up.json"
        assert main(["new", str(follow_up), "--from", str(network_path)]) == 0
        for path in (*outputs, member, follow_up):
            assert MARK not in path.read_text(encoding="utf-8"), path
        with NetworkStore.open(follow_up) as new:
            assert current_cue(new) is None
        capsys.readouterr()

    def test_keeping_only_what_the_network_learned_drops_the_cue(self, demo_store: NetworkStore) -> None:
        from ln_tui.roster.personal import keep_learned, keep_only_learned

        give_cue(demo_store, CueKind.TEXT, "Sofie, please round off")
        keep_only_learned(demo_store, "2026-12-01")
        assert current_cue(demo_store) is None
        assert "please round off" not in demo_store.path.read_text(encoding="utf-8")
        meta = {"schema": 1, CUE_SETTING: {"kind": "text", "text": "Sofie, please round off"}}
        assert keep_learned("_meta", 1, meta) == {"schema": 1}  # in the kept states too


def test_block_letters_fold_accents_and_give_way_to_plain_text() -> None:
    assert big_lines("Nog één minuut", 80) == big_lines("NOG EEN MINUUT", 80)
    lines = big_lines("Stop", 80)
    assert lines is not None and len(lines) == 5 and len(lines[0]) == 2 * 15  # two cells a pixel where it fits
    assert big_lines("Please round off", 63) is not None and big_lines("Please round off", 62) is None
    assert big_lines("Ann <3", 80) is None and big_lines("", 80) is None  # a character the font lacks: plain


class TestTheCueFromTheConsole:
    async def test_ctrl_g_sends_a_cue_present_shows_it_large_and_the_same_key_clears_it(
        self, demo_store: NetworkStore, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        show_to_room(demo_store, RoomChoice.KICKOFF)
        console = make_app(demo_store, screen="roster")
        room = present_app(network_path, clock)
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)):
            assert "█" not in await shown_text(room)
            await pilot.press("ctrl+g")
            assert isinstance(console.screen, CueDialog)
            await pilot.press("1")
            assert not isinstance(console.screen, CueDialog)
            assert "Cue shown on the room's screen and the phones: One minute left" in notified(console)
            text = await shown_text(room)
            assert room.room.cue_words == "One minute left" and "Questions (" in text  # over the board
            cue = room.room.query_one("#room-cue", Static)
            assert cue.has_class("-big") and cue.region.height >= 7  # block letters five rows tall
            assert big_lines("One minute left", 74) == cue.visual.plain.splitlines()

            await pilot.press("ctrl+g")  # the same key: the cue shown now, and "clear"
            assert "Shown now: One minute left" in str(console.screen.query_one("#cue-now").render())
            await pilot.press("c")
            assert current_cue(demo_store) is None and "The cue is cleared." in notified(console)
            assert "█" not in await shown_text(room)
            assert room.room.cue_words == "" and not room.room.query_one("#room-cue").display

    async def test_next_speaker_on_the_discussion_home_ends_the_cue_on_present(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        discussing(store, clock)
        show_to_room(store, RoomChoice.DISCUSSION)
        console = make_app(store, screen="discussion")
        room = present_app(network_path, clock)
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)):
            await pilot.press("space", "ctrl+g", "2")  # the turn runs; "Please round off"
            text = await shown_text(room)
            assert room.room.cue_words == "Please round off" and "Now: Ann" in text
            assert room.room.query_one("#room-cue").has_class("-big")
            clock.advance(30)
            await pilot.press("n")  # the next speaker: the turn the cue was given in is over
            assert current_cue(store) is None
            assert "Now: Bart" in await shown_text(room)
            assert room.room.cue_words == "" and not room.room.query_one("#room-cue").display

    async def test_a_typed_cue_is_shown_literally_and_an_empty_one_is_refused_in_place(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        console = make_app(store, screen="network")
        room = present_app(network_path, clock)
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)):
            await pilot.press("ctrl+g", "t", "space", "enter")
            dialog = console.screen
            assert isinstance(dialog, CueDialog)
            assert "Type the cue, or choose one of the two above." in str(dialog.query_one("#cue-error").render())
            field = dialog.query_one("#cue-text", Input)
            assert field.max_length == MAX_CUE
            field.value = TYPED
            await pilot.press("enter")
            assert not isinstance(console.screen, CueDialog) and console.is_running
            assert current_cue(store) == Cue(CueKind.TEXT, TYPED)
            assert TYPED in await shown_text(room)  # not in the block font: shown as typed, in bold

    async def test_ctrl_g_is_in_the_keys_and_the_palette_in_dutch_too(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        console = make_app(store, screen="kickoff")
        async with console.run_test(size=(120, 36)) as pilot:
            for language, words in (("en", "Cue to the speaker"), ("nl", "Seintje aan de spreker")):
                await pilot.press("f1")
                table = console.screen.query_one("#help-keys", DataTable)
                rows = {str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)}
                assert rows.get(words) == "^g", (language, rows)
                await pilot.press("escape", "f9")
        from ln_tui.screens.palette import APP_COMMANDS

        assert any(command.action == "cue" and command.key == "ctrl+g" for command in APP_COMMANDS)

    async def test_a_read_only_window_gives_no_cue(self, network_path: Path, store: NetworkStore, make_app) -> None:
        store.close()
        with NetworkStore.open(network_path, read_only=True) as reader:
            console = make_app(reader, screen="network")
            async with console.run_test(size=(80, 24)) as pilot:
                await pilot.press("ctrl+g")
                assert not isinstance(console.screen, CueDialog)
                assert "This window is read-only: a cue cannot be given from here." in notified(console)


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")])
def test_snapshot_present_with_a_cue(
    snap_compare, demo_store: NetworkStore, clock: FakeClock, network_path: Path, size: tuple[int, int]
) -> None:
    show_to_room(demo_store, RoomChoice.KICKOFF)
    give_cue(demo_store, CueKind.ROUND_OFF)
    assert snap_compare(present_app(network_path, clock), terminal_size=size)


def test_snapshot_the_cue_dialog(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    give_cue(demo_store, CueKind.TEXT, "Ann: two more minutes, then Bart")
    assert snap_compare(make_app(demo_store, screen="discussion"), press=["ctrl+g"], terminal_size=(80, 24))


# -- the phones' discussion page, in a real Chromium ------------------------------------------------


def cue_on_the_page(driver: Any, url: str, store: NetworkStore) -> dict[str, Any]:
    """The discussion page open; a cue given on a seat appears by itself, then goes when cleared."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    seen: dict[str, Any] = {}
    driver.get(url + "/discussion")
    cue = driver.find_element(By.ID, "cue")
    seen["before"] = cue.is_displayed()
    driver.execute_script("window.notReloaded = true")
    give_cue(store, CueKind.TEXT, TYPED)
    WebDriverWait(driver, 15, poll_frequency=0.2).until(lambda d: d.find_element(By.ID, "cue").is_displayed())
    seen["shown"] = driver.find_element(By.ID, "cue").text
    seen["big"] = driver.execute_script("return parseFloat(getComputedStyle(document.getElementById('cue')).fontSize)")
    seen["clock"] = driver.find_element(By.ID, "clock").text
    from browser import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "room-discussion-cue.png"))
    clear_cue(store)
    WebDriverWait(driver, 15, poll_frequency=0.2).until(lambda d: not d.find_element(By.ID, "cue").is_displayed())
    seen["not_reloaded"] = driver.execute_script("return window.notReloaded === true")
    give_cue(store, CueKind.ONE_MINUTE)
    driver.execute_script("document.querySelectorAll('script').forEach(s => s.remove())")
    return seen


async def test_the_cue_on_a_phone_in_chromium_live_and_without_javascript(
    store: NetworkStore, chromium: Callable[..., Any]
) -> None:
    from ln_tui.room.model import RoomPart
    from ln_tui.room.room import Room
    from ln_tui.room.server import RoomServer

    ann, bart = store.members.add_many([Member("Ann"), Member("Bart")])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
    store.set_current_meeting(meeting.id)
    method = preset("Incident method")
    case = store.repo(Case).add(
        Case(meeting.id, "A case", ann.id, method_name=method.name, rounds=method.rounds, method_preset=True)
    )
    store.repo(DiscussionState).add(
        DiscussionState(case.id or 0, [ann.id or 0, bart.id or 0], round_index=3, clock=TurnClock(300, 75, False, 0))
    )
    store.set_setting("discussion_case_id", case.id)
    room = Room(store)
    token = room.open()
    room.toggle_part(RoomPart.DISCUSSION)
    server = RoomServer(room)
    await server.start("127.0.0.1", free_port())
    url = f"http://127.0.0.1:{server.port}/r/{token.lower()}"
    try:
        driver = chromium(width=390, height=844)
        seen = await asyncio.get_running_loop().run_in_executor(None, cue_on_the_page, driver, url, store)
        # Without JavaScript: the page as served holds the cue (a reload, or any post, shows it).
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as phone:
            async with phone.get(url + "/discussion", headers={"Accept-Language": "nl"}) as page:
                served = await page.text()
            async with phone.get(url + "/discussion/state") as state:
                live = await state.json()
    finally:
        await server.stop()
    assert seen["before"] is False
    assert seen["shown"] == TYPED and seen["big"] >= 28 and seen["clock"] == "3:45"
    assert seen["not_reloaded"] is True  # it came and went without a reload
    assert '<p id="cue" class="cue" role="alert"><bdi>Nog één minuut</bdi></p>' in served
    assert live["cue"] == "One minute left"
