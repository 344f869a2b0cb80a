"""The Minutes' sections of the report: the roles of a meeting, and its notes, decisions and
actions with what earlier meetings carried forward; for the whole network, the actions with
their history."""

from __future__ import annotations

from ln_tui.i18n import _, ngettext
from ln_tui.kickoff.model import BoardItem
from ln_tui.markdown_safe import md_escape, visible_controls
from ln_tui.minutes.carry import Carried, CarriedKind, meeting_order
from ln_tui.minutes.notes import ROLE_FIELDS, Minutes, Names, due_text, owner_of, time_of, where_taken
from ln_tui.model import Audience, Meeting, Note, NoteKind, NoteStatus, meeting_label
from ln_tui.store import NetworkStore


def roles_section(store: NetworkStore, meeting: Meeting | None, audience: Audience = Audience.GROUP) -> str:
    """Who chairs, keeps the time and takes the minutes; who is planned to bring a case (names:
    for the group only)."""
    if audience is Audience.SHARE:
        return ""
    if meeting is None:
        return schedule_markdown(store)
    names = {m.id: m.name for m in store.members.all()}
    lines = roles_lines(meeting, names)
    if not lines:
        return ""
    return f"## {_('Roles')}\n\n" + "\n".join(f"- {line}" for line in lines)


def roles_lines(meeting: Meeting, names: dict[int | None, str]) -> list[str]:
    lines = [
        f"{_(label)}: {md_escape(names.get(member_id, _('(removed member)')))}"
        for field_name, label in ROLE_FIELDS
        if (member_id := getattr(meeting, field_name)) is not None
    ]
    if meeting.case_bringer_ids:
        bringers = ", ".join(md_escape(names.get(i, _("(removed member)"))) for i in meeting.case_bringer_ids)
        lines.append(_("Planned to bring a case: {names}").format(names=bringers))
    return lines


def schedule_markdown(store: NetworkStore) -> str:
    """The case-bringer schedule and the roles, one line per meeting."""
    names: dict[int | None, str] = {m.id: m.name for m in store.members.all()}
    meetings = sorted(store.meetings.all(), key=meeting_order)
    rows = [(m, roles_lines(m, names)) for m in meetings]
    if not any(lines for _m, lines in rows):
        return ""
    parts = [f"## {_('Roles and case-bringers per meeting')}"]
    for meeting, lines in rows:
        if lines:
            parts.append(f"**{md_escape(meeting_label(meeting))}**\n\n" + "\n".join(f"- {line}" for line in lines))
    return "\n\n".join(parts)


def section(store: NetworkStore, meeting: Meeting | None, audience: Audience = Audience.GROUP) -> str:
    minutes = Minutes(store)
    names = minutes.names()
    share = audience is Audience.SHARE
    if meeting is None:
        return history_markdown(store, names, audience)
    notes = [n for n in minutes.notes(meeting) if n.may_be_shared or not share]
    parts = []
    for kind, title in (
        (NoteKind.DECISION, _("Decisions")),
        (NoteKind.ACTION, _("Actions")),
        (NoteKind.NOTE, _("Notes")),
    ):
        # Notes on a case are in the case's own section; decisions and actions are all here.
        shown = [n for n in notes if n.kind is kind and (kind is not NoteKind.NOTE or "case_id" not in n.context)]
        if shown:
            parts.append(f"### {title}\n\n" + "\n".join(note_line(n, names, where=not share) for n in shown))
    carried = minutes.carried(meeting)
    if share:
        carried = [item for item in carried if shared_carried(store, item)]
    if carried:
        lines = []
        for item in carried:
            origin = md_escape(meeting_label(item.origin)) if item.origin else "?"
            if item.kind is CarriedKind.ACTION:
                note = store.notes.get(item.id)
                owner = md_escape(owner_of(note, names.members)) if note else ""
                state = _("done at this meeting") if item.done else _("still open")
                lines.append(f"- {_('Action')} ({origin}): {md_escape(item.text)} — {owner} — **{state}**")
            elif item.kind is CarriedKind.QUESTION:
                state = _("parked") if item.parked else _("open")
                # A board item is the user's Markdown, as on the board and in the kickoff's section.
                question = visible_controls(item.text).replace("\n", " ")
                lines.append(f"- {_('Question')} ({origin}): {question} — **{state}**")
            else:
                told = minutes.outcome(item.id)
                said = md_escape(told.text) if told else _("not told yet")
                lines.append(
                    f"- {_('What was done with the advice on {case}').format(case=md_escape(item.text))} ({origin}): "
                    + said
                )
        parts.append(f"### {_('Carried forward from earlier meetings')}\n\n" + "\n".join(lines))
    if not parts:
        return ""
    return f"## {_('Notes, decisions and actions')}\n\n" + "\n\n".join(parts)


def shared_carried(store: NetworkStore, item: Carried) -> bool:
    """Whether a line of the follow-up may leave the group: a shareable action, a board question
    marked shareable; never what a case-bringer did with the advice (it is about their case)."""
    if item.kind is CarriedKind.ACTION:
        note = store.notes.get(item.id)
        return note is not None and note.may_be_shared
    if item.kind is CarriedKind.QUESTION:
        board_item = store.repo(BoardItem).get(item.id)
        return board_item is not None and board_item.shared
    return False


def note_line(note: Note, names: Names, *, where: bool = True) -> str:
    """One note as a list item; `where` adds where it was taken (a board item's text, a case: for
    the group only)."""
    line = f"- {time_of(note)} {md_escape(note.text)}"
    if note.kind is NoteKind.ACTION:
        line += " — " + _("owner: {owner}").format(owner=md_escape(owner_of(note, names.members)))
        if due := due_text(note, names.meetings):
            line += " — " + _("due: {due}").format(due=md_escape(due))
        line += " — **" + md_escape(status_text(note, names)) + "**"
    if where and (taken := where_taken(note, names)):
        line += f" *({md_escape(taken)})*"
    return line


def status_text(note: Note, names: Names) -> str:
    if note.status is NoteStatus.OPEN:
        return _("open")
    done_at = names.meetings.get(note.done_meeting_id)
    return _("done at {meeting}").format(meeting=meeting_label(done_at)) if done_at else _("done")


def history_markdown(store: NetworkStore, names: Names, audience: Audience = Audience.GROUP) -> str:
    """Every decision, and every action with its history: taken at, carried over, done at."""
    meetings = sorted(store.meetings.all(), key=meeting_order)
    position = {m.id: i for i, m in enumerate(meetings)}
    notes = sorted(store.notes.all(), key=lambda n: (position.get(n.meeting_id, -1), n.created, n.id or 0))
    if audience is Audience.SHARE:
        notes = [n for n in notes if n.may_be_shared]
    decisions = [n for n in notes if n.kind is NoteKind.DECISION]
    actions = [n for n in notes if n.kind is NoteKind.ACTION]
    # How far an open action has come: to the current meeting, or to the last one with notes.
    current = store.current_meeting
    reached = max([position.get(current.id, -1) if current else -1, *(position.get(n.meeting_id, -1) for n in notes)])
    parts = []
    if decisions:
        parts.append(
            f"## {_('Decisions')}\n\n"
            + "\n".join(f"- {md_escape(n.text)} *({md_escape(label_of(names, n.meeting_id))})*" for n in decisions)
        )
    if actions:
        rows = [
            f"| {_('Action')} | {_('Owner')} | {_('Taken at')} | {_('Due')} | {_('Carried over')} | {_('Status')} |",
            "|---|---|---|---|---|---|",
        ]
        for n in actions:
            start = position.get(n.meeting_id)
            end = position.get(n.done_meeting_id, reached) if n.status is NoteStatus.DONE else reached
            over = max(0, end - start) if start is not None else 0
            rows.append(
                f"| {md_escape(n.text)} | {md_escape(owner_of(n, names.members))} | "
                f"{md_escape(label_of(names, n.meeting_id))} | {md_escape(due_text(n, names.meetings))} | "
                f"{ngettext('{n} meeting', '{n} meetings', over).format(n=over)} | {status_text(n, names)} |"
            )
        parts.append(f"## {_('Actions and their history')}\n\n" + "\n".join(rows))
    return "\n\n".join(parts)


def label_of(names: Names, meeting_id: int | None) -> str:
    meeting = names.meetings.get(meeting_id)
    return meeting_label(meeting) if meeting else _("no meeting")
