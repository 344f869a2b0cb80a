"""What every ln-tui screen shares: translated key descriptions, header, footer, save state."""

from __future__ import annotations

import gc
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.widget import Widget
from textual.widgets import Header, Static

from ln_tui.homes import HOMES
from ln_tui.i18n import N_, _, get_language
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.store import SaveState

if TYPE_CHECKING:
    from ln_tui.app import LnApp
    from ln_tui.room.room import RoomEvent


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
        key: active._replace(
            binding=_translated(active.binding, language), tooltip=_(active.tooltip) if active.tooltip else ""
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


def forget_removed_watchers(*watched: DOMNode) -> None:
    """Drop what removed widgets still watch on these nodes.

    Textual keeps a widget's `watch(other, ...)` until the watched value next changes
    (Textualize/textual#6666): the text areas (they watch the app's theme) and the header
    (the title) of a home built again in another language stayed in memory, caches and all.
    """
    for node in watched:
        for watchers in getattr(node, "__watchers", {}).values():
            watchers[:] = [(watcher, callback) for watcher, callback in watchers if not watcher._closing]


class LnScreen(Screen):
    """A full screen of ours."""

    # Textual repaints the whole screen whenever the focus moves; the widgets that gain and
    # lose it repaint themselves. Opening the kickoff editor (focus into it) took ~55 ms, half
    # of it repainting a board that had not changed.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)


class LnModal(ModalScreen):  # type: ignore[type-arg]
    """A modal of ours."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)


class SaveStatus(Static):
    """Whether everything is on disk, and if not, why: short when all is well, in full when not."""

    def show(self, state: SaveState) -> None:
        self.set_class(not state.saved and not state.read_only, "-error")
        self.set_class(state.read_only, "-read-only")
        if state.read_only:
            text = _("READ-ONLY: changes are not saved to this file.")
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


class HomeScreen(LnScreen):
    """The home of one step of the method: header, body, save state, footer."""

    # The app's mode name of this home (network, roster, kickoff, discussion, evaluation).
    MODE: ClassVar[str] = ""

    app: LnApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id=f"{self.MODE}-screen" if self.MODE else None)
        self._composed_language = get_language()
        # A new home is styled as its widgets mount. Its CSS counter starting behind the app's
        # made Textual first restyle every node of the home being left (20-40 ms on the first
        # visit of each home, for nothing): it starts level with the app.
        self._css_update_count = self.app._css_update_count

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

    def on_mount(self) -> None:
        self.show_save_state(self.app.store.save_state)
        # What exists once a home is on screen (the store's records, this home's widgets,
        # Textual's styles) lives as long as the app. Frozen, it is left out of the garbage
        # collector's full passes, which otherwise walk all of it: a pause of 100-150 ms every
        # few captures on a full board (benchmarks/bench_board.py).
        self.call_after_refresh(gc.freeze)

    async def on_screen_resume(self) -> None:
        if self._composed_language != get_language():
            await self.recompose()
        else:
            self.show_save_state(self.app.store.save_state)
            self.reload()

    async def recompose(self) -> None:
        removed = list(self.walk_children())
        await super().recompose()
        # Inputs and text areas subscribe to the screen's signals and Textual drops them only
        # when a signal next fires (a text selection): the removed ones would stay in memory.
        signals = [value for value in vars(self).values() if isinstance(value, Signal)]
        for widget in removed:
            for signal in signals:
                signal.unsubscribe(widget)
        forget_removed_watchers(self.app, self)
        self.show_save_state(self.app.store.save_state)
        self.reload()

    def reload(self) -> None:
        """Show what the store holds now: called each time the home is shown or composed again."""

    def show_save_state(self, state: SaveState) -> None:
        for status in self.query(SaveStatus):
            status.show(state)

    def room_changed(self, event: RoomEvent) -> None:
        """Phones changed something this home may show (a board item added or voted)."""

    def note_context(self) -> tuple[dict[str, int], str]:
        """Where a quick note taken now belongs (ids), and a line saying so to the user."""
        return {}, ""
