"""The demo's kickoff board: introductions, questions, expectations and agreements, as captured live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus, MergedText
from ln_tui.model import MeetingKind
from ln_tui.store import NetworkStore

if TYPE_CHECKING:
    from ln_tui.demo_types import Demo

# (member index, why I join, what I want to learn, what I can offer)
INTRODUCTIONS = [
    (
        1,
        "Mijn cliënten met dementie blijven steeds langer thuis.",
        "Hoe anderen mantelzorgers **echt** betrekken.",
        "Tien jaar casemanagement dementie.",
    ),
    (
        2,
        "Ik sta er als maatschappelijk werker vaak alleen voor.",
        "Hoe je een zorgoverleg kort en krachtig houdt.",
        "Kennis van premies en tegemoetkomingen.",
    ),
    (
        3,
        "Als huisarts zie ik te laat wat thuis misloopt.",
        "Wie ik wanneer kan inschakelen.",
        "Het medische perspectief; ik breng graag een case in.",
    ),
    (
        4,
        "Ontslag uit het ziekenhuis loopt te vaak mis.",
        "Wat er na het ontslag thuis gebeurt.",
        "Een checklist voor ontslagmanagement.",
    ),
    (
        5,
        "Planning van gezinszorg is een puzzel.",
        "Hoe je prioriteiten stelt als er wachtlijsten zijn.",
        "Ervaring met roosters en flexibele inzet.",
    ),
    (6, "Mantelzorgers raken uitgeput.", "Signalen van overbelasting vroeg zien.", "Contacten met lotgenotengroepen."),
    (8, "Wondzorg thuis vraagt veel afstemming.", "Samenwerken met de huisarts zonder te verzanden in mails.", ""),
]

# (column, text, member index or None, votes, status, archived)
ITEMS = [
    (
        BoardColumn.QUESTIONS,
        "Hoe verdelen we de rol van **casemanager** als er drie diensten betrokken zijn?",
        1,
        6,
        ItemStatus.OPEN,
        False,
    ),
    (BoardColumn.QUESTIONS, "Mogen we casusgegevens delen buiten de bijeenkomst?", 4, 5, ItemStatus.ANSWERED, True),
    (BoardColumn.QUESTIONS, "Wat doen we als een cliënt weigert dat we overleggen?", 2, 4, ItemStatus.OPEN, False),
    (BoardColumn.QUESTIONS, "Welke digitale tools gebruiken jullie voor het zorgplan?", 7, 2, ItemStatus.PARKED, False),
    (BoardColumn.QUESTIONS, "Hoe vaak komen we samen?", None, 1, ItemStatus.ANSWERED, True),
    (BoardColumn.EXPECTATIONS, "Concrete tips die ik **maandag** al kan gebruiken", 5, 5, ItemStatus.OPEN, False),
    (BoardColumn.EXPECTATIONS, "Een veilige groep waar ik ook mijn twijfels kwijt kan", 6, 4, ItemStatus.OPEN, False),
    (BoardColumn.EXPECTATIONS, "Een netwerk van collega's die ik kan bellen", 3, 3, ItemStatus.OPEN, False),
    (BoardColumn.EXPECTATIONS, "Input van buitenaf, bijvoorbeeld recent onderzoek", 8, 1, ItemStatus.OPEN, False),
    (
        BoardColumn.AGREEMENTS,
        "**Vertrouwelijkheid**: wat in de groep gezegd wordt, blijft in de groep; cases anoniem.",
        0,
        0,
        ItemStatus.OPEN,
        False,
    ),
    (
        BoardColumn.AGREEMENTS,
        "We komen **vier keer** samen, elke zes weken, van 13.30 tot 16.30 uur.",
        0,
        0,
        ItemStatus.OPEN,
        False,
    ),
    (
        BoardColumn.AGREEMENTS,
        "Wie een case inbrengt:\n- bijeenkomst 2: Jan\n- bijeenkomst 3: Sofie\n- bijeenkomst 4: Pieter",
        0,
        0,
        ItemStatus.OPEN,
        False,
    ),
    (
        BoardColumn.AGREEMENTS,
        "Tussen de bijeenkomsten communiceren we via de gedeelde map; het verslag volgt binnen een week.",
        0,
        0,
        ItemStatus.OPEN,
        False,
    ),
]

# Items the group marked "may be shared" (indexes in ITEMS): a question for other teams too, and two agreements.
SHARED = {0, 3, 9, 10}

# The same question, said twice, merged live: (index in ITEMS, text, member index)
MERGED = [(0, "Wie is de regisseur als iedereen een stukje zorg doet?", 3)]


def populate(store: NetworkStore, demo: Demo) -> None:
    kickoff = demo.meeting(MeetingKind.KICKOFF)
    members = demo.members

    def member_id(index: int | None) -> int | None:
        return None if index is None else members[index].id

    def created(order: int) -> str:
        return f"{kickoff.date}T{13 + (30 + order) // 60:02d}:{(30 + order) % 60:02d}:00"

    items = [
        BoardItem(
            kickoff.id,
            BoardColumn.INTRODUCTIONS,
            "\n".join(part for part in (why, learn, offer) if part),
            member_id(who),
            why=why,
            learn=learn,
            offer=offer,
        )
        for who, why, learn, offer in INTRODUCTIONS
    ]
    items += [
        BoardItem(
            kickoff.id, column, text, member_id(who), status, votes=votes, archived=archived, shared=index in SHARED
        )
        for index, (column, text, who, votes, status, archived) in enumerate(ITEMS)
    ]
    for index, text, who in MERGED:
        items[len(INTRODUCTIONS) + index].merged.append(MergedText(text, member_id(who)))
    for order, item in enumerate(items, 1):
        item.order, item.created = order, created(order * 3)
    store.repo(BoardItem).add_many(items)
