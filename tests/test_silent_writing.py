"""Silent writing, then the reveal (issue 27, item 6): in a written round phones write privately;
nothing of it shows anywhere but a count until the facilitator reveals it all at once on the room's
screen, without names unless the writer signed; then it stays with the case, for the group only."""

from __future__ import annotations

import copy
import datetime
import errno
import json
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from conftest import FakeClock, notified
from present_helpers import present_app, shown_text
from room_helpers import HOSTILE, Phone, populate

from ln_tui.app import LnApp
from ln_tui.discussion.methods import BALINT, INCIDENT, ONE_TWO_FOUR_ALL, is_written_round, preset
from ln_tui.discussion.model import Case, DiscussionState
from ln_tui.discussion.schedule import present_order
from ln_tui.discussion.session import Session
from ln_tui.model import Audience
from ln_tui.present.view import DiscussionRoom, RoomChoice, WallRoom, show_to_room, what_the_room_sees
from ln_tui.report import minutes_markdown
from ln_tui.room.model import RoomPart
from ln_tui.room.room import Room
from ln_tui.room.server import build_app
from ln_tui.store import NetworkStore
from ln_tui.thread.model import WrittenContribution
from ln_tui.thread.writing import WALL_SETTING, SilentWriting

AppFactory = Callable[..., LnApp]
SIGNED = "Vraag haar dochter wat mevrouw V. vroeger graag at."
UNSIGNED = "Misschien is het niet het eten maar het alleen eten."
THIRD = "Bespreek het met de huisarts: slikproblemen?"
TEXTS = (SIGNED, UNSIGNED, THIRD)


@pytest.fixture(autouse=True)
def fixed_times(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.fixture
def ids(store: NetworkStore) -> dict[str, int]:
    return populate(store)  # Ann and Bert present, Carla absent


def discuss(store: NetworkStore, clock: FakeClock, method: str = BALINT, round_name: str = "Write advice") -> Case:
    """The case being discussed, in the named round, saved as the console saves it."""
    meeting = store.current_meeting
    assert meeting is not None
    rounds = copy.deepcopy(preset(method).rounds)
    case = store.repo(Case).add(
        Case(meeting.id, "Mevrouw V. wil niet meer eten", store.members.all()[0].id, "", "", method, rounds, True)
    )
    store.set_setting("discussion_case_id", case.id)
    session = Session.start(case, present_order(meeting, store.members.all()), clock, clock())
    for _ in range([r.name for r in rounds].index(round_name)):
        session.next_round()
    store.repo(DiscussionState).add(session.state_to_save(clock()))
    show_to_room(store, RoomChoice.DISCUSSION)
    return case


def go_to_round(store: NetworkStore, case: Case, index: int) -> None:
    state = store.repo(DiscussionState).where(case_id=case.id)[0]
    state.round_index, state.position = index, 0
    store.repo(DiscussionState).update(state)


@pytest.fixture
def room(store: NetworkStore, clock: FakeClock, ids: dict[str, int]) -> Room:
    opened = Room(store, clock=clock)
    opened.open()
    opened.toggle_part(RoomPart.DISCUSSION)
    return opened


@pytest.fixture
async def client(room: Room) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(build_app(room))) as test_client:
        yield test_client


def phone(client: TestClient, room: Room, language: str = "en") -> Phone:
    assert room.token is not None
    return Phone(client, room.token, language)


class TestWhichRoundsAreWritten:
    def test_the_methods_mark_their_silent_rounds(self) -> None:
        def written(method: str) -> list[str]:
            return [r.name for r in preset(method).rounds if r.written]

        assert written(BALINT) == ["First associations", "Write advice"]
        assert written(ONE_TWO_FOUR_ALL) == ["Alone"]
        assert written(INCIDENT) == []

    def test_a_case_copied_from_a_preset_before_the_field_follows_the_preset(self) -> None:
        rounds = copy.deepcopy(preset(BALINT).rounds)
        for spec in rounds:
            spec.written = False  # as stored before rounds said so
        case = Case(1, "x", rounds=rounds, method_name=BALINT, method_preset=True)
        assert [i for i in range(len(rounds)) if is_written_round(case, i)] == [3, 5]
        custom = Case(1, "x", rounds=copy.deepcopy(rounds), method_name="Ours", method_preset=False)
        assert not any(is_written_round(custom, i) for i in range(len(rounds)))


class TestFromThePhonesToTheRoom:
    async def test_nothing_before_the_reveal_all_of_it_after_unsigned_without_a_name(
        self, store: NetworkStore, clock: FakeClock, ids: dict[str, int], room: Room, client: TestClient
    ) -> None:
        discuss(store, clock)
        bert, other = phone(client, room), phone(client, room)
        _status, page = await bert.get("/discussion")
        assert "Write in silence" in page and "Written so far" not in page  # no figure below three
        status, page = await bert.post("/discussion/write", {"text": SIGNED, "member": str(ids["bert"])})
        assert status == 200 and "it stays hidden until the facilitator reveals" in page
        await bert.post("/discussion/write", {"text": UNSIGNED})
        _status, page = await other.get("/discussion")
        assert "Written so far" not in page
        app = present_app(store.path, clock)
        async with app.run_test(size=(120, 36)):
            two = await shown_text(app)
        assert "Write on your phone" in two and "2 written" not in two  # the room sees no figure below three
        await other.post("/discussion/write", {"text": THIRD})
        kept = NetworkStore.open(store.path).repo(WrittenContribution).all()  # on disk
        assert sorted(c.text for c in kept) == sorted(TEXTS)
        assert {c.text: c.member_id for c in kept} == {SIGNED: ids["bert"], UNSIGNED: None, THIRD: None}
        assert not any(c.revealed for c in kept)

        # Before the reveal: a count, and nothing of what was written, on phones and on the room's screen.
        _status, page = await other.get("/discussion")
        assert "Written so far: 3" in page
        state = await (await client.get(f"/r/{room.token}/discussion/state")).text()
        assert json.loads(state)["writing"] is True  # the page's script shows the box with a reload
        app = present_app(store.path, clock)
        async with app.run_test(size=(120, 36)):
            before = await shown_text(app)
            assert "Write on your phone: 3 written" in before
            for text in TEXTS:
                assert text not in before and text not in page and text not in state
            assert "Bert" not in before

            # The facilitator reveals (the console's store; the room's screen follows the file): all of it, at once.
            SilentWriting(store).reveal()
            after = await shown_text(app)
        for text in TEXTS:
            assert text in after
        assert f"{SIGNED} — Bert" in after
        assert f"{UNSIGNED} —" not in after and f"{THIRD} —" not in after
        view = what_the_room_sees(NetworkStore.open(store.path), clock_now(clock))
        assert isinstance(view, WallRoom)
        assert {card.text: card.who for card in view.cards} == {SIGNED: "Bert", UNSIGNED: "", THIRD: ""}

        # Revealed: the round is closed for writing.
        state = await (await client.get(f"/r/{room.token}/discussion/state")).text()
        assert json.loads(state)["writing"] is False
        status, page = await other.post("/discussion/write", {"text": "late"})
        assert status == 409 and "Writing is closed" in page and "late" in page  # kept on the page
        assert len(store.repo(WrittenContribution)) == 3

    async def test_only_in_a_written_round_and_only_a_name_present(
        self, store: NetworkStore, clock: FakeClock, ids: dict[str, int], room: Room, client: TestClient
    ) -> None:
        case = discuss(store, clock, round_name="First associations")
        someone = phone(client, room)
        _status, page = await someone.get("/discussion")
        assert "Write in silence" in page
        go_to_round(store, case, 2)  # Full telling: no writing
        _status, page = await someone.get("/discussion")
        assert "Write in silence" not in page
        status, page = await someone.post("/discussion/write", {"text": UNSIGNED})
        assert status == 409 and UNSIGNED in page  # refused, and kept
        go_to_round(store, case, 3)
        assert (await someone.post("/discussion/write", {"text": UNSIGNED, "member": str(ids["carla"])}))[0] == 400
        assert (await someone.post("/discussion/write", {"text": "   "}))[0] == 400
        for hostile in HOSTILE:
            assert (await someone.post("/discussion/write", {"text": hostile}))[0] == 200
        assert len(store.repo(WrittenContribution)) == len(HOSTILE)

    async def test_sent_only_once_on_disk(
        self,
        store: NetworkStore,
        clock: FakeClock,
        room: Room,
        client: TestClient,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        discuss(store, clock)
        someone = phone(client, room)
        await someone.get("/discussion")
        on_disk = store.path.read_bytes()

        def full(*args: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as disk:
            disk.setattr(os, "write", full)
            status, page = await someone.post("/discussion/write", {"text": UNSIGNED})
        assert status == 503 and "stays hidden" not in page and UNSIGNED in page
        assert store.path.read_bytes() == on_disk and store.repo(WrittenContribution).all() == []
        status, page = await someone.post("/discussion/write", {"text": UNSIGNED})
        assert status == 200 and "stays hidden" in page

    async def test_the_phone_page_in_dutch(
        self, store: NetworkStore, clock: FakeClock, room: Room, client: TestClient
    ) -> None:
        discuss(store, clock)
        someone = phone(client, room, "nl-BE")
        _status, page = await someone.get("/discussion")
        assert "Schrijf in stilte" in page and "Niemand ziet wat je schrijft" in page
        _status, page = await someone.post("/discussion/write", {"text": UNSIGNED})
        assert "Verzonden: het blijft verborgen" in page


def clock_now(clock: FakeClock) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(clock())


def write(store: NetworkStore, ids: dict[str, int]) -> None:
    writing = SilentWriting(store)
    now = clock_now(FakeClock())
    writing.write(SIGNED, ids["bert"], now)
    writing.write(UNSIGNED, None, now)
    writing.write(THIRD, None, now)


class TestOnTheConsole:
    async def test_the_count_then_one_key_reveals_then_takes_the_wall_down(
        self, store: NetworkStore, clock: FakeClock, ids: dict[str, int], make_app: AppFactory
    ) -> None:
        discuss(store, clock)
        show_to_room(store, None)
        write(store, ids)
        app = make_app(store, screen="discussion", wall_clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            line = str(app.screen.query_one("#written-line").render())
            assert "Written on phones: 3" in line
            screen_text = " ".join(str(w.render()) for w in app.screen.query("Static"))
            for text in TEXTS:
                assert text not in screen_text
            await pilot.press("w")
            await pilot.pause()
            assert "3 contributions revealed to the room." in notified(app)
            seen = NetworkStore.open(store.path)
            assert all(c.revealed for c in seen.repo(WrittenContribution).all())
            assert isinstance(what_the_room_sees(seen, clock_now(clock)), WallRoom)
            await pilot.press("w")
            await pilot.pause()
            assert "What was written is off the room's screen: the clock is back." in notified(app)
        seen = NetworkStore.open(store.path)
        assert seen.setting(WALL_SETTING) is None
        assert isinstance(what_the_room_sees(seen, clock_now(clock)), DiscussionRoom)

    async def test_nothing_to_reveal_is_said(
        self, store: NetworkStore, clock: FakeClock, ids: dict[str, int], make_app: AppFactory
    ) -> None:
        discuss(store, clock)
        app = make_app(store, screen="discussion", wall_clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("w")
            await pilot.pause()
            assert "Nothing written to reveal yet." in notified(app)


class TestKeptWithTheCase:
    def test_in_the_minutes_for_the_group_after_the_reveal_never_to_share(
        self, store: NetworkStore, clock: FakeClock, ids: dict[str, int]
    ) -> None:
        discuss(store, clock)
        write(store, ids)
        meeting = store.current_meeting
        assert all(text not in minutes_markdown(store, meeting, Audience.GROUP) for text in TEXTS)
        SilentWriting(store).reveal()
        group = minutes_markdown(store, meeting, Audience.GROUP)
        assert "Round 6: Write advice" in group
        assert f"- Written (Bert): {SIGNED}" in group and f"- Written: {UNSIGNED}" in group
        shared = minutes_markdown(store, meeting, Audience.SHARE)
        assert all(text not in shared for text in TEXTS) and "Bert" not in shared


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_the_revealed_wall(
    snap_compare, store: NetworkStore, clock: FakeClock, ids: dict[str, int], size: tuple[int, int]
) -> None:
    discuss(store, clock)
    write(store, ids)
    SilentWriting(store).reveal()
    assert snap_compare(present_app(store.path, clock), terminal_size=size)


async def test_a_custom_round_is_marked_written_by_keyboard(store: NetworkStore, make_app: AppFactory) -> None:
    from ln_tui.discussion.model import RoundSpec
    from ln_tui.screens.discussion.forms import RoundForm

    app = make_app(store, screen="discussion")
    saved: list[RoundSpec | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(RoundForm(RoundSpec("Eerst schrijven", 180)), saved.append)
        await pilot.pause()
        app.screen.query_one("#field-written").focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
    assert saved and saved[0] is not None and saved[0].written


def test_a_member_asks_and_is_forgotten_their_signed_text_only(
    store: NetworkStore, clock: FakeClock, ids: dict[str, int]
) -> None:
    from ln_tui.roster.personal import FORMER_MEMBER, forget_member, member_data

    discuss(store, clock)
    write(store, ids)
    bert = store.members.get(ids["bert"])
    assert bert is not None
    theirs = member_data(store, bert)["records"]["written_contributions"]
    assert [r["text"] for r in theirs] == [SIGNED]  # the unsigned ones are nobody's
    forget_member(store, bert, "2030-03-18")
    kept = {c.text: c.member_id for c in store.repo(WrittenContribution).all()}
    assert kept == {SIGNED: FORMER_MEMBER, UNSIGNED: None, THIRD: None}
    SilentWriting(store).reveal()
    assert f"- Written (a former member): {SIGNED}" in minutes_markdown(store, store.current_meeting, Audience.GROUP)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_the_console_counts_what_was_written(
    snap_compare,
    store: NetworkStore,
    clock: FakeClock,
    ids: dict[str, int],
    make_app: AppFactory,
    size: tuple[int, int],
) -> None:
    discuss(store, clock)
    write(store, ids)
    assert snap_compare(make_app(store, screen="discussion", wall_clock=clock), terminal_size=size)


def test_snapshot_the_room_sees_only_the_count(
    snap_compare, store: NetworkStore, clock: FakeClock, ids: dict[str, int]
) -> None:
    discuss(store, clock)
    write(store, ids)
    assert snap_compare(present_app(store.path, clock), terminal_size=(80, 24))
