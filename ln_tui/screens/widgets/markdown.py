"""User Markdown as styled text, drawn the same way wherever it shows: a board card, the
spotlight, the evaluation summary, the follow-up of the previous meeting. And `SafeMarkdown`, the
Markdown widget for longer user texts (the announcement, a case's context).

A line break the writer typed stays a line break (the card kept lines apart that Textual's
Markdown widget joined); nothing in the text is markup.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token
from textual.content import Content
from textual.widgets import Markdown

from ln_tui.markdown_safe import keep_backslashes, safe_markdown_it, visible_controls

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
    text = keep_backslashes(text)
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


class SafeMarkdown(Markdown):
    """Textual's Markdown widget with the project's safe parser, never opening a link itself."""

    def __init__(self, markdown: str | None = None, **kwargs: Any) -> None:
        self.parser_factory = safe_markdown_it
        self.open_links = False
        super().__init__(markdown, parser_factory=self.parser_factory, open_links=self.open_links, **kwargs)
