"""The case discussions in the minutes: per case the method, each round's turns with the
time spoken and the notes, and the external input of the meeting."""

from __future__ import annotations

from dataclasses import dataclass

from ln_tui.discussion.countdown import format_duration
from ln_tui.discussion.fairness import shares
from ln_tui.discussion.methods import shown
from ln_tui.discussion.model import Case, DiscussionState, ExternalInput, Turn
from ln_tui.discussion.schedule import round_speakers
from ln_tui.i18n import _
from ln_tui.markdown_safe import md_escape, visible_controls
from ln_tui.model import Audience, Meeting, Note, meeting_label
from ln_tui.store import NetworkStore
from ln_tui.thread.model import WrittenContribution


@dataclass(frozen=True)
class OpenTurn:
    """The turn that has the floor while the minutes are made: not stored as a `Turn` until it ends."""

    round_index: int
    speaker_id: int | None
    spoken: float


def open_turn(case: Case, state: DiscussionState | None, now: float) -> OpenTurn | None:
    """Who has the floor in a discussion that is not finished, and for how long so far (`now`: epoch
    seconds; the saved clock of a running turn is anchored to the wall clock, see `TurnClock`)."""
    if state is None or state.finished or state.round_index >= len(case.rounds):
        return None
    speakers = round_speakers(state.order, case.rounds[state.round_index], case.bringer_id)
    if state.position >= len(speakers):
        return None
    saved = state.clock
    spoken = saved.elapsed + (max(0.0, now - saved.anchor) if saved.running else 0.0)
    return OpenTurn(state.round_index, speakers[state.position], spoken)


def section(store: NetworkStore, meeting: Meeting | None, audience: Audience = Audience.GROUP) -> str:
    """The case discussions. To share: each case by its title, the client's alias and the method,
    with the notes marked shareable; no case text, no turns, no names, no speaking time."""
    share = audience is Audience.SHARE
    if meeting is not None:
        return meeting_markdown(store, meeting, heading=False, share=share)
    meetings = sorted(store.meetings.all(), key=lambda m: (m.date, m.time))
    parts = [meeting_markdown(store, m, heading=True, share=share) for m in meetings]
    if not share:
        parts.append(speaking_time_markdown(store))
    return "\n\n".join(p for p in parts if p)


def meeting_markdown(store: NetworkStore, meeting: Meeting, *, heading: bool, share: bool = False) -> str:
    cases = store.repo(Case).where(meeting_id=meeting.id)
    inputs = store.repo(ExternalInput).where(meeting_id=meeting.id)
    if not cases and not inputs:
        return ""
    names = {m.id: m.name for m in store.members.all()}
    turns = store.repo(Turn).where(meeting_id=meeting.id)
    notes = store.notes.where(meeting_id=meeting.id)
    states = {s.case_id: s for s in store.repo(DiscussionState).all()}
    now = store.wall_clock()
    title = _("Case discussions")
    if heading:
        title = _("Case discussions of {meeting}").format(meeting=md_escape(meeting_label(meeting)))
    parts = [f"## {title}"]
    if share:
        parts += [shared_case_markdown(case, notes) for case in cases]
    else:
        written = [w for w in store.repo(WrittenContribution).where(meeting_id=meeting.id) if w.revealed]
        parts += [
            case_markdown(case, turns, notes, names, open_turn(case, states.get(case.id or 0), now), written)
            for case in cases
        ]
    if inputs:
        lines = [f"- *{_(i.kind.label)}:* {md_escape(i.text)}" for i in inputs]
        parts.append(f"### {_('External input')}\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def case_markdown(
    case: Case,
    turns: list[Turn],
    notes: list[Note],
    names: dict[int | None, str],
    running: OpenTurn | None = None,
    written: list[WrittenContribution] | None = None,
) -> str:
    """A case for the group: each round's turns and notes, and what was written in silence and revealed."""

    def name(member_id: int | None) -> str:
        return md_escape(names[member_id]) if member_id in names else _("the group")

    lines = [f"### {_('Case')}: {md_escape(case.title)}", ""]
    lines.append(f"- **{_('Case-bringer')}:** {name(case.bringer_id)}")
    if case.client_alias.strip():
        lines.append(f"- **{_('Client')}:** {md_escape(case.client_alias)}")
    lines.append(f"- **{_('Method')}:** {md_escape(shown(case.method_name, case.method_preset))}")
    if case.question:
        lines.append(f"- **{_('Question to the group')}:** {md_escape(case.question)}")
    if case.context.strip():
        lines += ["", visible_controls(case.context.strip())]
    case_turns = [t for t in turns if t.case_id == case.id]
    case_notes = [n for n in notes if n.context.get("case_id") == case.id]
    case_written = [w for w in written or [] if w.case_id == case.id]
    for index, spec in enumerate(case.rounds):
        in_round = [t for t in case_turns if t.round_index == index]
        round_written = [w for w in case_written if w.round_index == index]
        round_notes = [n for n in case_notes if n.context.get("round") == index]
        runs = running if running is not None and running.round_index == index else None
        if (
            runs is not None
            and not runs.spoken
            and not any(n.context.get("speaker_id") == runs.speaker_id for n in round_notes)
        ):
            runs = None  # the next turn, waiting for its first second: nothing to say yet
        if not in_round and not round_notes and runs is None and not round_written:
            continue
        lines += [
            "",
            f"#### {_('Round {number}: {name}').format(number=index + 1, name=md_escape(shown(spec.name, case.method_preset)))}",
            "",
        ]
        shown_turns: list[tuple[int | None, str]] = [
            (t.speaker_id, format_duration(t.spoken) + (f" ({_('skipped')})" if t.skipped else "")) for t in in_round
        ]
        if runs is not None:
            shown_turns.append((runs.speaker_id, f"{format_duration(runs.spoken)} ({_('turn still running')})"))
        for speaker_id, spoken in shown_turns:
            lines.append(f"- {name(speaker_id)}: {spoken}")
            lines += [
                f"  - {_('Note')}: {md_escape(n.text)}"
                for n in round_notes
                if n.context.get("speaker_id") == speaker_id
            ]
        spoken_ids = {speaker_id for speaker_id, _spoken in shown_turns}
        for n in round_notes:
            speaker_id = n.context.get("speaker_id")
            if speaker_id in spoken_ids:
                continue
            if speaker_id is None:
                lines.append(f"- {_('Note')}: {md_escape(n.text)}")
            else:  # the turn it was taken in was taken back
                lines.append(f"- {_('Note for {name}').format(name=name(speaker_id))}: {md_escape(n.text)}")
        for w in round_written:
            writer = md_escape(names[w.member_id]) if w.member_id in names else _("a former member")
            signed = f" ({writer})" if w.member_id is not None else ""
            lines.append(f"- {_('Written')}{signed}: {md_escape(w.text)}")
    general = [n for n in case_notes if "round" not in n.context]
    if general:
        lines += ["", f"#### {_('Notes on the case')}", ""] + [f"- {md_escape(n.text)}" for n in general]
    return "\n".join(lines)


def shared_case_markdown(case: Case, notes: list[Note]) -> str:
    """A case as it may leave the group: its title, the client's alias, the method, and the
    notes on it marked shareable (never a note of a speaker's turn)."""
    lines = [f"### {_('Case')}: {md_escape(case.title)}", ""]
    if case.client_alias.strip():
        lines.append(f"- **{_('Client')}:** {md_escape(case.client_alias)}")
    lines.append(f"- **{_('Method')}:** {md_escape(shown(case.method_name, case.method_preset))}")
    shared = [n for n in notes if n.context.get("case_id") == case.id and n.may_be_shared]
    if shared:
        lines += ["", f"#### {_('Shared from this discussion')}", ""] + [f"- {md_escape(n.text)}" for n in shared]
    return "\n".join(lines)


def speaking_time_markdown(store: NetworkStore) -> str:
    turns = store.repo(Turn).all()
    if not turns:
        return ""
    rows = [f"| {_('Member')} | {_('Cases brought')} | {_('Speaking time')} | {_('Share')} |", "|---|---|---|---|"]
    for share in shares(store.members.all(), turns, store.repo(Case).all()):
        rows.append(
            f"| {md_escape(share.member.name)} | {share.cases} | {format_duration(share.seconds)} | {share.share:.0%} |"
        )
    return f"## {_('Speaking time over all meetings')}\n\n" + "\n".join(rows)
