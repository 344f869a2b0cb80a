"""The room under attack (issue 21) and a phone on a full disk (issue 23): what a slow, hostile or
unlucky phone can no longer do. Phones are aiohttp clients on 127.0.0.1; the room's clock is fake."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import time
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from conftest import FakeClock
from room_helpers import Phone, populate

from ln_tui.app import LnApp
from ln_tui.evaluation.model import Evaluation, OpenQuestion
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Member
from ln_tui.room.model import RoomPart, Submission, SubmissionKind
from ln_tui.room.room import MAX_TEXT, Room
from ln_tui.room.security import ADDRESS_JOINS_PER_MINUTE, ADDRESS_SUBMISSIONS_PER_MINUTE, IDLE_SECONDS
from ln_tui.room.server import COOKIE, MAX_BODY, build_app
from ln_tui.store import NetworkStore

DUTCH = "nl-BE,nl;q=0.9"


def open_room(store: NetworkStore, clock: FakeClock, **options: object) -> Room:
    populate(store)
    room = Room(store, clock=clock, **options)  # type: ignore[arg-type]  # the options of Room
    room.open()
    for part in RoomPart:
        room.toggle_part(part)
    return room


@pytest.fixture
def room(store: NetworkStore, clock: FakeClock) -> Room:
    return open_room(store, clock)


@pytest.fixture
async def client(room: Room) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(build_app(room))) as test_client:
        yield test_client


def member_ids(store: NetworkStore) -> dict[str, int]:
    return {m.name.split()[0].lower(): m.id or 0 for m in store.members.all()}


async def read_answer(reader: asyncio.StreamReader) -> bytes:
    """One HTTP answer off a raw connection: its head and the body its Content-Length says."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        (int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0
    )
    return head + await reader.readexactly(length)


def textarea(html: str, element_id: str) -> str:
    return html.split(f'id="{element_id}"')[1].split(">", 1)[1].split("</textarea>")[0]


# -- 3. one slow phone blocks no other ----------------------------------------------------------------
async def test_a_slow_body_is_answered_408_and_holds_no_other_phone(store: NetworkStore, clock: FakeClock) -> None:
    room = open_room(store, clock)
    assert room.token is not None
    body_seconds = 3.0
    async with TestClient(TestServer(build_app(room, body_seconds=body_seconds))) as client:
        phone = Phone(client, room.token)
        await phone.get("/kickoff")
        reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
        try:
            writer.write(  # the token only, no cookie, no CSRF: 8,000 bytes announced, one sent
                f"POST /r/{room.token}/kickoff/item HTTP/1.1\r\nHost: phone\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 8000\r\n\r\nc".encode()
            )
            await writer.drain()
            await asyncio.sleep(0)
            started = time.perf_counter()
            status, _html = await asyncio.wait_for(phone.get("/kickoff"), body_seconds * 5)
            took = time.perf_counter() - started
            assert status == 200 and took < body_seconds / 2, took
            answer = await asyncio.wait_for(read_answer(reader), body_seconds * 5)
        finally:
            writer.close()
    assert answer.startswith(b"HTTP/1.1 408")
    assert b"took too long" in answer and b"Content-Security-Policy" in answer
    assert room.queue() == [] and room.phones == 1


async def test_a_form_other_than_the_pages_send_is_refused_before_it_is_read(room: Room, client: TestClient) -> None:
    assert room.token is not None
    phone = Phone(client, room.token)
    await phone.get("/kickoff")
    form = aiohttp.FormData({"csrf": phone.csrf, "kind": "question", "text": "multipart"})
    form.add_field("file", b"x" * 100, filename="a.txt")
    async with client.post(phone.base + "/kickoff/item", data=form) as response:
        assert response.status == 415 and "does not know" in await response.text()
    assert room.queue() == []


# -- 5. slots, idle phones, limits per address, the console's counts -----------------------------------------
async def test_head_and_get_floods_without_a_kept_cookie_fill_no_slot(store: NetworkStore, clock: FakeClock) -> None:
    room = open_room(store, clock, max_devices=20)
    assert room.token is not None
    async with TestClient(TestServer(build_app(room))) as client:
        base = f"/r/{room.token}"
        for _n in range(150):
            async with client.head(base + "/", cookies={}) as response:
                assert response.status == 200
            client.session.cookie_jar.clear()
            async with client.get(base + "/kickoff") as response:
                assert response.status == 200
            client.session.cookie_jar.clear()
        assert room.phones == 0
        phone = Phone(client, room.token)
        await phone.get("/kickoff")
        assert room.phones == 0  # its first page: a cookie, no slot
        status, _html = await phone.post("/kickoff/item", {"kind": "question", "text": "a real phone"})
        assert status == 200 and room.phones == 1
        assert [s.text for s in room.queue()] == ["a real phone"]
        clock.advance(IDLE_SECONDS + 1)
        assert room.phones == 0  # unseen for 20 minutes: no longer counted, its slot free


async def test_a_forged_or_old_cookie_takes_no_slot(store: NetworkStore, clock: FakeClock) -> None:
    room = open_room(store, clock)
    assert room.token is not None
    async with TestClient(TestServer(build_app(room))) as client:
        phone = Phone(client, room.token)
        await phone.get("/")
        old = client.session.cookie_jar.filter_cookies(client.make_url("/"))[COOKIE].value
        for cookie in ("forged", "forged.0123", old.split(".")[0] + ".", old + "x"):
            async with client.get(phone.base + "/", cookies={COOKIE: cookie}) as response:
                assert response.status == 200
        assert room.phones == 0
        room.close()
        token = room.open()  # a new opening: the cookies of the last one are nobody's
        client.session.cookie_jar.clear()
        async with client.get(f"/r/{token}/", cookies={COOKIE: old}) as response:
            assert response.status == 200 and COOKIE in response.cookies  # a new one
        assert room.phones == 0


async def test_an_idle_phone_frees_its_slot_and_keeps_its_one_evaluation(store: NetworkStore, clock: FakeClock) -> None:
    room = open_room(store, clock, max_devices=2)
    assert room.token is not None
    async with (
        TestClient(TestServer(build_app(room))) as first,
        TestClient(TestServer(build_app(room))) as second,
        TestClient(TestServer(build_app(room))) as third,
    ):
        phones = [Phone(client, room.token) for client in (first, second, third)]
        for phone in phones[:2]:
            await phone.get("/evaluation")
            await phone.get("/evaluation")
        assert room.phones == 2
        assert (await phones[0].post("/evaluation", {"rating.relevance": "4"}))[0] == 200
        await phones[2].get("/evaluation")
        status, html = await phones[2].get("/evaluation")
        assert status == 429 and "The room is full" in html
        clock.advance(IDLE_SECONDS / 2)
        await phones[1].get("/evaluation")  # the second phone is still here: the first is idle
        clock.advance(IDLE_SECONDS / 2 + 1)
        status, _html = await phones[2].get("/evaluation")
        assert status == 200 and room.phones == 2  # the first phone's slot went to the third
        await phones[1].get("/evaluation")
        status, html = await phones[0].get("/evaluation")  # back: the room is full again
        assert status == 429
        clock.advance(IDLE_SECONDS + 1)
        status, html = await phones[0].get("/evaluation")
        assert status == 200 and "Your form is in" in html  # its cookie still counts its form
        status, _html = await phones[0].post("/evaluation", {"rating.relevance": "1"})
        assert status == 409
    assert len(store.repo(Evaluation)) == 1


async def test_new_cookies_from_one_address_are_limited_with_room_for_a_meeting(
    store: NetworkStore, clock: FakeClock
) -> None:
    room = open_room(store, clock, unlimited_addresses=frozenset())  # 127.0.0.1 counts as a phone's address
    room.toggle_accept_directly()
    assert room.token is not None
    async with TestClient(TestServer(build_app(room))) as client:
        statuses: list[int] = []
        for n in range(ADDRESS_JOINS_PER_MINUTE + 1):  # a script resetting its cookie for each form
            client.session.cookie_jar.clear()
            phone = Phone(client, room.token)
            await phone.get("/evaluation")
            statuses.append((await phone.post("/evaluation", {"rating.relevance": str(n % 5 + 1)}))[0])
        assert statuses == [200] * ADDRESS_JOINS_PER_MINUTE + [429]
        counts = room.sent_counts()
        assert counts.evaluations == ADDRESS_JOINS_PER_MINUTE and counts.present == 2  # stuffing shows
    clock.advance(61)
    sent: list[int] = []
    clients = [TestClient(TestServer(build_app(room))) for _n in range(5)]  # five phones behind one router
    phones = [Phone(phone_client, room.token) for phone_client in clients]
    try:
        for phone in phones:
            await phone.client.start_server()
            await phone.get("/kickoff")
        for n in range(ADDRESS_SUBMISSIONS_PER_MINUTE // len(phones) + 1):
            for phone in phones:
                sent.append((await phone.post("/kickoff/item", {"kind": "question", "text": f"q{n}"}))[0])
    finally:
        for phone in phones:
            await phone.client.close()
    # 30 a minute for each phone would be 150: the address's 120 leave room for a meeting, not for a script
    assert sent.count(200) == ADDRESS_SUBMISSIONS_PER_MINUTE and sent[-1] == 429
    counts = room.sent_counts()
    assert (counts.items, counts.most_items) == (ADDRESS_SUBMISSIONS_PER_MINUTE, 24)


# -- 6. a phone cannot sign as someone else ------------------------------------------------------------------------
async def test_a_named_item_waits_for_the_facilitator_even_when_the_room_accepts_directly(
    room: Room, client: TestClient, store: NetworkStore
) -> None:
    room.toggle_accept_directly()
    assert room.token is not None
    ids = member_ids(store)
    phone = Phone(client, room.token)
    await phone.get("/kickoff")
    status, html = await phone.post("/kickoff/item", {"kind": "question", "text": "signed", "member": str(ids["ann"])})
    assert status == 200 and "the facilitator puts it on the board" in html
    status, html = await phone.post("/kickoff/item", {"kind": "question", "text": "anonymous"})
    assert status == 200 and "it is on the board" in html
    assert [i.text for i in store.repo(BoardItem).all()] == ["anonymous"]
    [queued] = room.queue()
    assert (queued.text, queued.member_id) == ("signed", ids["ann"])


async def test_a_phone_signing_as_another_blocks_nobody_and_is_final_only_when_accepted(
    room: Room, client: TestClient, store: NetworkStore
) -> None:
    assert room.token is not None
    ids = member_ids(store)
    impostor = Phone(client, room.token)
    await impostor.get("/evaluation")
    assert (await impostor.post("/evaluation", {"rating.relevance": "1", "member": str(ids["ann"])}))[0] == 200
    async with TestClient(TestServer(build_app(room))) as own:
        ann = Phone(own, room.token)
        await ann.get("/evaluation")
        status, html = await ann.post("/evaluation", {"rating.relevance": "5", "member": str(ids["ann"])})
        assert status == 200 and "Your form is in" in html  # not "a form in this name already"
    assert store.repo(Evaluation).all() == []
    forms = [s for s in room.queue() if s.kind is SubmissionKind.EVALUATION]
    assert [(s.member_id, s.ratings) for s in forms] == [(ids["ann"], {"relevance": 1}), (ids["ann"], {"relevance": 5})]
    room.hide(forms[0].id or 0)  # the facilitator asked: that one was not Ann's
    form = room.accept(forms[1].id or 0)
    assert isinstance(form, Evaluation) and (form.member_id, form.ratings) == (ids["ann"], {"relevance": 5})


# -- 7. numbers are ASCII digits --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/kickoff/item", {"kind": "question", "text": "x", "member": "²"}),
        ("/kickoff/vote", {"item": "²"}),
        ("/evaluation", {"rating.relevance": "3", "recommend": "²"}),
        ("/evaluation", {"rating.relevance": "٣"}),
        ("/evaluation", {"rating.relevance": "3", "member": "1\u0661"}),
        ("/discussion/question", {"text": "x", "member": "²"}),
    ],
)
async def test_unicode_digits_are_a_400_in_the_phones_language(
    room: Room, client: TestClient, store: NetworkStore, path: str, form: dict[str, str]
) -> None:
    assert room.token is not None
    room.board().add(BoardColumn.QUESTIONS, "an item")
    phone = Phone(client, room.token, language=DUTCH)
    await phone.get("/kickoff")
    before = (len(store.repo(BoardItem)), len(store.repo(Submission)), len(store.repo(Evaluation)))
    status, html = await phone.post(path, form)
    assert status == 400
    assert '<html lang="nl">' in html and ("niet" in html or "schaal" in html)
    assert (len(store.repo(BoardItem)), len(store.repo(Submission)), len(store.repo(Evaluation))) == before


# -- 8. the cap fits the largest form; a refusal keeps what was typed ---------------------------------------------------
async def test_2000_e_acute_fit_in_every_field_of_the_largest_form(room: Room, client: TestClient) -> None:
    assert room.token is not None
    phone = Phone(client, room.token, language=DUTCH)
    await phone.get("/kickoff")
    text = "é" * MAX_TEXT
    status, html = await phone.post("/kickoff/item", {"kind": "question", "text": text})
    assert status == 200 and "Verstuurd" in html
    intro = {"kind": "introduction", "why": "€" * MAX_TEXT, "learn": "€" * MAX_TEXT, "offer": "€" * MAX_TEXT}
    assert (await phone.post("/kickoff/item", intro))[0] == 200
    await phone.get("/evaluation")
    answers = {f"answer.{q.value}": "€" * MAX_TEXT for q in OpenQuestion}  # 3 bytes of UTF-8 each
    status, html = await phone.post("/evaluation", {"rating.relevance": "4", **answers})
    assert status == 200 and "Je formulier is binnen" in html
    [form] = [f for f in room.store.repo(Evaluation).all()]
    assert form.answers == {q.value: "€" * MAX_TEXT for q in OpenQuestion}
    assert room.queue()[0].text == text


async def test_a_text_too_long_is_refused_in_dutch_and_kept_in_the_form(room: Room, client: TestClient) -> None:
    assert room.token is not None
    phone = Phone(client, room.token, language=DUTCH)
    await phone.get("/kickoff")
    text = "é" * (MAX_TEXT + 1) + " <b>&amp;"
    status, html = await phone.post("/kickoff/item", {"kind": "expectation", "text": text})
    assert status == 400 and '<html lang="nl">' in html and "te lang" in html
    assert textarea(html, "item-text") == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert 'value="expectation" checked' in html
    assert room.queue() == []


async def test_a_body_over_the_cap_is_a_page_in_the_phones_language(room: Room, client: TestClient) -> None:
    assert room.token is not None
    phone = Phone(client, room.token, language=DUTCH)
    await phone.get("/kickoff")
    status, html = await phone.post("/kickoff/item", {"kind": "question", "text": "é" * MAX_BODY})
    assert status == 413 and '<html lang="nl">' in html and "Maximum request body size" not in html
    assert "niets verstuurd" in html


# -- 11. aiohttp's own errors carry our headers and echo nothing; the join URL is not in the file ------------------------
async def test_an_oversized_header_is_answered_with_our_headers_and_no_echo(store: NetworkStore) -> None:
    from browser import free_port

    from ln_tui.room.server import RoomServer

    populate(store)
    room = Room(store)
    token = room.open()
    server = RoomServer(room)
    await server.start("127.0.0.1", free_port())
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(f"GET /r/{token}/ HTTP/1.1\r\nHost: x\r\nX-Echo: <script>{'A' * 20_000}\r\n\r\n".encode())
        await writer.drain()
        answer = await asyncio.wait_for(read_answer(reader), 10)
        writer.close()
    finally:
        await server.stop()
    head, _sep, body = answer.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0].split()[1] == b"400"
    assert b"Content-Security-Policy: default-src 'self'" in head and b"X-Content-Type-Options: nosniff" in head
    assert b"AAAA" not in answer and b"<script>" not in answer and b"X-Echo" not in answer
    assert token.encode() not in answer and len(body) < 200


# -- issue 23, 1: "sent" only once on disk ----------------------------------------------------------------------------
async def test_a_failed_save_tells_the_phone_and_keeps_its_text_in_the_form(
    room: Room, client: TestClient, store: NetworkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    room.toggle_accept_directly()
    assert room.token is not None
    phone = Phone(client, room.token, language=DUTCH)
    await phone.get("/kickoff")
    voted = room.board().add(BoardColumn.EXPECTATIONS, "Op tijd beginnen")
    assert voted is not None
    on_disk = store.path.read_bytes()

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as disk:
        disk.setattr(os, "write", full)
        status, html = await phone.post("/kickoff/item", {"kind": "question", "text": "Wie neemt notities?"})
        assert status == 503 and "kon dit niet bewaren" in html and "Verstuurd" not in html
        assert textarea(html, "item-text") == "Wie neemt notities?"
        await phone.get("/evaluation")
        status, html = await phone.post("/evaluation", {"rating.relevance": "4", "answer.went_well": "De sfeer"})
        assert status == 503 and textarea(html, "answer-went_well") == "De sfeer"
        assert 'name="rating.relevance" value="4" checked' in html
        status, _html = await phone.post("/kickoff/vote", {"item": str(voted.id)})
        assert status == 503
    assert store.path.read_bytes() == on_disk
    assert store.repo(BoardItem).get(voted.id or 0).votes == 0  # type: ignore[union-attr]  # it is there
    assert [i.text for i in store.repo(BoardItem).all()] == ["Op tijd beginnen"]  # not kept to appear later
    assert store.repo(Evaluation).all() == []
    status, html = await phone.post("/evaluation", {"rating.relevance": "4", "answer.went_well": "De sfeer"})
    assert status == 200 and "Je formulier is binnen" in html  # the phone may send it again, once
    await phone.get("/kickoff")
    status, html = await phone.post("/kickoff/item", {"kind": "question", "text": "Wie neemt notities?"})
    assert status == 200 and "Verstuurd" in html
    saved = json.loads(store.path.read_text())
    assert [i["text"] for i in saved["board_items"].values()] == ["Op tijd beginnen", "Wie neemt notities?"]
    assert len(saved["evaluations"]) == 1


# -- the console sees what phones sent, counted by phone cookie, and confirms named forms ------------------------------
async def test_the_panel_counts_forms_per_phone_cookie_and_the_facilitator_confirms_a_named_form(
    store: NetworkStore, make_app: Callable[..., LnApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    from browser import free_port
    from conftest import notified, until
    from textual.widgets import Static

    from ln_tui.screens.room import control

    ids = populate(store)
    monkeypatch.setattr(control, "default_host", lambda: "127.0.0.1")
    monkeypatch.setattr(control, "DEFAULT_PORT", free_port())
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r", "e")
        await pilot.pause()
        url = app.room_control().url

        async def part_is_open() -> bool:  # the room's process follows the file: the panel's e reaches it soon
            async with aiohttp.ClientSession() as phone, phone.get(url + "/evaluation") as page:
                return 'name="csrf"' in await page.text()

        await until(pilot, part_is_open)

        async def phone_sends(form: dict[str, str]) -> int:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as phone:  # a fresh cookie
                async with phone.get(url + "/evaluation") as page:
                    csrf = (await page.text()).split('name="csrf" value="')[1].split('"')[0]
                async with phone.post(url + "/evaluation", data={"csrf": csrf, **form}) as sent:
                    return sent.status

        assert await phone_sends({"rating.relevance": "5", "member": str(ids["bert"])}) == 200
        for _n in range(3):  # Ann and Bert are present: a third anonymous form is one too many
            assert await phone_sends({"rating.relevance": "1"}) == 200
        phones = app.screen.query_one("#room-phones", Static)
        await until(pilot, lambda: "Evaluation forms: 4 · present: 2" in str(phones.render()))
        assert phones.has_class("-more-forms-than-present")
        queue = app.screen.query_one("#room-queue")
        # The figures come on the room process's own line, the queue with the next follow of the file.
        await until(pilot, lambda: "Evaluation form · Bert" in queue.render_line(0).text)
        await pilot.press("a")
        await pilot.pause()
        assert "Accepted: the form is kept in the member's name." in notified(app)
    named = [e for e in store.repo(Evaluation).all() if not e.anonymous]
    assert [(e.member_id, e.ratings) for e in named] == [(ids["bert"], {"relevance": 5})]


# -- 10. text on phones as elsewhere ----------------------------------------------------------------------------------
async def test_board_items_show_on_phones_as_on_the_console(
    room: Room, client: TestClient, store: NetworkStore
) -> None:
    assert room.token is not None
    board = room.board()
    board.add(BoardColumn.QUESTIONS, "\u202eright-to-left override")
    board.add(BoardColumn.QUESTIONS, "**Bold** and *kept*\n- one\n- two")
    board.add(BoardColumn.QUESTIONS, "\\[not markup] <b>raw</b> [a link](https://example.org) ![an image](x.png)")
    store.members.add(Member("\u202eAnna"))
    phone = Phone(client, room.token)
    _status, html = await phone.get("/kickoff")
    assert "\u202e" not in html and "\\x202eright-to-left override" in html
    assert "<strong>Bold</strong>" in html and "<em>kept</em>" in html and "<li>one</li>" in html
    assert "**" not in html
    assert "\\[not markup]" in html and "&lt;b&gt;raw&lt;/b&gt;" in html and "<b>" not in html
    assert '<span class="link">a link</span>' in html and "href=" not in html.split('id="board"')[1]
    assert "<img" not in html and "an image" in html


def test_a_backslash_is_kept_on_present_and_in_the_html_export(store: NetworkStore) -> None:
    from ln_tui.present.view import Card
    from ln_tui.report import minutes_markdown, to_html
    from ln_tui.screens.present.screen import card_line

    ids = populate(store)
    room = Room(store)
    room.board().add(BoardColumn.QUESTIONS, "\\[not markup] and `co\\de` and **bold**")
    assert card_line(Card("\\[not markup] and **bold**", "")).plain == "• \\[not markup] and bold"
    html = to_html(minutes_markdown(store, store.meetings.get(ids["meeting"])), "minutes")
    assert "\\[not markup]" in html and "<code>co\\de</code>" in html and "<strong>bold</strong>" in html
