"""The board's widgets: items as rich text made from their Markdown, and a column that lists them.

A column is an `ItemList`: one widget per column however many items it holds, which lays
out only the items on screen, so opening a full board and adding to it stay quick.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Padding, Visual
from textual.widget import Widget

from ln_tui.i18n import N_, _, get_language
from ln_tui.kickoff.model import INTRODUCTION_PARTS, BoardColumn, BoardItem, ItemStatus
from ln_tui.screens.widgets.bars import fit
from ln_tui.screens.widgets.cursor import cursor_bindings
from ln_tui.screens.widgets.markdown import markdown_content

# How much of an item the board shows; the spotlight shows all of it.
BOARD_CHARS = 280


def shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def item_body(item: BoardItem, limit: int | None = BOARD_CHARS) -> Content:
    """What an item says: its Markdown, or the parts of an introduction under their labels."""
    cut = (lambda text: shortened(text, limit)) if limit else (lambda text: text)
    parts = [(label, getattr(item, name)) for name, label in INTRODUCTION_PARTS if getattr(item, name)]
    if not parts:
        return markdown_content(cut(item.text))
    return Content("\n").join(
        Content.assemble((_(label) + ": ", "bold"), markdown_content(cut(text))) for label, text in parts
    )


def item_meta(item: BoardItem, author: str) -> Content:
    """The line under an item: votes, who said it, its status, whether it may leave the group."""
    parts: list[str | tuple[str, str]] = []
    if item.votes:
        parts += [(f"▲{item.votes}", "bold"), "  "]
    parts.append((author or _("anonymous"), "italic"))
    if item.status is not ItemStatus.OPEN:
        parts += ["  ", (f" {_(item.status.label)} ", "reverse bold")]
    if item.shared:
        parts += ["  ", ("↗ " + _("may be shared"), "italic")]
    return Content.assemble(*parts)


def item_content(item: BoardItem, author: str) -> Content:
    """An item as the board shows it: its words (shortened), merged texts, and its meta line."""
    lines = [item_body(item)]
    lines += [
        Content.assemble("+ ", markdown_content(shortened(merged.text, BOARD_CHARS // 2))) for merged in item.merged
    ]
    meta = item_meta(item, author)
    if is_introduction(item):  # an introduction is headed by who introduces themselves
        lines.insert(0, meta.stylize("bold"))
    else:
        lines.append(meta)
    lines.append(Content(""))  # a blank line between items
    return Content("\n").join(lines)


def is_introduction(item: BoardItem) -> bool:
    return any(getattr(item, name) for name, _label in INTRODUCTION_PARTS)


class ItemPrompts:
    """The rendered items, made again only when an item or the names change."""

    def __init__(self, author_of: dict[int, str]) -> None:
        self.author_of = author_of
        self._made: dict[int, tuple[BoardItem, Content]] = {}
        self._language = get_language()

    def __call__(self, item: BoardItem) -> Content:
        assert item.id is not None
        if self._language != get_language():  # the labels of a card ("why", "offers") changed
            self._language = get_language()
            self._made.clear()
        made = self._made.get(item.id)
        if made is None or made[0] != item:
            made = (item, item_content(item, self.author_of.get(item.member_id or 0, "")))
            self._made[item.id] = made
        return made[1]

    def names_changed(self, author_of: dict[int, str]) -> None:
        if author_of != self.author_of:
            self.author_of = author_of
            self._made.clear()


class ItemList(Widget, can_focus=True):
    """Board items as cards under a cursor, painted a screenful at a time.

    Only the items on screen are laid out: the list keeps the index of the first item shown
    (`top`) and paints items from there until the widget is full, so a column of a thousand
    items costs what its visible twenty cost, when it opens and when one is added. A thin
    gutter on the right shows where the view is in the column. Enter (or a double click)
    posts `Selected`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-list--cursor",
        "item-list--gutter",
        "item-list--thumb",
        "item-list--hint",
    }
    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .item-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .item-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .item-list--gutter { color: $panel; }
        & > .item-list--thumb { color: $foreground-muted; }
        & > .item-list--hint { color: $foreground-muted; text-style: italic; }
    }
    """
    EMPTY_HINT: ClassVar[str] = ""  # shown in an empty list while it has the focus (marked with N_)
    BINDINGS: ClassVar[list[BindingType]] = [*cursor_bindings("board")]

    class Selected(Message):
        """Enter (or a double click) on an item."""

        def __init__(self, item_list: ItemList, item_id: int) -> None:
            super().__init__()
            self.item_list, self.item_id = item_list, item_id

    def __init__(self, prompts: ItemPrompts, items: Iterable[BoardItem] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.prompts = prompts
        self.items: list[BoardItem] = list(items)
        self.cursor = 0  # index in `items` (meaningless while there are none)
        self.top = 0  # index of the first item on screen
        self._cards: dict[tuple[int, int, VisualStyle], tuple[BoardItem, list[Strip]]] = {}
        # A card's line with the gutter's cell after it, by the line (its id) and the cell: a paint
        # after another seat's change joins only the lines of the cards that changed. Only the
        # last paint's are kept (`_joined_now`: this paint's), so it holds one screenful.
        self._joined: dict[tuple[int, str, Style], tuple[Strip, Strip]] = {}
        self._joined_now: dict[tuple[int, str, Style], tuple[Strip, Strip]] = {}
        self._blank: tuple[int, Style, Strip] | None = None
        self._styles: tuple[VisualStyle, VisualStyle] | None = None  # plain and cursor, while painting
        self._frame: list[Strip] | None = None
        self._served: list[Strip | None] = []  # per line on screen: what render_line gave Textual
        self._line_items: list[int] = []  # per line on screen: the index of its item (-1: none)
        self._shown_to = 0  # one past the last item (partly) on screen

    # -- what is shown ------------------------------------------------------------------------
    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def selected_id(self) -> int | None:
        return self.items[self.cursor].id if self.items else None

    def show(self, items: Iterable[BoardItem], select: int | None = None, *, paint: bool = True) -> None:
        """Show these items, the cursor on `select` (or on the item it was on).

        With `paint=False` their cards are rendered now and put on screen by `paint_shown` or the
        next change that paints: phones' items are prepared between keystrokes, shown with one."""
        keep = self.selected_id if select is None else select
        self.items = list(items)
        index = next((i for i, item in enumerate(self.items) if item.id == keep), None)
        if paint:
            self._move(self.cursor if index is None else index)  # an item that left: same height
        else:
            self.cursor = max(0, min(self.cursor if index is None else index, len(self.items) - 1))
            self._frame = self._paint() if self._painted_at_this_size() else None

    def append(self, item: BoardItem) -> None:
        """Add one item at the end and put the cursor on it."""
        self.items.append(item)
        self._move(len(self.items) - 1)

    def _move(self, index: int) -> None:
        self.cursor = max(0, min(index, len(self.items) - 1))
        self._changed()

    def paint_shown(self) -> None:
        """Put on screen what `show(..., paint=False)` prepared."""
        self._changed()

    def _painted_at_this_size(self) -> bool:
        return self.is_mounted and len(self._served) == self.size.height and None not in self._served

    def _changed(self) -> None:
        """Paint again: only the lines that differ from those on screen, once the list has been
        painted at this size (a cursor key changes two cards, a phone's vote one card)."""
        self._frame = None
        if not self._painted_at_this_size():
            self._served = [None] * self.size.height
            self.refresh()
            return
        self._frame = frame = self._paint()
        width = self.size.width
        changed = [Region(0, y, width, 1) for y, line in enumerate(frame) if line != self._served[y]]
        if len(changed) > len(frame) // 2:  # scrolled: one region is cheaper for Textual than many
            self.refresh()
        elif changed:
            self.refresh(*changed)

    # -- keys and mouse -----------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(1, self._shown_to - self.top - 1))

    def action_move_to(self, index: int) -> None:
        self._move(index % len(self.items) if self.items else 0)

    def action_select(self) -> None:
        if self.items:
            self.post_message(self.Selected(self, self.items[self.cursor].id or 0))

    def on_click(self, event: events.Click) -> None:
        index = self._line_items[event.y] if 0 <= event.y < len(self._line_items) else -1
        if index < 0:
            return
        if index == self.cursor and event.chain >= 2:
            self.action_select()
        self._move(index)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_move(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_move(-1)

    def on_focus(self) -> None:
        self._changed()  # the cursor's colours follow the focus

    def on_blur(self) -> None:
        self._changed()

    def on_resize(self) -> None:
        self._changed()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cards.clear()
        self._joined.clear()
        self._frame = None
        self._served = []  # painted in full next time

    def on_unmount(self) -> None:
        # Textual may keep a removed widget a while (its query cache): not its painted cards.
        self._cards.clear()
        self._joined.clear()
        self._frame = None
        self._served = []

    # -- painting -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        if self._frame is None:
            self._frame = self._paint()
        line = self._frame[y] if y < len(self._frame) else Strip.blank(self.size.width, self.rich_style)
        if len(self._served) != self.size.height:
            self._served = [None] * self.size.height
        if y < len(self._served):
            self._served[y] = line
        return line

    def _card(self, index: int, width: int) -> list[Strip]:
        """The lines of one item at this width, in the cursor's colours if it is on it."""
        item = self.items[index]
        plain, cursor = self._styles or (self.get_visual_style(), self.get_visual_style("item-list--cursor"))
        style = cursor if index == self.cursor else plain
        key = (item.id or 0, width, style)  # an item may be drawn as the cursor and not: both kept
        card = self._cards.get(key)
        if card is None or card[0] != item:
            if len(self._cards) > 4000:
                self._cards.clear()
            visual = Padding(self.prompts(item), Spacing(0, 1, 0, 1))
            strips = Visual.to_strips(self, visual, width, None, style)
            card = self._cards[key] = (item, [strip.extend_cell_length(width, style.rich_style) for strip in strips])
        return card[1]

    def _scroll_to_cursor(self, width: int, height: int) -> None:
        """Move `top` so that the cursor's item is on screen, whole if it fits, and the column
        has no empty space at its foot while items above are out of view (an item that left the
        end of the column, answered or moved, would leave its neighbours scrolled away)."""
        self.top = max(0, min(self.top, len(self.items) - 1))
        if self.cursor <= self.top:
            self.top = self.cursor
            self._fill_to_the_foot(width, height)
            return
        start, used = self.cursor, len(self._card(self.cursor, width))
        while start > self.top:
            above = len(self._card(start - 1, width))
            if used + above > height:
                self.top = start  # the items from top to the cursor do not fit: scroll
                return
            used += above
            start -= 1

    def _fill_to_the_foot(self, width: int, height: int) -> None:
        used = 0
        for index in range(self.top, len(self.items)):
            used += len(self._card(index, width))
            if used >= height:
                return
        while self.top > 0:
            above = len(self._card(self.top - 1, width))
            if used + above > height:
                return
            used += above
            self.top -= 1

    def _paint(self) -> list[Strip]:
        self._styles = (self.get_visual_style(), self.get_visual_style("item-list--cursor"))  # once a paint
        try:
            return self._paint_lines()
        finally:
            self._styles = None

    def _paint_lines(self) -> list[Strip]:
        width, height = self.size
        gutter = 1 if width > 4 else 0
        width -= gutter
        lines: list[Strip] = []
        self._line_items = []
        index = self.top
        if self.items:
            self._scroll_to_cursor(width, height)
            index = self.top
            while len(lines) < height and index < len(self.items):
                card = self._card(index, width)
                lines += card
                self._line_items += [index] * len(card)
                index += 1
        elif self.EMPTY_HINT and self.has_focus:
            hint = Padding(Content(_(self.EMPTY_HINT)), Spacing(0, 1, 0, 1))
            lines = Visual.to_strips(self, hint, width, None, self.get_visual_style("item-list--hint"))
            lines = [strip.extend_cell_length(width, self.rich_style) for strip in lines]
            self._line_items = [-1] * len(lines)
        self._shown_to = index
        everything = self.top == 0 and index == len(self.items) and len(lines) <= height
        lines, self._line_items = lines[:height], self._line_items[:height]
        blank = self._blank_line(width)
        lines += [blank] * (height - len(lines))
        self._line_items += [-1] * (height - len(self._line_items))
        if not gutter:
            return lines
        self._joined_now = {}
        joined = [self._join(strip, *bar) for strip, bar in zip(lines, self._gutter(height, everything), strict=False)]
        self._joined, self._joined_now = self._joined_now, {}
        return joined

    def _blank_line(self, width: int) -> Strip:
        """An empty line of the list: the same object while the width and colours are (`_join`)."""
        style = self.rich_style
        if self._blank is None or self._blank[:2] != (width, style):
            self._blank = (width, style, Strip.blank(width, style))
        return self._blank[2]

    def _join(self, line: Strip, cell: str, style: Style) -> Strip:
        """`line` with the gutter's `cell` after it, joined once for each line and cell."""
        key = (id(line), cell, style)
        entry = self._joined.get(key)
        if entry is None or entry[0] is not line:
            entry = (line, line + Strip([Segment(cell, style)], 1))
        self._joined_now[key] = entry
        return entry[1]

    def _gutter(self, height: int, everything: bool) -> list[tuple[str, Style]]:
        """Where the view is in the column: a thumb over the part of the items on screen."""
        if everything:
            return [(" ", self.rich_style)] * height
        track = ("│", self.get_component_rich_style("item-list--gutter"))
        thumb = ("┃", self.get_component_rich_style("item-list--thumb"))
        count = len(self.items)
        start = min(height - 1, self.top * height // count)
        end = max(start + 1, -(-self._shown_to * height // count))
        return [thumb if start <= y < end else track for y in range(height)]


class BoardColumnList(ItemList):
    """The items of one column of the board."""

    EMPTY_HINT = N_("Nothing here yet: press n to add one.")

    BINDINGS: ClassVar = [
        Binding("left", "screen.focus_column(-1)", N_("Column to the left"), id="kickoff.column-left", show=False),
        Binding("right", "screen.focus_column(1)", N_("Column to the right"), id="kickoff.column-right", show=False),
    ]

    def __init__(self, column: BoardColumn, prompts: ItemPrompts, items: Iterable[BoardItem] = ()) -> None:
        super().__init__(prompts, items, id=f"list-{column.value}", classes="board-list")
        self.column = column


class ColumnTitle(Widget):
    """A column's name and its item count on one line: the name gives way, the count always shows."""

    DEFAULT_CSS = "ColumnTitle { height: 1; }"

    class Shown(NamedTuple):
        label: str
        figures: str  # " (5)", and " ▲" when sorted by votes

    shown: reactive[Shown] = reactive(Shown("", ""), layout=False)

    def __init__(self, shown: Shown, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(ColumnTitle.shown, shown)

    def render(self) -> Content:
        label, figures = self.shown
        room = max(self.content_size.width - cell_len(figures), 1)
        return Content(fit(label, room).rstrip() + figures)
