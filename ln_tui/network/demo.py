"""The demo network's profile, members and meetings (Flemish care professionals)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ln_tui.model import (
    Engagement,
    Meeting,
    MeetingKind,
    Member,
    NetworkProfile,
    Presence,
    Role,
)
from ln_tui.store import NetworkStore

if TYPE_CHECKING:
    from ln_tui.demo_types import Demo

PROFILE = NetworkProfile(
    name="Lerend netwerk Zorgcoördinatie",
    topic="Coördinatie van thuiszorg rond kwetsbare ouderen",
    added_value=(
        "Je leert van collega's uit **andere organisaties** hoe zij moeilijke situaties "
        "aanpakken, en je bouwt een netwerk op dat je ook tussen de bijeenkomsten kunt bellen."
    ),
    goals=(
        "- Samen praktijkcases analyseren en nieuwe oplossingen vinden\n"
        "- Een gedeelde taal ontwikkelen over casemanagement\n"
        "- Goede praktijken verzamelen voor de eigen teams"
    ),
    practical_info=(
        "We komen samen in het **Dienstencentrum De Linde**, Kerkstraat 12, Gent, "
        "telkens van 13.30 tot 16.30 uur. Koffie staat klaar vanaf 13.15 uur."
    ),
    engagement=Engagement(
        planned_meetings=4,
        cadence="elke zes weken",
        communication=(
            "Je brengt minstens één praktijkcase in en leest het verslag na binnen de week. "
            "Kan je niet komen, verwittig dan Els vooraf; tussen de bijeenkomsten mailen we "
            "via de groepslijst."
        ),
        passing_on=(
            "Na elke bijeenkomst vertel je op je **teamoverleg** wat je leerde. Wat je "
            "doorgeeft, is anoniem: namen van cliënten en collega's blijven in de groep."
        ),
    ),
)

MEMBERS = [
    Member(
        "Els Van den Broeck",
        "els.vandenbroeck@delinde.be",
        "Dienstencentrum De Linde",
        Role.FACILITATOR,
        "intervisie, begeleiding van groepen",
    ),
    Member(
        "Jan Peeters", "jan.peeters@thuiszorg-gent.be", "Thuiszorg Gent", Role.PARTICIPANT, "casemanagement, dementie"
    ),
    Member("Fatima El Amrani", "f.elamrani@ocmw-lokeren.be", "OCMW Lokeren", Role.PARTICIPANT, "sociaal werk, armoede"),
    Member(
        "Pieter De Smet",
        "pieter.desmet@wgcdebrug.be",
        "WGC De Brug",
        Role.PARTICIPANT,
        "huisartsgeneeskunde, multidisciplinair overleg",
    ),
    Member(
        "Sofie Claes", "sofie.claes@ziekenhuis-aalst.be", "OLV Ziekenhuis Aalst", Role.PARTICIPANT, "ontslagmanagement"
    ),
    Member("Karim Benali", "karim.benali@familiehulp.be", "Familiehulp", Role.PARTICIPANT, "gezinszorg, planning"),
    Member(
        "An Wouters",
        "an.wouters@mantelzorg.be",
        "Mantelzorgnetwerk Vlaanderen",
        Role.PARTICIPANT,
        "ondersteuning van mantelzorgers",
    ),
    Member(
        "Tom Vermeulen", "tom.vermeulen@cm.be", "CM Midden-Vlaanderen", Role.PARTICIPANT, "zorgbudget, administratie"
    ),
    Member(
        "Lotte Maes", "lotte.maes@wit-gele-kruis.be", "Wit-Gele Kruis", Role.PARTICIPANT, "thuisverpleging, wondzorg"
    ),
    Member(
        "Dr. Hilde Jacobs", "hilde.jacobs@ugent.be", "Universiteit Gent", Role.GUEST, "onderzoek naar integrale zorg"
    ),
]

MEETINGS = [
    Meeting("2026-01-20", MeetingKind.KICKOFF, "13:30", "De Linde, Gent", "Startbijeenkomst"),
    Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", "De Linde, Gent", "Bijeenkomst 2"),
    Meeting("2026-04-14", MeetingKind.REGULAR, "13:30", "Thuiszorg Gent", "Bijeenkomst 3"),
    Meeting("2026-05-26", MeetingKind.CLOSING, "13:30", "De Linde, Gent", "Slotbijeenkomst"),
]

JOINED = "2026-01-06"  # the day the members signed up, two weeks before the kickoff

# (meeting index, member index) -> presence other than present.
ABSENCES = {
    (0, 9): Presence.EXCUSED,
    (1, 3): Presence.EXCUSED,
    (1, 9): Presence.ABSENT,
    (2, 6): Presence.ABSENT,
    (2, 9): Presence.EXCUSED,
    (3, 7): Presence.EXCUSED,
}


def populate(store: NetworkStore, demo: Demo) -> None:
    store.save_profile(copy.deepcopy(PROFILE))
    members = copy.deepcopy(MEMBERS)
    for member in members:
        member.joined = JOINED
    demo.members = store.members.add_many(members)
    meetings = copy.deepcopy(MEETINGS)
    for (meeting_index, member_index), presence in ABSENCES.items():
        meetings[meeting_index].attendance[demo.members[member_index].id or 0] = presence
    demo.meetings = store.meetings.add_many(meetings)
    store.set_current_meeting(demo.meetings[1].id)
