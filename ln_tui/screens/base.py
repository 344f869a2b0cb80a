"""What every ln-tui screen shares: translated key descriptions, header, footer, save state."""

from __future__ import annotations

import gc
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Header, Static

from ln_tui.homes import HOMES
from ln_tui.i18n import N_, _, get_language
from ln_tui.screens.memory import FREEZE_AFTER, freeze_heap
from ln_tui.screens.textual_workarounds import (
    QuietFocusScreen,
    SteadyFramesScreen,
    forget_removed_subscribers,
    level_css_update_count,
)
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.text_field import TextField
from ln_tui.store import SaveState

if TYPE_CHECKING:
    from ln_tui.app import LnApp


ResultT = TypeVar("ResultT")

# Textual's own key descriptions, so that they are translated too.
TEXTUAL_DESCRIPTIONS = (
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
    N_("palette"),
    N_("Open the command palette"),
    N_("Quit the app and return to the command prompt."),
)


def translate_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same bindings with their descriptions (marked with N_) in the current language."""
    language = get_language()
    return {
        key: ActiveBinding(
            active.node,
            _translated(active.binding, language),
            active.enabled,
            _(active.tooltip) if active.tooltip else "",
        )
        for key, active in bindings.items()
    }


@lru_cache(maxsize=1024)
def _translated(binding: Binding, language: str) -> Binding:
    """A binding in a language (asked for each time the key bar is drawn: made once)."""
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


class HoldsText:
    """A screen that may hold typed text not saved yet: quitting asks before it is lost."""

    def unsaved_text(self) -> str:
        """The typed text that would be lost now ("" when nothing would be)."""
        return ""


class LnScreen(HoldsText, SteadyFramesScreen[ResultT], QuietFocusScreen[ResultT]):
    """A full screen of ours."""

    app: LnApp  # the app of every screen of ours is an LnApp (Screen.app is typed App)

    # Composed and styled, not shown yet: the first resume need not style it all over again.
    _styled_since_compose = True

    @on(events.Mount)
    def remember_shown(self) -> None:
        """Asked about typed text when ln-tui quits, also from another home (`LnApp.unsaved_text`)."""
        self.app.shown_screens.add(self)

    @on(events.ScreenResume)
    def _first_resume_keeps_styles(self, event: events.ScreenResume) -> None:
        """A screen just composed is shown without being restyled.

        Textual resumes a new screen after composing it, and a resume restyles every widget of
        the screen: each was styled a moment before, when it was mounted. On the network home
        that second pass was a visible part of the start (benchmarks/bench_foundation.py). Later resumes
        (back from another home or a dialog) restyle as Textual does.
        """
        if self._styled_since_compose:
            self._styled_since_compose = False
            event.refresh_styles = False

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)

    async def language_changed(self) -> None:
        """Another language was chosen (F9) while this screen is shown: a screen whose body has
        text of ours builds itself again (the homes do, in `HomeScreen.recompose`)."""

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another seat or program saved a change to these tables while this screen is on top: a
        screen that shows the store's data shows it again (the homes: `HomeScreen.reload`)."""


class LnModal(HoldsText, ModalScreen[ResultT]):
    """A modal of ours, dismissed with a result of type ResultT (None when cancelled)."""

    app: LnApp

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)


class SaveStatus(Static):
    """Whether everything is on disk, and if not, why: short when all is well, in full when not."""

    def show(self, state: SaveState) -> None:
        self.set_class(not state.saved and not state.read_only and not state.unconfirmed, "-error")
        self.set_class(state.read_only, "-read-only")
        self.set_class(state.unconfirmed and not state.read_only, "-unconfirmed")
        if state.read_only:
            text = _("READ-ONLY: changes are not saved to this file.")
        elif state.unconfirmed:
            text = _("SAVED, but the disk did not confirm it; saving again ({reason}).").format(
                reason=state.error or _("unknown error")
            )
        elif not state.saved:
            text = _("NOT SAVED: {reason}. Your change is kept; ctrl+s tries again.").format(
                reason=state.error or _("unknown error")
            )
        else:
            text = _("✓ saved")
        if self.visual != Content(text):  # a save that changes nothing here costs no layout
            self.update(Content(text))


class LnHeader(Header):
    """Textual's header with the save state on the right, where its clock would be.

    The save state used to share the line of the home bar and covered the last home at 80 columns.
    """

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield SaveStatus(id="save-status")


def home_label(key: str, title: str, current: bool, roomy: bool) -> Content:
    """One home on the bar: its key and its name; reversed when it is the current home."""
    if roomy:
        label = Content.from_markup(" $key $title ", key=key, title=title)
        return label.stylize("reverse bold") if current else label
    if current:
        return Content.from_markup("$key $title", key=key, title=title).stylize("reverse bold")
    return Content.from_markup("[reverse]$key[/]$title", key=key, title=title)


class HomeBar(Static):
    """Every home along the top with its key and name, the current one highlighted.

    The roomiest look that fits the width is drawn: with padding and a space between homes
    (five homes at 80 columns), else tight, the key reversed against its name (seven homes,
    in Dutch too, at 80 columns).
    """

    def __init__(self, current: str) -> None:
        super().__init__(id="home-bar")
        self.current = current

    def render(self) -> Content:
        width = self.size.width or 80
        line = Content("")
        for roomy in (True, False):
            line = Content(" ").join(
                home_label(home.key.upper(), _(home.title), mode == self.current, roomy).stylize(
                    f"@click=app.go('{mode}')"
                )
                for mode, home in HOMES.items()
            )
            if line.cell_length <= width:
                break
        return line


class HomeScreen(LnScreen[None]):
    """The home of one step of the method: header, body, save state, footer.

    One lifecycle for every home: its data is read and shown ONLY in `reload()`, which the base
    calls when the home is first shown, each time it is shown again, and after it was built
    again in another language (F9). A home does not override `on_mount` / `on_screen_resume`
    for its data. After a change of language the widget that had the focus gets it back (by
    its id), else the home's `MAIN` widget.
    """

    # The app's mode name of this home (network, roster, kickoff, discussion, evaluation).
    MODE: ClassVar[str] = ""
    # A selector for the widget that has the focus when the home is shown ("" = the first one).
    MAIN: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"{self.MODE}-screen" if self.MODE else None)
        self._composed_language = get_language()
        self._is_shown = False  # shown and not left since: Textual resumes a new mode's screen twice
        level_css_update_count(self)

    def compose(self) -> ComposeResult:
        self._composed_language = get_language()
        yield LnHeader(icon="")
        yield HomeBar(self.MODE)
        yield from self.compose_body()
        yield KeyBar()

    # What this home is for; shown until the home has content of its own.
    ABOUT: ClassVar[str] = ""

    def compose_body(self) -> ComposeResult:
        yield Static(Content(_(self.ABOUT)), classes="home-about")

    # -- the lifecycle ----------------------------------------------------------------------
    def on_mount(self) -> None:
        self._is_shown = True
        self.app.homes[self.MODE] = self  # the palette runs a home's action on it
        self.refresh_home(focus="")
        self.set_timer(FREEZE_AFTER, freeze_heap)

    def on_screen_suspend(self) -> None:
        self._is_shown = False
        gc.unfreeze()  # what this home held and let go of can be collected now

    async def on_screen_resume(self) -> None:
        if self._is_shown:
            return  # the first show (refreshed on mount), announced once more by Textual
        self._is_shown = True
        if self._composed_language != get_language():
            await self.recompose()
        else:
            self.refresh_home()
            self.set_timer(FREEZE_AFTER, freeze_heap)

    async def recompose(self) -> None:
        """Build the home again (in the language now chosen) and show the store's data in it."""
        focused = self.focused
        if focused is not None and isinstance(focused.parent, TextField):
            focused = focused.parent  # its text area has no id: the field is found again by its own
        focused_id = (focused.id or "") if focused is not None else ""
        removed = list(self.walk_children())
        gc.unfreeze()  # the widgets replaced here were frozen with the rest
        await super().recompose()
        forget_removed_subscribers(self, removed)
        self.refresh_home(focus=focused_id)
        self.set_timer(FREEZE_AFTER, freeze_heap)

    def refresh_home(self, focus: str | None = None) -> None:
        """The save line, the data (`reload`), and the focus where the user expects it.

        `focus`: None keeps the focus where it is; the id of a widget to focus it; "" (or an id
        no longer there) for the home's MAIN widget.
        """
        self.show_save_state(self.app.store.save_state)
        self.reload()
        if focus and self.query(f"#{focus}"):
            self.query_one(f"#{focus}").focus()
        elif focus is not None or self.focused is None:
            self.focus_main()

    def focus_main(self) -> None:
        for widget in self.query(self.MAIN or "*"):
            if widget.focusable:
                widget.focus()
                return

    def focus_unnamed(self) -> None:
        """The welcome question (the network's name) was left unanswered: a useful focus."""
        self.focus_main()

    def reload(self) -> None:
        """Show what the store holds now: called each time the home is shown or composed again."""

    @property
    def showing(self) -> bool:
        """Whether the home is shown (mounted, filled by `reload`) and not left since."""
        return self._is_shown and self.is_mounted

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another seat or program saved a change to these tables: show it (the cursor, focus and
        half-typed text stay where they are: homes keep their selections by record id)."""
        self.reload()

    def show_save_state(self, state: SaveState) -> None:
        for status in self.query(SaveStatus):
            status.show(state)

    def note_context(self) -> tuple[dict[str, int], str]:
        """Where a quick note taken now belongs (ids), and a line saying so to the user."""
        return {}, ""
