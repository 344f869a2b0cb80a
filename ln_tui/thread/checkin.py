"""The check-in that opens a meeting: the network's own questions, the meeting's question, the answers.

The network keeps its own list of questions (a setting); until it is changed, the defaults are
shown in the reader's language. Each meeting keeps the question it was asked (a setting by
meeting id), so every seat, `present` and the phones see the same one; by default it is the one
after the question of the previous meeting (rotated). Answers are `CheckIn` records, one per
member and meeting, typed at a seat (one member after the other) or accepted from a phone.

A check-in is the group's: nothing here is for the minutes to share or the room's screen, which
sees the question and, from the network's minimum on, how many answered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ln_tui.i18n import _, ngettext
from ln_tui.model import Meeting, Member
from ln_tui.store import NetworkStore
from ln_tui.thread.model import DEFAULT_CHECKIN_QUESTIONS, CheckIn, CheckInSource

QUESTIONS_SETTING = "checkin_questions"  # the network's own list (absent: the defaults)
ASKED_SETTING = "checkin_asked"  # {str(meeting id): the question asked at that meeting}
LIVE_SETTING = "checkin_live"  # the meeting whose check-in is going on now (shown on `present`)
MAX_QUESTION = 300  # characters in one question


class CheckInRefused(ValueError):
    """What cannot be kept (an empty question, no meeting); the message (translated) says why."""


def question_text(question: str) -> str:
    """A question as shown: a default one in the reader's language, the network's own as typed."""
    return _(question) if question in DEFAULT_CHECKIN_QUESTIONS else question


def rotated(questions: list[str], previous: str | None) -> str | None:
    """The question after `previous` in the list (the first when it is not there, or None asked)."""
    if not questions:
        return None
    if previous in questions:
        return questions[(questions.index(previous) + 1) % len(questions)]
    return questions[0]


def checked_question(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise CheckInRefused(_("A question says something: type it first."))
    if len(text) > MAX_QUESTION:
        raise CheckInRefused(
            ngettext(
                "That question is too long: at most {count} character.",
                "That question is too long: at most {count} characters.",
                MAX_QUESTION,
            ).format(count=MAX_QUESTION)
        )
    return text


class CheckInRound:
    """The check-in's facade: the questions, the meeting's question, the members' answers."""

    def __init__(self, store: NetworkStore, now: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self.now = now

    # -- the network's questions -----------------------------------------------------------------
    def questions(self) -> list[str]:
        """The network's questions as kept (defaults as their English text: see `question_text`)."""
        saved = self.store.setting(QUESTIONS_SETTING)
        if isinstance(saved, list) and all(isinstance(q, str) for q in saved):
            return list(saved)
        return list(DEFAULT_CHECKIN_QUESTIONS)

    def changed(self) -> bool:
        return self.store.setting(QUESTIONS_SETTING) is not None

    def _keep(self, questions: list[str]) -> list[str]:
        self.store.set_setting(QUESTIONS_SETTING, questions)
        return questions

    def add_question(self, text: str, at: int | None = None) -> list[str]:
        questions = self.questions()
        text = checked_question(text)
        questions.insert(len(questions) if at is None else max(0, min(at, len(questions))), text)
        return self._keep(questions)

    def change_question(self, index: int, text: str) -> list[str]:
        questions = self.questions()
        text = checked_question(text)
        if text != question_text(questions[index]):  # the default unchanged stays translatable
            questions[index] = text
        return self._keep(questions)

    def remove_question(self, index: int) -> list[str]:
        questions = self.questions()
        if len(questions) <= 1:
            raise CheckInRefused(_("Keep at least one question."))
        del questions[index]
        return self._keep(questions)

    def move_question(self, index: int, steps: int) -> list[str]:
        questions = self.questions()
        target = max(0, min(len(questions) - 1, index + steps))
        if target != index:
            questions.insert(target, questions.pop(index))
            self._keep(questions)
        return questions

    # -- the meeting's question ------------------------------------------------------------------
    def _asked(self) -> dict[str, str]:
        saved = self.store.setting(ASKED_SETTING)
        return dict(saved) if isinstance(saved, dict) else {}

    def asked(self, meeting: Meeting) -> str | None:
        """The question kept for this meeting (None: not chosen yet)."""
        return self._asked().get(str(meeting.id))

    def previous_question(self, meeting: Meeting) -> str | None:
        """The question asked at the last meeting before this one that had a check-in."""
        asked = self._asked()
        earlier = sorted(
            (
                m
                for m in self.store.meetings.all()
                if (m.date, m.time, m.id or 0) < (meeting.date, meeting.time, meeting.id or 0)
            ),
            key=lambda m: (m.date, m.time, m.id or 0),
        )
        return next((asked[str(m.id)] for m in reversed(earlier) if str(m.id) in asked), None)

    def suggested(self, meeting: Meeting) -> str | None:
        """The rotated question: the next one after the previous meeting's."""
        return rotated(self.questions(), self.previous_question(meeting))

    def question(self, meeting: Meeting) -> str | None:
        """The meeting's question: the one kept, else the rotated one (not kept until `ask`)."""
        return self.asked(meeting) or self.suggested(meeting)

    def ask(self, meeting: Meeting, question: str) -> None:
        """Keep the question for this meeting (every seat, `present` and the phones show it)."""
        if meeting.id is None:
            raise CheckInRefused(_("There is no meeting to check in to."))
        asked = self._asked()
        asked[str(meeting.id)] = question
        self.store.set_setting(ASKED_SETTING, asked)

    # -- who answers -----------------------------------------------------------------------------
    def order(self, meeting: Meeting) -> list[Member]:
        """The members present at the meeting, in the roster's order (like the speaking order)."""
        return [m for m in meeting.present(self.store.members.all()) if m.id is not None]

    def answers(self, meeting: Meeting) -> dict[int, CheckIn]:
        return {c.member_id: c for c in self.store.repo(CheckIn).where(meeting_id=meeting.id)}

    def answer(
        self, meeting: Meeting, member_id: int, text: str, source: CheckInSource = CheckInSource.CONSOLE
    ) -> CheckIn:
        """Keep a member's answer for the meeting (a second one replaces the first).

        The meeting's question is kept with it (and for the meeting, if it was not yet)."""
        question = self.question(meeting)
        if meeting.id is None or question is None:
            raise CheckInRefused(_("There is no meeting to check in to."))
        if not text.strip():
            raise CheckInRefused(_("Write something first."))
        repo = self.store.repo(CheckIn)
        with self.store.batch():
            if self.asked(meeting) is None:
                self.ask(meeting, question)
            found = repo.where(meeting_id=meeting.id, member_id=member_id)
            if found:
                kept = found[0]
                kept.answer, kept.question, kept.source = text, question, source
                repo.update(kept)
                return kept
            return repo.add(
                CheckIn(meeting.id, member_id, question, text, self.now().isoformat(timespec="seconds"), source)
            )

    def remove_answer(self, meeting: Meeting, member_id: int) -> bool:
        found = self.store.repo(CheckIn).where(meeting_id=meeting.id, member_id=member_id)
        for checkin in found:
            if checkin.id is not None:
                self.store.repo(CheckIn).remove(checkin.id)
        return bool(found)

    # -- the room's screen -----------------------------------------------------------------------
    def live_meeting(self) -> int | None:
        """The meeting whose check-in is going on (its question may be on `present`)."""
        live = self.store.setting(LIVE_SETTING)
        return live if type(live) is int else None

    def set_live(self, meeting: Meeting | None) -> None:
        wanted = meeting.id if meeting is not None else None
        if self.live_meeting() != wanted and not self.store.read_only:
            self.store.set_setting(LIVE_SETTING, wanted)
