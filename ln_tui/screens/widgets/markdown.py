"""Markdown written by users, shown safely: no raw HTML, no links opened, one parser for all."""

from __future__ import annotations

from typing import Any

from textual.widgets import Markdown

from ln_tui.markdown_safe import safe_markdown_it


class SafeMarkdown(Markdown):
    """A Markdown widget with the project's safe parser that never opens a link itself."""

    def __init__(self, markdown: str | None = None, **kwargs: Any) -> None:
        self.parser_factory = safe_markdown_it
        self.open_links = False
        super().__init__(markdown, parser_factory=self.parser_factory, open_links=self.open_links, **kwargs)
