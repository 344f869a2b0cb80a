"""The room's web server: a plain aiohttp application, run by the room's own process (`process.py`).

Every path starts with the join token; without the current one the answer is 404 and nothing
is read or written. Phones get a device cookie (HttpOnly, SameSite=Strict) on their first page;
every form carries a CSRF token bound to it. Writes are gathered and made in one save
(`WriteQueue`): a burst of phones costs one fsync, not one each, and a phone is told "sent" only
once its write is on disk. The room is a seat of its own on the network file: what phones write
reaches the console the way any other seat's change does, and what the console changes reaches
the phones' pages through `follow` (a cleanup context, like the write queue).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from http import HTTPStatus
from importlib import resources
from typing import Any, TypeVar
from urllib.parse import urlencode

from aiohttp import web

from ln_tui.discussion.cue import current_cue
from ln_tui.evaluation.model import RECOMMEND_RANGE, OpenQuestion, PulseStatement, Question
from ln_tui.evaluation.summary import group_minimum, learning_form_label
from ln_tui.i18n import N_
from ln_tui.kickoff.model import INTRODUCTION_PARTS, BoardItem
from ln_tui.markdown_safe import visible_controls
from ln_tui.room.links import default_host as default_host  # where serve.py finds it
from ln_tui.room.links import join_url
from ln_tui.room.model import RoomPart, Submission, SubmissionKind
from ln_tui.room.pages import BoardHtml, Translate, item_html, page_language, render, translator
from ln_tui.room.room import MAX_TEXT, Refused, Room, signed_names
from ln_tui.room.security import Device, same_secret
from ln_tui.thread.model import GoalOutcome

# The longest form is the evaluation: a text of up to MAX_TEXT characters per open question and the
# remark on one's learning goal. A character takes at most 9 bytes in a posted form (3 bytes of UTF-8,
# each sent as %XX; a browser counts a 4-byte character as two), and the rest of the form (ratings,
# names) well under 8 KiB.
FORM_CHARACTER_BYTES = 9
MAX_BODY = (len(OpenQuestion) + 1) * MAX_TEXT * FORM_CHARACTER_BYTES + 8 * 1024
BODY_SECONDS = 5.0  # a phone sends its whole form within this, or is answered 408
COOKIE = "ln_room_device"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
STATIC = {"room.js": "text/javascript", "room.css": "text/css"}
# The messages a page can show after a redirect (a fixed list: nothing from the query is shown).
NOTICES = {
    "queued": N_("Sent: the facilitator puts it on the board."),
    "placed": N_("Sent: it is on the board."),
    "question": N_("Sent to the facilitator."),
    "written": N_("Sent: it stays hidden until the facilitator reveals everything written, all at once."),
}
T = TypeVar("T")
# The phones' writes are saved together: at most one save per GROUP_SECONDS while writes come one
# at a time (a phone alone hears "sent" at once), and per BUSY_GROUP_SECONDS once a save held more
# than one (phones writing together). Each save rewrites the file, and every seat reads it again and
# shows its board anew: a room of phones posting together moves the boards twice a second, not at
# each phone's tap.
GROUP_SECONDS = 0.05
BUSY_GROUP_SECONDS = 0.5
FOLLOW_SECONDS = 0.1  # how often the room looks whether another seat saved the file


class WriteQueue:
    """The phones' writes, made together: one save for all that arrive within `GROUP_SECONDS`, or
    `BUSY_GROUP_SECONDS` after a save that held more than one write.

    Each phone is answered after that save (an accepted item is on disk). When the save fails
    (a full disk), what they made is taken back and each is told: a phone never hears "sent" for
    what is not on disk. `sleep` waits between saves (a test's clock passes it instead)."""

    def __init__(self, room: Room, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.room = room
        self.store = room.store
        self.sleep = sleep
        self.pending: list[tuple[Callable[[], Any], Callable[[Any], object], asyncio.Future[Any]]] = []
        self.arrived = asyncio.Event()

    async def run(self, write: Callable[[], T], withdraw: Callable[[T], object] = lambda _made: None) -> T:
        """`write`'s result once it is on disk; `NotSaved` (and `withdraw` called with it) when the save failed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self.pending.append((write, withdraw, future))
        self.arrived.set()
        return await future

    async def saving(self) -> None:
        """The background work: a save at most every `GROUP_SECONDS` (`BUSY_GROUP_SECONDS` after
        one that held several writes), while there are writes."""
        while True:
            await self.arrived.wait()
            self.arrived.clear()
            started, writes = time.monotonic(), len(self.pending)
            try:
                self.flush()
            except Exception:  # our own error: its phones were told (flush), the room goes on
                logging.getLogger(__name__).exception("The room could not save phones' writes")
            group = BUSY_GROUP_SECONDS if writes > 1 else GROUP_SECONDS
            await self.sleep(max(0.0, started + group - time.monotonic()))

    def flush(self) -> None:
        self.room.follow()  # the board as the other seats left it (an item the console just added can be voted)
        pending, self.pending = self.pending, []
        made: list[tuple[asyncio.Future[Any], Any, Exception | None, Callable[[Any], object]]] = []
        try:
            with self.store.saved_together():
                for write, withdraw, future in pending:
                    try:
                        made.append((future, write(), None, withdraw))
                    except Exception as refused:  # told to that phone; the others' writes still happen
                        made.append((future, None, refused, withdraw))
            if not self.store.save_state.saved:  # nothing of theirs is on disk: taken back, and they are told
                with self.store.saved_together(save=False):
                    for index, (future, result, failure, withdraw) in enumerate(made):
                        if failure is None:
                            withdraw(result)
                            made[index] = (future, None, NotSaved(), withdraw)
            for future, result, failure, _withdraw in made:
                if not future.done():  # else its phone went away
                    if failure is None:
                        future.set_result(result)
                    else:
                        future.set_exception(failure)
        finally:  # an error of our own: no phone is left waiting for an answer
            for _write, _withdraw, future in pending:
                if not future.done():
                    future.set_exception(RuntimeError("the room could not save"))


ROOM: web.AppKey[Room] = web.AppKey("room", Room)
WRITES: web.AppKey[WriteQueue] = web.AppKey("writes", WriteQueue)
BOARD_HTML: web.AppKey[BoardHtml] = web.AppKey("board_html", BoardHtml)
BODY_TIMEOUT: web.AppKey[float] = web.AppKey("body_timeout", float)


# -- the application -------------------------------------------------------------------------------------
@web.middleware
async def guard(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    room = request.app[ROOM]
    token = request.match_info.get("token", "")
    if not token or not room.token_ok(token):
        raise web.HTTPNotFound(text="404", headers=SECURITY_HEADERS)
    if request.method == "POST":
        await read_body(request)  # whole, within its limits, before the handler reads the form
    return await handler(request)


async def read_body(request: web.Request) -> None:
    """Read a posted body whole (kept by the request for `post()`), within `MAX_BODY` bytes and
    the app's `BODY_SECONDS`; else a refusal: one slow or oversized phone never holds another."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Visit(request).refusal(413, TOO_BIG)
    if request.content_type != "application/x-www-form-urlencoded":  # what the pages' forms send, and only that
        raise Visit(request).refusal(415, STRANGE)
    try:
        await asyncio.wait_for(request.read(), request.app[BODY_TIMEOUT])
    except TimeoutError:
        raise Visit(request).refusal(
            408, N_("Your phone took too long to send this: nothing was sent. Send it again.")
        ) from None
    except web.HTTPRequestEntityTooLarge:  # a body without Content-Length, over the cap while read
        raise Visit(request).refusal(413, TOO_BIG) from None


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)


async def background(work: Callable[[], Awaitable[None]]) -> AsyncIterator[None]:
    """Run `work` while the application runs; cancelled when it stops."""
    task = asyncio.ensure_future(work())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def following(room: Room, seconds: float) -> None:
    """Look every `seconds` whether another seat (the console) saved the file, and take it in."""
    while True:
        await asyncio.sleep(seconds)
        room.follow()


def build_app(
    room: Room, *, body_seconds: float = BODY_SECONDS, follow_seconds: float | None = None
) -> web.Application:
    """The room's application. `follow_seconds`: the room is a seat of its own (its process) and
    follows the file; in the console's tests it shares the test's store and needs not."""
    app = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
    app[ROOM] = room
    app[WRITES] = writes = WriteQueue(room)
    app[BOARD_HTML] = BoardHtml()
    app[BODY_TIMEOUT] = body_seconds
    app.on_response_prepare.append(add_security_headers)
    app.cleanup_ctx.append(lambda _app: background(writes.saving))
    if follow_seconds is not None:
        app.cleanup_ctx.append(lambda _app: background(lambda: following(room, follow_seconds)))
    for prefix in ("/r/{token}", "/R/{token}"):
        app.router.add_get(prefix, index)
        app.router.add_get(prefix + "/", index)
        app.router.add_get(prefix + "/kickoff", kickoff_page)
        app.router.add_get(prefix + "/kickoff/board", kickoff_board)
        app.router.add_post(prefix + "/kickoff/item", kickoff_item)
        app.router.add_post(prefix + "/kickoff/vote", kickoff_vote)
        app.router.add_get(prefix + "/discussion", discussion_page)
        app.router.add_get(prefix + "/discussion/state", discussion_state)
        app.router.add_post(prefix + "/discussion/question", discussion_question)
        app.router.add_post(prefix + "/discussion/write", discussion_write)
        app.router.add_get(prefix + "/evaluation", evaluation_page)
        app.router.add_post(prefix + "/evaluation", evaluation_post)
        app.router.add_get(prefix + "/pulse", pulse_page)
        app.router.add_post(prefix + "/pulse", pulse_post)
        app.router.add_route("*", prefix + "/checkin", checkin_page)
        app.router.add_get(prefix + "/static/{name}", static)
    return app


def ascii_number(text: str) -> int | None:
    """A number as a form sends it: ASCII digits only ("²" and "٣" are digits to `str.isdigit`)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


# -- what every page shares ------------------------------------------------------------------------------------
class Visit:
    """One request: the room, the phone's device, the page's language, what a refused form held.

    A phone without a cookie of this opening gets one with its page and takes no slot; it takes
    one when it comes back with it (`ensure_device`)."""

    def __init__(self, request: web.Request) -> None:
        self.request = request
        self.room = request.app[ROOM]
        self.token = request.match_info["token"]
        self.base = f"/r/{self.token}"
        self.language = page_language(request.headers.get("Accept-Language", ""))
        self._: Translate = translator(self.language)
        devices = self.room.devices
        self.device_id = devices.verified(request.cookies.get(COOKIE))
        self.device: Device | None = devices.get(self.device_id)
        self.new_cookie: str | None = None
        self.part: RoomPart | None = None  # the page a refused form of this request is shown again on
        self.typed: dict[str, str] | None = None  # what that form held

    def ensure_device(self) -> Device:
        """The phone's slot, taken when it is back with its cookie (not on its first page)."""
        if self.device is None and self.device_id is not None:
            address = self.room.devices.address(self.request.remote)
            if address is not None and not address.joins.allow():
                raise self.refusal(429, N_("Too many phones joined from this network at once: wait a minute."))
            self.device = self.room.join(self.device_id)
            if self.device is None:
                raise self.refusal(429, N_("The room is full: no more phones can join."))
        if self.device is None:  # its first page: a cookie, and no slot yet
            raise RuntimeError("a phone without its cookie has no device")
        return self.device

    def csrf(self) -> str:
        """The CSRF token of this phone's forms; a phone without a cookie of this opening gets one."""
        devices = self.room.devices
        if self.device_id is None:
            self.new_cookie, self.device_id = devices.cookie()
        return self.device.csrf if self.device is not None else devices.csrf(self.device_id)

    def page(self, template: str, *, status: int = 200, **context: object) -> web.Response:
        if self.device_id is not None:
            self.ensure_device()
        notice = NOTICES.get(self.request.query.get("sent", ""))
        html = render(
            template,
            _=self._,
            lang=self.language,
            base=self.base,
            title=self.room.store.profile().name or "ln-tui",
            parts=self.room.parts(),
            csrf=self.csrf(),
            notice=self._(notice) if notice else "",
            max_text=MAX_TEXT,
            **{"error": "", "typed": {}, **context},
        )
        response = web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
        self.give_cookie(response)
        return response

    def give_cookie(self, response: web.StreamResponse) -> None:
        if self.new_cookie is not None:
            response.set_cookie(COOKIE, self.new_cookie, path="/", httponly=True, samesite="Strict")

    def refusal(self, status: int, message: str) -> web.HTTPException:
        """An error page that says why, in the page's language (message marked with N_). A refused
        form is shown again on its page with what was typed in it, ready to be sent again."""
        part, typed = self.part, self.typed
        if part is not None and typed is not None and part in self.room.parts() and status != 429:
            template, context = PAGES[part](self)
            html = render(
                template,
                _=self._,
                lang=self.language,
                base=self.base,
                title=self.room.store.profile().name or "ln-tui",
                parts=self.room.parts(),
                csrf=self.csrf(),
                notice="",
                max_text=MAX_TEXT,
                error=self._(message),
                typed=typed,
                **context,
            )
        else:
            html = render(
                "refused.html",
                _=self._,
                lang=self.language,
                base=self.base,
                title="ln-tui",
                parts=[],
                notice="",
                error="",
                message=self._(message),
                kept=[text for key, text in (typed or {}).items() if key in TYPED_TEXTS or key.startswith("answer.")],
            )
        refused = _status(status, html)
        self.give_cookie(refused)
        if status in (408, 413, 415):  # the rest of its body is not read: the connection cannot go on
            refused.force_close()
        return refused

    async def form(self, *, submission: bool) -> tuple[Device, dict[str, str]]:
        """The posted form of a phone with its cookie and CSRF token, within its rates; else refused."""
        data = await self.request.post()  # read already, by `read_body`
        self.typed = {key: value for key, value in data.items() if isinstance(value, str)}
        devices = self.room.devices
        if self.device_id is None or not same_secret(self.typed.get("csrf", ""), devices.csrf(self.device_id)):
            raise self.refusal(403, EXPIRED)
        device = self.ensure_device()
        address = devices.address(self.request.remote)
        limits = [device.submissions if submission else device.votes]
        if address is not None:
            limits.append(address.submissions if submission else address.votes)
        if not all(limit.allow() for limit in limits):
            raise self.refusal(429, N_("Too many at once: wait a minute and send it again."))
        return device, self.typed

    def number(self, form: dict[str, str], key: str) -> int | None:
        """A number the page offered (a name, a rating): None when empty, a refusal when it is not one."""
        text = form.get(key, "")
        if not text:
            return None
        number = ascii_number(text)
        if number is None:
            raise self.refusal(400, STRANGE)
        return number

    def member(self, form: dict[str, str]) -> int | None:
        return self.number(form, "member")

    def redirect(self, path: str, sent: str) -> web.HTTPSeeOther:
        return web.HTTPSeeOther(f"{self.base}/{path}?{urlencode({'sent': sent})}")


STRANGE = N_("This page sent something the room does not know: choose again.")
TOO_BIG = N_("That is more than the room takes at once: nothing was sent.")
EXPIRED = N_("This page had expired: send it again (the room needs your browser to keep its cookie).")
NOT_SAVED = N_(
    "The facilitator's computer could not save this, so it was not sent. "
    "Your text is still here: send it again in a moment, or tell the facilitator."
)
TYPED_TEXTS = ("text", "why", "learn", "offer")  # the texts a refused form held, shown where its page is closed


def _status(status: int, html: str) -> web.HTTPException:
    kinds: dict[int, type[web.HTTPException]] = {
        400: web.HTTPBadRequest,
        403: web.HTTPForbidden,
        404: web.HTTPNotFound,
        408: web.HTTPRequestTimeout,
        409: web.HTTPConflict,
        413: web.HTTPRequestEntityTooLarge,
        415: web.HTTPUnsupportedMediaType,
        429: web.HTTPTooManyRequests,
        503: web.HTTPServiceUnavailable,
    }
    if status == 413:
        return web.HTTPRequestEntityTooLarge(MAX_BODY, MAX_BODY + 1, text=html, content_type="text/html")
    return kinds.get(status, web.HTTPBadRequest)(text=html, content_type="text/html")


class NotSaved(Exception):
    """The save of a burst of phones' writes failed: what they made is taken back."""


async def write(visit: Visit, action: Callable[[], T], withdraw: Callable[[T], object]) -> T:
    """A phone's write, saved with the others of the moment. Answered only once it is on disk: if
    the save fails, `withdraw` takes it back and the phone is told, its form shown again with what
    it typed."""
    try:
        return await visit.request.app[WRITES].run(action, withdraw)
    except Refused as refused:
        raise visit.refusal(refused.status, refused.message) from None
    except NotSaved:
        raise visit.refusal(503, NOT_SAVED) from None


# -- the pages -----------------------------------------------------------------------------------------------------
async def index(request: web.Request) -> web.Response:
    visit = Visit(request)
    return visit.page("index.html")


def closed(visit: Visit, part: RoomPart) -> web.Response | None:
    if part in visit.room.parts():
        return None
    return visit.page("closed.html", part_label=visit._(part.label))


async def kickoff_page(request: web.Request) -> web.Response:
    visit = Visit(request)
    if shut := closed(visit, RoomPart.KICKOFF):
        return shut
    return visit.page("kickoff.html", **kickoff_context(visit))


async def kickoff_board(request: web.Request) -> web.Response:
    """The board's part of the kickoff page alone, for the script that keeps it live."""
    visit = Visit(request)
    if visit.device_id is None or RoomPart.KICKOFF not in visit.room.parts():
        raise web.HTTPNotFound(text="404")
    return visit.page("board.html", **kickoff_context(visit))


def kickoff_context(visit: Visit) -> dict[str, Any]:
    room, language, board_html = visit.room, visit.language, visit.request.app[BOARD_HTML]
    voter = visit.device.voter if visit.device else None
    names = dict(signed_names(room.store.members.all()))
    return {
        "columns": [
            (visit._(column.label), len(items), board_html.column(language, column, items, names, voter))
            for column, items in room.board_columns()
        ],
        "names": signed_names(room.present(room.board_meeting())),
        "introduction_parts": [(key, visit._(label)) for key, label in INTRODUCTION_PARTS],
    }


async def kickoff_item(request: web.Request) -> web.Response:
    visit = Visit(request)
    visit.part = RoomPart.KICKOFF
    device, form = await visit.form(submission=True)
    try:
        kind = SubmissionKind(form.get("kind", ""))
    except ValueError:
        raise visit.refusal(400, N_("Choose what you are sending.")) from None
    if kind in (SubmissionKind.CASE_QUESTION, SubmissionKind.EVALUATION):
        raise visit.refusal(400, N_("Choose what you are sending."))
    room, member = visit.room, visit.member(form)
    placed = await write(
        visit,
        lambda: room.submit(
            kind,
            form.get("text", ""),
            member,
            why=form.get("why", ""),
            learn=form.get("learn", ""),
            offer=form.get("offer", ""),
        ),
        room.withdraw,
    )
    room.devices.sent_by(device).items += 1  # counted against its cookie, for the console
    raise visit.redirect("kickoff", "queued" if isinstance(placed, Submission) else "placed")


async def kickoff_vote(request: web.Request) -> web.Response:
    visit = Visit(request)
    device, form = await visit.form(submission=False)
    item_id = ascii_number(form.get("item", ""))
    if item_id is None:
        raise visit.refusal(400, N_("That item is no longer on the board."))

    def take_back(_voted: BoardItem) -> None:  # the vote did not reach the disk
        with contextlib.suppress(Refused):  # the item left the board meanwhile: nothing to take back
            visit.room.vote(device, item_id)

    await write(visit, lambda: visit.room.vote(device, item_id), take_back)
    raise web.HTTPSeeOther(f"{visit.base}/kickoff#item-{item_id}")


def discussion_context(visit: Visit) -> dict[str, Any]:
    return {
        "view": visit.room.discussion(visit._),
        "names": signed_names(visit.room.present()),
        "cue": shown_cue(visit),
        "writing": (writing := visit.room.writing()),
        # How many wrote, only from the group's minimum on: the phones are the room too.
        "written_count": writing.written
        if writing is not None and writing.written >= group_minimum(visit.room.store)
        else None,
    }


def shown_cue(visit: Visit) -> str:
    """The cue to the speaker (ctrl+g on a seat) in the phone's language; "" when there is none."""
    cue = current_cue(visit.room.store)
    return cue.shown(visit._) if cue is not None else ""


async def discussion_page(request: web.Request) -> web.Response:
    visit = Visit(request)
    return closed(visit, RoomPart.DISCUSSION) or visit.page("discussion.html", **discussion_context(visit))


async def discussion_state(request: web.Request) -> web.Response:
    visit = Visit(request)
    if visit.device_id is None or RoomPart.DISCUSSION not in visit.room.parts():
        raise web.HTTPNotFound(text="404")
    visit.ensure_device()
    view = visit.room.discussion(visit._)
    state: dict[str, object] = {"open": view is not None, "cue": shown_cue(visit)}
    if view is not None:
        state.update(
            round=visible_controls(view.round_name),
            instruction=visible_controls(view.instruction),
            speaker=visible_controls(view.speaker),
            next=visible_controls(view.next_speaker),
            remaining=view.remaining,
            running=view.running,
            finished=view.finished,
            question_round=view.question_round,
            writing=visit.room.writing() is not None,
        )
    return web.json_response(state)


async def discussion_question(request: web.Request) -> web.Response:
    visit = Visit(request)
    visit.part = RoomPart.DISCUSSION
    device, form = await visit.form(submission=True)
    room, member = visit.room, visit.member(form)
    await write(visit, lambda: room.submit(SubmissionKind.CASE_QUESTION, form.get("text", ""), member), room.withdraw)
    room.devices.sent_by(device).items += 1
    raise visit.redirect("discussion", "question")


async def discussion_write(request: web.Request) -> web.Response:
    """A phone's silent contribution to the written round: "sent" only once it is on disk."""
    visit = Visit(request)
    visit.part = RoomPart.DISCUSSION
    device, form = await visit.form(submission=True)
    room, member = visit.room, visit.member(form)
    await write(visit, lambda: room.write_silently(form.get("text", ""), member), room.withdraw_written)
    room.devices.sent_by(device).items += 1
    raise visit.redirect("discussion", "written")


async def evaluation_page(request: web.Request) -> web.Response:
    visit = Visit(request)
    return closed(visit, RoomPart.EVALUATION) or visit.page("evaluation.html", **evaluation_context(visit))


def evaluation_context(visit: Visit) -> dict[str, Any]:
    room, _ = visit.room, visit._
    meeting = room.meeting()
    done = meeting is not None and meeting.id is not None and room.devices.evaluated(visit.device_id, meeting.id)
    return {
        "done": done,
        "has_meeting": meeting is not None,
        "questions": [(q.value, _(q.label)) for q in Question],
        "forms": [(key, _(label) if (label := learning_form_label(key)) else key) for key in room.learning_forms()],
        "recommend": list(RECOMMEND_RANGE),
        "open_questions": [(q.value, _(q.label)) for q in OpenQuestion],
        "names": signed_names(room.present()),
        "goal_outcomes": [(o.value, _(o.label)) for o in GoalOutcome],
    }


def _scale(visit: Visit, form: dict[str, str], prefix: str) -> dict[str, int]:
    chosen = {key[len(prefix) :]: ascii_number(value) for key, value in form.items() if key.startswith(prefix)}
    if any(value is None for value in chosen.values()):
        raise visit.refusal(400, N_("Some answers are not on the scale."))
    return {key: value for key, value in chosen.items() if value is not None}


async def evaluation_post(request: web.Request) -> web.Response:
    visit = Visit(request)
    visit.part = RoomPart.EVALUATION
    device, form = await visit.form(submission=True)
    room, member = visit.room, visit.member(form)
    ratings, learning_forms = _scale(visit, form, "rating."), _scale(visit, form, "form.")
    recommend = visit.number(form, "recommend")
    await write(
        visit,
        lambda: room.submit_evaluation(
            device,
            member_id=member,
            ratings=ratings,
            learning_forms=learning_forms,
            recommend=recommend,
            answers={key[len("answer.") :]: value for key, value in form.items() if key.startswith("answer.")},
            goal=form.get("goal", ""),
            goal_remark=form.get("goal_remark", ""),
        ),
        lambda made: room.withdraw(made, device),
    )
    raise web.HTTPSeeOther(f"{visit.base}/evaluation")  # the page itself says thank you


async def pulse_page(request: web.Request) -> web.Response:
    visit = Visit(request)
    if shut := closed(visit, RoomPart.PULSE):
        return shut
    template, context = pulse_context(visit)
    return visit.page(template, **context)


def pulse_context(visit: Visit) -> tuple[str, dict[str, Any]]:
    room = visit.room
    meeting = room.meeting()
    done = meeting is not None and meeting.id is not None and room.devices.pulsed(visit.device_id, meeting.id)
    statements = [(s.value, visit._(s.label)) for s in PulseStatement]
    return "pulse.html", {"done": done, "has_meeting": meeting is not None, "statements": statements}


async def pulse_post(request: web.Request) -> web.Response:
    visit = Visit(request)
    visit.part = RoomPart.PULSE
    device, form = await visit.form(submission=True)
    room = visit.room
    ratings = _scale(visit, form, "pulse.")
    await write(visit, lambda: room.submit_pulse(device, ratings), lambda made: room.withdraw_pulse(made, device))
    raise web.HTTPSeeOther(f"{visit.base}/pulse")  # the page itself says thank you


async def checkin_page(request: web.Request) -> web.Response:
    """The check-in (GET: the question and the form; POST: a member's answer, into the queue)."""
    visit = Visit(request)
    if request.method != "POST":
        if shut := closed(visit, RoomPart.CHECKIN):
            return shut
        template, context = checkin_context(visit)
        return visit.page(template, **context)
    visit.part = RoomPart.CHECKIN
    device, form = await visit.form(submission=True)
    room, member = visit.room, visit.member(form)
    await write(visit, lambda: room.submit_checkin(member, form.get("text", "")), room.withdraw)
    room.devices.sent_by(device).items += 1
    raise visit.redirect("checkin", "question")  # "Sent to the facilitator.": on disk by now


def checkin_context(visit: Visit) -> tuple[str, dict[str, Any]]:
    room = visit.room
    return "checkin.html", {"question": room.checkin_question(visit._) or "", "names": signed_names(room.present())}


PAGES: dict[RoomPart, Callable[[Visit], tuple[str, dict[str, Any]]]] = {
    RoomPart.KICKOFF: lambda visit: ("kickoff.html", kickoff_context(visit)),
    RoomPart.DISCUSSION: lambda visit: ("discussion.html", discussion_context(visit)),
    RoomPart.EVALUATION: lambda visit: ("evaluation.html", evaluation_context(visit)),
    RoomPart.PULSE: pulse_context,
    RoomPart.CHECKIN: checkin_context,
}


async def static(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound(text="404")
    body = resources.files("ln_tui.room").joinpath("static", name).read_bytes()
    return web.Response(body=body, content_type=STATIC[name], charset="utf-8")


# -- starting and stopping -----------------------------------------------------------------------------------------
class RoomRequestHandler(web.RequestHandler):
    """A connection of the room's server: what aiohttp answers itself (a header over 8 KiB, a bad
    request line, a handler's crash), before any of the application sees the request, is
    answered with our headers and without echoing the request (aiohttp's own page does both).
    `handle_error` is a public method of aiohttp's; tests/test_room_attack.py pins that it is the
    one called."""

    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        if request.writer.output_size > 0:  # an answer was being sent: the connection is broken
            raise ConnectionError("the answer was sent already")
        if status >= 500:  # our own fault: kept in aiohttp's log (a client's bad request is not)
            self.log_exception("The room could not answer a phone", exc_info=exc)
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
        response = web.Response(status=status, text=f"{status} {reason}".strip(), headers=SECURITY_HEADERS)
        response.force_close()
        return response


class RoomHttpServer(web.Server):
    """aiohttp's server for the application, with our connections (`RoomRequestHandler`)."""

    def __call__(self) -> web.RequestHandler:
        return RoomRequestHandler(self, loop=asyncio.get_running_loop(), access_log=None)  # type: ignore[arg-type]  # None: no access log, as aiohttp reads it


class RoomServer:
    """The room's server on one address, started and stopped on the running event loop."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.runner: web.ServerRunner | None = None
        self.application: web.AppRunner | None = None
        self.host = ""
        self.port = 0

    @property
    def running(self) -> bool:
        return self.runner is not None

    async def start(self, host: str, port: int, *, follow_seconds: float | None = None) -> None:
        """Listen on host:port (OSError if the port is taken or the address is not this machine's)."""
        application = web.AppRunner(
            build_app(self.room, follow_seconds=follow_seconds), access_log=None, handle_signals=False
        )
        await application.setup()  # the application started and frozen; its server is not used
        assert application.server is not None
        served = RoomHttpServer(application.server.request_handler, request_factory=application.server.request_factory)
        runner = web.ServerRunner(served, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await runner.cleanup()
            await application.cleanup()
            raise
        bound = runner.addresses  # port 0: the free port the system chose
        self.runner, self.application, self.host = runner, application, host
        self.port = int(bound[0][1]) if bound else port

    async def stop(self) -> None:
        runner, self.runner = self.runner, None
        application, self.application = self.application, None
        if runner is not None:
            await runner.cleanup()
        if application is not None:
            await application.cleanup()
        item_html.cache_clear()  # the board as phones saw it: up to 8192 items' pages, kept no longer

    @property
    def url(self) -> str:
        return join_url(self.host, self.port, self.room.token or "")
