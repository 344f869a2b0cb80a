"""The demo's minutes: notes taken on every home, two decisions, three actions (one carried over
two meetings, one done), roles on every meeting and the case-bringer schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ln_tui.discussion.model import Case
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.minutes.model import AdviceOutcome
from ln_tui.model import Note, NoteKind, NoteStatus
from ln_tui.store import NetworkStore

if TYPE_CHECKING:
    from ln_tui.demo_types import Demo

# Per meeting (in date order): chair, timekeeper, minute-taker and the planned case-bringers (member indexes).
ROLES = [
    (0, 7, 8, []),
    (0, 5, 4, [1]),
    (3, 6, 8, [2, 4]),
    (0, 1, 4, [5]),
]

# (meeting index, home, kind, text, time, owner index or None, due meeting index or None, due date, done at meeting)
NOTES: list[tuple[int, str, NoteKind, str, str, int | None, int | None, str, int | None]] = [
    (0, "kickoff", NoteKind.NOTE, "Afspraak: telefoons op stil tijdens de rondes", "14:05", None, None, "", None),
    (0, "kickoff", NoteKind.DECISION, "We starten elke bijeenkomst met een opvolgronde", "15:40", None, None, "", None),
    (1, "network", NoteKind.NOTE, "Volgende keer een grotere zaal vragen aan De Linde", "13:35", None, None, "", None),
    (1, "roster", NoteKind.NOTE, "Lotte komt later: file op de E40", "13:40", None, None, "", None),
    (
        1,
        "discussion",
        NoteKind.DECISION,
        "Casussen worden altijd geanonimiseerd ingebracht",
        "14:50",
        None,
        None,
        "",
        None,
    ),
    (
        1,
        "discussion",
        NoteKind.ACTION,
        "Uitzoeken welke digitale tools de thuiszorg gebruikt voor het zorgplan",
        "15:10",
        5,
        2,
        "",
        None,
    ),
    (
        1,
        "minutes",
        NoteKind.ACTION,
        "Contactgegevens van de palliatieve support rondsturen",
        "15:55",
        3,
        2,
        "",
        2,
    ),
    (
        2,
        "minutes",
        NoteKind.ACTION,
        "Uitnodiging voor de slotbijeenkomst versturen",
        "16:00",
        None,
        None,
        "2026-05-12",
        None,
    ),
    (
        3,
        "evaluation",
        NoteKind.NOTE,
        "Evaluatieformulieren op papier voor wie geen laptop heeft",
        "15:20",
        None,
        None,
        "",
        None,
    ),
]

# Notes the group marked "may be shared" (decisions and actions are, unless unmarked).
SHARED_NOTES = {"Volgende keer een grotere zaal vragen aan De Linde"}

OUTCOME = "Gesprek met de zoon gepland; dhr. V. bezoekt eerst een dag het dagcentrum."


def populate(store: NetworkStore, demo: Demo) -> None:
    members, meetings = demo.members, demo.meetings
    for meeting, (chair, timekeeper, taker, bringers) in zip(meetings, ROLES, strict=True):
        meeting.chair_id, meeting.timekeeper_id = members[chair].id, members[timekeeper].id
        meeting.minute_taker_id = members[taker].id
        meeting.case_bringer_ids = [members[i].id or 0 for i in bringers]
        store.meetings.update(meeting)
    agreement = next(
        (i for i in store.repo(BoardItem).where(meeting_id=meetings[0].id) if i.column is BoardColumn.AGREEMENTS),
        None,
    )
    notes = []
    for index, home, kind, text, time, owner, due, due_date, done in NOTES:
        meeting = meetings[index]
        note = Note(meeting.id, text, f"{meeting.date}T{time}:00", kind=kind, home=home)
        note.shared = True if text in SHARED_NOTES else None
        if home == "kickoff" and kind is NoteKind.NOTE and agreement is not None:
            note.context = {"board_item": agreement.id or 0}
        if owner is not None:
            note.owner_id, note.owner_name = members[owner].id, members[owner].name
        note.due_meeting_id = meetings[due].id if due is not None else None
        note.due_date = due_date
        if done is not None:
            note.status, note.done_meeting_id = NoteStatus.DONE, meetings[done].id
            note.done_at = f"{meetings[done].date}T13:50:00"
        notes.append(note)
    store.notes.add_many(notes)
    first_case = min(store.repo(Case).all(), key=lambda c: c.id or 0, default=None)
    if first_case is not None:
        store.repo(AdviceOutcome).add(
            AdviceOutcome(first_case.id or 0, meetings[2].id, OUTCOME, f"{meetings[2].date}T13:45:00")
        )
