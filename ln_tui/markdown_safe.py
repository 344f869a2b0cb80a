"""Markdown written by users, parsed safely: raw HTML is text, dangerous links are dropped."""

from __future__ import annotations

import html
import re
from functools import cache
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
    parser.validateLink = _validate_link  # type: ignore[method-assign]  # markdown-it's documented way to replace its link check
    return parser


def visible_controls(text: str) -> str:
    """Replace control characters with visible symbols, so they show and do nothing."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


ZERO_WIDTH_JOINER = "\u200d"


def terminal_text(text: str) -> str:
    """User text for a row of a table: control characters visible, and an emoji sequence joined with
    zero-width joiners (the family 👨‍👩‍👧‍👦) shown as its separate emoji. Terminals disagree on how wide
    a joined sequence is (tmux 3.3 drew the family one person short, two cells, while the table counted
    eight), which shifted the rest of the row; separate emoji are two cells everywhere."""
    return visible_controls(text).replace(ZERO_WIDTH_JOINER, "")


# Line breaks and tabs (a paste, a spreadsheet cell): in a one-line field each run is one space.
_BREAKS = re.compile("[ ]*[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+[ ]*")


def one_line(text: str) -> str:
    """The text on one line: every run of line breaks and tabs becomes one space."""
    return _BREAKS.sub(" ", text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~&])")


def md_escape(text: str) -> str:
    """Make plain user text (a name, a title) literal inside generated Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", visible_controls(text)).replace("\n", " ")


def render_html(markdown: str) -> str:
    return safe_markdown_it().render(markdown)


_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")  # a backslash Markdown reads as an escape


def keep_backslashes(markdown: str) -> str:
    """A user's Markdown with every backslash they typed shown: Markdown reads `\\[` as an escaped
    `[` and drops the backslash, so `\\[not markup]` lost it. Code is left as it is."""
    lines = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None or opening:
            if fence is None and opening:
                fence = opening.group(1)[0] * 3
            elif opening and opening.group(1).startswith(fence or ""):
                fence = None
            lines.append(line)
            continue
        pieces, start = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces += [_ESCAPE.sub(r"\\\\", line[start : span.start()]), span.group()]
            start = span.end()
        pieces.append(_ESCAPE.sub(r"\\\\", line[start:]))
        lines.append("".join(pieces))
    return "\n".join(lines)


def inert_html(text: str) -> str:
    """A user's Markdown text (a board item) as HTML with nothing active in it, for the phones:
    no raw HTML, links shown as their text, images as their description, controls visible."""
    return _inert_parser().render(keep_backslashes(visible_controls(text)))


@cache
def _inert_parser() -> MarkdownIt:
    parser = safe_markdown_it()
    parser.add_render_rule("link_open", lambda *_args: '<span class="link">')
    parser.add_render_rule("link_close", lambda *_args: "</span>")
    parser.add_render_rule("image", lambda _renderer, tokens, index, *_rest: html.escape(tokens[index].content))
    return parser


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^( {0,3})\[([^\]]+)\]:\s*<?(\S*)")
_SAFE_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.IGNORECASE)
_LT = re.compile(r"(\\*)<")


def _unsafe_destination(destination: str) -> bool:
    """Whether a link destination, as a Markdown viewer decodes it, is not a web or mail link."""
    import html

    decoded = html.unescape(destination.replace("\\", ""))
    return not _validate_link(decoded)


def _neutralise_text(text: str) -> str:
    text = _INLINE_LINK.sub(lambda m: "]\\(" + m.group()[2:] if _unsafe_destination(m.group(1)) else m.group(), text)
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group())
        return f"\x00{len(kept) - 1}\x00"

    text = _SAFE_AUTOLINK.sub(keep, text)
    text = _LT.sub(lambda m: m.group(1) + ("<" if len(m.group(1)) % 2 else "\\<"), text)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def neutralise_markdown(markdown: str) -> str:
    """Markdown that any viewer shows without running or loading anything: raw HTML becomes text
    (`<` escaped) and links other than web and mail links stop being links. Code is left as it is."""
    lines = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence):
                fence = None
            lines.append(line)
            continue
        if opening:
            fence = opening.group(1)[0] * 3
            lines.append(line)
            continue
        reference = _REFERENCE.match(line)
        if reference and _unsafe_destination(reference.group(3)):
            line = f"{reference.group(1)}\\{line[len(reference.group(1)) :]}"
        pieces, start = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces += [_neutralise_text(line[start : span.start()]), span.group()]
            start = span.end()
        pieces.append(_neutralise_text(line[start:]))
        lines.append("".join(pieces))
    return "\n".join(lines)
