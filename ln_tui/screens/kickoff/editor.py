"""Writing a board item: its words (or an introduction's three parts) and who said it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static, TextArea

from ln_tui.i18n import N_, _
from ln_tui.kickoff.board import match_members
from ln_tui.kickoff.model import INTRODUCTION_PARTS, BoardColumn, BoardItem
from ln_tui.model import Member
from ln_tui.screens.dialogs import ConfirmDialog


@dataclass
class ItemDraft:
    """What the editor gives back: the words and the author (None = anonymous)."""

    text: str = ""
    member_id: int | None = None
    why: str = ""
    learn: str = ""
    offer: str = ""

    @property
    def empty(self) -> bool:
        return not (self.text.strip() or self.why.strip() or self.learn.strip() or self.offer.strip())


class ItemText(TextArea):
    """An item's words: Enter saves (as everywhere in capture), ctrl+j starts a new line."""

    class Submitted(Message):
        pass

    def on_key(self, event: events.Key) -> None:
        # Called before TextArea's own key handler; prevent_default keeps that from running.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
        elif event.key == "ctrl+j":
            event.stop()
            event.prevent_default()
            self.insert("\n")


class ItemEditor(Vertical):
    """Add or edit an item, under the board; Enter saves, Escape cancels.

    An inline panel, not a modal: the board stays in view while the room talks, and closing
    it repaints one panel rather than the whole screen. Posts `Saved` (unless nothing was
    typed: refused quietly) or `Closed`. An author is chosen by typing a few letters of a
    name among those present; left empty, the item is anonymous.
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="kickoff.editor-cancel"),
        Binding("ctrl+s", "save_form", N_("Save"), id="kickoff.editor-save", priority=True),
    ]

    class Saved(Message):
        def __init__(self, draft: ItemDraft, column: BoardColumn, item_id: int | None) -> None:
            super().__init__()
            self.draft, self.column, self.item_id = draft, column, item_id

    class Opened(Message):
        pass

    class Closed(Message):
        def __init__(self, column: BoardColumn) -> None:
            super().__init__()
            self.column = column  # the column the item was for: the cursor goes back there

    def __init__(self) -> None:
        super().__init__(id="item-editor")
        self.column = BoardColumn.QUESTIONS
        self.members: list[Member] = []
        self.item_id: int | None = None
        self.visible = False

    @property
    def is_open(self) -> bool:
        return self.visible

    def compose(self) -> ComposeResult:
        yield Label(id="editor-title", classes="dialog-title")
        yield ItemText(
            placeholder=_("Markdown works: **bold**, *italic*, - lists, [link](https://...)"),
            id="editor-text",
            classes="editor-text",
        )
        with Vertical(id="editor-introduction"):
            for name, label in INTRODUCTION_PARTS:
                yield Label(Content(_(label)), classes="editor-label")
                yield ItemText(id=f"editor-{name}", classes="editor-text")
        yield Label(Content(_("Who said it (a few letters of a name; empty = anonymous)")), classes="editor-label")
        yield Input(id="editor-who")
        yield Static(id="editor-who-match")
        yield Label(
            Content(_("Enter or ctrl+s = save, ctrl+j = new line, Tab = next field, Escape = cancel")),
            classes="dialog-keys",
        )

    @property
    def introduction(self) -> bool:
        return self.column is BoardColumn.INTRODUCTIONS

    def open(self, column: BoardColumn, members: list[Member], item: BoardItem | None = None) -> None:
        """Show the editor for a new item in `column`, or for `item`, and put the cursor in it."""
        self.column, self.members, self.item_id = column, members, item.id if item else None
        title = _("Edit in {column}") if item else _("New in {column}")
        self.query_one("#editor-title", Label).update(Content(title.format(column=_(column.label))))
        self.set_class(self.introduction, "-introduction")
        parts = {name: getattr(item, name) if item else "" for name, _label in INTRODUCTION_PARTS}
        if item and not any(parts.values()):
            parts["why"] = item.text
        for name, text in parts.items():
            self.query_one(f"#editor-{name}", ItemText).load_text(text)
        text = self.query_one("#editor-text", ItemText)
        text.load_text(item.text if item else "")
        author = next((m.name for m in members if item and m.id == item.member_id), "")
        self.query_one("#editor-who", Input).value = author
        self.show_match(author)
        self.visible = True
        self.typed_at_start = self.typed()
        self.post_message(self.Opened())
        self.query_one("#editor-why" if self.introduction else "#editor-text", ItemText).focus()
        for field in self.query(ItemText):
            field.move_cursor(field.document.end)

    def close(self) -> None:
        self.visible = False
        self.post_message(self.Closed(self.column))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "editor-who":
            self.show_match(event.value)

    def show_match(self, typed: str) -> None:
        """Say who the typed letters point at, so the facilitator sees it before saving."""
        matches = match_members(typed, self.members)
        match = self.query_one("#editor-who-match", Static)
        match.set_class(bool(typed.strip()) and len(matches) != 1, "-error")
        if not typed.strip():
            match.update(Content(_("Anonymous")))
        elif not matches:
            match.update(Content(_("Nobody present matches these letters.")))
        elif len(matches) == 1:
            match.update(Content.from_markup(_("Said by: $name"), name=matches[0].name))
        else:
            names = ", ".join(m.name for m in matches[:6]) + (", …" if len(matches) > 6 else "")
            match.update(Content.from_markup(_("Which one? $names"), names=names))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_item_text_submitted(self, event: ItemText.Submitted) -> None:
        event.stop()
        self.save()

    def typed(self) -> tuple[str, ...]:
        """What the fields hold now (to tell whether anything was typed since the editor opened)."""
        return (*(field.text for field in self.query(ItemText)), self.query_one("#editor-who", Input).value)

    def action_save_form(self) -> None:
        self.save()

    def save(self) -> None:
        who = self.query_one("#editor-who", Input)
        matches = match_members(who.value, self.members)
        draft = ItemDraft(member_id=matches[0].id if len(matches) == 1 else None)
        if self.introduction:
            draft.why, draft.learn, draft.offer = (
                self.query_one(f"#editor-{name}", ItemText).text for name, _label in INTRODUCTION_PARTS
            )
        else:
            draft.text = self.query_one("#editor-text", ItemText).text
        if who.value.strip() and len(matches) != 1 and not draft.empty:
            who.focus()
            self.app.bell()
            return
        if not draft.empty:
            self.post_message(self.Saved(draft, self.column, self.item_id))
        self.close()

    def unsaved_text(self) -> str:
        """What was typed for the item, if the editor is open and anything changed since it opened."""
        if not self.is_open or self.typed() == getattr(self, "typed_at_start", ()):
            return ""
        return "\n".join(text for text in self.typed() if text.strip())

    def action_cancel(self) -> None:
        if self.typed() == getattr(self, "typed_at_start", ()):
            self.close()
            return
        self.app.push_screen(
            ConfirmDialog(_("Throw away what you typed for this item?")),
            lambda discard: self.close() if discard else None,
        )
