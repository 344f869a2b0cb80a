"""The command palette (issue 22, item 7): every ln-tui action from any home, by the words a facilitator
types, in English and Dutch; none of Textual's own commands."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from ln_tui.app import LnApp
from ln_tui.homes import HOMES
from ln_tui.i18n import set_language
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.screens.dialogs import TextDialog
from ln_tui.screens.kickoff.spotlight import SpotlightScreen
from ln_tui.screens.palette import HOME_COMMANDS, LnCommands
from ln_tui.screens.roster.forms import MemberForm
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)

# What a facilitator types, and the command they mean, in each language.
WANTED = {
    "en": {
        "quick note": "Quick note",
        "language": "Language: Nederlands / English",
        "spotlight": "Spotlight the selected item",
        "add member": "Add a member",
        "plan meeting": "Plan a meeting",
        "next speaker": "Next speaker",
        "start the meeting": "Start the meeting",
        "export minutes": "Export the minutes",
        "summary": "Summary of the evaluation",
        "attendance": "Present / absent / excused",
        "dutch": "Language: Nederlands / English",
        "quit": "Quit",
    },
    "nl": {
        "snelle notitie": "Snelle notitie",
        "taal": "Taal: Nederlands / English",
        "in de kijker": "Het gekozen item in de kijker",
        "spotlight": "Het gekozen item in de kijker",
        "deelnemer toevoegen": "Deelnemer toevoegen",
        "bijeenkomst plannen": "Bijeenkomst plannen",
        "volgende spreker": "Volgende spreker",
        "bijeenkomst starten": "De bijeenkomst starten",
        "verslag exporteren": "Verslag exporteren",
        "samenvatting": "Samenvatting van de evaluatie",
        "aanwezig": "Aanwezig / afwezig / verontschuldigd",
        "afsluiten": "Afsluiten",
    },
}
TEXTUAL_OWN = ("Down", "Up", "Delete", "Choose a theme", "Copy selected text", "Focus Next", "palette", "Keys ↓")


def a_meeting(store: NetworkStore) -> Meeting:
    store.members.add_many([Member(name) for name in ("Ann", "Bart", "Claire")])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.KICKOFF, "13:30", title="Kickoff"))
    store.set_current_meeting(meeting.id)
    return meeting


async def hits(screen: Screen, query: str) -> list[str]:
    """The names the palette offers for `query`, best first."""
    found = [hit async for hit in LnCommands(screen).search(query)]
    return [str(hit.text) for hit in sorted(found, key=lambda hit: -hit.score)]


async def discovered(screen: Screen) -> list[str]:
    return [str(hit.text) async for hit in LnCommands(screen).discover()]


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_a_facilitators_words_find_the_action_from_every_home(
    store: NetworkStore, make_app: AppFactory, language: str
) -> None:
    a_meeting(store)
    set_language(language)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        for mode, home in HOMES.items():
            await pilot.press(home.key)
            await pilot.pause()
            for typed, meant in WANTED[language].items():
                assert (await hits(app.screen, typed))[:1] == [meant], (mode, typed)


async def test_none_of_textuals_own_commands_and_each_name_once(store: NetworkStore, make_app: AppFactory) -> None:
    a_meeting(store)
    app = make_app(store, screen="discussion")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        everything = await hits(app.screen, "e")
        shown_first = await discovered(app.screen)
    for names in (everything, shown_first):
        assert not any(name in TEXTUAL_OWN for name in names), names
        assert len(names) == len(set(names)), names
    assert "Next speaker" in shown_first and "Quick note" in shown_first


def home_bindings(screen: Screen) -> set[tuple[str, str]]:
    """(action, first key) of every binding of ours on a home and its widgets (Textual's public BINDINGS)."""
    found = set()
    for node in (screen, *screen.walk_children()):
        for kind in type(node).__mro__:
            for binding in vars(kind).get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id and binding.id.split(".")[0] == screen.MODE:  # type: ignore[attr-defined]
                    found.add((binding.action.removeprefix("screen."), binding.key.split(",")[0]))
    return found


# Keys of a home that are not actions a person looks for by name: the filter's own, moving between
# the board's columns, leaving the projector view, cancelling a merge, the item editor's.
NOT_COMMANDS = {"clear", "focus_table", "leave_projector", "cancel_merge", "save_form", "cancel"}
NOT_COMMANDS |= {"screen.focus_column(-1)", "screen.focus_column(1)", "focus_column(-1)", "focus_column(1)"}


async def test_every_key_of_every_home_is_in_the_palette(store: NetworkStore, make_app: AppFactory) -> None:
    a_meeting(store)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        for mode, home in HOMES.items():
            await pilot.press(home.key)
            await pilot.pause()
            keys = {(action, key) for action, key in home_bindings(app.screen) if action not in NOT_COMMANDS}
            listed = {(command.action, command.key) for command in HOME_COMMANDS[mode]}
            assert keys == listed, (mode, keys - listed, listed - keys)


async def test_no_home_binds_a_key_the_app_keeps_for_itself(store: NetworkStore, make_app: AppFactory) -> None:
    """A key the app binds with priority (F1, ctrl+n, ctrl+g, ctrl+q...) never reaches a home: a home's
    binding on it would be dead (the check-in's questions and the cue were both given ctrl+g once)."""
    a_meeting(store)
    app = make_app(store)
    kept = {
        key
        for binding in app.BINDINGS
        if isinstance(binding, Binding) and binding.priority
        for key in binding.key.split(",")
    }
    async with app.run_test(size=SMALL) as pilot:
        for mode, home in HOMES.items():
            await pilot.press(home.key)
            await pilot.pause()
            clashes = {(action, key) for action, key in home_bindings(app.screen) if key in kept}
            assert not clashes, (mode, clashes)


async def test_spotlight_from_the_agenda_by_keyboard(store: NetworkStore, make_app: AppFactory) -> None:
    meeting = a_meeting(store)
    store.repo(BoardItem).add(BoardItem(meeting.id, BoardColumn.INTRODUCTIONS, "Ann: I work in home care"))
    app = make_app(store, screen="agenda")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p", *"spotlight")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "kickoff"
        assert isinstance(app.screen, SpotlightScreen)


async def test_a_quick_note_and_a_new_member_in_dutch_by_keyboard(store: NetworkStore, make_app: AppFactory) -> None:
    a_meeting(store)
    app = make_app(store, screen="agenda")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f9", "ctrl+p", *"snelle notitie")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Koffie om drie", "enter", "ctrl+p", *"deelnemer toev")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm)
        await pilot.press(*"Sofie", "enter")
        await pilot.pause()
    assert [note.text for note in store.notes.all()] == ["Koffie om drie"]
    assert "Sofie" in [member.name for member in store.members.all()]


async def test_from_an_open_evaluation_form_to_its_homes_summary_and_another_homes_form(
    store: NetworkStore, make_app: AppFactory
) -> None:
    from ln_tui.screens.evaluation.summary import SummaryScreen
    from ln_tui.screens.network.forms import MeetingForm

    a_meeting(store)
    app = make_app(store, screen="evaluation")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a", "ctrl+p", *"summary")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+p", *"plan meeting")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "network" and isinstance(app.screen, MeetingForm)


async def test_the_palettes_hint_is_in_the_language_shown(store: NetworkStore, make_app: AppFactory) -> None:
    from textual.widgets import Input

    app = make_app(store, screen="roster")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f9", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder.startswith("Typ wat je wilt doen")
