"""One lifecycle for every home: shown, left, shown again and built again in another language (F9).

Each home is driven by keyboard at 80x24 as a new user would: open it, F9, visit another home,
come back, F9 again. Every time: no error, the home's data shown in the language now chosen, the
main widget focused, the save line shown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ln_tui.app import LnApp
from ln_tui.homes import HOMES
from ln_tui.i18n import get_language
from ln_tui.screens.base import HomeScreen, SaveStatus
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZE = (80, 24)


def screen_text(app: LnApp) -> str:
    """The characters on the terminal now (from Textual's public screenshot)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    return html.unescape("".join(lines)).replace("\xa0", " ")


@dataclass(frozen=True)
class Expect:
    """What a home shows in English and in Dutch, and the widget that has the focus."""

    main: str
    english: tuple[str, ...]
    dutch: tuple[str, ...]


EXPECTED = {
    # the meetings table: its headers and a kind of meeting (data, translated)
    "network": Expect("#profile-form", ("Date", "Kind", "kickoff"), ("Datum", "Soort", "startbijeenkoms")),
    # the roster table: its headers and the members (data)
    "roster": Expect(
        "#roster-table", ("Name", "Organisation", "Hilde Jacobs"), ("Naam", "Organisatie", "Hilde Jacobs")
    ),
    # the board: column titles and the labels of the introductions' cards (data)
    "kickoff": Expect(
        "#list-introductions",
        ("Questions (3)", "Why I join", "I can offer"),
        ("Vragen (3)", "Waarom ik", "Wat ik kan"),
    ),
    # the cases and the speaking order of the current meeting (data)
    "discussion": Expect("#case-list", ("Speaking order", "Tom Vermeulen"), ("Sprekersvolgorde", "Tom Vermeulen")),
    # the notes of the meeting (data) under their headers
    "minutes": Expect(
        "#minutes-table", ("Notes, decisions and actions of",), ("Notities, beslissingen en acties van",)
    ),
    # the evaluation forms of the meeting (data) under their headers
    "evaluation": Expect("#forms-table", ("Participant", "Evaluation of"), ("Deelnemer", "Evaluatie van")),
    # the agenda of the meeting (data, run on the meeting clock) and the clock's state
    "agenda": Expect(
        "#agenda-table",
        ("Began", "The meeting is over.", "Gastspreker"),
        ("Begon", "De bijeenkomst is voorbij.", "Gastspreker"),
    ),
}

SAVED = {"en": "✓ saved", "nl": "✓ bewaard"}


def check(app: LnApp, mode: str) -> None:
    screen = app.screen
    assert isinstance(screen, HomeScreen) and mode == screen.MODE
    expect = EXPECTED[mode]
    shown = screen_text(app)
    for text in expect.dutch if get_language() == "nl" else expect.english:
        assert text in shown, f"{mode}: {text!r} not on screen in {get_language()}:\n{shown}"
    assert str(screen.query_one(SaveStatus).render()) == SAVED[get_language()]
    assert SAVED[get_language()] in shown
    assert app.focused is not None and app.focused in screen.query(expect.main), (mode, app.focused)


@pytest.mark.parametrize("mode", list(HOMES))
async def test_a_home_shown_again_and_in_another_language(
    mode: str, demo_store: NetworkStore, make_app: AppFactory
) -> None:
    other = "roster" if mode == "network" else "network"
    app = make_app(demo_store, screen="network")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(HOMES[mode].key)
        await pilot.pause()
        check(app, mode)
        await pilot.press("f9")  # -> Dutch
        await pilot.pause()
        check(app, mode)
        await pilot.press(HOMES[other].key, HOMES[mode].key)
        await pilot.pause()
        check(app, mode)
        await pilot.press("f9")  # -> English again
        await pilot.pause()
        check(app, mode)
        await pilot.press(HOMES[other].key, HOMES[mode].key)
        await pilot.pause()
        check(app, mode)
    assert app.return_code in (None, 0)


async def test_the_evaluation_home_after_f9_f2_f6_does_not_crash(
    demo_store: NetworkStore, make_app: AppFactory
) -> None:
    """The crash of the issue: the table was built again without its columns."""
    app = make_app(demo_store, screen="evaluation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9", "f2", "f6")
        await pilot.pause()
        check(app, "evaluation")
        assert app.screen.query_one("#forms-table").row_count > 0  # type: ignore[attr-defined]
