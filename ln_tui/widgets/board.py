"""The board's widgets: items as rich text made from their Markdown, and a column that lists them.

A column is an `OptionList`: one widget per column however many items it holds; its
lines are rendered only when seen, and adding an item appends one option.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from markdown_it.token import Token
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import safe_markdown_it, visible_controls
from ln_tui.model.board import INTRODUCTION_PARTS, BoardColumn, BoardItem, ItemStatus

# How much of an item the board shows; the spotlight shows all of it.
BOARD_CHARS = 280
_PARSER = safe_markdown_it()
_MAY_BE_MARKDOWN = re.compile(r"[*_`\[#>~<]|^\s*(?:[-+]|\d+[.)])\s|^\s*(?:---|===)", re.MULTILINE)
_STYLE_OF = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}


def markdown_content(text: str) -> Content:
    """Markdown as styled text: bold, italic, lists, headings, links (underlined, never active).

    Nothing in the text is markup: it reaches the screen as text with styles, not as tags.
    """
    text = visible_controls(text)
    if not _MAY_BE_MARKDOWN.search(text):
        return Content(text)  # most items are plain sentences: no parser needed
    parts: list[str | tuple[str, str]] = []
    lists: list[int | None] = []  # per open list: the next number, or None for bullets
    prefix = ""
    heading = False
    for token in _PARSER.parse(text):
        kind = token.type
        if kind in ("heading_open", "heading_close"):
            heading = kind == "heading_open"
        elif kind == "blockquote_open":
            prefix = "▌ "
        elif kind == "bullet_list_open":
            lists.append(None)
        elif kind == "ordered_list_open":
            lists.append(int(token.attrs.get("start", 1) or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            number = lists[-1]
            indent = "  " * (len(lists) - 1)
            prefix = f"{indent}• " if number is None else f"{indent}{number}. "
            if number is not None:
                lists[-1] = number + 1
        elif kind in ("inline", "fence", "code_block", "hr"):
            if parts:
                parts.append("\n")
            if prefix:
                parts.append(prefix)
                prefix = ""
            if kind == "inline":
                parts.extend(_inline_parts(token.children or [], "bold" if heading else ""))
            elif kind == "hr":
                parts.append("───")
            else:
                parts.append((token.content.rstrip("\n"), "reverse"))
    return Content.assemble(*parts)


def _inline_parts(children: list[Token], base: str) -> list[str | tuple[str, str]]:
    parts: list[str | tuple[str, str]] = []
    styles: list[str] = [base] if base else []
    for child in children:
        kind = child.type
        if kind.endswith("_open") and kind[: -len("_open")] in _STYLE_OF:
            styles.append(_STYLE_OF[kind[: -len("_open")]])
        elif kind.endswith("_close") and kind[: -len("_close")] in _STYLE_OF:
            if styles:
                styles.pop()
        elif kind in ("text", "image"):
            content = child.content
            parts.append((content, " ".join(styles)) if styles else content)
        elif kind == "code_inline":
            parts.append((child.content, "reverse"))
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
    return parts


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
    """The line under an item: votes, who said it, its status, what was merged into it."""
    parts: list[str | tuple[str, str]] = []
    if item.votes:
        parts += [(f"▲{item.votes}", "bold"), "  "]
    parts.append((author or _("anonymous"), "italic"))
    if item.status is not ItemStatus.OPEN:
        parts += ["  ", (f" {_(item.status.label)} ", "reverse bold")]
    return Content.assemble(*parts)


def item_content(item: BoardItem, author: str) -> Content:
    """An item as the board shows it: its words (shortened), merged texts, and its meta line."""
    lines = [item_body(item)]
    lines += [Content.assemble("+ ", markdown_content(shortened(merged.text, BOARD_CHARS // 2))) for merged in item.merged]
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

    def __call__(self, item: BoardItem) -> Content:
        assert item.id is not None
        made = self._made.get(item.id)
        if made is None or made[0] != item:
            made = (item, item_content(item, self.author_of.get(item.member_id or 0, "")))
            self._made[item.id] = made
        return made[1]

    def names_changed(self, author_of: dict[int, str]) -> None:
        if author_of != self.author_of:
            self.author_of = author_of
            self._made.clear()


class ItemList(OptionList):
    """Board items, one option each (id = the item's id)."""

    def __init__(self, prompts: ItemPrompts, items: Iterable[BoardItem] = (), **kwargs: object) -> None:
        self.prompts = prompts
        self._laid_out_width = -1
        super().__init__(*(self._option(item) for item in items), **kwargs)  # type: ignore[arg-type]

    def _on_resize(self, event: events.Resize) -> None:
        # OptionList lays every option out again on any resize. Only a new width changes how
        # items wrap: when the editor opens below the board only the height changes, and
        # laying out a thousand items again would make every capture slow.
        width = self.scrollable_content_region.width
        if width == self._laid_out_width:
            event.prevent_default()  # OptionList's own handler would clear the layout
            self.refresh()
        self._laid_out_width = width

    def _option(self, item: BoardItem) -> Option:
        return Option(self.prompts(item), id=str(item.id))

    @property
    def selected_id(self) -> int | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else int(option.id)

    def show(self, items: Iterable[BoardItem], select: int | None = None) -> None:
        """Show these items, the highlight on `select` (or where it was)."""
        keep = self.selected_id if select is None else select
        index = self.highlighted
        self.set_options(self._option(item) for item in items)
        if not self.option_count:
            return
        try:
            self.highlighted = self.get_option_index(str(keep))
        except OptionDoesNotExist:  # the item left this list: stay at the same height
            self.highlighted = min(index or 0, self.option_count - 1)

    def append(self, item: BoardItem) -> None:
        self.add_option(self._option(item))
        self.highlighted = self.option_count - 1


class BoardColumnList(ItemList):
    """The items of one column of the board."""

    BINDINGS: ClassVar = [
        Binding("left", "screen.focus_column(-1)", N_("Column to the left"), id="kickoff.column-left", show=False),
        Binding("right", "screen.focus_column(1)", N_("Column to the right"), id="kickoff.column-right", show=False),
    ]

    def __init__(self, column: BoardColumn, prompts: ItemPrompts, items: Iterable[BoardItem] = ()) -> None:
        super().__init__(prompts, items, id=f"list-{column.value}", classes="board-list")
        self.column = column
