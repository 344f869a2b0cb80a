"""The safety pulse (issue 26 item 5): three statements answered anonymously each meeting, typed
in the console or sent from phones; the summary, the room and the network report show the trend
over the meetings, with no average about fewer than 3 answers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from conftest import FakeClock, notified
from room_helpers import Phone, populate

from ln_tui.app import LnApp
from ln_tui.evaluation.model import PulseAnswer, PulseStatement
from ln_tui.evaluation.pulse import Pulse, PulseRefused, pulse_trend
from ln_tui.i18n import set_language
from ln_tui.model import Meeting, MeetingKind
from ln_tui.present.view import EvaluationRoom, RoomChoice, show_to_room
from ln_tui.report import minutes_markdown
from ln_tui.room.model import RoomPart
from ln_tui.room.room import Room
from ln_tui.room.server import build_app
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.evaluation.pulse import PulseScreen
from ln_tui.screens.present.app import PresentApp
from ln_tui.screens.widgets.bars import RatingScale
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SAY, HEARD, STAYS = (s.value for s in PulseStatement)


@pytest.fixture
def meetings(store: NetworkStore) -> tuple[Meeting, Meeting]:
    first = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, title="Bijeenkomst 2"))
    second = store.meetings.add(Meeting("2026-04-14", MeetingKind.REGULAR, title="Bijeenkomst 3"))
    store.set_current_meeting(second.id)
    return first, second


class TestThePulse:
    def test_an_answer_is_kept_whole_and_names_nobody(
        self, store: NetworkStore, meetings: tuple[Meeting, Meeting]
    ) -> None:
        pulse = Pulse(store)
        answer = pulse.add(meetings[0].id, {SAY: 4, HEARD: 5, STAYS: None})
        assert answer.ratings == {SAY: 4, HEARD: 5}
        document = json.loads(store.path.read_text())["pulse_answers"]
        assert list(document.values()) == [{"meeting_id": meetings[0].id, "ratings": {SAY: 4, HEARD: 5}}]
        for bad in ({SAY: 6}, {SAY: 0}, {"nonsense": 3}, {}, {SAY: None}):
            with pytest.raises(PulseRefused):
                pulse.add(meetings[0].id, bad)
        assert pulse.count(meetings[0].id) == 1

    def test_the_trend_shows_an_average_only_from_three_answers(
        self, store: NetworkStore, meetings: tuple[Meeting, Meeting]
    ) -> None:
        pulse = Pulse(store)
        for say in (5, 4, 3):
            pulse.add(meetings[0].id, {SAY: say, HEARD: 4, STAYS: 5})
        pulse.add(meetings[0].id, {SAY: 2})  # the fourth answered only one statement
        pulse.add(meetings[1].id, {SAY: 1, HEARD: 1, STAYS: 1})
        pulse.add(meetings[1].id, {SAY: 2, HEARD: 2, STAYS: 2})
        first, second = pulse_trend(store)
        assert (first.meeting.id, first.answered) == (meetings[0].id, 4)
        assert first.average(PulseStatement.SAY) == 3.5 and first.average(PulseStatement.STAYS) == 5.0
        assert second.answered == 2 and all(second.average(s) is None for s in PulseStatement)
        report = minutes_markdown(store, None)
        assert "| Bijeenkomst 2 (2026-03-03) | 4 | 3.5 | 4.0 | 5.0 |" in report
        assert "| Bijeenkomst 3 (2026-04-14) | 2 | – | – | – |" in report
        assert "What is said here stays here" in report
        assert "an average is shown from 3 answers on" in report
        assert "1.0" not in report.split("Safety pulse")[-1] and "1.5" not in report.split("Safety pulse")[-1]


class TestInTheConsole:
    async def test_typed_one_person_at_a_time_the_room_moves_only_from_three(
        self,
        store: NetworkStore,
        meetings: tuple[Meeting, Meeting],
        make_app: AppFactory,
        clock: FakeClock,
        network_path: Path,
    ) -> None:
        show_to_room(store, RoomChoice.EVALUATION, meeting_id=meetings[1].id)
        console = make_app(store, screen="evaluation")
        room = PresentApp(network_path, wall=clock, settings=Settings(theme="projector", language="en"))
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(120, 36)):
            await pilot.press("m")  # the meeting: the second one (already chosen, being the current one)
            await pilot.press("escape", "p")
            screen = console.screen
            assert isinstance(screen, PulseScreen) and screen.meeting.id == meetings[1].id
            await pilot.press("4", "down", "5", "down")
            assert store.repo(PulseAnswer).all() == [], "nothing is kept while it is typed"
            await pilot.press("3", "ctrl+s")
            assert [a.ratings for a in store.repo(PulseAnswer).all()] == [{SAY: 4, HEARD: 5, STAYS: 3}]
            assert all(scale.value is None for scale in screen.query(RatingScale)), "cleared for the next"
            assert "Answer kept. Next person." in notified(console)
            room.room.poll()
            view = room.room.view
            assert isinstance(view, EvaluationRoom) and "| 1 | – | – | – |" in view.markdown
            await pilot.press("2", "down", "4", "ctrl+s", "ctrl+s")  # an empty answer is refused
            assert "Answer at least one statement." in notified(console)
            await pilot.press("5", "down", "5", "down", "5", "ctrl+s")
            room.room.poll()
            view = room.room.view
            assert isinstance(view, EvaluationRoom) and "| 3 | 3.7 | 4.7 | – |" in view.markdown  # 2 answered the third
            assert "Forms counted" not in view.markdown
            await pilot.press("1")
            await pilot.press("escape")
            assert isinstance(console.screen, ConfirmDialog), "a typed answer is not thrown away unasked"
            await pilot.press("y")
            assert len(store.repo(PulseAnswer).all()) == 3
            await pilot.press("escape", "s")  # the summary, to project: the pulse over the meetings
            await pilot.pause()
            shown = "\n".join(str(w.render()) for w in console.screen.query("Static"))
            assert "Safety pulse, meeting by meeting" in shown and "What is said here stays here" in shown


@pytest.fixture
def room(store: NetworkStore, clock: FakeClock) -> Room:
    populate(store)
    opened = Room(store, clock=clock)
    opened.open()
    opened.toggle_part(RoomPart.PULSE)
    return opened


@pytest.fixture
async def client(room: Room) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(build_app(room))) as test_client:
        yield test_client


class TestFromPhones:
    async def test_a_phone_answers_once_anonymously(self, client: TestClient, room: Room, store: NetworkStore) -> None:
        assert room.token is not None
        phone = Phone(client, room.token)
        status, index = await phone.get("/")
        assert status == 200 and "/pulse" in index and "Safety pulse" in index
        status, html = await phone.get("/pulse")
        assert status == 200 and all(s.label in html for s in PulseStatement)
        assert 'name="member"' not in html, "no name is asked"
        status, html = await phone.post("/pulse", {"pulse.say": "4", "pulse.heard": "3", "pulse.stays": "5"})
        assert status == 200 and "Your answer is in" in html
        [answer] = store.repo(PulseAnswer).all()
        assert answer.ratings == {SAY: 4, HEARD: 3, STAYS: 5} and answer.meeting_id == store.current_meeting.id  # type: ignore[union-attr]
        stored = json.loads(store.path.read_text())["pulse_answers"]
        assert set(next(iter(stored.values()))) == {"meeting_id", "ratings"}, "nothing of the phone is kept"
        assert (await phone.post("/pulse", {"pulse.say": "1"}))[0] == 409, "one answer per phone"
        assert len(store.repo(PulseAnswer).all()) == 1

    async def test_off_the_scale_or_closed_is_refused_and_keeps_nothing(
        self, client: TestClient, room: Room, store: NetworkStore
    ) -> None:
        assert room.token is not None
        phone = Phone(client, room.token)
        await phone.get("/pulse")
        for bad in ({"pulse.say": "9"}, {"pulse.nonsense": "3"}, {}):
            assert (await phone.post("/pulse", bad))[0] == 400
        room.toggle_part(RoomPart.PULSE)
        _status, html = await phone.get("/pulse")
        assert "not open" in html or "closed" in html.lower()
        assert (await phone.post("/pulse", {"pulse.say": "3"}))[0] == 403
        assert store.repo(PulseAnswer).all() == []

    async def test_an_answer_not_saved_is_said_kept_on_the_page_and_may_be_sent_again(
        self, client: TestClient, room: Room, store: NetworkStore, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import errno
        import os

        assert room.token is not None
        phone = Phone(client, room.token)
        await phone.get("/pulse")
        on_disk = store.path.read_bytes()

        def full(*args: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as disk:
            disk.setattr(os, "write", full)
            status, html = await phone.post("/pulse", {"pulse.say": "2", "pulse.stays": "4"})
        assert status == 503 and "Your answer is in" not in html
        assert 'name="pulse.say" value="2" checked' in html and 'name="pulse.stays" value="4" checked' in html
        assert store.path.read_bytes() == on_disk and store.repo(PulseAnswer).all() == []
        status, html = await phone.post("/pulse", {"pulse.say": "2", "pulse.stays": "4"})
        assert status == 200 and "Your answer is in" in html
        assert [a.ratings for a in store.repo(PulseAnswer).all()] == [{SAY: 2, STAYS: 4}]

    async def test_in_dutch_from_the_browsers_language(self, client: TestClient, room: Room) -> None:
        assert room.token is not None
        phone = Phone(client, room.token, language="nl-BE")
        _status, html = await phone.get("/pulse")
        set_language("en")
        assert "Wat hier gezegd wordt, blijft hier" in html and "Veiligheidspeiling" in html
