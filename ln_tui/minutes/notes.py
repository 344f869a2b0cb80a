"""The notes of a network and what the Minutes home does with them: `Minutes` is the facade
the screen talks to (notes, decisions, actions, the follow-up, the roles, the minutes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ln_tui.discussion.methods import shown
from ln_tui.discussion.model import Case
from ln_tui.homes import HOMES
from ln_tui.i18n import N_, _, ngettext
from ln_tui.kickoff.board import match_members
from ln_tui.kickoff.model import BoardItem, ItemStatus
from ln_tui.minutes.carry import CARRIED, Carried, CarriedKind, carried, meetings_in_order
from ln_tui.minutes.model import AdviceOutcome
from ln_tui.model import Meeting, Member, Note, NoteKind, NoteStatus, meeting_label
from ln_tui.store import NetworkStore

KIND_CYCLE = {NoteKind.NOTE: NoteKind.DECISION, NoteKind.DECISION: NoteKind.ACTION, NoteKind.ACTION: NoteKind.NOTE}
ROLE_FIELDS = (
    ("chair_id", N_("Chair")),
    ("timekeeper_id", N_("Timekeeper")),
    ("minute_taker_id", N_("Minute-taker")),
)
THE_GROUP = N_("the group")


def numbered(store: NetworkStore) -> list[Meeting]:
    """The meetings as `ln-tui export --meeting N` numbers them (1 = the first)."""
    return sorted(store.meetings.all(), key=lambda m: (m.date, m.time))


def parse_due(typed: str, meetings: list[Meeting]) -> tuple[int | None, str] | str:
    """A due meeting (its number) or a date (YYYY-MM-DD), or nothing; a str is what is wrong."""
    typed = typed.strip()
    if not typed:
        return None, ""
    if typed.isdigit():
        number = int(typed)
        if 1 <= number <= len(meetings):
            return meetings[number - 1].id, ""
        return ngettext(
            "There is no meeting {n}; this network has {count} meeting.",
            "There is no meeting {n}; this network has {count} meetings.",
            len(meetings),
        ).format(n=number, count=len(meetings))
    try:
        return None, dt.date.fromisoformat(typed).isoformat()
    except ValueError:
        return _("Type a meeting number (1 = the first) or a date as YYYY-MM-DD, or leave it empty.")


@dataclass(frozen=True)
class Names:
    """What a note's context points at, read once for a list of notes."""

    members: dict[int, str]
    cases: dict[int, Case]
    items: dict[int, str]
    meetings: dict[int | None, Meeting]


class Minutes:
    """The notes and the follow-up of a network, through the store."""

    def __init__(self, store: NetworkStore, *, now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.store = store
        self.now = now

    def _stamp(self) -> str:
        return self.now().isoformat(timespec="seconds")

    # -- reading ---------------------------------------------------------------------------
    def meetings(self) -> list[Meeting]:
        return meetings_in_order(self.store)

    def notes(self, meeting: Meeting | None) -> list[Note]:
        """The notes of a meeting (of no meeting when None), in the order they were taken. What a
        follow-up network carried over from the one before is shown with its first meeting."""
        meeting_id = meeting.id if meeting else None  # only its notes are built: a network may hold 100,000
        notes = self.store.notes.where(meeting_id=meeting_id)
        meetings = self.meetings()
        if meeting is None and meetings:
            notes = [n for n in notes if CARRIED not in n.context]
        elif meeting is not None and meeting.id == meetings[0].id:
            notes += [n for n in self.store.notes.where(meeting_id=None) if CARRIED in n.context]
        return sorted(notes, key=lambda n: (n.created, n.id or 0))

    def names(self) -> Names:
        return Names(
            {m.id: m.name for m in self.store.members.all() if m.id is not None},
            {c.id: c for c in self.store.repo(Case).all() if c.id is not None},
            {i.id: i.text for i in self.store.repo(BoardItem).all() if i.id is not None},
            {m.id: m for m in self.store.meetings.all()},
        )

    def members(self) -> list[Member]:
        return sorted(self.store.members.all(), key=lambda m: m.name.casefold())

    def carried(self, meeting: Meeting) -> list[Carried]:
        return carried(self.store, meeting)

    # -- notes -------------------------------------------------------------------------------
    def add(self, text: str, meeting: Meeting | None, kind: NoteKind = NoteKind.NOTE) -> Note:
        note = Note(meeting.id if meeting else None, text, self._stamp(), kind=kind, home="minutes")
        return self.store.notes.add(note)

    def edit(self, note: Note, text: str) -> Note:
        note.text = text
        return self.store.notes.update(note)

    def remove(self, note: Note) -> None:
        if note.id is not None:
            self.store.notes.remove(note.id)

    def restore(self, note: Note) -> Note:
        return self.store.notes.restore(note)

    def next_kind(self, note: Note) -> Note:
        note.kind = KIND_CYCLE[note.kind]
        return self.store.notes.update(note)

    def set_owner(self, note: Note, typed: str) -> Note | str:
        """The owner from a few typed letters (empty: the group); a str says what is wrong."""
        owner = resolve_member(typed, self.store.members.all())
        if isinstance(owner, str):
            return owner
        note.owner_id, note.owner_name = (owner.id, owner.name) if owner else (None, "")
        note.kind = NoteKind.ACTION
        return self.store.notes.update(note)

    def set_due(self, note: Note, typed: str) -> Note | str:
        due = parse_due(typed, numbered(self.store))
        if isinstance(due, str):
            return due
        note.due_meeting_id, note.due_date = due
        note.kind = NoteKind.ACTION
        return self.store.notes.update(note)

    def toggle_done(self, note: Note, at: Meeting | None) -> Note:
        """An open action done at `at`, or a done one open again."""
        if note.status is NoteStatus.DONE:
            note.status, note.done_meeting_id, note.done_at = NoteStatus.OPEN, None, ""
        else:
            note.kind = NoteKind.ACTION
            note.status, note.done_meeting_id, note.done_at = NoteStatus.DONE, at.id if at else None, self._stamp()
        return self.store.notes.update(note)

    # -- the follow-up ---------------------------------------------------------------------------
    def settle(self, item: Carried, at: Meeting, outcome: str = "") -> bool:
        """Mark a carried item done at `at` (an action done, a question answered, the advice's
        outcome told), or undone when it was; False if it no longer exists."""
        if item.kind is CarriedKind.ACTION:
            note = self.store.notes.get(item.id)
            if note is None:
                return False
            self.toggle_done(note, at)
        elif item.kind is CarriedKind.QUESTION:
            items = self.store.repo(BoardItem)
            board_item = items.get(item.id)
            if board_item is None:
                return False
            board_item.status = ItemStatus.ANSWERED
            board_item.archived = True
            items.update(board_item)
        else:
            repo = self.store.repo(AdviceOutcome)
            told = repo.where(case_id=item.id)
            if told and not outcome:
                for o in told:
                    repo.remove(o.id or 0)
            elif told:
                told[0].text, told[0].meeting_id = outcome, at.id
                repo.update(told[0])
            elif outcome:
                repo.add(AdviceOutcome(item.id, at.id, outcome, self._stamp()))
        return True

    def outcome(self, case_id: int) -> AdviceOutcome | None:
        told = self.store.repo(AdviceOutcome).where(case_id=case_id)
        return told[0] if told else None

    # -- roles -----------------------------------------------------------------------------------
    def toggle_shared(self, note: Note) -> Note | str:
        """Mark a note as shareable or for the group only; a str says why it cannot be shared."""
        if note.of_a_turn:
            return _(
                "A note of a speaker's turn stays in the group. Write what may be shared as a note of its own (n)."
            )
        note.shared = not note.may_be_shared
        return self.store.notes.update(note)

    def set_roles(self, meeting: Meeting, roles: dict[str, int | None], bringers: list[int]) -> Meeting:
        for name, _label in ROLE_FIELDS:
            setattr(meeting, name, roles.get(name))
        meeting.case_bringer_ids = bringers
        return self.store.meetings.update(meeting)


def resolve_member(typed: str, members: list[Member]) -> Member | str | None:
    """The one member a few typed letters point at (None when nothing is typed); a str says
    what is wrong."""
    if not typed.strip():
        return None
    matches = match_members(typed, members)
    if not matches:
        return _("Nobody on the roster matches “{typed}”.").format(typed=typed.strip())
    if len(matches) > 1:
        return _("“{typed}” matches {names}: type a few more letters.").format(
            typed=typed.strip(), names=", ".join(m.name for m in matches[:5])
        )
    return matches[0]


# -- describing a note -----------------------------------------------------------------------------


def owner_of(note: Note, names: dict[int, str]) -> str:
    """Who carries an action: the member's name now, the name they had, or the group."""
    if note.owner_id is not None and note.owner_id in names:
        return names[note.owner_id]
    return note.owner_name or _(THE_GROUP)


def where_taken(note: Note, names: Names) -> str:
    """The home a note was taken on and what it was about, in one line."""
    context = note.context
    # Notes from before the home was kept: a case means the discussion, a board item the kickoff.
    home = note.home or ("discussion" if "case_id" in context else "kickoff" if "board_item" in context else "")
    parts = [_(HOMES[home].title)] if home in HOMES else []
    if (item := context.get("board_item")) is not None:
        parts.append(_("board item: {text}").format(text=names.items.get(item, "?")[:60]))
    if (case_id := context.get("case_id")) is not None:
        case = names.cases.get(case_id)
        parts.append(_("case: {title}").format(title=case.title if case else "?"))
        if (round_index := context.get("round")) is not None:
            round_name = (
                shown(case.rounds[round_index].name, case.method_preset)
                if case and 0 <= round_index < len(case.rounds)
                else "?"
            )
            parts.append(_("round {number} ({name})").format(number=round_index + 1, name=round_name))
        if (speaker := context.get("speaker_id")) is not None:
            parts.append(_("turn of {name}").format(name=names.members.get(speaker, _("a former member"))))
    if CARRIED in context:
        parts.append(_("carried over from the network before"))
    return " · ".join(parts)


def due_text(note: Note, meetings: dict[int | None, Meeting]) -> str:
    if note.due_meeting_id is not None and note.due_meeting_id in meetings:
        return meeting_label(meetings[note.due_meeting_id])
    return note.due_date


def due_date(note: Note, meetings: dict[int | None, Meeting]) -> str:
    """When an action is due, as a date (YYYY-MM-DD): its due meeting's date, or the date typed."""
    if note.due_meeting_id is not None and note.due_meeting_id in meetings:
        return meetings[note.due_meeting_id].date
    return note.due_date


def time_of(note: Note) -> str:
    """HH:MM of a note's ISO timestamp."""
    return note.created[11:16]


__all__ = [
    "KIND_CYCLE",
    "ROLE_FIELDS",
    "Carried",
    "CarriedKind",
    "Minutes",
    "Names",
    "due_date",
    "due_text",
    "numbered",
    "owner_of",
    "parse_due",
    "resolve_member",
    "time_of",
    "where_taken",
]
