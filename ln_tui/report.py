"""Minutes and reports: Markdown built from the data, HTML rendered from it safely.

Each step of the method contributes a section (`section(store, meeting, audience) -> str`);
`meeting=None` means the whole network; `audience` is the group (everything) or "to share"
(only what may leave the group: see DOMAIN.md, "What stays in the group").
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from ln_tui.agenda import report as agenda
from ln_tui.discussion import report as discussion
from ln_tui.evaluation import report as evaluation
from ln_tui.i18n import _, get_language
from ln_tui.kickoff import report as kickoff
from ln_tui.markdown_safe import md_escape, neutralise_markdown, render_html, visible_controls
from ln_tui.minutes import report as minutes
from ln_tui.minutes.notes import numbered
from ln_tui.model import Audience, Meeting, meeting_label
from ln_tui.network import report as network
from ln_tui.store import NetworkStore
from ln_tui.store.files import write_atomic
from ln_tui.store.outputs import output_target

# A section of the minutes (meeting) or the report (None), for the group or to share outside it.
Section = Callable[[NetworkStore, Meeting | None, Audience], str]

SECTIONS: list[Section] = [
    network.section,
    minutes.roles_section,
    agenda.section,
    kickoff.section,
    discussion.section,
    evaluation.section,
    minutes.section,
]


def minutes_markdown(store: NetworkStore, meeting: Meeting | None = None, audience: Audience = Audience.GROUP) -> str:
    """The minutes of one meeting, or the report of the whole network: for the group (everything)
    or to share (only what may leave the group: no case texts, turn notes or names)."""
    name = store.profile().name or _("Untitled network")
    share = audience is Audience.SHARE
    if meeting is None:
        heading = (
            _("Report to share of the learning network {name}") if share else _("Report of the learning network {name}")
        ).format(name=md_escape(name))
    else:
        heading = (_("Minutes to share: {meeting}") if share else _("Minutes: {meeting}")).format(
            meeting=md_escape(meeting_label(meeting))
        )
    parts = [f"# {heading}"]
    if share:
        parts.append(
            "*"
            + _(
                "What is said in the group stays there: these minutes hold only what the group marked as "
                "shareable, cases by their title and the client's alias, and attendance as counts."
            )
            + "*"
        )
    parts += [text.strip() for section in SECTIONS if (text := section(store, meeting, audience).strip())]
    # User Markdown (profile texts, cases, board items) is kept as Markdown; nothing in it may run.
    return neutralise_markdown("\n\n".join(parts)) + "\n"


def export_minutes(store: NetworkStore, meeting: Meeting, fmt: str, audience: Audience = Audience.GROUP) -> Path:
    """Write a meeting's minutes beside the network file (Markdown, or HTML when `fmt` is "html"),
    for the group or to share (a name of its own, so that one is never taken for the other);
    return the path. Raises `OutputRefused` or `OSError` when it cannot be written."""
    number = next((i for i, m in enumerate(numbered(store), 1) if m.id == meeting.id), 0)
    markdown = minutes_markdown(store, meeting, audience)
    text = to_html(markdown, meeting_label(meeting)) if fmt == "html" else markdown
    kind = "-to-share" if audience is Audience.SHARE else ""
    path = store.path.with_name(f"{store.path.stem}-minutes-{number}{kind}.{'html' if fmt == 'html' else 'md'}")
    write_atomic(output_target(path, store.path), text.encode("utf-8"))  # never over a network
    return path


PRINT_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #111; background: #fff; }
h1, h2, h3, h4 { line-height: 1.2; color: #000; } h1 { font-size: 1.8em; } h2 { border-bottom: 2px solid #333; margin-top: 2em; padding-bottom: .15em; }
p, li { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 1em 0; max-width: 100%; } th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; overflow-wrap: normal; word-break: keep-all; hyphens: none; } td code { background: none; color: #1f4e9e; font-size: 1.1em; letter-spacing: -.05em; white-space: pre; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: #f4f4f4; } pre { padding: .5em; overflow-x: auto; white-space: pre-wrap; }
blockquote { border-left: 4px solid #bbb; margin-left: 0; padding-left: 1em; color: #333; }
@media print {
  @page { margin: 18mm 16mm; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; } h2 { margin-top: 1.4em; }
  table, tr, li, blockquote { break-inside: avoid; page-break-inside: avoid; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  td code { color: #000; }
  a { color: inherit; text-decoration: underline; } a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
"""

# The page loads nothing and runs nothing: styles are inline, every other source is refused.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def to_html(markdown: str, title: str) -> str:
    """A single self-contained HTML page, with print styles, from report Markdown."""
    return (
        f'<!DOCTYPE html>\n<html lang="{get_language()}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(visible_controls(title))}</title>\n<style>{PRINT_CSS}</style>\n</head>\n"
        f"<body>\n{render_html(markdown)}</body>\n</html>\n"
    )
