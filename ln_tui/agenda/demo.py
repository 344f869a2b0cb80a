"""The demo's agendas: every meeting has one with times, the first regular meeting a guest
speaker, the second a site visit; the kickoff, the first regular and the closing meeting were
run on the meeting clock; the closing meeting has a harvest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ln_tui.agenda.clock import scheduled_start
from ln_tui.agenda.closing import save_harvest, set_own_learning_forms
from ln_tui.agenda.model import (
    AgendaItem,
    Continuation,
    ExternalInput,
    Harvest,
    InputKind,
    ItemKind,
    ItemRun,
    MeetingClock,
)
from ln_tui.agenda.templates import items_from, template_for
from ln_tui.discussion.model import TurnClock
from ln_tui.model import MeetingKind

if TYPE_CHECKING:
    from ln_tui.demo_types import Demo
    from ln_tui.store import NetworkStore

GUEST = ExternalInput(
    InputKind.GUEST_SPEAKER,
    "Dr. An Peeters",
    "UZ Gent, transferdienst",
    "Ontslagmanagement: zo komt niemand zonder zorg thuis",
    ["https://www.zorg-en-gezondheid.be/ontslagmanagement"],
    "Breng één ontslag mee dat misliep, in drie zinnen.",
)
VISIT = ExternalInput(
    InputKind.SITE_VISIT,
    "Jan Peeters",
    "Thuiszorg Gent",
    "Werkbezoek: hoe de nachtequipe van Thuiszorg Gent werkt",
    ["https://www.thuiszorg-gent.be"],
    "Lees het draaiboek van de nachtequipe (in de gedeelde map).",
)

# Minutes each item actually took, per meeting run on the clock (kickoff, regular 0, closing).
RUNS = {
    (MeetingKind.KICKOFF, 0): [12, 47, 38, 15, 31, 12],
    (MeetingKind.REGULAR, 0): [9, 18, 52, 15, 44, 17],
    (MeetingKind.CLOSING, 0): [10, 50, 28, 20, 35, 14],
}

HARVEST = Harvest(
    insights="- Een ontslag op vrijdag vraagt een plan dat maandag al klaarligt.\n"
    "- Mantelzorgers haken af als niemand hen vraagt wat ze vrezen.",
    good_practices="- Een vast belmoment met de huisarts op de dag van ontslag.\n"
    "- De adviesronde van de incidentmethode, strak getimed.",
    continues=[
        Continuation("Een intervisiegroep in trio's, om de zes weken", "Lotte Maes"),
        Continuation("Het draaiboek ontslag op vrijdag, voor alle teams", "Karim Benali"),
    ],
)


def populate(store: NetworkStore, demo: Demo) -> None:
    for meeting in demo.meetings:
        items = items_from(template_for(store, meeting.kind), meeting.id)
        if meeting is demo.meeting(MeetingKind.REGULAR, 0):
            external = next(i for i in items if i.kind is ItemKind.EXTERNAL)
            external.title, external.preset_title, external.external = (
                "Gastspreker over ontslagmanagement",
                False,
                GUEST,
            )
        if meeting is demo.meeting(MeetingKind.REGULAR, 1):
            external = next(i for i in items if i.kind is ItemKind.EXTERNAL)
            external.title, external.preset_title = "Werkbezoek bij de nachtequipe", False
            external.minutes, external.external = 60, VISIT
            next(i for i in items if i.kind is ItemKind.EVALUATION).minutes = 10
        store.repo(AgendaItem).add_many(items)
        for (kind, index), took in RUNS.items():
            if meeting is demo.meeting(kind, index):
                store.repo(MeetingClock).add(run_clock(meeting.id or 0, items, took, scheduled_start(meeting) or 0.0))
    set_own_learning_forms(store, ["Intervisie in trio's"])
    record = Harvest(HARVEST.insights, HARVEST.good_practices, list(HARVEST.continues))
    save_harvest(store, record)


def run_clock(meeting_id: int, items: list[AgendaItem], took: list[int], start: float) -> MeetingClock:
    """A meeting run from `start` (epoch), each item taking the given minutes."""
    runs, at = [], start + 4 * 60  # it began four minutes late
    for item, minutes in zip(items, took, strict=True):
        runs.append(ItemRun(item.id or 0, at, minutes * 60.0, item.minutes * 60.0))
        at += minutes * 60
    return MeetingClock(meeting_id, started=start + 4 * 60, runs=runs, ended=at, item=TurnClock())
