"""The spotlight: one board item, large and alone, for the room to read."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ln_tui.i18n import N_, _
from ln_tui.kickoff.model import INTRODUCTION_PARTS, BoardItem, ItemStatus
from ln_tui.markdown_safe import visible_controls
from ln_tui.present.view import spotlight_in_room
from ln_tui.screens.base import LnScreen
from ln_tui.screens.widgets.markdown import markdown_content


def spotlight_markdown(item: BoardItem) -> str:
    """The item's own Markdown; an introduction's parts under their labels; merged texts below."""
    parts = [(label, getattr(item, name)) for name, label in INTRODUCTION_PARTS if getattr(item, name)]
    blocks = [f"**{_(label)}**\n\n{text}" for label, text in parts] or [item.text]
    blocks += [f"---\n\n{merged.text}" for merged in item.merged]
    return visible_controls("\n\n".join(blocks))


class SpotlightScreen(LnScreen[int | None]):
    """Shows one item of a column; up/down step through the column. Dismisses with the item shown."""

    CSS_PATH = Path(__file__).parent / "kickoff.tcss"
    BINDINGS = [
        Binding("escape,f,space", "close", N_("Back to the board"), id="kickoff.spotlight-close"),
        Binding("down,right,j", "step(1)", N_("Next item"), id="kickoff.spotlight-next"),
        Binding("up,left,k", "step(-1)", N_("Previous item"), id="kickoff.spotlight-previous"),
    ]

    def __init__(self, items: list[BoardItem], selected_id: int, author_of: dict[int, str]) -> None:
        super().__init__(id="spotlight")
        self.items = items
        self.index = next((i for i, item in enumerate(items) if item.id == selected_id), 0)
        self.author_of = author_of

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="spotlight-scroll"):
            yield Static(id="spotlight-column")
            with Center():
                yield Static(id="spotlight-text")
            yield Static(id="spotlight-meta")
        yield Static(Content(_("Escape = back to the board · ↑/↓ = previous/next item")), id="spotlight-keys")

    async def on_mount(self) -> None:
        await self.show_item()

    def room_spotlight(self) -> int | None:
        """The item shown, for the room's screen (F12 on the spotlight shows it to the room)."""
        return self.items[self.index].id

    async def show_item(self) -> None:
        item = self.items[self.index]
        spotlight_in_room(self.app.store, item.id)  # the room follows when it is shown the board
        self.query_one("#spotlight-text", Static).update(markdown_content(spotlight_markdown(item)))
        author = self.author_of.get(item.member_id or 0, "") if item.member_id else _("anonymous")
        meta = [author, _("votes: {n}").format(n=item.votes)]
        if item.status is not ItemStatus.OPEN:
            meta.append(_(item.status.label))
        self.query_one("#spotlight-meta", Static).update(Content(" · ".join(meta)))
        place = f"{_(item.column.label)} {self.index + 1}/{len(self.items)}"
        self.query_one("#spotlight-column", Static).update(Content(place))
        self.query_one("#spotlight-scroll").scroll_home(animate=False)

    async def action_step(self, step: int) -> None:
        index = self.index + step
        if 0 <= index < len(self.items):
            self.index = index
            await self.show_item()

    def action_close(self) -> None:
        spotlight_in_room(self.app.store, None)
        self.dismiss(self.items[self.index].id)
