"""A member's take-home: one page for them alone, to keep and to bring back to their own work.

What a member takes home (decided for issue 27): their own thread (the goal, their check-ins,
the cases they brought with the advice they received and what came of it, the goal's review at
the close), the actions they still carry, and the network's harvest (insights, good practices,
what continues and who carries it: written to be shared, as the minutes to share hold it).
Advice is given without who gave it; other members' check-ins, goals and reviews are not in it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ln_tui.agenda.closing import harvest
from ln_tui.agenda.report import harvest_markdown
from ln_tui.i18n import _
from ln_tui.markdown_safe import md_escape, neutralise_markdown, visible_controls
from ln_tui.model import Meeting, Member, NoteKind, NoteStatus, meeting_label
from ln_tui.report import to_html
from ln_tui.store import NetworkStore
from ln_tui.store.files import write_atomic
from ln_tui.store.outputs import output_target
from ln_tui.thread.thread import Thread, member_thread


def quoted(text: str, *, markdown: bool = False) -> str:
    """A member's text as a block of its own, their line breaks kept: typed text escaped, the
    kickoff board's Markdown (a goal from an introduction) kept as Markdown, as the minutes keep it."""
    return "\n".join(
        f"> {line if markdown else md_escape(line)}" if line.strip() else ">"
        for line in visible_controls(text).splitlines()
    )


def label(meeting: Meeting | None) -> str:
    return md_escape(meeting_label(meeting)) if meeting else _("a meeting no longer planned")


def take_home_markdown(store: NetworkStore, member: Member) -> str:
    thread = member_thread(store, member)
    network = store.profile().name or "ln-tui"
    name = md_escape(visible_controls(member.name))
    parts = [
        "# " + _("What {name} takes home").format(name=name),
        "*"
        + _(
            "{network}: my own learning thread, the actions I still carry, and the network's harvest as the "
            "group shared it. The advice of the others is here without their names."
        ).format(network=md_escape(network))
        + "*",
        goal_part(thread),
        check_in_part(thread),
        case_part(thread),
        action_part(store, member),
    ]
    if harvested := harvest_markdown(harvest(store)):
        parts.append(harvested)
    return neutralise_markdown("\n\n".join(p for p in parts if p)) + "\n"


def goal_part(thread: Thread) -> str:
    lines = [f"## {_('My learning goal')}"]
    if not thread.goal:
        lines.append(_("No learning goal was written down."))
        return "\n\n".join(lines)
    lines.append(quoted(thread.goal, markdown=True))
    if not thread.own_goal:
        lines.append("*" + _("From my introduction at the kickoff.") + "*")
    review = thread.review
    if review is not None:
        verdict = _("At {meeting}: {outcome}.").format(
            meeting=label(thread.review_meeting), outcome=_(review.outcome.label)
        )
        lines.append(f"**{verdict}**")
        if review.goal.strip() and review.goal.strip() != thread.goal:
            lines.append(_("The goal as it was reviewed:") + "\n\n" + quoted(review.goal, markdown=True))
        if review.remark.strip():
            lines.append(quoted(review.remark))
    return "\n\n".join(lines)


def check_in_part(thread: Thread) -> str:
    if not thread.check_ins:
        return ""
    lines = [f"## {_('My check-ins')}"]
    for meeting, check_in in thread.check_ins:
        lines.append(
            f"### {label(meeting)}\n\n*{md_escape(visible_controls(check_in.question))}*\n\n{quoted(check_in.answer)}"
        )
    return "\n\n".join(lines)


def case_part(thread: Thread) -> str:
    if not thread.cases:
        return ""
    lines = [f"## {_('The cases I brought')}"]
    for brought in thread.cases:
        case = brought.case
        title = md_escape(visible_controls(case.title))
        alias = f" ({md_escape(visible_controls(case.client_alias))})" if case.client_alias.strip() else ""
        lines.append(f"### {title}{alias}\n\n{label(brought.meeting)}")
        if case.question.strip():
            lines.append(f"*{_('My question')}:*\n\n{quoted(case.question)}")
        if brought.advice:
            advice = "\n".join(f"- {md_escape(visible_controls(' '.join(a.split())))}" for a in brought.advice)
            lines.append(f"*{_('Advice I received')}:*\n\n{advice}")
        if brought.outcome.strip():
            told = _("What came of it (told at {meeting}):").format(meeting=label(brought.outcome_meeting))
            lines.append(f"*{told}*\n\n{quoted(brought.outcome)}")
        elif brought.advice:
            lines.append("*" + _("What came of it: not told yet.") + "*")
    return "\n\n".join(lines)


def action_part(store: NetworkStore, member: Member) -> str:
    actions = [
        n
        for n in store.notes.where(owner_id=member.id)
        if n.kind is NoteKind.ACTION and n.status is NoteStatus.OPEN and n.text.strip()
    ]
    if not actions:
        return ""
    lines = [
        f"- {md_escape(visible_controls(' '.join(n.text.split())))}" for n in sorted(actions, key=lambda n: n.created)
    ]
    return f"## {_('Actions I still carry')}\n\n" + "\n".join(lines)


def file_part(name: str) -> str:
    """A name as a file name's part: letters and digits without accents, words joined by '-'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())[:60]


def export_take_home(store: NetworkStore, member: Member, fmt: str) -> Path:
    """Write a member's take-home beside the network file (Markdown, or HTML when `fmt` is "html");
    return its path. Raises `OutputRefused` or `OSError` when it cannot be written."""
    markdown = take_home_markdown(store, member)
    title = _("What {name} takes home").format(name=member.name)
    text = to_html(markdown, title) if fmt == "html" else markdown
    who = file_part(member.name) or str(member.id)
    path = store.path.with_name(f"{store.path.stem}-take-home-{who}.{'html' if fmt == 'html' else 'md'}")
    write_atomic(output_target(path, store.path), text.encode("utf-8"))  # never over a network
    return path
