"""The board in the minutes: per column its items with votes, status and author (or anonymous)."""

from __future__ import annotations

from ln_tui.i18n import _
from ln_tui.kickoff.board import ItemSort, sort_items
from ln_tui.kickoff.model import INTRODUCTION_PARTS, BoardColumn, BoardItem, ItemStatus
from ln_tui.markdown_safe import keep_backslashes, md_escape, visible_controls
from ln_tui.model import Audience, Meeting, meeting_label
from ln_tui.store import NetworkStore


def section(store: NetworkStore, meeting: Meeting | None, audience: Audience = Audience.GROUP) -> str:
    """The board per column. To share: only the items marked shareable, and nobody's name."""
    items = store.repo(BoardItem).all()
    share = audience is Audience.SHARE
    if share:
        items = [i for i in items if i.shared]
    if meeting is not None:
        return board_markdown(
            store, meeting, [i for i in items if i.meeting_id == meeting.id], heading=False, named=not share
        )
    meetings = sorted(store.meetings.all(), key=lambda m: (m.date, m.time))
    return "\n\n".join(
        board_markdown(store, m, shown, heading=True, named=not share)
        for m in meetings
        if (shown := [i for i in items if i.meeting_id == m.id])
    )


def board_markdown(
    store: NetworkStore, meeting: Meeting, items: list[BoardItem], *, heading: bool, named: bool = True
) -> str:
    if not items:
        return ""
    names = {m.id: m.name for m in store.members.all()} if named else {}
    title = (
        _("Kickoff board")
        if not heading
        else _("Kickoff board of {meeting}").format(meeting=md_escape(meeting_label(meeting)))
    )
    parts = [f"## {title}"]
    for column in BoardColumn:
        in_column = sort_items((i for i in items if i.column is column), ItemSort.VOTES)
        if in_column:
            lines = [item_markdown(item, names, named=named) for item in in_column]
            parts.append(f"### {_(column.label)}\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def _indented(text: str) -> str:
    """User Markdown inside a list item: control characters visible, continuation lines indented."""
    return keep_backslashes(visible_controls(text.strip())).replace("\n", "\n  ")


def item_markdown(item: BoardItem, names: dict[int | None, str], *, named: bool = True) -> str:
    """An item with its facts; `named` False (to share): without its author, nor who else said it."""
    author = md_escape(names[item.member_id]) if item.member_id in names else _("anonymous")
    facts = [author] if named else []
    if item.votes:
        facts.append(_("votes: {n}").format(n=item.votes))
    if item.status is not ItemStatus.OPEN:
        facts.append(_(item.status.label))
    parts = [(_(label), getattr(item, name)) for name, label in INTRODUCTION_PARTS if getattr(item, name)]
    if parts:
        lines = [f"- **{author if named else _('An introduction')}**"]
        lines += [f"  - *{label}:* {_indented(text)}" for label, text in parts]
    else:
        lines = [f"- {_indented(item.text)}" + (f"  \n  *({', '.join(facts)})*" if facts else "")]
    lines += [
        f"  - {_('also said')}"
        + (f" ({md_escape(names[merged.member_id])})" if merged.member_id in names else "")
        + f": {_indented(merged.text)}"
        for merged in item.merged
    ]
    return "\n".join(lines)
