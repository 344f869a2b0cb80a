"""The command palette (ctrl+p): every ln-tui action, from any home, by the words a facilitator types.

A command `Provider` of our own (as posting and harlequin have): it lists our actions only, none of
Textual's own ("Choose a theme", the cursor keys). Each command names the home it belongs to and the
action of that home; chosen from another home, the palette goes there first, then runs it. A command
is found by its name or by other words people use for it (`words`), in the language shown and in
English, a word of the query matching the start of a word of the command; else by Textual's fuzzy
match on its name. `tests/test_palette.py` checks that every key of every home is here.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import ModalScreen

from ln_tui.homes import HOMES
from ln_tui.i18n import N_, _
from ln_tui.screens.base import HomeScreen, translate_bindings

if TYPE_CHECKING:
    from textual.screen import Screen

    from ln_tui.app import LnApp


@dataclass(frozen=True)
class Command:
    """One thing a facilitator can do. `name` and `words` are marked with N_ (translated where shown)."""

    name: str
    words: str  # other words for it, as people type them, separated by spaces
    action: str  # an action of the home (or of the app, without a home)
    key: str = ""  # the key that does it (a Textual key name)
    home: str = ""  # the mode it runs on; "" = anywhere


def home_commands(mode: str, *rows: tuple[str, str, str, str]) -> list[Command]:
    return [Command(name, words, action, key, mode) for key, action, name, words in rows]


# The app's own commands, run on any home.
APP_COMMANDS = [
    Command(N_("Quick note"), N_("note write down jot remember capture"), "note", "ctrl+n"),
    Command(N_("Cue to the speaker"), N_("cue speaker minute round off time message signal"), "cue", "ctrl+g"),
    Command(N_("Keys of this screen"), N_("help keys shortcuts"), "help", "f1"),
    Command(N_("Language: Nederlands / English"), N_("language dutch english translate"), "toggle_language", "f9"),
    Command(N_("Projector theme dark / light"), N_("theme colours contrast projector beamer"), "toggle_theme", "f8"),
    Command(N_("Save now"), N_("save retry disk"), "save", "ctrl+s"),
    Command(N_("Your seat: name and job"), N_("seat name job timekeeper note-taker facilitator"), "seat"),
    Command(N_("Put my value back"), N_("put back value other seat overwritten restore"), "put_back", "ctrl+b"),
    Command(N_("Phones in the room"), N_("phones room qr join smartphone"), "room_panel", "ctrl+r"),
    Command(N_("Show to the room / hide from the room"), N_("present projector room show hide screen"), "room", "f12"),
    Command(N_("Start a follow-up network"), N_("follow-up next network new file copy"), "follow_up_network"),
    Command(N_("Quit"), N_("quit exit close leave stop"), "quit", "ctrl+q"),
]
CLOSE_ROOM = Command(N_("Close the room"), N_("room phones stop close"), "close_room")

# Each home's actions: (key, action, name, other words). The key is the first of its binding's keys.
HOME_COMMANDS: dict[str, list[Command]] = {
    "network": home_commands(
        "network",
        ("a", "add_meeting", N_("Plan a meeting"), N_("new meeting add schedule date")),
        ("e", "edit_meeting", N_("Edit the selected meeting"), N_("change meeting")),
        ("r", "reschedule", N_("Reschedule a meeting"), N_("move postpone date")),
        ("delete", "remove_meeting", N_("Remove the selected meeting"), N_("delete cancel meeting")),
        ("c", "make_current", N_("Make the selected meeting current"), N_("current meeting choose")),
        ("o", "meeting_roles", N_("Roles of a meeting"), N_("chair timekeeper minute-taker roles")),
        ("ctrl+o", "announcement", N_("Announcement"), N_("invitation announce profile export")),
        ("ctrl+t", "focus_meetings", N_("To the planned meetings"), N_("meetings list")),
        ("ctrl+l", "checkin_questions", N_("Check-in questions"), N_("check-in questions round opening list")),
    ),
    "roster": home_commands(
        "roster",
        ("a", "add", N_("Add a member"), N_("new member participant person")),
        ("e", "edit", N_("Edit the selected member"), N_("change member")),
        ("delete", "remove", N_("Remove the selected member"), N_("delete member")),
        ("u", "undo", N_("Undo the removal of a member"), N_("undo restore member")),
        ("t", "thread", N_("Learning thread of a member"), N_("thread goal learn check-in take-home progress")),
        ("space", "toggle_presence", N_("Present / absent / excused"), N_("attendance presence absent excused")),
        ("slash", "focus_filter", N_("Filter the roster"), N_("search find member")),
        ("s", "sort", N_("Sort the roster"), N_("order column")),
        ("r", "reverse", N_("Reverse the order of the roster"), N_("sort descending")),
        ("c", "confirm", N_("Confirm membership"), N_("confirm commitment engagement")),
        (
            "k",
            "commitment",
            N_("Commitment confirmed by the member"),
            N_("commitment engagement confirm announcement expect meetings"),
        ),
        ("i", "import_csv", N_("Import members from a CSV file"), N_("csv spreadsheet excel import")),
        ("x", "export_csv", N_("Export the roster as CSV"), N_("csv spreadsheet excel export")),
        ("F", "forget", N_("Forget a member everywhere (GDPR)"), N_("forget gdpr privacy erase personal data")),
        ("E", "export_member", N_("What the file holds about a member (GDPR)"), N_("gdpr access personal data export")),
        ("left_square_bracket", "step_meeting(-1)", N_("Roster of the previous meeting"), N_("earlier back")),
        ("right_square_bracket", "step_meeting(1)", N_("Roster of the next meeting"), N_("later forward")),
    ),
    "kickoff": home_commands(
        "kickoff",
        ("n", "add", N_("New board item"), N_("add question expectation introduction agreement card")),
        ("f", "spotlight", N_("Spotlight the selected item"), N_("spotlight focus enlarge project")),
        ("a", "answered", N_("Answered"), N_("answered question done")),
        ("e", "edit", N_("Edit the selected item"), N_("change card")),
        ("plus", "vote(1)", N_("Vote for the selected item"), N_("vote plus up")),
        ("minus", "vote(-1)", N_("Take a vote back"), N_("vote minus down")),
        ("s", "sort", N_("Sort the board by votes / time"), N_("sort order votes")),
        ("p", "parked", N_("Park the selected item"), N_("park later parking")),
        ("m", "merge", N_("Merge two items"), N_("merge join combine duplicate")),
        ("shift+left", "move(-1)", N_("Move the item to the column left"), N_("move column")),
        ("shift+right", "move(1)", N_("Move the item to the column right"), N_("move column")),
        ("d", "delete", N_("Delete the selected item"), N_("delete remove card")),
        ("u", "undo", N_("Undo on the board"), N_("undo back")),
        ("v", "archive", N_("Archive of the board"), N_("archive restore removed")),
        ("b", "choose_meeting", N_("Board of another meeting"), N_("meeting board other")),
        ("g", "shared", N_("Item may be shared / for the group"), N_("share shareable private group confidential")),
    ),
    "discussion": home_commands(
        "discussion",
        ("space", "toggle_pause", N_("Pause / resume the turn"), N_("pause resume stop timer clock")),
        ("n", "next_speaker", N_("Next speaker"), N_("next speaker turn")),
        ("r", "restart_turn", N_("Restart the turn"), N_("restart again reset timer")),
        ("N", "next_round", N_("Next round"), N_("next round")),
        ("p", "projector", N_("Projector view of the discussion"), N_("projector beamer big clock")),
        ("u", "undo", N_("Undo in the discussion"), N_("undo back")),
        ("plus", "extend", N_("Add a minute to the turn"), N_("extend more time minute")),
        ("s", "skip", N_("Skip the speaker"), N_("skip pass speaker")),
        ("h", "shuffle", N_("Shuffle the speaking order"), N_("shuffle random order")),
        ("left_square_bracket", "move(-1)", N_("Speak earlier"), N_("order earlier move up")),
        ("right_square_bracket", "move(1)", N_("Speak later"), N_("order later move down")),
        ("delete", "remove_speaker", N_("Take the speaker out of the order"), N_("remove absent speaker")),
        ("c", "new_case", N_("New practice case"), N_("case bring add")),
        ("F", "finish_discussion", N_("Finish the discussion"), N_("finish end stop case")),
        ("e", "edit_case", N_("Edit the case"), N_("change case")),
        ("M", "methods", N_("Discussion methods"), N_("method incident balint gossip troika intervision")),
        ("x", "external_input", N_("External input of the meeting"), N_("guest speaker expert visit video")),
        ("f", "follow_up", N_("Follow-up of the previous meeting"), N_("follow-up previous actions advice")),
        ("t", "fairness", N_("Speaking time per person"), N_("speaking time balance fairness")),
        ("T", "thresholds", N_("Amber / red thresholds"), N_("amber red colours warning thresholds")),
        (
            "w",
            "reveal_written",
            N_("Reveal what was written (silent writing)"),
            N_("reveal written silent writing advice balint wall phones"),
        ),
    ),
    "evaluation": home_commands(
        "evaluation",
        ("enter", "open_form", N_("Fill in the selected evaluation form"), N_("form fill evaluate")),
        ("a", "anonymous_form", N_("New anonymous evaluation form"), N_("anonymous form new")),
        ("delete", "remove_form", N_("Remove the selected form"), N_("delete form")),
        ("m", "choose_meeting", N_("Evaluation of another meeting"), N_("meeting choose")),
        ("x", "expectations", N_("Expectations met?"), N_("expectations kickoff review")),
        ("q", "questions", N_("Questions answered?"), N_("questions kickoff review")),
        ("l", "goals", N_("Learning goals reached?"), N_("goals learning review reached close")),
        ("s", "summary", N_("Summary of the evaluation"), N_("summary results chart histogram")),
        ("p", "pulse", N_("Safety pulse"), N_("safety pulse atmosphere safe climate")),
        ("g", "group_minimum", N_("Smallest group shown"), N_("minimum group privacy three people")),
    ),
    "minutes": home_commands(
        "minutes",
        ("n", "add", N_("New note in the minutes"), N_("note add write")),
        ("e", "edit", N_("Edit the selected note"), N_("change note")),
        ("k", "kind", N_("Note / decision / action"), N_("kind decision action")),
        ("o", "owner", N_("Owner of the action"), N_("owner who action assign")),
        ("w", "due", N_("When the action is due"), N_("due date deadline action")),
        ("space", "done", N_("Done / open"), N_("done finished open action")),
        ("delete", "delete", N_("Delete the selected note"), N_("delete remove note")),
        ("u", "undo", N_("Undo the deletion of a note"), N_("undo restore note")),
        ("f", "toggle_view", N_("Carried forward / notes"), N_("carried forward open actions questions advice")),
        ("s", "share", N_("Note may be shared / for the group"), N_("share shareable private group confidential")),
        ("slash", "focus_filter", N_("Filter the minutes"), N_("search find")),
        ("m", "choose_meeting", N_("Minutes of another meeting"), N_("meeting choose")),
        ("left_square_bracket", "step_meeting(-1)", N_("Minutes of the previous meeting"), N_("earlier back")),
        ("right_square_bracket", "step_meeting(1)", N_("Minutes of the next meeting"), N_("later forward")),
        ("r", "roles", N_("Roles of the meeting"), N_("chair timekeeper minute-taker roles")),
        ("p", "preview", N_("Preview the minutes"), N_("preview read minutes")),
        ("x", "export", N_("Export the minutes"), N_("export markdown html print share")),
    ),
    "agenda": home_commands(
        "agenda",
        ("s", "start", N_("Start the meeting"), N_("start begin clock")),
        ("space", "toggle_pause", N_("Pause / resume the meeting clock"), N_("pause resume clock")),
        ("n", "next_item", N_("Next agenda item"), N_("next item")),
        ("m", "extend", N_("Add a minute to the item"), N_("extend more time minute")),
        ("p", "projector", N_("Projector view of the agenda"), N_("projector beamer big clock")),
        ("i", "checkin", N_("Check-in round of the meeting"), N_("check-in round opening question answers")),
        ("a", "add", N_("Add an agenda item"), N_("new item add")),
        ("e", "edit", N_("Edit the agenda item"), N_("change item")),
        ("delete", "remove", N_("Remove the agenda item"), N_("delete item")),
        ("u", "undo", N_("Undo on the agenda"), N_("undo back")),
        ("left_square_bracket", "move(-1)", N_("Move the item up"), N_("move earlier order")),
        ("right_square_bracket", "move(1)", N_("Move the item down"), N_("move later order")),
        ("plus", "minutes(5)", N_("5 minutes more for the item"), N_("longer time box")),
        ("minus", "minutes(-5)", N_("5 minutes less for the item"), N_("shorter time box")),
        ("x", "external", N_("External input on the item"), N_("guest speaker expert visit video")),
        ("t", "use_template", N_("Use the template agenda"), N_("template programme reset")),
        ("T", "save_template", N_("Save as the network's template"), N_("template programme save")),
        ("L", "length", N_("Length of the meeting"), N_("length duration end time")),
        ("E", "end", N_("End the meeting"), N_("end stop finish meeting")),
        ("l", "learning_forms", N_("Learning forms of our own"), N_("learning forms evaluation")),
        ("C", "close_network", N_("Close the network (harvest)"), N_("close harvest final end network")),
        ("K", "keep_learned", N_("Keep only what the network learned"), N_("keep learned forget privacy harvest")),
    ),
}

_WORD = re.compile(r"\w[\w-]*")


def vocabulary(command: Command) -> set[str]:
    """The words a command is found by: its name and other words, shown and in English."""
    texts = (_(command.name), _(command.words), command.name, command.words)
    return {word.casefold() for text in texts for word in _WORD.findall(text)}


def word_match(query: str, command: Command, shown: str) -> float:
    """Every word typed starts a word of the command's name (the best, the shorter name first), or of
    its other words (next); 0 when not. Above Textual's fuzzy scores, which come after."""
    terms = [term.casefold() for term in _WORD.findall(query)]
    if not terms:
        return 0.0
    name = {word.casefold() for text in (_(command.name), command.name) for word in _WORD.findall(text)}
    if all(any(word.startswith(term) for word in name) for term in terms):
        return NAME_MATCH - len(shown) / 1000
    words = vocabulary(command)
    if not all(any(word.startswith(term) for word in words) for term in terms):
        return 0.0
    going = command.action.startswith("go(")  # a home, found by what it holds: after the actions there
    return WORDS_MATCH - len(shown) / 1000 - going


NAME_MATCH, WORDS_MATCH = 2000.0, 1000.0


@dataclass(frozen=True)
class Entry:
    """A command as the palette lists it: its name and help in the language shown, what runs it."""

    name: str
    help: str
    run: Callable[[], Awaitable[object]]
    command: Command | None = None  # found by its words too


class LnCommands(Provider):
    """ln-tui's commands: every home's actions, the homes, the app's actions, a dialog's own keys."""

    app: LnApp  # type: ignore[assignment]  # the palette runs in an LnApp (Provider.app is typed App)

    def entries(self, every_home: bool = True) -> Iterator[Entry]:
        """What can run from the screen the palette was opened on; this home's actions first."""
        screen = self.screen
        if not isinstance(screen, ModalScreen):  # a dialog is answered first: no other home from there
            here = screen.MODE if isinstance(screen, HomeScreen) else self.app.current_mode
            for mode in (here, *(mode for mode in HOMES if mode != here and every_home)):
                for command in HOME_COMMANDS.get(mode, []):
                    yield Entry(_(command.name), self.help_of(command), partial(self.run_on_home, command), command)
            for mode, home in HOMES.items():
                command = Command(home.title, home.help, f"go('{mode}')", home.key)
                run = partial(self.app.run_action, command.action)
                yield Entry(f"{_(home.title)} ({home.key.upper()})", _(home.help), run, command)
        for command in self.app_commands():
            yield Entry(_(command.name), self.help_of(command), partial(self.app.run_action, command.action), command)
        if not isinstance(screen, HomeScreen):
            yield from self.screen_entries(screen)

    def app_commands(self) -> Iterable[Command]:
        yield from APP_COMMANDS
        if self.app.room_is_open:
            yield CLOSE_ROOM

    def help_of(self, command: Command) -> str:
        where = _(HOMES[command.home].title) if command.home else ""
        key = _("Key: {key}").format(key=self.app.get_key_display(Binding(command.key, ""))) if command.key else ""
        return " · ".join(part for part in (where, key) if part)

    async def run_on_home(self, command: Command) -> None:
        """Go to the command's home (if it is not shown), then run the action there."""
        if self.app.current_mode == command.home:
            # Its home, even under a screen of its own (an open form, the summary).
            home = self.app.homes.get(command.home, self.app.screen)
            await self.app.run_action(command.action, home)
            return
        await self.app.switch_mode(command.home)
        home = self.app.screen  # run once the home is shown (its data read, its focus set)
        home.call_after_refresh(self.app.run_action, command.action, home)

    def screen_entries(self, screen: Screen) -> Iterator[Entry]:
        """The keys of a screen that is not a home (a dialog, the summary, the room panel), once each;
        our own bindings only (they carry an id), not the cursor keys of its lists."""
        named: set[str] = set()
        for active in translate_bindings(screen.active_bindings).values():
            binding = active.binding
            if active.node is self.app or not binding.id or not binding.description or binding.description in named:
                continue
            if binding.id.rsplit(".", 1)[-1] in CURSOR_IDS:
                continue
            named.add(binding.description)
            yield Entry(
                binding.description,
                _("Key: {key}").format(key=self.app.get_key_display(binding)),
                partial(self.app.run_action, binding.action, active.node),
            )

    async def discover(self) -> Hits:
        """Shown before anything is typed: this home's actions, the homes, the app's."""
        for entry in self.entries(every_home=False):
            yield DiscoveryHit(entry.name, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = (word_match(query, entry.command, entry.name) if entry.command else 0.0) or matcher.match(
                entry.name
            )
            if score > 0:
                yield Hit(score, matcher.highlight(entry.name), entry.run, text=entry.name, help=entry.help)


# The cursor keys of lists and tables: not actions a person looks for by name.
CURSOR_IDS = {"up", "down", "page-up", "page-down", "first", "last", "select", "left", "right"}
