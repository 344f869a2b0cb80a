"""The ln-tui App: a home per step of the method, global keys, the command palette."""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakSet

from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input

from ln_tui.crash import crash_sentence
from ln_tui.homes import HOMES
from ln_tui.i18n import LANGUAGES, N_, _, get_language, ngettext, set_language
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import meeting_label
from ln_tui.screens.base import HoldsText, HomeScreen, LnScreen
from ln_tui.screens.css import ALL_CSS_AFTER, SCREENS, ReadsAllCss
from ln_tui.screens.memory import hold_heap_while_running, let_go_of_heap
from ln_tui.screens.paste import PastesAsOneLine
from ln_tui.screens.room import ROOM_PANEL
from ln_tui.screens.room.console import RoomConsole
from ln_tui.screens.saving import Saving
from ln_tui.screens.shared_file import FOLLOW_SECONDS, SharedFile, login_name
from ln_tui.screens.textual_workarounds import OneSentenceCrash, ReusingStylesheet, inner_outer_by_colour
from ln_tui.screens.theme import ProjectorThemes
from ln_tui.seats import BEAT_SECONDS
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from ln_tui.kickoff.board import Board
    from ln_tui.screens.room.control import RoomControl
    from ln_tui.seats import Seat

Clock = Callable[[], float]

RETRY_SECONDS = 5.0
# A key that comes sooner than this after the one before is typing, not an answer to a dialog that appeared.
TYPE_AHEAD = 0.5
LAST_HOME_SETTING = "last_home"


def home_screen(mode: str) -> HomeScreen:
    """The screen of a home, its module imported only now, so that start-up stays fast."""
    home = HOMES[mode]
    screen: HomeScreen = getattr(importlib.import_module(home.module), home.screen)()
    return screen


def palette_commands() -> type[Provider]:
    from ln_tui.screens.palette import LnCommands

    return LnCommands


class LnApp(OneSentenceCrash, SharedFile, Saving, RoomConsole, ReadsAllCss, PastesAsOneLine, ProjectorThemes):
    # The app's CSS and the forms'; the first home brings its own, the others' are read just after
    # the first paint (screens/css.py says why).
    CSS_PATH = [Path(__file__).parent / "app.tcss", SCREENS / "forms.tcss"]
    TITLE = "ln-tui"
    MODES: ClassVar[dict[str, Any]] = {mode: partial(home_screen, mode) for mode in HOMES}
    # Our commands only (ln_tui/screens/palette.py), imported when the palette first opens.
    COMMANDS: ClassVar[set[Any]] = {palette_commands}
    BINDINGS = [
        Binding("f1", "help", N_("Keys"), id="app.help", priority=True),
        *(Binding(home.key, f"go('{mode}')", home.title, id=f"app.{mode}", show=False) for mode, home in HOMES.items()),
        Binding("ctrl+n", "note", N_("Note"), id="app.note", priority=True),
        Binding("ctrl+g", "cue", N_("Cue to the speaker"), id="app.cue", priority=True, show=False),
        Binding("question_mark", "help", N_("Keys"), id="app.help-question", show=False),
        Binding("ctrl+s", "save", N_("Save now"), id="app.save", show=False, priority=True),
        Binding("f8", "toggle_theme", N_("Projector theme dark / light"), id="app.theme", show=False),
        Binding("f9", "toggle_language", N_("Nederlands / English"), id="app.language", show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True, show=False),
        Binding("ctrl+b", "put_back", N_("Put my value back"), id="app.put-back", show=False, priority=True),
        Binding("ctrl+r", "room_panel", N_("Phones in the room"), id="app.room-panel", show=False),
        Binding("f12", "room", N_("Show to the room / hide from the room"), id="app.room", show=False),
    ]

    def __init__(
        self,
        store: NetworkStore,
        *,
        screen: str | None = "network",
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        settings: Settings | None = None,
        room_address: tuple[str | None, int] | None = None,
        room_options: dict[str, Any] | None = None,
        served: bool = False,
    ) -> None:
        self.store = store
        # In a browser tab of `ln-tui serve` (ln_tui.serve): each tab is a seat of its own, maybe
        # another person's; the serving computer's settings do not name it.
        self.served = served
        self.start_mode = screen if screen in self.MODES else self.home_to_open()
        # The first home is the app's default mode: Textual builds no empty default screen
        # first, and the home is resumed (every widget in it restyled) once instead of twice.
        self.DEFAULT_MODE = self.start_mode  # type: ignore[misc]  # per app: the home it opens on
        super().__init__()
        self.clock = clock  # monotonic: countdowns and keystrokes
        self.wall_clock = wall_clock  # epoch seconds: what is saved (meeting clock, a turn's deadline)
        store.wall_clock = wall_clock  # and what the report derives from it (a running turn's time)
        self.settings = settings or Settings()
        self.use_projector_themes(self.settings.theme)
        # Made once the theme is chosen: with the default theme's variables, the whole CSS was
        # parsed twice at start-up (for Textual's default theme, then for ours).
        self.stylesheet = ReusingStylesheet(variables=self.get_css_variables())
        inner_outer_by_colour()  # no removed widget kept alive by Textual's cache of two colours
        self._unsubscribe = store.subscribe(self._save_state_changed)
        from ln_tui.seats import Presence, Seat

        seat = Seat(self.settings.seat_name or login_name(), self.settings.seat_job)
        self.presence = Presence(store.path, store.seat_id, seat)
        store.seat_name = seat.label()
        self.other_seats: list[Seat] = []
        self._last_error: str | None = None
        # The room (phones joining): opened at start with `--room`, else with ctrl+r.
        self.room_address = room_address
        self.room_options = room_options or {}
        self._room_control: RoomControl | None = None
        self.last_keystroke = float("-inf")  # self.clock() at the last key the terminal sent
        self._put_back: dict[str, Any] | None = None  # the last value of ours another seat replaced
        self.previous_keystroke = float("-inf")  # and at the one before it (type-ahead, see `typed_ahead`)
        self.room_revision = 0  # how many times phones changed a board: a home shown later catches up
        self.boards: dict[int | None, Board] = {}
        self._gc_threshold = gc.get_threshold()  # the process's own, given back when the app stops
        self._all_css_read = False
        self.homes: dict[str, HomeScreen] = {}  # each home shown so far, by mode
        # Every screen of ours shown so far and not gone: quitting asks about typed text in any of
        # them, also on another home's stack (an open form left with F2...F10).
        self.shown_screens: WeakSet[LnScreen[Any]] = WeakSet()

    # -- start and stop ------------------------------------------------------------------
    def on_load(self) -> None:
        """Before the first home is built (Textual's Load comes before its Compose)."""
        self._gc_threshold = hold_heap_while_running()

    def on_mount(self) -> None:
        self.presence.beat()
        self.other_seats = self.presence.others()  # who else is on the file: in the header from the first paint
        self.refresh_header()
        self.set_interval(RETRY_SECONDS, self._retry_save)
        self.set_interval(FOLLOW_SECONDS, self.follow_file_off_loop)
        self.set_interval(BEAT_SECONDS, self.seats_beat)
        self.ask_seat_once()
        self.set_timer(ALL_CSS_AFTER, self.read_all_css)
        if not self.presence.others():  # no room's process is a seat here: a link left is a dead one's
            from ln_tui.room.model import forget_join_url

            forget_join_url(self.store)
        if self.room_address is not None:
            self.call_after_refresh(self.open_room, *self.room_address)
        if self.store.problems:
            self.notify(
                ngettext(
                    "{count} record cannot be used and is not shown; ln-tui check {path} lists it.",
                    "{count} records cannot be used and are not shown; ln-tui check {path} lists them.",
                    len(self.store.problems),
                ).format(count=len(self.store.problems), path=self.store.path),
                severity="warning",
                timeout=15,
                markup=False,
            )
        if not self.store.profile().name and not self.store.read_only:
            from ln_tui.screens.dialogs import TextDialog

            self.push_screen(
                TextDialog(
                    _("Welcome to ln-tui"),
                    _("What is the name of your learning network?"),
                    required=_("A network needs a name."),
                ),
                self._name_network,
            )

    def home_to_open(self) -> str:
        """The discussion when a turn is running in this file, else the home shown last."""
        from ln_tui.discussion.model import DiscussionState
        from ln_tui.discussion.session import a_turn_is_running

        if a_turn_is_running(self.store.repo(DiscussionState).all()):
            return "discussion"
        last = self.store.setting(LAST_HOME_SETTING)
        return last if last in self.MODES else "network"

    def _name_network(self, name: str | None) -> None:
        if not (name and name.strip()):
            if isinstance(self.screen, HomeScreen):
                self.screen.focus_unnamed()  # typed letters go somewhere useful
            return
        profile = self.store.profile()
        profile.name = name.strip()
        self.store.save_profile(profile)
        self.refresh_header()
        if isinstance(self.screen, HomeScreen):
            self.screen.reload()  # the profile's Name field shows it at once

    async def on_unmount(self) -> None:
        self._unsubscribe()  # first: the screens are gone, nothing is left to show a save state on
        self.presence.leave()
        self.remember_home()
        if self._room_control is not None:
            await self._room_control.close()  # the port is free and the link dead when ln-tui ends
        let_go_of_heap(self._gc_threshold)

    def remember_home(self) -> None:
        """The home shown last, for the next start on this file (written once, on leaving: a save
        on every change of home would cost a write to disk per key)."""
        mode = self.current_mode
        if mode in HOMES and not self.store.read_only and self.store.setting(LAST_HOME_SETTING) != mode:
            self.store.set_setting(LAST_HOME_SETTING, mode)

    def crash_sentence(self, error: BaseException | None) -> str:
        return crash_sentence(error, _("ln-tui stopped after an internal error. Everything shown as saved is on disk."))

    async def action_quit(self) -> None:
        """Quit; first ask when typed text (in a dialog, a form, an editor on any home) or unsaved
        changes would be lost."""
        from ln_tui.screens.dialogs import QuitQuestion  # the dialogs: imported when first shown

        if isinstance(self.screen, QuitQuestion):
            return  # asked already: a second ctrl+q typed ahead answers nothing
        typed = self.unsaved_text()
        if not typed:
            await self.quit_unless_unsaved()
            return

        async def answer(throw_away: bool | None) -> None:
            if throw_away:
                await self.quit_unless_unsaved()

        self.push_screen(QuitQuestion(_("Throw this text away and quit?"), typed[:200]), answer)

    def unsaved_text(self) -> str:
        """Typed text not saved yet: in the screens shown now, then in the homes left open."""
        screens = [*reversed(self.screen_stack), *(screen for screen in self.shown_screens if screen.is_attached)]
        return next(
            (typed for screen in screens if isinstance(screen, HoldsText) and (typed := screen.unsaved_text())), ""
        )

    async def quit_unless_unsaved(self) -> None:
        from ln_tui.screens.dialogs import QuitQuestion

        state = self.store.save_state
        if state.saved or state.read_only:
            await self.close_room()
            self.exit()
            return

        async def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                await self.close_room()
                self.exit()

        if state.unconfirmed:
            question = _("The disk has not confirmed the last save. Quit anyway?")
            detail = _("The file holds every change, but the disk did not confirm it: {reason}")
        else:
            question, detail = _("Some changes are not saved. Quit anyway?"), _("Saving failed: {reason}")
        self.push_screen(QuitQuestion(question, detail.format(reason=state.error or "?")), answer)

    # -- moving around -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and any(hasattr(node, "action_save_form") for node in self.focus_path()):
            return False  # ctrl+s in a form saves the form (its own binding)
        return not (action in {"go", "note", "cue"} and isinstance(self.screen, ModalScreen))

    def focus_path(self) -> Iterable[DOMNode]:
        """The focused widget, its parents and the screen."""
        node: DOMNode | None = self.focused or self.screen
        while node is not None and node is not self:
            yield node
            node = node.parent

    async def action_go(self, mode: str) -> None:
        # The room panel lies over the home it was opened from: going to another home closes it,
        # so that there is only ever one (ctrl+r opens it again over any home).
        if self.screen.id == ROOM_PANEL:
            await self.pop_screen()
        await self.switch_mode(mode)

    def action_help(self) -> None:
        from ln_tui.screens.dialogs import HelpDialog  # the dialogs: imported when first shown

        if isinstance(self.screen, HelpDialog):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpDialog(self.screen))

    def action_note(self) -> None:
        from ln_tui.screens.dialogs import TextDialog  # the dialogs: imported when first shown

        if self.store.read_only:
            self.notify(
                _(
                    "This window is read-only: a note cannot be saved here. Open the file without --read-only to take notes."
                ),
                severity="warning",
            )
            return
        screen = self.screen
        context, where = screen.note_context() if isinstance(screen, HomeScreen) else ({}, "")
        meeting = self.current_meeting
        if not where:
            where = meeting_label(meeting) if meeting else _("No meeting chosen")

        def save(text: str | None) -> None:
            if text and text.strip():
                home = screen.MODE if isinstance(screen, HomeScreen) else ""
                self.store.add_note(text, meeting.id if meeting else None, context, home=home)
                if isinstance(self.screen, HomeScreen) and self.screen.MODE == "minutes":
                    self.screen.reload()
                if self.store.save_state.saved:
                    self.notify(_("Note saved."))

        self.push_screen(TextDialog(_("Note"), where), save)

    def action_cue(self) -> None:
        """A cue to the speaker on the room's screen and the phones, or the one shown cleared."""
        from ln_tui.discussion.cue import current_cue
        from ln_tui.screens.cue import CueDialog

        if self.store.read_only:
            self.notify(_("This window is read-only: a cue cannot be given from here."), severity="warning")
            return
        self.push_screen(CueDialog(current_cue(self.store)))

    # -- keys ----------------------------------------------------------------------------------
    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.Key) and not message.is_forwarded:
            # Known as soon as the key is posted, before it is handled (see `typed_ahead`).
            self.previous_keystroke, self.last_keystroke = self.last_keystroke, self.clock()
        return super().post_message(message)

    def typed_ahead(self) -> bool:
        """Whether the key being handled came in a burst of typing (less than TYPE_AHEAD after the
        one before): a dialog that can discard work does not take it as its answer."""
        return self.last_keystroke - self.previous_keystroke < TYPE_AHEAD

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown) and not event.is_forwarded:
            self.read_all_css()  # before the key can show another screen
        if isinstance(event, events.Paste) and isinstance(self.focused, Input) and len(event.text.splitlines()) > 1:
            self.paste_as_one_line(self.focused, event.text)
            return
        await super().on_event(event)

    # -- the room: phones on the meeting room's network ----------------------------------------------
    def board(self, meeting_id: int | None) -> Board:
        """The one `Board` of a meeting, shared by the kickoff home and the room (one cache, one writer)."""
        from ln_tui.kickoff.board import Board

        if meeting_id not in self.boards:
            self.boards[meeting_id] = Board(self.store, meeting_id)
        return self.boards[meeting_id]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast shows control characters (a bidi override in a name) as the tables do: visible,
        never obeyed by the terminal."""
        super().notify(
            visible_controls(message), title=visible_controls(title), severity=severity, timeout=timeout, markup=markup
        )

    # -- what the room sees (ln-tui present) ----------------------------------------------------
    def action_room(self) -> None:
        """Show this home's public view to the room (`ln-tui present`), or hide it again."""
        from ln_tui.present.view import ROOM_VIEWS, RoomChoice, room_choice, show_to_room, spotlight_in_room

        if self.store.read_only:
            self.notify(_("This file is open read-only."), severity="warning")
            return
        wanted = ROOM_VIEWS.get(self.current_mode)
        shown, _spotlight = room_choice(self.store)
        choice = None if wanted is None or wanted is shown else wanted
        chosen_meeting = getattr(self.screen, "room_meeting", None)
        show_to_room(self.store, choice, meeting_id=chosen_meeting() if callable(chosen_meeting) else None)
        spotlighted = getattr(self.screen, "room_spotlight", None)
        if choice is RoomChoice.KICKOFF and callable(spotlighted):
            spotlight_in_room(self.store, spotlighted())
        if choice is None:
            self.notify(_("Hidden from the room: it sees the network's name, the meeting and the time."))
        else:
            self.notify(_("Shown to the room: {view}.").format(view=_(choice.label)), markup=False)

    # -- look and language --------------------------------------------------------------------
    def watch_theme(self, theme: str) -> None:
        if self.settings.theme != theme:
            self.settings.theme = theme
            self.settings.save()

    async def action_toggle_language(self) -> None:
        languages = list(LANGUAGES)
        language = languages[(languages.index(get_language()) + 1) % len(languages)]
        set_language(language)
        self.settings.language = language
        self.settings.save()
        self.refresh_header()
        if isinstance(self.screen, HomeScreen):
            await self.screen.recompose()
        elif isinstance(self.screen, LnScreen):
            await self.screen.language_changed()  # the home below follows when it is shown again
        self.refresh_bindings()

    def action_command_palette(self) -> None:
        """Textual's palette with our commands (screens/palette.py) and a hint in the language shown."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            hint = _("Type what to do: quick note, add a member, language…")
            self.push_screen(CommandPalette(placeholder=hint, id="--command-palette"))

    def action_follow_up_network(self) -> None:
        from ln_tui.screens.agenda.follow_up_network import ask_follow_up

        ask_follow_up(self)
