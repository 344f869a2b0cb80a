"""Textual's own keys as F1 lists them: translated, and after the screen's keys and the app's.

The text fields, tables, lists and scrolling containers ln-tui uses bring Textual's bindings with
English descriptions ("Scroll Up", "Delete all to the right"). Each description of the classes in
`TEXTUAL_KEY_CLASSES` is marked here, so that the catalogue has it and F1 shows it translated;
`tests/test_front_of_room_two_b.py` checks that every Textual class ln-tui imports is listed and
every description has its Dutch.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widgets import Checkbox, DataTable, Input, Markdown, OptionList, Select, TextArea

from ln_tui.i18n import N_

# Textual's classes with keys that reach an ln-tui screen (VerticalScroll is a ScrollableContainer;
# a Select's menu is an OptionList).
TEXTUAL_KEY_CLASSES: tuple[type[DOMNode], ...] = (
    App,
    Screen,
    ModalScreen,
    ScrollableContainer,
    ScrollView,
    Checkbox,
    DataTable,
    Input,
    Markdown,
    OptionList,
    Select,
    TextArea,
    CommandPalette,
)

TEXTUAL_KEY_DESCRIPTIONS = (
    N_("Bottom"),
    N_("Copy"),
    N_("Copy selected text"),
    N_("Cursor down"),
    N_("Cursor down select"),
    N_("Cursor left"),
    N_("Cursor left select"),
    N_("Cursor left word select"),
    N_("Cursor line end"),
    N_("Cursor line end select"),
    N_("Cursor line start"),
    N_("Cursor line start select"),
    N_("Cursor page down"),
    N_("Cursor page up"),
    N_("Cursor right"),
    N_("Cursor right select"),
    N_("Cursor right word select"),
    N_("Cursor up"),
    N_("Cursor up select"),
    N_("Cursor word left"),
    N_("Cursor word right"),
    N_("Cut"),
    N_("Cut selected text"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete line"),
    N_("Delete right to start of word"),
    N_("Delete to line end"),
    N_("Delete to line start"),
    N_("Dismiss menu"),
    N_("Down"),
    N_("End"),
    N_("Exit the command palette"),
    N_("First"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Go to bottom"),
    N_("Go to end"),
    N_("Go to start"),
    N_("Go to top"),
    N_("Home"),
    N_("Last"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor left and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Next command"),
    N_("Next page"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Page Up"),
    N_("Page down"),
    N_("Page up"),
    N_("Paste"),
    N_("Paste text from the clipboard"),
    N_("Previous command"),
    N_("Previous page"),
    N_("Quit"),
    N_("Redo"),
    N_("Scroll Down"),
    N_("Scroll End"),
    N_("Scroll Home"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Up"),
    N_("Select"),
    N_("Select all"),
    N_("Select line"),
    N_("Select line end"),
    N_("Select line start"),
    N_("Show menu"),
    N_("Submit"),
    N_("Toggle"),
    N_("Top"),
    N_("Undo"),
    N_("Up"),
)


def textual_descriptions(cls: type[DOMNode]) -> set[str]:
    """The descriptions of the keys a class has from Textual's classes it is built on."""
    return {
        binding.description
        for base in cls.__mro__
        if base.__module__.startswith("textual.")
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", []))
        if binding.description
    }


def defined_by_textual(node: DOMNode, binding: Binding) -> bool:
    """Whether a node's key comes from one of Textual's classes, not from one of ln-tui's (which may
    bind the same key again, as the light table binds Home and End)."""
    for cls in type(node).__mro__:
        own = Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
        if any(b.key == binding.key and b.action == binding.action for b in own):
            return cls.__module__.startswith("textual.")
    return False
