"""A year-scale network: 50 members, 12 meetings, 3,000 board items and notes, 20 cases, 600 turns.

The records go in through the store's own API, so the file is what the app writes.
"""

from __future__ import annotations

import random
from pathlib import Path

from ln_tui.discussion.model import Case, Turn
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Engagement, Meeting, MeetingKind, Member, NetworkProfile, Note, Presence, Role
from ln_tui.store import NetworkStore

WORDS = [
    "zorg",
    "casus",
    "overleg",
    "mantelzorger",
    "huisarts",
    "planning",
    "verwachting",
    "afspraak",
    "vraag",
    "team",
    "thuiszorg",
    "netwerk",
    "ervaring",
    "advies",
    "oplossing",
    "dementie",
    "ontslag",
    "budget",
    "opvolging",
    "signaal",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_year(path: Path, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    with NetworkStore.open(path) as store, store.batch():
        store.save_profile(
            NetworkProfile(
                name="Jaarnetwerk",
                topic="Een jaar leren in netwerk",
                added_value=sentence(rng, 40),
                goals="\n".join(f"- {sentence(rng, 8)}" for _ in range(5)),
                practical_info=sentence(rng, 30),
                engagement=Engagement(12, "maandelijks", sentence(rng, 12)),
            )
        )
        members = store.members.add_many(
            [
                Member(
                    f"Deelnemer {i:02d}",
                    f"lid{i}@example.be",
                    f"Organisatie {i % 9}",
                    Role.FACILITATOR if i == 0 else Role.PARTICIPANT,
                    sentence(rng, 4),
                )
                for i in range(50)
            ]
        )
        meetings = store.meetings.add_many(
            [
                Meeting(
                    f"2026-{month:02d}-15",
                    MeetingKind.KICKOFF if month == 1 else MeetingKind.CLOSING if month == 12 else MeetingKind.REGULAR,
                    "13:30",
                    "Gent",
                    attendance={m.id: Presence.ABSENT for m in rng.sample(members, 5)},  # type: ignore[misc]
                )
                for month in range(1, 13)
            ]
        )
        columns = list(BoardColumn)
        store.repo(BoardItem).add_many(
            [
                BoardItem(rng.choice(meetings).id, rng.choice(columns), sentence(rng, 12), rng.choice(members).id)
                for _ in range(1500)
            ]
        )
        store.notes.add_many(
            [Note(rng.choice(meetings).id, sentence(rng, 25), "2026-06-01T14:00:00") for _ in range(1500)]
        )
        cases = store.repo(Case).add_many(
            [
                Case(m.id, sentence(rng, 5), rng.choice(members).id, sentence(rng, 12), method_name="Incidentmethode")
                for m in meetings[1:11]
                for _ in range(2)
            ]
        )
        store.repo(Turn).add_many(
            [
                Turn(
                    case.id or 0,
                    case.meeting_id,
                    index // 10,
                    f"Ronde {index // 10 + 1}",
                    rng.choice(members).id,
                    rng.uniform(30, 180),
                    120.0,
                )
                for case in cases
                for index in range(30)
            ]
        )
    return path
