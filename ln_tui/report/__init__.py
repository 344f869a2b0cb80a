"""Minutes and reports: Markdown built from the data, HTML rendered from it safely.

Each step of the method contributes a section (`section(store, meeting) -> str`);
`meeting=None` means the whole network.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from ln_tui.i18n import _
from ln_tui.markdown_safe import md_escape, render_html
from ln_tui.model import Meeting, meeting_label
from ln_tui.report import board, discussion, evaluation, network
from ln_tui.store import NetworkStore

Section = Callable[[NetworkStore, Meeting | None], str]

SECTIONS: list[Section] = [
    network.section,
    board.section,
    discussion.section,
    evaluation.section,
]


def minutes_markdown(store: NetworkStore, meeting: Meeting | None = None) -> str:
    """The minutes of one meeting, or the report of the whole network."""
    name = store.profile().name or _("Untitled network")
    if meeting is None:
        heading = _("Report of the learning network {name}").format(name=md_escape(name))
    else:
        heading = _("Minutes: {meeting}").format(meeting=md_escape(meeting_label(meeting)))
    parts = [f"# {heading}"]
    parts += [text.strip() for section in SECTIONS if (text := section(store, meeting).strip())]
    return "\n\n".join(parts) + "\n"


PRINT_CSS = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #111; }
h1, h2, h3 { line-height: 1.2; } h2 { border-bottom: 2px solid #333; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; } th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; }
code, pre { background: #f4f4f4; } pre { padding: .5em; overflow-x: auto; white-space: pre-wrap; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; } tr, li { break-inside: avoid; } a { color: inherit; } }
"""


def to_html(markdown: str, title: str) -> str:
    """A single self-contained HTML page, with print styles, from report Markdown."""
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n"
        f"<body>\n{render_html(markdown)}</body>\n</html>\n"
    )
