"""Markdown written by users, parsed safely: raw HTML is text, dangerous links are dropped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_SAFE_SCHEMES = ("http:", "https:", "mailto:")
# C0/C1 control characters other than tab and newline, and bidi overrides/isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _validate_link(url: str) -> bool:
    """Only web and mail links, or links without a scheme (anchors, relative paths)."""
    lowered = _CONTROL.sub("", url).strip().lower()
    scheme = re.match(r"^[a-z][a-z0-9+.\-]*:", lowered)
    return scheme is None or lowered.startswith(_SAFE_SCHEMES)


def safe_link(url: str) -> bool:
    """Whether a link is one the reports keep: a web or mail link, or one without a scheme."""
    return _validate_link(url)


def safe_markdown_it() -> MarkdownIt:
    """A parser for user Markdown: `js-default` (no raw HTML) with a strict link check."""
    from markdown_it import MarkdownIt  # imported when first needed: start-up does without it

    parser = MarkdownIt("js-default")
    parser.validateLink = _validate_link  # type: ignore[method-assign]
    return parser


def visible_controls(text: str) -> str:
    """Replace control characters with visible symbols, so they show and do nothing."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~&])")


def md_escape(text: str) -> str:
    """Make plain user text (a name, a title) literal inside generated Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", visible_controls(text)).replace("\n", " ")


def render_html(markdown: str) -> str:
    return safe_markdown_it().render(markdown)
