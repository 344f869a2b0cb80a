"""What the case-bringer does in each round of each preset, read as the room reads it (the
room's view of a discussion saved in each round), against the methods' descriptions in DOMAIN.md:
it is not derived from who speaks (in clarifying questions the others ask, the case-bringer answers)."""

from __future__ import annotations

import copy
import dataclasses
from datetime import datetime

import pytest
from conftest import FakeClock

from ln_tui.discussion.methods import BALINT, GOSSIP, INCIDENT, ONE_TWO_FOUR_ALL, TROIKA, preset
from ln_tui.discussion.model import Case, DiscussionState
from ln_tui.discussion.schedule import present_order
from ln_tui.discussion.session import Session
from ln_tui.i18n import set_language
from ln_tui.present.view import DiscussionRoom, RoomChoice, show_to_room, what_the_room_sees
from ln_tui.store import NetworkStore

TELLS = "Sofie, the case-bringer, tells the case."
ANSWERS = "Sofie, the case-bringer, answers the questions: short, facts only."
LISTENS = "Sofie, the case-bringer, listens without reacting."
RESPONDS = "Sofie, the case-bringer, responds: says what struck them and what they take from it."
DECIDES = "Sofie, the case-bringer, decides and says what they will do."
JOINS = "Sofie, the case-bringer, takes part like everyone."

EXPECTED = {
    INCIDENT: [
        ("Look back at the last meeting", JOINS),
        ("Cases brought in", JOINS),
        ("Choose one case", JOINS),
        ("Clarifying questions", ANSWERS),
        ("Analysis", JOINS),
        ("Advice", LISTENS),
        ("Evaluation and next steps", RESPONDS),
    ],
    BALINT: [
        ("Pitch the cases", JOINS),
        ("Choose one case", JOINS),
        ("Full telling", TELLS),
        ("First associations", JOINS),
        ("Clarifying questions", ANSWERS),
        ("Write advice", JOINS),
        ("Group discussion", LISTENS),
        ("The case-bringer decides", DECIDES),
        ("Evaluation", JOINS),
    ],
    GOSSIP: [
        ("Short introduction", TELLS),
        ("Open questions", ANSWERS),
        ("Gossip", LISTENS),
        ("What struck the case-bringer", RESPONDS),
        ("Evaluation", JOINS),
    ],
    TROIKA: [
        ("The client explains", TELLS),
        ("Clarifying questions", ANSWERS),
        ("Consultants talk", LISTENS),
        ("The client responds", RESPONDS),
    ],
    ONE_TWO_FOUR_ALL: [("Alone", JOINS), ("In pairs", JOINS), ("In fours", JOINS), ("All together", JOINS)],
}


def room_lines(store: NetworkStore, clock: FakeClock, case: Case) -> list[tuple[str, str]]:
    """(round line, case-bringer line) of each round, as `present` and the phones' room read the file."""
    meeting = store.current_meeting
    assert meeting is not None
    store.set_setting("discussion_case_id", case.id)
    show_to_room(store, RoomChoice.DISCUSSION)
    session = Session.start(case, present_order(meeting, store.members.all()), clock, clock())
    state = store.repo(DiscussionState).add(session.state_to_save(clock()))
    seen = []
    for _round in case.rounds:
        view = what_the_room_sees(store, datetime.fromtimestamp(clock()))
        assert isinstance(view, DiscussionRoom)
        seen.append((view.round_line, view.bringer))
        session.next_round()
        state = store.repo(DiscussionState).update(dataclasses.replace(session.state_to_save(clock()), id=state.id))
    return seen


def bring(store: NetworkStore, method: str) -> Case:
    meeting = store.current_meeting
    assert meeting is not None
    sofie = store.members.add(store.members.all()[0].__class__("Sofie"))
    rounds = copy.deepcopy(preset(method).rounds)
    return store.repo(Case).add(Case(meeting.id, "A case", sofie.id, "", "", method, rounds, True))


@pytest.mark.parametrize("method", list(EXPECTED))
def test_each_round_says_what_the_case_bringer_does(demo_store: NetworkStore, clock: FakeClock, method: str) -> None:
    case = bring(demo_store, method)
    seen = room_lines(demo_store, clock, case)
    expected = EXPECTED[method]
    assert len(seen) == len(expected)
    for (round_line, bringer), (name, line) in zip(seen, expected, strict=True):
        assert f": {name} (" in round_line
        assert bringer == line, round_line


def test_a_preset_case_saved_before_rounds_said_it_reads_the_preset(demo_store: NetworkStore, clock: FakeClock) -> None:
    case = bring(demo_store, INCIDENT)
    for spec in case.rounds:
        spec.bringer = None
    demo_store.repo(Case).update(case)
    assert room_lines(demo_store, clock, case)[3][1] == ANSWERS


def test_a_custom_round_that_does_not_say_shows_no_line(demo_store: NetworkStore, clock: FakeClock) -> None:
    case = bring(demo_store, INCIDENT)
    case.method_preset, case.method_name = False, "Ours"
    for spec in case.rounds:
        spec.bringer = None
    demo_store.repo(Case).update(case)
    assert {line for _round, line in room_lines(demo_store, clock, case)} == {""}


def test_the_lines_in_dutch(demo_store: NetworkStore, clock: FakeClock) -> None:
    set_language("nl")
    case = bring(demo_store, INCIDENT)
    lines = [line for _round, line in room_lines(demo_store, clock, case)]
    assert lines[3] == "Sofie, de inbrenger, beantwoordt de vragen: kort, enkel feiten."
    assert lines[5] == "Sofie, de inbrenger, luistert zonder te reageren."


async def test_the_round_form_says_what_the_case_bringer_does(store: NetworkStore, make_app) -> None:
    from textual.widgets import Select

    from ln_tui.discussion.model import BringerPart, RoundSpec, Speakers
    from ln_tui.screens.discussion.forms import RoundForm

    app = make_app(store, screen="discussion")
    saved: list[RoundSpec | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(RoundForm(RoundSpec("Questions", 60, speakers=Speakers.ALL_BUT_BRINGER)), saved.append)
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-bringer", Select).value is Select.NULL  # "Not said" until chosen
        form.query_one("#field-bringer").focus()
        await pilot.press("enter", "down", "down", "enter")  # past "Not said" and "tells the case"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved and saved[0] is not None and saved[0].bringer is BringerPart.ANSWERS
