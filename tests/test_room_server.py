"""The room's web server through aiohttp's test client: every route, and every security rule.

A rule that fails shows as a write in the store, a wrong status or a missing header.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from conftest import FakeClock
from room_helpers import HOSTILE, Phone, populate

from ln_tui.evaluation.model import Evaluation
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Note
from ln_tui.room.links import join_url, parse_address, qr_text
from ln_tui.room.model import RoomPart, Submission, SubmissionKind
from ln_tui.room.room import Refused, Room
from ln_tui.room.server import MAX_BODY, build_app, page_language
from ln_tui.store import NetworkStore


@pytest.fixture
def room(store: NetworkStore, clock: FakeClock) -> Room:
    populate(store)
    opened = Room(store, clock=clock)
    opened.open()
    for part in RoomPart:
        opened.toggle_part(part)
    return opened


@pytest.fixture
async def client(room: Room) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(build_app(room))) as test_client:
        yield test_client


@pytest.fixture
def phone(client: TestClient, room: Room) -> Phone:
    assert room.token is not None
    return Phone(client, room.token)


def written(store: NetworkStore) -> tuple[int, int, int, int]:
    return (
        len(store.repo(BoardItem)),
        len(store.repo(Submission)),
        len(store.repo(Evaluation)),
        len(store.notes),
    )


# -- the token ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/r/",
        "/r/x/",
        "/r/x/kickoff",
        "/static/room.js",
        "/r/{wrong}/",
        "/r/{wrong}/kickoff",
        "/r/{wrong}/static/room.js",
    ],
)
async def test_no_page_answers_without_the_token(client: TestClient, room: Room, path: str) -> None:
    wrong = "0" * 32 if room.token != "0" * 32 else "1" * 32
    response = await client.get(path.format(wrong=wrong))
    assert response.status == 404
    assert "ln-tui" not in await response.text()


async def test_posts_with_a_wrong_or_revoked_token_write_nothing(
    client: TestClient, room: Room, phone: Phone, store: NetworkStore
) -> None:
    room.toggle_accept_directly()
    await phone.get("/kickoff")
    before = written(store)
    old = room.token
    room.open()  # a new opening: the old link is dead
    for token in (old, "A" * 32, ""):
        response = await client.post(
            f"/r/{token}/kickoff/item", data={"csrf": phone.csrf, "kind": "question", "text": "sneaky"}
        )
        assert response.status == 404
    room.close()
    response = await client.post(
        f"/r/{room.token}/kickoff/item", data={"csrf": phone.csrf, "kind": "question", "text": "closed"}
    )
    assert response.status == 404
    assert written(store) == before


async def test_the_token_is_new_at_each_opening_and_128_bits(store: NetworkStore) -> None:
    room = Room(store)
    tokens = {room.open() for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(token) == 32 and int(token, 16) >= 0 for token in tokens)  # 32 hex digits = 128 bits


async def test_the_token_is_read_case_blind_as_the_qr_code_holds_it(client: TestClient, room: Room) -> None:
    assert room.token is not None
    url = join_url("127.0.0.1", 8765, room.token)
    assert url == f"http://127.0.0.1:8765/r/{room.token.lower()}"
    assert qr_text(url) == url.upper()
    for path in (f"/r/{room.token.lower()}/", f"/R/{room.token.upper()}/"):
        assert (await client.get(path)).status == 200


# -- headers and escaping ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/kickoff", "/discussion", "/evaluation", "/static/room.js", "/nope"])
async def test_every_answer_carries_the_security_headers(phone: Phone, client: TestClient, path: str) -> None:
    response = await client.get(phone.base + path)
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/", "/kickoff", "/discussion", "/evaluation"])
async def test_pages_have_no_inline_script_or_style_and_nothing_from_outside(phone: Phone, path: str) -> None:
    status, html = await phone.get(path)
    assert status == 200
    assert "<script>" not in html and "<style" not in html and " style=" not in html and "onclick" not in html
    assert "http://" not in html and "https://" not in html and "//" not in html.replace("<!doctype", "")


async def test_the_device_cookie_is_httponly_and_samesite_strict(client: TestClient, phone: Phone) -> None:
    response = await client.get(phone.base + "/")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def test_hostile_text_is_literal_on_every_page(
    phone: Phone, room: Room, store: NetworkStore, client: TestClient
) -> None:
    room.toggle_accept_directly()
    await phone.get("/kickoff")
    for text in HOSTILE:
        status, _html = await phone.post("/kickoff/item", {"kind": "question", "text": text})
        assert status == 200
    long_text = "x" * 10_000
    room.board().add(BoardColumn.EXPECTATIONS, long_text)  # typed on the console: no cap there
    status, html = await phone.get("/kickoff")
    assert "<img src=x" not in html and "</script><img" not in html
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "[@click=app.quit]x[/]" in html
    assert 'href="javascript' not in html
    assert long_text in html
    assert sorted(i.text for i in store.repo(BoardItem).all() if i.column is BoardColumn.QUESTIONS) == sorted(
        t.strip() for t in HOSTILE
    )


# -- CSRF, body size, rate and devices ----------------------------------------------------------------------
async def test_a_post_without_the_csrf_token_of_its_cookie_is_refused(
    phone: Phone, client: TestClient, room: Room, store: NetworkStore
) -> None:
    room.toggle_accept_directly()
    await phone.get("/kickoff")
    before = written(store)
    status, _html = await phone.post("/kickoff/item", {"kind": "question", "text": "no token"}, csrf=False)
    assert status == 403
    status, _html = await phone.post("/kickoff/item", {"kind": "question", "text": "bad", "csrf": "0" * 64}, csrf=False)
    assert status == 403
    # another phone's token with this phone's cookie
    assert room.token is not None
    other = Phone(TestClient(TestServer(build_app(room))), room.token)
    async with other.client:
        await other.get("/kickoff")
        phone.csrf, stolen = other.csrf, phone.csrf
        status, _html = await phone.post("/kickoff/item", {"kind": "question", "text": "stolen"})
        assert status == 403
        # no cookie at all
        response = await client.post(
            phone.base + "/kickoff/item",
            data={"csrf": stolen, "kind": "question", "text": "x"},
            cookies={"ln_room_device": "forged"},
        )
        assert response.status == 403
    assert written(store) == before


async def test_a_body_over_the_cap_is_refused_with_413(phone: Phone, store: NetworkStore) -> None:
    await phone.get("/kickoff")
    before = written(store)
    status, _html = await phone.post("/kickoff/item", {"kind": "question", "text": "x" * (MAX_BODY + 1)})
    assert status == 413
    assert written(store) == before


async def test_a_chunked_body_over_the_cap_is_refused_with_413(phone: Phone, store: NetworkStore) -> None:
    await phone.get("/kickoff")
    before = written(store)

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the cap holds while reading
        yield f"csrf={phone.csrf}&kind=question&text=".encode()
        for _ in range(MAX_BODY // 1024 + 1):
            yield b"x" * 1024

    response = await phone.client.post(
        phone.base + "/kickoff/item", data=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status == 413
    assert written(store) == before


async def test_more_than_30_submissions_a_minute_from_one_phone_get_429(
    phone: Phone, room: Room, store: NetworkStore, clock: FakeClock
) -> None:
    await phone.get("/kickoff")
    statuses = [(await phone.post("/kickoff/item", {"kind": "question", "text": f"q{n}"}))[0] for n in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert len(room.queue()) == 30
    clock.advance(61)
    assert (await phone.post("/kickoff/item", {"kind": "question", "text": "later"}))[0] == 200


async def test_more_than_200_phones_get_429_and_the_room_keeps_working(store: NetworkStore, clock: FakeClock) -> None:
    populate(store)
    room = Room(store, clock=clock, max_devices=200)
    token = room.open()
    room.toggle_part(RoomPart.KICKOFF)
    async with TestClient(TestServer(build_app(room))) as first:
        phone = Phone(first, token)
        await phone.get("/kickoff")
        await phone.get("/kickoff")  # back with the cookie of its first page: it takes a slot
        for _n in range(199):
            room.join()
        assert room.phones == 200
        async with TestClient(TestServer(build_app(room))) as late:
            late_phone = Phone(late, token)
            assert (await late_phone.get("/kickoff"))[0] == 200  # its first page: a cookie, no slot yet
            status, html = await late_phone.get("/kickoff")
            assert status == 429
            assert "The room is full" in html
        assert room.phones == 200
        assert (await phone.post("/kickoff/item", {"kind": "question", "text": "still here"}))[0] == 200


# -- the kickoff ---------------------------------------------------------------------------------------------
async def test_an_item_waits_in_the_queue_then_becomes_an_ordinary_board_item(
    phone: Phone, room: Room, store: NetworkStore
) -> None:
    await phone.get("/kickoff")
    ids = populate_ids(store)
    status, html = await phone.post(
        "/kickoff/item", {"kind": "expectation", "text": "Learn", "member": str(ids["ann"])}
    )
    assert status == 200 and "the facilitator puts it on the board" in html
    [queued] = room.queue()
    assert queued.member_id == ids["ann"] and len(store.repo(BoardItem)) == 0
    item = room.accept(queued.id or 0)
    assert isinstance(item, BoardItem) and item.column is BoardColumn.EXPECTATIONS and item.member_id == ids["ann"]
    assert room.queue() == []
    _status, html = await phone.get("/kickoff")
    assert "Learn" in html and "Ann Peeters" in html


async def test_an_introduction_keeps_its_three_parts(phone: Phone, room: Room, store: NetworkStore) -> None:
    room.toggle_accept_directly()
    await phone.get("/kickoff")
    status, _html = await phone.post("/kickoff/item", {"kind": "introduction", "why": "W", "learn": "L", "offer": "O"})
    assert status == 200
    [item] = store.repo(BoardItem).all()
    assert (item.column, item.why, item.learn, item.offer, item.member_id) == (
        BoardColumn.INTRODUCTIONS,
        "W",
        "L",
        "O",
        None,
    )


async def test_a_name_must_be_one_present_and_an_anonymous_item_names_no_one(
    phone: Phone, room: Room, store: NetworkStore
) -> None:
    room.toggle_accept_directly()
    ids = populate_ids(store)
    _status, html = await phone.get("/kickoff")
    assert "Ann Peeters" in html and "Carla" not in html  # Carla is absent
    assert "@example.org" not in html and "Zorg" not in html.replace("Zorg</", "")  # no e-mail, no organisation
    assert (await phone.post("/kickoff/item", {"kind": "question", "text": "x", "member": str(ids["carla"])}))[0] == 400
    assert (await phone.post("/kickoff/item", {"kind": "question", "text": "y", "member": "999"}))[0] == 400
    assert (await phone.post("/kickoff/item", {"kind": "question", "text": "   "}))[0] == 400
    assert (await phone.post("/kickoff/item", {"kind": "nonsense", "text": "z"}))[0] == 400
    assert (await phone.post("/kickoff/item", {"kind": "question", "text": "anon"}))[0] == 200
    [item] = store.repo(BoardItem).all()
    assert item.member_id is None
    document = json.loads(store.path.read_text())["board_items"]
    assert next(iter(document.values()))["member_id"] is None


async def test_one_vote_per_phone_and_a_second_tap_takes_it_back(
    phone: Phone, room: Room, store: NetworkStore, client: TestClient
) -> None:
    item = room.board().add(BoardColumn.QUESTIONS, "Vote me")
    assert item is not None
    await phone.get("/kickoff")
    assert (await phone.post("/kickoff/vote", {"item": str(item.id)}))[0] == 200
    assert store.repo(BoardItem).get(item.id or 0).votes == 1  # type: ignore[union-attr]  # it exists
    _status, html = await phone.get("/kickoff")
    assert "Take back my vote" in html
    assert room.token is not None
    other = Phone(TestClient(TestServer(build_app(room))), room.token)
    async with other.client:
        await other.get("/kickoff")
        await other.post("/kickoff/vote", {"item": str(item.id)})
    assert store.repo(BoardItem).get(item.id or 0).votes == 2  # type: ignore[union-attr]  # it exists
    await phone.post("/kickoff/vote", {"item": str(item.id)})
    saved = store.repo(BoardItem).get(item.id or 0)
    assert saved is not None and saved.votes == 1 and len(saved.room_voters) == 1
    assert (await phone.post("/kickoff/vote", {"item": "999"}))[0] == 404


async def test_every_phone_reads_the_board_as_it_is_now_with_its_own_votes_marked(
    phone: Phone, room: Room, store: NetworkStore
) -> None:
    """The board's HTML is joined once for each state of the board (`BoardHtml`): a page after a
    change shows the change, and each phone sees only its own votes as its own."""
    ids = populate_ids(store)
    room.toggle_accept_directly()
    board = room.board()
    first = board.add(BoardColumn.QUESTIONS, "first item", ids["ann"])
    second = board.add(BoardColumn.QUESTIONS, "second item")
    assert first is not None and second is not None
    assert room.token is not None
    other = Phone(TestClient(phone.client.server), room.token)  # the same server, a cookie jar of its own
    await phone.get("/kickoff")
    await other.get("/kickoff")
    try:
        assert (await phone.post("/kickoff/vote", {"item": str(first.id)}))[0] == 200
        mine, theirs = (await phone.get("/kickoff"))[1], (await other.get("/kickoff"))[1]
        assert mine.count("Take back my vote") == 1 and "Take back my vote" not in theirs
        assert "Ann Peeters" in mine and "Ann Peeters" in theirs
        ann = store.members.get(ids["ann"])
        assert ann is not None
        ann.name = "Ann Janssens"
        store.members.update(ann)  # the items stay as they were
        for page in ((await phone.get("/kickoff"))[1], (await other.get("/kickoff"))[1]):
            assert "Ann Janssens" in page and "Ann Peeters" not in page
        board.edit(second.id or 0, "second item, reworded", None)
        for page in ((await phone.get("/kickoff"))[1], (await other.get("/kickoff"))[1]):
            assert "second item, reworded" in page
        assert (await other.post("/kickoff/vote", {"item": str(second.id)}))[0] == 200
        mine, theirs = (await phone.get("/kickoff"))[1], (await other.get("/kickoff"))[1]
        assert mine.count("Take back my vote") == 1 and theirs.count("Take back my vote") == 1
        assert mine.index("Take back my vote") < mine.index("second item") < theirs.index("Take back my vote")
    finally:
        await other.client.session.close()


async def test_the_board_fragment_for_the_script(phone: Phone, room: Room) -> None:
    room.board().add(BoardColumn.QUESTIONS, "live one")
    await phone.get("/kickoff")
    status, html = await phone.get("/kickoff/board")
    assert status == 200 and "live one" in html and "<html" not in html


# -- what is open --------------------------------------------------------------------------------------------
async def test_a_closed_part_shows_nothing_and_takes_nothing(phone: Phone, room: Room, store: NetworkStore) -> None:
    room.board().add(BoardColumn.QUESTIONS, "secret board")
    await phone.get("/kickoff")  # read while it was open: the phone has its CSRF token
    room.toggle_part(RoomPart.KICKOFF)
    status, html = await phone.get("/kickoff")
    assert status == 200 and "secret board" not in html and "not open for the room" in html
    _status, index = await phone.get("/")
    assert "/kickoff" not in index
    assert (await phone.post("/kickoff/item", {"kind": "question", "text": "x"}))[0] == 403
    assert (await phone.get("/kickoff/board"))[0] == 404
    assert len(room.queue()) == 0


# -- the discussion ------------------------------------------------------------------------------------------
async def test_the_discussion_shows_round_speaker_and_clock_and_takes_questions_in_the_question_round(
    phone: Phone, room: Room, store: NetworkStore
) -> None:
    from ln_tui.discussion.methods import preset
    from ln_tui.discussion.model import Case, DiscussionState, TurnClock

    ids = populate_ids(store)
    method = preset("Incident method")
    case = store.repo(Case).add(
        Case(
            ids["meeting"], "A hard case", ids["ann"], method_name=method.name, rounds=method.rounds, method_preset=True
        )
    )
    state = store.repo(DiscussionState).add(
        DiscussionState(case.id or 0, [ids["ann"], ids["bert"]], round_index=0, clock=TurnClock(300, 0, False, 0))
    )
    store.set_setting("discussion_case_id", case.id)
    status, html = await phone.get("/discussion")
    assert status == 200 and "Look back at the last meeting" in html and "5:00" in html
    assert 'id="private-notes"' in html and "question-text" not in html  # not the question round
    await phone.get("/kickoff")  # a page with a form: its CSRF token
    assert (await phone.post("/discussion/question", {"text": "too early"}))[0] == 409
    state.round_index, state.position = 3, 0  # clarifying questions: Bert speaks (Ann brings the case)
    store.repo(DiscussionState).update(state)
    _status, html = await phone.get("/discussion")
    assert "Clarifying questions" in html and "Bert" in html and "question-text" in html
    status, html = await phone.post("/discussion/question", {"text": "What happened first?"})
    assert status == 200 and "Sent to the facilitator" in html
    [queued] = room.queue()
    note = room.accept(queued.id or 0)
    assert isinstance(note, Note) and note.text == "What happened first?"
    assert note.context == {"room": 1, "case_id": case.id, "round": 3}
    response = await phone.client.get(phone.base + "/discussion/state")
    state_json = await response.json()
    assert state_json["round"] == "Clarifying questions" and state_json["speaker"] == "Bert"
    assert state_json["question_round"] is True


async def test_the_discussion_in_dutch_from_the_browsers_language(client: TestClient, room: Room) -> None:
    assert room.token is not None
    phone = Phone(client, room.token, language="nl-BE,nl;q=0.9,en;q=0.5")
    _status, html = await phone.get("/discussion")
    assert '<html lang="nl">' in html and "Mijn notities" in html


@pytest.mark.parametrize(
    ("header", "language"),
    [("nl-BE,nl;q=0.9", "nl"), ("en-GB,nl;q=0.5", "en"), ("fr,nl;q=0.4,en;q=0.3", "nl"), ("", "en"), ("de", "en")],
)
def test_the_page_language_follows_accept_language(header: str, language: str) -> None:
    assert page_language(header) == language


# -- the evaluation ---------------------------------------------------------------------------------------------
async def test_an_anonymous_form_stores_no_member_and_nothing_of_the_phone(
    phone: Phone, room: Room, store: NetworkStore
) -> None:
    _status, html = await phone.get("/evaluation")
    assert "Relevance to my work" in html
    status, html = await phone.post(
        "/evaluation",
        {"rating.relevance": "4", "form.case_discussion": "5", "recommend": "9", "answer.went_well": "The cases"},
    )
    assert status == 200 and "Your form is in" in html
    [form] = store.repo(Evaluation).all()
    assert form.member_id is None and form.anonymous and not form.draft
    assert form.ratings == {"relevance": 4} and form.learning_forms == {"case_discussion": 5}
    assert form.recommend == 9 and form.answers == {"went_well": "The cases"}
    stored = json.loads(store.path.read_text())
    document = next(iter(stored["evaluations"].values()))
    assert set(document) == {
        "meeting_id",
        "member_id",
        "anonymous",
        "draft",
        "ratings",
        "learning_forms",
        "recommend",
        "answers",
        "counted",  # None: a phone's form is finished as sent
    }
    assert phone.client.session.cookie_jar.filter_cookies(phone.client.make_url("/"))["ln_room_device"].value not in (
        store.path.read_text()
    )
    assert (await phone.post("/evaluation", {"rating.relevance": "1"}))[0] == 409  # one form per phone


async def test_a_named_form_waits_for_the_facilitator_and_answers_are_on_the_scale(
    phone: Phone, room: Room, store: NetworkStore, client: TestClient
) -> None:
    ids = populate_ids(store)
    await phone.get("/evaluation")
    assert (await phone.post("/evaluation", {"rating.relevance": "9"}))[0] == 400
    assert (await phone.post("/evaluation", {"rating.nonsense": "3"}))[0] == 400
    assert (await phone.post("/evaluation", {"answer.went_well": "no rating"}))[0] == 400
    assert (await phone.post("/evaluation", {"rating.relevance": "3", "member": str(ids["ann"])}))[0] == 200
    assert store.repo(Evaluation).all() == []  # a phone can choose any name: the facilitator confirms it
    [queued] = room.queue()
    assert (queued.kind, queued.member_id, queued.ratings) == (SubmissionKind.EVALUATION, ids["ann"], {"relevance": 3})
    form = room.accept(queued.id or 0)
    assert isinstance(form, Evaluation) and form.member_id == ids["ann"] and not form.anonymous
    assert room.token is not None
    other = Phone(TestClient(TestServer(build_app(room))), room.token)
    async with other.client:
        await other.get("/evaluation")
        status, html = await other.post("/evaluation", {"rating.relevance": "1", "member": str(ids["ann"])})
        assert status == 409 and "There is a form in this name already" in html
        assert 'name="rating.relevance" value="1" checked' in html  # what it chose is still there
    assert len(store.repo(Evaluation)) == 1


# -- addresses -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("8765", (None, 8765)), ("127.0.0.1:9000", ("127.0.0.1", 9000)), ("[::1]:8080", ("::1", 8080)), ("0", (None, 0))],
)
def test_room_addresses(text: str, expected: tuple[str | None, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["", "x", "-1", "70000", ":80", "host:", "host:port"])
def test_bad_room_addresses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_address(text)


def populate_ids(store: NetworkStore) -> dict[str, int]:
    """The ids `populate` gave (the room fixture populated the store already)."""
    names = {m.name: m.id or 0 for m in store.members.all()}
    meeting = store.current_meeting
    return {"ann": names["Ann Peeters"], "bert": names["Bert"], "carla": names["Carla"], "meeting": meeting.id or 0}  # type: ignore[union-attr]  # populate made it


async def test_hostile_text_from_phones_is_literal_in_the_exports(
    phone: Phone, room: Room, store: NetworkStore
) -> None:
    from ln_tui.report import minutes_markdown, to_html

    room.toggle_accept_directly()
    await phone.get("/kickoff")
    for text in HOSTILE:
        assert (await phone.post("/kickoff/item", {"kind": "question", "text": text}))[0] == 200
    html = to_html(minutes_markdown(store, store.current_meeting), "minutes")
    assert (
        "<img" not in html
        and 'href="javascript' not in html
        and "<script" not in html.lower().replace("&lt;/script", "")
    )


def test_a_queued_introduction_accepted_keeps_its_parts_and_its_signer(room: Room, store: NetworkStore) -> None:
    ids = populate_ids(store)
    queued = room.submit(SubmissionKind.INTRODUCTION, member_id=ids["bert"], why=" W ", learn="L", offer="")
    assert isinstance(queued, Submission) and queued.text == ""
    item = room.accept(queued.id or 0)
    assert isinstance(item, BoardItem)
    assert (item.column, item.why, item.learn, item.offer, item.member_id) == (
        BoardColumn.INTRODUCTIONS,
        "W",
        "L",
        "",
        ids["bert"],
    )
    assert item.text == "W\nL"
    with pytest.raises(Refused):
        room.submit(SubmissionKind.INTRODUCTION, why=" ", learn="", offer="")
