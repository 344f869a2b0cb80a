"""The room's facade: the server asks it to read and to write, a seat's room panel moderates with it.

The room's process (`process.py`) holds one on its own store: it is a seat of the network file
like any other, and its writes are operations on the latest state of the file (`NetworkStore.
changing`). The console's room panel holds another on the console's store for what lives in the
file: the moderation queue (accept, hide) and the room's settings (the parts open, accept
directly). What a phone may send is checked here: the part must be open, a name must be one of
those present, a text must say something.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from ln_tui.evaluation.model import RATING_RANGE, RECOMMEND_RANGE, Evaluation, OpenQuestion, PulseAnswer, Question
from ln_tui.evaluation.summary import learning_forms_for
from ln_tui.i18n import N_
from ln_tui.kickoff.board import Board, board_meeting, same_items
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, Member, Note
from ln_tui.room.live import DiscussionView, discussion_view
from ln_tui.room.model import ACCEPT_DIRECTLY_SETTING, PARTS_SETTING, RoomPart, Submission, SubmissionKind
from ln_tui.room.security import (
    IDLE_SECONDS,
    MAX_DEVICES,
    SUBMISSIONS_PER_MINUTE,
    UNLIMITED_ADDRESSES,
    Clock,
    Device,
    Devices,
    new_token,
    same_secret,
)
from ln_tui.store import NetworkStore
from ln_tui.thread.book import ThreadBook
from ln_tui.thread.checkin import CheckInRound
from ln_tui.thread.model import (
    DEFAULT_CHECKIN_QUESTIONS,
    CheckIn,
    CheckInSource,
    GoalOutcome,
    WrittenContribution,
)
from ln_tui.thread.writing import NotWriting, SilentWriting, WritingRound

MAX_TEXT = 2000  # characters in one text a phone sends

COLUMN_OF = {
    SubmissionKind.QUESTION: BoardColumn.QUESTIONS,
    SubmissionKind.EXPECTATION: BoardColumn.EXPECTATIONS,
    SubmissionKind.INTRODUCTION: BoardColumn.INTRODUCTIONS,
}


class Refused(Exception):
    """A submission the room does not take; `message` (marked with N_) tells the phone why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class RoomEvent:
    """What changed: "board" (an item added or voted), "queue", "devices", "open"."""

    kind: str
    item: BoardItem | None = None


@dataclass(frozen=True)
class SentCounts:
    """What phones sent since the room opened: the console shows it, so that stuffing shows."""

    items: int  # items and questions
    most_items: int  # the most from one phone cookie
    evaluations: int  # evaluation forms for the current meeting, one per phone cookie
    present: int  # members present at the current meeting


def clean(text: str) -> str:
    """A phone's text as kept: line ends made plain, no surrounding space (nothing else is touched)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class Room:
    def __init__(
        self,
        store: NetworkStore,
        *,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        now: Callable[[], datetime] = datetime.now,
        token_factory: Callable[[], str] = new_token,
        boards: Callable[[int | None], Board] | None = None,
        max_devices: int = MAX_DEVICES,
        submissions_per_minute: int = SUBMISSIONS_PER_MINUTE,
        idle_seconds: float = IDLE_SECONDS,
        unlimited_addresses: frozenset[str] = UNLIMITED_ADDRESSES,
    ) -> None:
        self.store = store
        self.clock = clock
        self.wall_clock = wall_clock
        self.now = now
        self.token_factory = token_factory
        self._boards: dict[int | None, Board] = {}
        self.boards = boards or self._own_board
        self.max_devices = max_devices
        self.submissions_per_minute = submissions_per_minute
        self.idle_seconds = idle_seconds
        self.unlimited_addresses = unlimited_addresses
        self.token: str | None = None
        self.devices = self._new_devices()
        self.listeners: list[Callable[[RoomEvent], None]] = []
        self._columns: tuple[Board, list[BoardItem], list[tuple[BoardColumn, list[BoardItem]]]] | None = None

    def _own_board(self, meeting_id: int | None) -> Board:
        if meeting_id not in self._boards:
            self._boards[meeting_id] = Board(self.store, meeting_id, now=self.now)
        return self._boards[meeting_id]

    def _new_devices(self) -> Devices:
        return Devices(
            self.clock,
            limit=self.max_devices,
            submissions_per_minute=self.submissions_per_minute,
            idle_seconds=self.idle_seconds,
            unlimited_addresses=self.unlimited_addresses,
        )

    # -- opening and closing ------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.token is not None

    def open(self) -> str:
        """Open the room with a new join token (an earlier one stops working)."""
        self.token = self.token_factory()
        self.devices = self._new_devices()
        self._tell(RoomEvent("open"))
        return self.token

    def close(self) -> None:
        """Close the room: the token is revoked and every phone forgotten."""
        self.token = None
        self.devices = self._new_devices()
        self._tell(RoomEvent("open"))

    def token_ok(self, given: str) -> bool:
        return self.token is not None and same_secret(given.upper(), self.token)

    def subscribe(self, listener: Callable[[RoomEvent], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def _tell(self, event: RoomEvent) -> None:
        for listener in list(self.listeners):
            listener(event)

    def follow(self) -> bool:
        """Take in another seat's save (the console's: a part opened, an item edited); whether one came."""
        self.store.follow()
        news = self.store.take_news()
        if news and any("board_items" in n.tables for n in news):
            for board in self._boards.values():
                board.reread()
        if news:
            self._tell(RoomEvent("queue"))
        return bool(news)

    # -- phones -----------------------------------------------------------------------------------
    def join(self, device_id: str | None = None) -> Device | None:
        """A phone back with its cookie takes a slot (None: the room is full)."""
        device = self.devices.join(device_id)
        if device is not None:
            self._tell(RoomEvent("devices"))
        return device

    @property
    def phones(self) -> int:
        return len(self.devices)

    def sent_counts(self) -> SentCounts:
        """What phones sent since the room opened, counted by phone cookie (for the console)."""
        sent = list(self.devices.sent.values())
        meeting = self.meeting()
        return SentCounts(
            items=sum(s.items for s in sent),
            most_items=max((s.items for s in sent), default=0),
            evaluations=sum(1 for s in sent if meeting is not None and meeting.id in s.evaluations),
            present=len(self.present()),
        )

    # -- what is open --------------------------------------------------------------------------------
    def parts(self) -> list[RoomPart]:
        stored = self.store.setting(PARTS_SETTING) or []
        return [part for part in RoomPart if part.value in stored]

    def toggle_part(self, part: RoomPart) -> bool:
        """Open a part for the phones, or close it; returns whether it is open now."""
        parts = set(self.parts()) ^ {part}
        self.store.set_setting(PARTS_SETTING, [p.value for p in RoomPart if p in parts])
        self._tell(RoomEvent("open"))
        return part in parts

    @property
    def accept_directly(self) -> bool:
        return bool(self.store.setting(ACCEPT_DIRECTLY_SETTING, False))

    def toggle_accept_directly(self) -> bool:
        value = not self.accept_directly
        self.store.set_setting(ACCEPT_DIRECTLY_SETTING, value)
        return value

    # -- reading, for the pages --------------------------------------------------------------------------
    def board_meeting(self) -> Meeting | None:
        return board_meeting(self.store)

    def board(self) -> Board:
        meeting = self.board_meeting()
        return self.boards(meeting.id if meeting else None)

    def meeting(self) -> Meeting | None:
        """The meeting the discussion and the evaluation belong to: the current one."""
        return self.store.current_meeting

    def present(self, meeting: Meeting | None = None) -> list[Member]:
        """The names a phone can sign with: the members present at the meeting (no e-mail, nothing else)."""
        meeting = meeting or self.meeting()
        members = sorted(self.store.members.all(), key=lambda m: m.name.casefold())
        return meeting.present(members) if meeting else members

    def board_columns(self) -> list[tuple[BoardColumn, list[BoardItem]]]:
        """The columns the phones see, sorted once for each state of the board (every phone reads them
        after each thing it sends): kept while the board holds the same items (`same_items`)."""
        board = self.board()
        items = list(board.items.values())
        kept = self._columns
        if kept is None or kept[0] is not board or not same_items(kept[1], items):
            columns = [(column, board.column(column)) for column in (BoardColumn.QUESTIONS, BoardColumn.EXPECTATIONS)]
            kept = self._columns = (board, items, columns)
        return kept[2]

    def discussion(self, translate: Callable[[str], str] = lambda text: text) -> DiscussionView | None:
        return discussion_view(self.store, self.wall_clock(), translate)

    def learning_forms(self) -> list[str]:
        meeting = self.meeting()
        return learning_forms_for(self.store, meeting) if meeting else []

    def queue(self) -> list[Submission]:
        return [s for s in self.store.repo(Submission).all() if not s.hidden]

    # -- writing: what phones send --------------------------------------------------------------------------
    def _require(self, part: RoomPart) -> None:
        if part not in self.parts():
            raise Refused(403, N_("This part is not open for the room."))

    def _signer(self, member_id: int | None, meeting: Meeting | None) -> int | None:
        if member_id is None:
            return None
        if member_id not in {m.id for m in self.present(meeting)}:
            raise Refused(400, N_("Choose a name from the list, or send it anonymously."))
        return member_id

    @staticmethod
    def _text(text: str, *, required: bool = True) -> str:
        text = clean(text)
        if len(text) > MAX_TEXT:
            raise Refused(400, N_("That text is too long."))
        if required and not text:
            raise Refused(400, N_("Write something first."))
        return text

    def submit(
        self,
        kind: SubmissionKind,
        text: str = "",
        member_id: int | None = None,
        *,
        why: str = "",
        learn: str = "",
        offer: str = "",
    ) -> Submission | BoardItem | Note | Evaluation:
        """A phone's item: straight onto the board (or into the notes) when the room accepts
        directly and it names no one, else into the facilitator's queue: a phone can choose any
        name present, so nothing is final in a member's name until the facilitator accepts it."""
        case_id = round_index = None
        if kind is SubmissionKind.CASE_QUESTION:
            self._require(RoomPart.DISCUSSION)
            view = self.discussion()
            if view is None or not view.question_round:
                raise Refused(409, N_("Questions can be sent during the question round only."))
            case_id, round_index = view.case_id, view.round_index
            meeting = self.meeting()
        else:
            self._require(RoomPart.KICKOFF)
            meeting = self.board_meeting()
        if kind is SubmissionKind.INTRODUCTION:
            why, learn, offer = (self._text(part, required=False) for part in (why, learn, offer))
            if not (why or learn or offer):
                raise Refused(400, N_("Write something first."))
            text = ""
        else:
            text = self._text(text)
        submission = Submission(
            meeting.id if meeting else None,
            kind,
            text,
            self._signer(member_id, meeting),
            why=why,
            learn=learn,
            offer=offer,
            case_id=case_id,
            round_index=round_index,
            received=self.now().isoformat(timespec="seconds"),
        )
        if self.accept_directly and submission.member_id is None:
            return self._place(submission)
        return self._queue(submission)

    def _queue(self, submission: Submission) -> Submission:
        self.store.repo(Submission).add(submission)
        self._tell(RoomEvent("queue"))
        return submission

    def vote(self, device: Device, item_id: int) -> BoardItem:
        """A phone's vote for a question or an expectation; a second one takes it back."""
        self._require(RoomPart.KICKOFF)
        board = self.board()
        item = board.items.get(item_id)
        if item is None or item.archived or item.column not in {BoardColumn.QUESTIONS, BoardColumn.EXPECTATIONS}:
            raise Refused(404, N_("That item is no longer on the board."))
        voted = board.toggle_room_vote(item_id, device.voter)
        self._tell(RoomEvent("board", voted))
        return voted

    def submit_pulse(self, device: Device, ratings: dict[str, int]) -> PulseAnswer:
        """A phone's answer to the safety pulse of the current meeting: anonymous, nothing in it
        names anyone or ties it to the phone; the phone is only remembered, in memory, as having answered."""
        from ln_tui.evaluation.pulse import Pulse, PulseRefused

        self._require(RoomPart.PULSE)
        meeting = self.meeting()
        if meeting is None or meeting.id is None:
            raise Refused(409, N_("There is no meeting to take the pulse of."))
        if self.devices.pulsed(device.id, meeting.id):
            raise Refused(409, N_("This phone has answered the pulse already."))
        try:
            answer = Pulse(self.store).add(meeting.id, ratings)
        except PulseRefused:
            raise Refused(400, N_("Answer at least one statement, from 1 to 5.")) from None
        self.devices.sent_by(device).pulses.add(meeting.id)
        return answer

    def writing(self) -> WritingRound | None:
        """The written round phones may write in now (None: none)."""
        if RoomPart.DISCUSSION not in self.parts():
            return None
        return SilentWriting(self.store).open_round()

    def write_silently(self, text: str, member_id: int | None) -> WrittenContribution:
        """A phone's silent contribution to the written round: hidden until the facilitator reveals the
        round; it names a member only when the writer chose to sign with their name."""
        self._require(RoomPart.DISCUSSION)
        text = self._text(text)
        signer = self._signer(member_id, self.meeting())
        try:
            return SilentWriting(self.store).write(text, signer, self.now())
        except NotWriting:
            raise Refused(
                409, N_("Writing is closed: the facilitator has moved on or revealed what was written.")
            ) from None

    def withdraw_written(self, contribution: WrittenContribution) -> None:
        """Take back a contribution that did not reach the disk: the phone is told and keeps its text."""
        SilentWriting(self.store).withdraw(contribution)

    def withdraw_pulse(self, answer: PulseAnswer, device: Device) -> None:
        """Take back a pulse answer that did not reach the disk: the phone may send it again."""
        if answer.id is not None:
            self.store.repo(PulseAnswer).remove(answer.id)
        if answer.meeting_id is not None:
            self.devices.sent_by(device).pulses.discard(answer.meeting_id)

    def submit_evaluation(
        self,
        device: Device,
        *,
        member_id: int | None,
        ratings: dict[str, int],
        learning_forms: dict[str, int],
        recommend: int | None,
        answers: dict[str, str],
        goal: str = "",
        goal_remark: str = "",
    ) -> Evaluation | Submission:
        """A phone's own evaluation form, finished. Anonymous (no `member_id`): nothing in it names anyone
        or ties it to the phone; the phone is only remembered, in memory, as having sent one. Signed
        with a name: it waits in the queue until the facilitator accepts it (see `submit`)."""
        self._require(RoomPart.EVALUATION)
        meeting = self.meeting()
        if meeting is None or meeting.id is None:
            raise Refused(409, N_("There is no meeting to evaluate."))
        if self.devices.evaluated(device.id, meeting.id):
            raise Refused(409, N_("This phone has sent its form already."))
        signer = self._signer(member_id, meeting)
        repo = self.store.repo(Evaluation)
        if signer is not None and repo.where(meeting_id=meeting.id, member_id=signer):
            raise Refused(409, N_("There is a form in this name already: ask the facilitator."))
        forms = set(self.learning_forms())
        if (
            any(key not in {q.value for q in Question} or value not in RATING_RANGE for key, value in ratings.items())
            or any(key not in forms or value not in RATING_RANGE for key, value in learning_forms.items())
            or (recommend is not None and recommend not in RECOMMEND_RANGE)
            or any(key not in {q.value for q in OpenQuestion} for key in answers)
        ):
            raise Refused(400, N_("Some answers are not on the scale."))
        if not (ratings or learning_forms or recommend is not None):
            raise Refused(400, N_("Give at least one rating."))
        if goal and goal not in {o.value for o in GoalOutcome}:
            raise Refused(400, N_("Some answers are not on the scale."))
        if (goal or goal_remark.strip()) and signer is None:
            raise Refused(
                400, N_("Your learning goal is asked with your name only: choose your name, or leave it out.")
            )
        kept_remark = self._text(goal_remark, required=False) if goal else ""
        kept_answers = {key: text for key, value in answers.items() if (text := self._text(value, required=False))}
        self.devices.sent_by(device).evaluations.add(meeting.id)
        if signer is not None:
            return self._queue(
                Submission(
                    meeting.id,
                    SubmissionKind.EVALUATION,
                    "",
                    signer,
                    received=self.now().isoformat(timespec="seconds"),
                    ratings=dict(ratings),
                    learning_forms=dict(learning_forms),
                    recommend=recommend,
                    answers=kept_answers,
                    goal=goal,
                    goal_remark=kept_remark,
                )
            )
        form = Evaluation(
            meeting.id,
            member_id=None,
            anonymous=True,
            draft=False,
            ratings=dict(ratings),
            learning_forms=dict(learning_forms),
            recommend=recommend,
            answers=kept_answers,
        )
        repo.add(form)
        return form

    def checkin_question(self, translate: Callable[[str], str] = lambda text: text) -> str | None:
        """The current meeting's check-in question, a default one in the page's language."""
        meeting = self.meeting()
        question = CheckInRound(self.store).question(meeting) if meeting is not None else None
        return translate(question) if question in DEFAULT_CHECKIN_QUESTIONS else question

    def submit_checkin(self, member_id: int | None, text: str) -> Submission:
        """A member's check-in answer from their phone: it names them, so it waits in the queue until
        the facilitator accepts it (then it is the member's `CheckIn`, from the phone)."""
        self._require(RoomPart.CHECKIN)
        meeting = self.meeting()
        if meeting is None or meeting.id is None:
            raise Refused(409, N_("There is no meeting to check in to."))
        if member_id is None:
            raise Refused(400, N_("Choose your name from the list."))
        return self._queue(
            Submission(
                meeting.id,
                SubmissionKind.CHECKIN,
                self._text(text),
                self._signer(member_id, meeting),
                received=self.now().isoformat(timespec="seconds"),
            )
        )

    def withdraw(self, made: Submission | BoardItem | Note | Evaluation, device: Device | None = None) -> None:
        """Take back what a phone's write made (`submit`, `submit_evaluation`) when it did not
        reach the disk: the phone is told so and keeps its text, so nothing is kept twice."""
        if isinstance(made, Submission) and made.id is not None:
            self.store.repo(Submission).remove(made.id)
            self._tell(RoomEvent("queue"))
        elif isinstance(made, BoardItem) and made.id is not None:
            self.boards(made.meeting_id).withdraw(made.id)
            self._tell(RoomEvent("board", made))
        elif isinstance(made, Note) and made.id is not None:
            self.store.notes.remove(made.id)
        elif isinstance(made, Evaluation) and made.id is not None:
            self.store.repo(Evaluation).remove(made.id)
        is_form = isinstance(made, Evaluation) or (
            isinstance(made, Submission) and made.kind is SubmissionKind.EVALUATION
        )
        if device is not None and is_form and made.meeting_id is not None:
            self.devices.sent_by(device).evaluations.discard(made.meeting_id)

    # -- writing: the facilitator's queue ------------------------------------------------------------------------
    def accept(self, submission_id: int) -> BoardItem | Note | Evaluation | CheckIn:
        """A queued submission becomes an ordinary board item (or a note, for a case question, or
        the member's evaluation form). Refused when that member has a form for the meeting already."""
        repo = self.store.repo(Submission)
        submission = repo.get(submission_id)
        if submission is None:
            raise KeyError(submission_id)
        with self.store.batch():
            placed = (
                self._place_checkin(submission)
                if submission.kind is SubmissionKind.CHECKIN
                else self._place(submission)
            )
            repo.remove(submission_id)
        self._tell(RoomEvent("queue"))
        return placed

    def hide(self, submission_id: int) -> None:
        """Off the queue, on no board; kept in the file as hidden."""
        repo = self.store.repo(Submission)
        submission = repo.get(submission_id)
        if submission is None:
            raise KeyError(submission_id)
        submission.hidden = True
        repo.update(submission)
        self._tell(RoomEvent("queue"))

    def _place_checkin(self, submission: Submission) -> CheckIn:
        """An accepted check-in answer: the member's `CheckIn` for the meeting, from the phone."""
        meeting = self.store.meetings.get(submission.meeting_id or 0)
        if meeting is None or submission.member_id is None:
            raise Refused(409, N_("There is no meeting to check in to."))
        return CheckInRound(self.store, self.now).answer(
            meeting, submission.member_id, submission.text, CheckInSource.PHONE
        )

    def _review_goal(self, submission: Submission) -> None:
        """A signed form's answer about the member's learning goal, as their goal's review."""
        meeting = self.store.meetings.get(submission.meeting_id or 0)
        member = self.store.members.get(submission.member_id or 0)
        if submission.goal and meeting is not None and member is not None:
            ThreadBook(self.store).review(meeting, member, GoalOutcome(submission.goal), submission.goal_remark)

    def _place(self, submission: Submission) -> BoardItem | Note | Evaluation:
        if submission.kind is SubmissionKind.EVALUATION:
            repo = self.store.repo(Evaluation)
            if repo.where(meeting_id=submission.meeting_id, member_id=submission.member_id):
                raise Refused(409, N_("There is a form in this name already: ask the facilitator."))
            form = repo.add(
                Evaluation(
                    submission.meeting_id,
                    member_id=submission.member_id,
                    anonymous=False,
                    draft=False,
                    ratings=dict(submission.ratings),
                    learning_forms=dict(submission.learning_forms),
                    recommend=submission.recommend,
                    answers=dict(submission.answers),
                )
            )
            self._review_goal(submission)
            return form
        if submission.kind is SubmissionKind.CASE_QUESTION:
            context = {"room": 1}
            if submission.case_id is not None:
                context["case_id"] = submission.case_id
            if submission.round_index is not None:
                context["round"] = submission.round_index
            name = self._names().get(submission.member_id) if submission.member_id is not None else None
            text = f"{name}: {submission.text}" if name else submission.text
            return self.store.add_note(text, submission.meeting_id, context)
        board = self.boards(submission.meeting_id)
        item = board.add(
            COLUMN_OF[submission.kind],
            submission.text,
            submission.member_id,
            why=submission.why,
            learn=submission.learn,
            offer=submission.offer,
        )
        assert item is not None  # a submission always says something
        self._tell(RoomEvent("board", item))
        return item

    def _names(self) -> dict[int | None, str]:
        return {m.id: m.name for m in self.store.members.all()}


def signed_names(members: Iterable[Member]) -> list[tuple[int, str]]:
    """(id, name) of members, for a page's name list: nothing else about them leaves the console."""
    return [(m.id, m.name) for m in members if m.id is not None]
