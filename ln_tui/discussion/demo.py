"""Two worked case discussions on the demo's regular meetings: turns, time spoken, notes, external input."""

from __future__ import annotations

import copy
import itertools
import random
from typing import TYPE_CHECKING

from ln_tui.discussion.methods import GOSSIP, INCIDENT, preset
from ln_tui.discussion.model import Case, DiscussionState, ExternalInput, InputKind, Turn
from ln_tui.discussion.schedule import present_order, round_speakers, shuffled
from ln_tui.model import MeetingKind, Note
from ln_tui.store import NetworkStore

if TYPE_CHECKING:
    from ln_tui.demo_types import Demo

# How much of each time box was used, in turn: some short, some over time.
USE = (0.8, 1.1, 0.65, 0.95, 1.25, 0.7, 1.0, 0.9)

# (regular meeting, bringer, method, title, client alias, question, context, notes by round)
CaseSpec = tuple[int, int, str, str, str, str, str, dict[int, list[tuple[int | None, str]]]]

CASES: list[CaseSpec] = [
    # (regular meeting index, bringer index, method, title, client alias, question, context,
    #  notes by round: [(speaker index|None, text)]). Clients by an alias only, as members are asked to.
    (
        0,
        1,
        INCIDENT,
        "Een tachtiger wil niet naar het woonzorgcentrum",
        "Dhr. V., 80+",
        "Hoe respecteer ik zijn keuze zonder zijn dochter in de steek te laten?",
        "Dhr. V. woont alleen, valt geregeld en weigert elke opname. Zijn dochter belt me **wekelijks** in paniek.",
        {
            3: [
                (2, "Wat zegt de huisarts over zijn beslisvaardigheid?"),
                (4, "Is er al een valpreventie-aanbod geweest?"),
            ],
            5: [
                (2, "Organiseer een overleg thuis met dochter, huisarts en thuisverpleging."),
                (8, "Bespreek een personenalarm als tussenstap."),
                (5, "Laat de dochter haar zorgen aan haar vader zelf vertellen, met jou erbij."),
            ],
            6: [(1, "Ik plan het overleg voor de volgende bijeenkomst en breng verslag uit.")],
        },
    ),
    (
        1,
        2,
        GOSSIP,
        "Een mantelzorger op de rand van uitputting",
        "Dhr. M., 70+, mantelzorger",
        "Hoe krijg ik een mantelzorger zover dat hij hulp aanvaardt?",
        "Een man zorgt al drie jaar voor zijn vrouw met dementie en wijst respijtzorg af.",
        {
            1: [(1, "Wat betekent 'hulp aanvaarden' voor hem?"), (7, "Weet hij wat het zorgbudget kan betalen?")],
            2: [
                (None, "Misschien voelt hij hulp als falen; begin bij wat hij wél nog wil doen."),
                (None, "Een lotgenotengroep kan meer doen dan een professional."),
            ],
            3: [(2, "Ik neem het idee van de lotgenotengroep mee naar ons team.")],
        },
    ),
]

# Notes on a case the group marked "may be shared" (never a note of a speaker's turn).
SHARED_NOTES = {"Een lotgenotengroep kan meer doen dan een professional."}

INPUTS = [
    (0, InputKind.EXPERT, "Dr. Hilde Jacobs: 'Vraag bij weigering eerst naar wat iemand vreest te verliezen.'"),
    (0, InputKind.LINK, "https://www.vlaanderen.be/mantelzorg"),
    (1, InputKind.SOURCE, "Brochure 'Zorg voor de mantelzorger', Mantelzorgnetwerk Vlaanderen (2025)"),
]


def populate(store: NetworkStore, demo: Demo) -> None:
    members = demo.members
    use = itertools.cycle(USE)
    rng = random.Random(5)
    for meeting_index, bringer_index, method_name, title, alias, question, context, notes in CASES:
        meeting = demo.meeting(MeetingKind.REGULAR, meeting_index)
        method = preset(method_name)
        case = store.repo(Case).add(
            Case(
                meeting.id,
                title,
                members[bringer_index].id,
                question,
                context,
                method.name,
                copy.deepcopy(method.rounds),
                True,
                client_alias=alias,
            )
        )
        order = shuffled(present_order(meeting, members), rng)
        turns = []
        for index, spec in enumerate(method.rounds):
            for speaker in round_speakers(order, spec, case.bringer_id):
                turns.append(
                    Turn(
                        case.id or 0,
                        meeting.id,
                        index,
                        spec.name,
                        speaker,
                        round(spec.seconds * next(use)),
                        spec.seconds,
                    )
                )
        store.repo(Turn).add_many(turns)
        store.repo(DiscussionState).add(
            DiscussionState(case.id or 0, order, round_index=len(method.rounds), finished=True)
        )
        for round_index, texts in notes.items():
            for speaker_index, text in texts:
                note_context = {"case_id": case.id or 0, "round": round_index}
                if speaker_index is not None:
                    note_context["speaker_id"] = members[speaker_index].id or 0
                taken = f"{meeting.date}T{meeting.time or '13:30'}:00"
                shared = True if text in SHARED_NOTES else None
                store.notes.add(Note(meeting.id, text, taken, note_context, shared=shared))
    for meeting_index, kind, text in INPUTS:
        meeting = demo.meeting(MeetingKind.REGULAR, meeting_index)
        store.repo(ExternalInput).add(ExternalInput(meeting.id, text, kind, f"{meeting.date}T14:00:00"))
