"""The check-in from phones: a member picks their name and sends an answer; it waits in the
facilitator's queue (it names someone) and becomes their `CheckIn` from the phone once accepted."""

from __future__ import annotations

import errno
import os
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from browser import free_port
from conftest import FakeClock, until
from room_helpers import HOSTILE, Phone, populate
from textual.widgets import OptionList, Static

from ln_tui.app import LnApp
from ln_tui.i18n import set_language
from ln_tui.room.model import RoomPart, Submission, SubmissionKind
from ln_tui.room.room import Room
from ln_tui.room.server import build_app
from ln_tui.screens.room import control
from ln_tui.store import NetworkStore
from ln_tui.thread.checkin import CheckInRound
from ln_tui.thread.model import DEFAULT_CHECKIN_QUESTIONS, CheckIn, CheckInSource


@pytest.fixture
def ids(store: NetworkStore) -> dict[str, int]:
    return populate(store)


@pytest.fixture
def room(store: NetworkStore, clock: FakeClock, ids: dict[str, int]) -> Room:
    opened = Room(store, clock=clock)
    opened.open()
    opened.toggle_part(RoomPart.CHECKIN)
    return opened


@pytest.fixture
async def phone(room: Room) -> AsyncIterator[Phone]:
    assert room.token is not None
    async with TestClient(TestServer(build_app(room))) as client:
        yield Phone(client, room.token)


def queued(store: NetworkStore) -> list[Submission]:
    return NetworkStore.open(store.path).repo(Submission).all()


async def test_an_answer_from_a_phone_waits_in_the_queue_then_is_the_members_check_in(
    phone: Phone, room: Room, store: NetworkStore, ids: dict[str, int]
) -> None:
    status, index = await phone.get("/")
    assert status == 200 and "/checkin" in index
    status, page = await phone.get("/checkin")
    assert status == 200 and DEFAULT_CHECKIN_QUESTIONS[0] in page
    assert "Ann Peeters" in page and "Bert" in page and "Carla" not in page  # the members present only
    answer = "Tried the new intake " + " ".join(HOSTILE)
    status, page = await phone.post("/checkin", {"member": str(ids["ann"]), "text": answer})
    assert status == 200 and "Sent to the facilitator." in page
    [waiting] = queued(store)  # on disk when the phone is told
    assert (waiting.kind, waiting.member_id, waiting.meeting_id) == (SubmissionKind.CHECKIN, ids["ann"], ids["meeting"])
    assert store.repo(CheckIn).all() == [], "nothing is final in a member's name before the facilitator accepts it"
    room.accept(waiting.id or 0)
    [kept] = NetworkStore.open(store.path).repo(CheckIn).all()
    assert (kept.meeting_id, kept.member_id, kept.question, kept.answer.strip(), kept.source) == (
        ids["meeting"],
        ids["ann"],
        DEFAULT_CHECKIN_QUESTIONS[0],
        answer.replace("\r\n", "\n").strip(),
        CheckInSource.PHONE,
    )
    assert queued(store) == []
    assert CheckInRound(store).asked(store.current_meeting) == DEFAULT_CHECKIN_QUESTIONS[0]  # type: ignore[arg-type]


async def test_no_name_an_absent_name_or_no_text_is_refused_and_the_text_kept(
    phone: Phone, store: NetworkStore, ids: dict[str, int]
) -> None:
    await phone.get("/checkin")
    for form in (
        {"member": "", "text": "mine"},
        {"member": str(ids["carla"]), "text": "mine"},
        {"member": str(ids["ann"]), "text": "   "},
    ):
        status, page = await phone.post("/checkin", form)
        assert status == 400 and "Sent to the facilitator." not in page
        assert form["text"] == "   " or "mine</textarea>" in page
    assert queued(store) == []


async def test_closed_part_is_refused(phone: Phone, room: Room, store: NetworkStore, ids: dict[str, int]) -> None:
    await phone.get("/checkin")
    room.toggle_part(RoomPart.CHECKIN)
    _status, page = await phone.get("/checkin")
    assert "not open" in page or "closed" in page.lower()
    assert (await phone.post("/checkin", {"member": str(ids["ann"]), "text": "x"}))[0] == 403
    assert queued(store) == []


async def test_not_saved_is_said_and_the_answer_stays_on_the_page(
    phone: Phone, store: NetworkStore, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    await phone.get("/checkin")
    on_disk = store.path.read_bytes()

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as disk:
        disk.setattr(os, "write", full)
        status, page = await phone.post("/checkin", {"member": str(ids["bert"]), "text": "kept here"})
    assert status == 503 and "Sent to the facilitator." not in page and "kept here</textarea>" in page
    assert store.path.read_bytes() == on_disk and store.repo(Submission).all() == []


async def test_the_question_the_meeting_chose_in_the_phones_language(
    room: Room, store: NetworkStore, ids: dict[str, int]
) -> None:
    meeting = store.current_meeting
    assert meeting is not None and room.token is not None
    CheckInRound(store).ask(meeting, DEFAULT_CHECKIN_QUESTIONS[1])
    async with TestClient(TestServer(build_app(room))) as client:
        _status, page = await Phone(client, room.token, language="nl-BE").get("/checkin")
    set_language("en")
    assert "Wat heb je doorgegeven aan je team?" in page and "Check-in" in page


async def test_from_a_phone_to_the_console_queue_to_the_check_in_screen(
    store: NetworkStore, make_app: Callable[..., LnApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole way: a phone on the room's own process (127.0.0.1, a free port), the facilitator
    accepts it in the room panel with a, and the check-in screen under it shows the member as checked in."""
    ids = populate(store)
    monkeypatch.setattr(control, "default_host", lambda: "127.0.0.1")
    monkeypatch.setattr(control, "DEFAULT_PORT", free_port())
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i", "ctrl+r")  # the check-in, then the room panel (the room's process starts)
        await until(pilot, lambda: app.room_control().is_open)
        await pilot.press("i")  # its check-in part opened: written to the file, which the room follows
        await until(pilot, lambda: RoomPart.CHECKIN in app.room_control().room.parts())
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            url = app.room_control().url
            page = ""

            async def form_shown() -> bool:
                nonlocal page
                async with session.get(url + "/checkin") as response:
                    page = await response.text()
                return 'name="csrf" value="' in page and 'name="text"' in page

            await until(pilot, form_shown)  # once the room's process has followed the file
            csrf = page.split('name="csrf" value="')[1].split('"')[0]
            form = {"csrf": csrf, "member": str(ids["bert"]), "text": "I passed the checklist on"}
            async with session.post(url + "/checkin", data=form) as response:
                assert response.status == 200 and "Sent to the facilitator." in await response.text()
        queue = app.screen.query_one("#room-queue", OptionList)
        await until(pilot, lambda: queue.option_count == 1)
        assert "Check-in answer" in str(queue.get_option_at_index(0).prompt)
        await pilot.press("a", "escape")
        await pilot.pause()
        assert app.screen.id == "checkin-screen"
        await until(pilot, lambda: "✓ Bert" in str(app.screen.query_one("#checkin-members", Static).visual))
    [kept] = NetworkStore.open(store.path).repo(CheckIn).all()
    assert (kept.member_id, kept.answer, kept.source) == (ids["bert"], "I passed the checklist on", CheckInSource.PHONE)
