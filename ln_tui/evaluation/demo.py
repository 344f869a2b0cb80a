"""The demo's evaluations: the closing meeting and one regular meeting, some anonymous, one draft;
and the group's review of the kickoff's expectations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ln_tui.agenda.learning_forms import INPUT_PREFIX
from ln_tui.evaluation.model import (
    METHOD_PREFIX,
    Evaluation,
    ExpectationReview,
    OpenQuestion,
    Question,
    QuestionReview,
    Verdict,
)
from ln_tui.evaluation.summary import expectation_items, learning_forms_for, question_items
from ln_tui.model import MeetingKind
from ln_tui.store import NetworkStore

if TYPE_CHECKING:
    from ln_tui.demo_types import Demo

Q = list(Question)
W, I, A, L, S = list(OpenQuestion)  # noqa: E741 (the open questions' initials, as in the table below)

# (member index, anonymous, draft, six 1-5 ratings (0 = skipped), case discussion, kickoff exchange,
#  external input, a rating for each method used, recommend or None, open answers)
CLOSING = [
    (
        1,
        False,
        False,
        (5, 4, 5, 5, 4, 5),
        (5, 4, 4),
        5,
        10,
        {
            W: "De cases waren herkenbaar en we gingen echt de diepte in.",
            A: "De incidentmethode: door eerst alleen vragen te stellen begreep ik de situatie beter.",
            S: "Nodig ook een huisarts uit die niet in het netwerk zit, als externe stem.",
        },
    ),
    (
        2,
        True,
        False,
        (4, 4, 5, 4, 3, 4),
        (5, 3, 4),
        4,
        9,
        {
            W: "Een veilige groep: ik durfde mijn twijfels te tonen.",
            I: "De agenda kwam soms pas de dag voordien.",
            L: "De kennismakingsronde duurde te lang voor wat ze opbracht.",
        },
    ),
    (
        3,
        False,
        False,
        (4, 3, 4, 5, 4, 4),
        (4, 4, 5),
        4,
        8,
        {
            W: "Strak getimede rondes, iedereen kwam aan bod.",
            I: "Meer tijd voor het advies, minder voor de analyse.",
        },
    ),
    (
        4,
        True,
        False,
        (5, 5, 4, 4, 2, 5),
        (5, 4, 3),
        5,
        9,
        {
            I: "De locatie in Gent was met het openbaar vervoer moeilijk bereikbaar.",
            A: "Het onderzoek van dr. Jacobs gaf onze cases een kader.",
            S: "Spreek bij de start af wie het verslag maakt.",
        },
    ),
    (
        5,
        False,
        False,
        (3, 3, 4, 4, 3, 3),
        (4, 3, 2),
        3,
        6,
        {
            I: "Minder theorie, meer concrete afspraken voor de praktijk.",
        },
    ),
    (
        6,
        False,
        False,
        (5, 4, 5, 5, 5, 5),
        (5, 5, 4),
        5,
        10,
        {
            W: "Ik heb nu collega's die ik kan bellen als het vastloopt.",
            S: "Ga door met een vijfde bijeenkomst over mantelzorg!",
        },
    ),
    (8, False, True, (4, 0, 0, 0, 0, 0), (0, 0, 0), 0, None, {}),
]

REGULAR = [
    (1, False, False, (4, 4, 4, 4, 3, 4), (4, 4, 0), 4, 8, {W: "Goede eerste case, veel herkenning."}),
    (2, True, False, (4, 3, 4, 4, 3, 3), (4, 3, 0), 3, 7, {I: "De rondes liepen uit; hou de tijd strakker."}),
    (4, False, False, (3, 3, 4, 4, 2, 3), (3, 4, 0), 3, 6, {I: "Het lokaal was te klein en te warm."}),
    (5, True, False, (4, 4, 3, 4, 4, 4), (4, 3, 0), 4, 8, {}),
    (6, False, False, (5, 4, 4, 5, 4, 4), (5, 4, 0), 5, 9, {W: "Fijn dat de moderator de tijd bewaakte."}),
]

# The group's verdict on each expectation of the kickoff, in the order they came.
VERDICTS = [
    (Verdict.MET, "Vooral de adviesrondes gaven bruikbare tips."),
    (Verdict.MET, "Iedereen vond de groep veilig."),
    (Verdict.PARTLY, "Wel contacten, nog geen vaste afspraken om elkaar te bellen."),
    (Verdict.NOT_MET, "Eén keer externe input; dat mocht meer zijn."),
]

# The group's answer to each question of the kickoff, in the order they came.
ANSWERS = [
    (Verdict.PARTLY, "Afgesproken per case; een vaste regel is er nog niet."),
    (Verdict.MET, "Alleen geanonimiseerd, zo staat het in de afspraken."),
    (Verdict.MET, "Advies van Dr. Jacobs op bijeenkomst 2."),
    (Verdict.NOT_MET, "Geparkeerd en niet meer opgenomen."),
]


def populate(store: NetworkStore, demo: Demo) -> None:
    closing = demo.meeting(MeetingKind.CLOSING)
    regular = demo.meeting(MeetingKind.REGULAR)
    forms = [
        form(demo, meeting.id, learning_forms_for(store, meeting), row)
        for meeting, rows in ((closing, CLOSING), (regular, REGULAR))
        for row in rows
    ]
    store.repo(Evaluation).add_many(forms)
    reviews = [
        ExpectationReview(item.id or 0, closing.id, verdict, remark)
        for item, (verdict, remark) in zip(expectation_items(store), VERDICTS, strict=False)
    ]
    store.repo(ExpectationReview).add_many(reviews)
    answered = [
        QuestionReview(item.id or 0, closing.id, verdict, remark)
        for item, (verdict, remark) in zip(question_items(store), ANSWERS, strict=False)
    ]
    store.repo(QuestionReview).add_many(answered)


def form(demo: Demo, meeting_id: int | None, learning_forms: list[str], row: tuple) -> Evaluation:
    member, anonymous, draft, ratings, fixed, method, recommend, answers = row
    forms = dict(zip(learning_forms, fixed, strict=False))
    forms |= {key: method for key in learning_forms if key.startswith(METHOD_PREFIX) and method}
    forms |= {key: fixed[2] for key in learning_forms if key.startswith(INPUT_PREFIX) and fixed[2]}
    return Evaluation(
        meeting_id=meeting_id,
        member_id=None if anonymous else demo.members[member].id,
        anonymous=anonymous,
        draft=draft,
        ratings={q.value: r for q, r in zip(Q, ratings, strict=True) if r},
        learning_forms={k: v for k, v in forms.items() if v},
        recommend=recommend,
        answers={q.value: text for q, text in answers.items()},
    )
