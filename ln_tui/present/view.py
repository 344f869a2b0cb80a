"""What the room sees: a pure function of a network (a read-only snapshot) and the time.

The facilitator decides with one key in the console what the room is shown ("show to the
room" / "hide from the room"); the choice is a store setting (`ROOM_SETTING`), so that
`ln-tui present` and a restarted console read it from the file. Everything here picks only
what may be projected: never notes, e-mail addresses, evaluation forms (only the summary,
which names nobody), the author of an anonymous item, or a form being filled in.

The running turn's clock is the persisted `TurnClock`: its wall-clock anchor and the time
spoken at it give the same deadline in every process (see `turn_remaining`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from ln_tui.discussion.countdown import Countdown, Thresholds, format_duration
from ln_tui.discussion.methods import bringer_line, bringer_part, shown
from ln_tui.discussion.model import Case, DiscussionState, Speakers, TimeBox, TurnClock
from ln_tui.discussion.session import Session
from ln_tui.i18n import N_, _, ngettext
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, meeting_label
from ln_tui.store import NetworkStore
from ln_tui.thread.checkin import CheckInRound, question_text
from ln_tui.thread.writing import SilentWriting

# {"view": RoomChoice value, "spotlight": item id, "meeting": id, "part": the summary's part}; absent = hidden
ROOM_SETTING = "room"
THRESHOLDS_SETTING = "discussion_thresholds"  # as the discussion home keeps them
ACTIVE_CASE_SETTING = "discussion_case_id"


class RoomChoice(enum.StrEnum):
    """What the facilitator chose to show; without a choice the room sees the network's name."""

    DISCUSSION = "discussion"
    KICKOFF = "kickoff"
    EVALUATION = "evaluation"
    AGENDA = "agenda"

    @property
    def label(self) -> str:
        return {
            "discussion": N_("the discussion's clock"),
            "kickoff": N_("the kickoff board"),
            "evaluation": N_("the evaluation summary"),
            "agenda": N_("the agenda and the meeting's time"),
        }[self.value]


# The console's homes whose view the room can be shown (the others: the network's name).
ROOM_VIEWS = {
    "discussion": RoomChoice.DISCUSSION,
    "kickoff": RoomChoice.KICKOFF,
    "evaluation": RoomChoice.EVALUATION,
    "agenda": RoomChoice.AGENDA,
}

# -- the facilitator's choice, kept in the file ------------------------------------------------------


def room_choice(store: NetworkStore) -> tuple[RoomChoice | None, int | None]:
    """What the room is shown, and the spotlighted board item (if any)."""
    saved = store.setting(ROOM_SETTING)
    if not isinstance(saved, dict):
        return None, None
    try:
        view = RoomChoice(str(saved.get("view")))
    except ValueError:
        return None, None
    spotlight = saved.get("spotlight")
    return view, spotlight if isinstance(spotlight, int) else None


def show_to_room(
    store: NetworkStore, view: RoomChoice | None, *, meeting_id: int | None = None, part: str | None = None
) -> None:
    """Show `view` to the room (None: hide, the room sees the network's name and the time).

    `meeting_id`: the meeting whose evaluation summary is shown (default: the one the
    evaluation home opens on); `part`: the summary's part the room shows it from (see `page_room`)."""
    if store.read_only:
        return
    if view is None:
        store.set_setting(ROOM_SETTING, None)
        return
    choice: dict[str, object] = {"view": view.value, "spotlight": None}
    if meeting_id is not None:
        choice["meeting"] = meeting_id
    if part:
        choice["part"] = part
    store.set_setting(ROOM_SETTING, choice)


def room_part(store: NetworkStore) -> str | None:
    """The summary's part the room shows it from ("": its top); None when the room shows no summary."""
    saved = store.setting(ROOM_SETTING)
    if not isinstance(saved, dict) or saved.get("view") != RoomChoice.EVALUATION.value:
        return None
    part = saved.get("part")
    return part if isinstance(part, str) else ""


def page_room(store: NetworkStore, part: str) -> None:
    """The facilitator paged the evaluation summary on the console: while the room shows the
    summary, it shows it from the same part on (`ln_tui.evaluation.report.summary_parts`)."""
    saved = store.setting(ROOM_SETTING)
    if store.read_only or not isinstance(saved, dict) or saved.get("view") != RoomChoice.EVALUATION.value:
        return
    if saved.get("part") != part:
        store.set_setting(ROOM_SETTING, {**saved, "part": part})


def spotlight_in_room(store: NetworkStore, item_id: int | None) -> None:
    """The console's spotlight moved to `item_id` (None: closed); the room follows when it shows the board."""
    view, spotlighted = room_choice(store)
    if view is RoomChoice.KICKOFF and spotlighted != item_id and not store.read_only:
        store.set_setting(ROOM_SETTING, {"view": view.value, "spotlight": item_id})


# -- what the room sees ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """Shown on every view: the network, the meeting, the time of day."""

    network: str
    meeting: str
    time: str  # 14:05


@dataclass(frozen=True)
class IdleRoom:
    heading: Heading


@dataclass(frozen=True)
class DiscussionRoom:
    heading: Heading
    case: str
    round_line: str = ""
    instruction: str = ""
    speaker: str = ""
    upcoming: str = ""
    bringer: str = ""
    clock: TurnClock | None = None  # None: not started, or over
    thresholds: Thresholds = field(default_factory=Thresholds)
    finished: bool = False
    written: str = ""  # in a written round: how many wrote so far ("5 written"), nothing of what


@dataclass(frozen=True)
class WallRoom:
    """What was written in silence, revealed all at once: the texts, a name only where the writer signed."""

    heading: Heading
    title: str  # the case and the round
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Card:
    text: str  # the item's own Markdown (the screen draws it as the console's board does)
    who: str = ""  # a member's name; empty for an anonymous item


@dataclass(frozen=True)
class BoardRoom:
    heading: Heading
    columns: tuple[tuple[str, tuple[Card, ...]], ...]


@dataclass(frozen=True)
class SpotlightRoom:
    heading: Heading
    column: str
    card: Card
    parts: tuple[tuple[str, str], ...] = ()  # an introduction's (label, text)
    merged: tuple[str, ...] = ()  # texts merged into it (without who said them)


@dataclass(frozen=True)
class EvaluationRoom:
    heading: Heading
    markdown: str  # the summary, which names nobody: from the part the facilitator paged to on


@dataclass(frozen=True)
class AgendaRoom:
    """The meeting clock: the current agenda item's time left, and how the meeting runs."""

    heading: Heading
    item: str  # the current item's title ("" before the start and after the end)
    position: str  # "Item 3 of 7"
    remaining: float  # seconds left in the item at `now` (negative: overtime)
    running: bool
    meeting_line: str  # "12 min late · ends 16:42 (planned 16:30)"
    next_line: str  # "Next: Break"
    message: str  # instead of a clock: not started yet, or over


@dataclass(frozen=True)
class CheckInRoom:
    """The check-in going on: its question, and how many answered only from the group's minimum on
    (never the answers, nor who answered)."""

    heading: Heading
    question: str
    answered: str  # "5 have checked in" ("" below the minimum)


RoomView = IdleRoom | DiscussionRoom | BoardRoom | SpotlightRoom | EvaluationRoom | AgendaRoom | CheckInRoom | WallRoom


def what_the_room_sees(store: NetworkStore, now: datetime) -> RoomView:
    """The view for the room, from a snapshot of the network at wall-clock time `now`."""
    meeting = store.current_meeting
    heading = Heading(
        visible_controls(store.profile().name) or _("Untitled network"),
        visible_controls(meeting_label(meeting)) if meeting else "",
        now.strftime("%H:%M"),
    )
    view, spotlight = room_choice(store)
    if view is RoomChoice.DISCUSSION and meeting is not None:
        return discussion_room(store, meeting, heading, now.timestamp())
    if view is RoomChoice.KICKOFF:
        return board_room(store, heading, spotlight)
    if view is RoomChoice.EVALUATION:
        return evaluation_room(store, heading)
    if view is RoomChoice.AGENDA and meeting is not None and (checkin := checkin_room(store, meeting, heading)):
        return checkin
    if view is RoomChoice.AGENDA and (agenda := agenda_room(store, heading, now)) is not None:
        return agenda
    return IdleRoom(heading)


def names(store: NetworkStore) -> dict[int, str]:
    """Members' names only (never their e-mail or anything else)."""
    return {m.id: visible_controls(m.name) for m in store.members.all() if m.id is not None}


def discussion_room(store: NetworkStore, meeting: Meeting, heading: Heading, wall_now: float) -> RoomView:
    cases = store.repo(Case).where(meeting_id=meeting.id)
    wanted = store.setting(ACTIVE_CASE_SETTING)
    case = next((c for c in cases if c.id == wanted), None)
    if case is None:
        return IdleRoom(heading)
    found = store.repo(DiscussionState).where(case_id=case.id)
    title = visible_controls(case.title)
    if not found:
        return DiscussionRoom(heading, title)
    named = names(store)
    writing = SilentWriting(store)
    if (wall := writing.wall()) is not None:
        shown_round, revealed = wall
        title = _("{case} — written in round {number}: {name}").format(
            case=title, number=shown_round.round_index + 1, name=visible_controls(shown_round.name)
        )
        cards = tuple(
            Card(c.text, named.get(c.member_id, _("a former member")) if c.member_id is not None else "")
            for c in revealed
        )
        return WallRoom(heading, title, cards)

    def name_of(member_id: int | None) -> str:
        return _("the group") if member_id is None else named.get(member_id, _("a former member"))

    session = Session(case, found[0], lambda: wall_now, wall_now)
    if session.finished or session.spec is None:
        return DiscussionRoom(heading, title, round_line=_("The discussion is over."), finished=True)
    spec = session.spec
    preset = case.method_preset
    round_line = _("Round {number} of {total}: {name} ({time} {box})").format(
        number=session.state.round_index + 1,
        total=len(case.rounds),
        name=visible_controls(shown(spec.name, preset)),
        time=format_duration(spec.seconds),
        box=_(spec.time_box.label),
    )
    if spec.question_cap:
        round_line += " · " + ngettext(
            "at most {n} question each", "at most {n} questions each", spec.question_cap
        ).format(n=spec.question_cap)
    bringer = bringer_line(
        bringer_part(case, session.state.round_index), None if case.bringer_id is None else name_of(case.bringer_id)
    )
    speaker = _("Now: {name}").format(name=name_of(session.speaker_id))
    if spec.time_box is TimeBox.WHOLE_ROUND and spec.speakers is not Speakers.BRINGER:
        speaker = _("Now: the group ({who})").format(who=_(spec.speakers.label))
    next_id, later = session.upcoming()
    if later is None:
        upcoming = _("Next: {name}").format(name=name_of(next_id))
    elif later >= len(case.rounds):
        upcoming = _("Next: the end of the discussion")
    else:
        upcoming = _("Next: round {number}, {name}").format(
            number=later + 1, name=visible_controls(shown(case.rounds[later].name, preset))
        )
        if next_id is not None:
            upcoming += _(", starting with {name}").format(name=name_of(next_id))
    saved = store.setting(THRESHOLDS_SETTING) or {}
    thresholds = Thresholds(float(saved.get("amber_at", 30)), float(saved.get("red_at", 0)))
    written = ""
    if (open_round := writing.open_round()) is not None:
        from ln_tui.evaluation.summary import group_minimum

        # How many wrote, only from the group's minimum on (a figure the room sees is about 3 or more).
        written = (
            ngettext(
                "Write on your phone: {count} written", "Write on your phone: {count} written", open_round.written
            ).format(count=open_round.written)
            if open_round.written >= group_minimum(store)
            else _("Write on your phone")
        )
    return DiscussionRoom(
        heading,
        title,
        round_line,
        visible_controls(shown(spec.instruction, preset)),
        speaker,
        upcoming,
        bringer,
        session.countdown.saved(wall_now),  # read at wall_now: the same deadline as the console's
        thresholds,
        written=written,
    )


def turn_remaining(clock: TurnClock, wall_now: float) -> float:
    """Seconds left in the turn at wall-clock `wall_now` (negative in overtime), from the saved clock.

    The deadline is `anchor + duration - elapsed` in wall-clock time, the same in every process.
    """
    spoken = clock.elapsed + (max(0.0, wall_now - clock.anchor) if clock.running else 0.0)
    return clock.duration - spoken


def turn_countdown(clock: TurnClock, wall_now: float) -> Countdown:
    """The saved turn as a `Countdown` read at `wall_now` (for its phase)."""
    return Countdown.restored(clock, lambda: wall_now, wall_now)


def card_of(item: BoardItem, named: dict[int, str]) -> Card:
    who = named.get(item.member_id, "") if item.member_id is not None else ""
    return Card(item.text, who)


def board_room(store: NetworkStore, heading: Heading, spotlight: int | None) -> RoomView:
    from ln_tui.kickoff.board import board_meeting  # the kickoff's logic, only when the board is shown

    meeting = board_meeting(store)
    meeting_id = meeting.id if meeting else None
    items = sorted(
        (i for i in store.repo(BoardItem).where(meeting_id=meeting_id) if not i.archived), key=lambda i: i.order
    )
    named = names(store)
    if spotlight is not None and (item := next((i for i in items if i.id == spotlight), None)) is not None:
        from ln_tui.kickoff.model import INTRODUCTION_PARTS

        parts = tuple((_(label), getattr(item, name)) for name, label in INTRODUCTION_PARTS if getattr(item, name))
        merged = tuple(m.text for m in item.merged)
        return SpotlightRoom(heading, _(item.column.label), card_of(item, named), parts, merged)
    columns = tuple(
        (_(column.label), tuple(card_of(i, named) for i in items if i.column is column)) for column in BoardColumn
    )
    return BoardRoom(heading, columns)


def evaluation_room(store: NetworkStore, heading: Heading) -> RoomView:
    from ln_tui.evaluation.report import summary_markdown
    from ln_tui.evaluation.summary import default_meeting, meeting_summary

    saved = store.setting(ROOM_SETTING)
    saved = saved if isinstance(saved, dict) else {}
    chosen = saved.get("meeting")
    part = saved.get("part")
    meeting = (store.meetings.get(chosen) if isinstance(chosen, int) else None) or default_meeting(store)
    if meeting is None:
        return IdleRoom(heading)
    from ln_tui.evaluation.pulse import pulse_markdown, pulse_trend

    heading = Heading(heading.network, visible_controls(meeting_label(meeting)), heading.time)
    summary = meeting_summary(store, meeting)
    pulse = pulse_markdown(pulse_trend(store, meeting), level=2)
    if summary.empty and not pulse:
        return EvaluationRoom(heading, _("No evaluation forms have been handed in yet."))
    evaluation = (
        "# " + _("Evaluation")
        if summary.empty
        else summary_markdown(
            summary, _("Evaluation"), level=1, drafts=False, start=part if isinstance(part, str) else "", room=True
        )
    )
    parts = [evaluation, pulse]
    return EvaluationRoom(heading, "\n\n".join(p for p in parts if p))


def checkin_room(store: NetworkStore, meeting: Meeting, heading: Heading) -> CheckInRoom | None:
    """While a seat holds the meeting's check-in open (shown over the agenda): its question."""
    from ln_tui.evaluation.summary import group_minimum

    checkin = CheckInRound(store)
    question = checkin.asked(meeting)
    if checkin.live_meeting() != meeting.id or question is None:
        return None
    count = len(checkin.answers(meeting))
    answered = (
        ngettext("{count} has checked in", "{count} have checked in", count).format(count=count)
        if count >= group_minimum(store)
        else ""
    )
    return CheckInRoom(heading, visible_controls(question_text(question)), answered)


def agenda_room(store: NetworkStore, heading: Heading, now: datetime) -> AgendaRoom | None:
    """The current agenda item and the meeting's time (`ln_tui.agenda.agenda.meeting_state`)."""
    from ln_tui.agenda.agenda import meeting_state
    from ln_tui.agenda.clock import clock_time, late_text

    state = meeting_state(store, now.timestamp())
    if state is None or not state.count:
        return None
    next_line = (
        _("Next: {item}").format(item=visible_controls(state.next_item.title)) if state.next_item is not None else ""
    )
    planned = _("planned {time}").format(time=clock_time(state.planned_end))
    if not state.started:
        start = clock_time((state.planned_end or 0.0) - state.planned_total)
        return AgendaRoom(
            heading, "", "", 0.0, False, planned, next_line, _("The meeting starts at {time}.").format(time=start)
        )
    if state.ended or state.item is None:
        return AgendaRoom(heading, "", "", 0.0, False, "", "", _("The meeting is over."))
    position = _("Item {number} of {count}").format(number=(state.index or 0) + 1, count=state.count)
    meeting_line = _("{late} · ends {time} ({planned})").format(
        late=late_text(state), time=clock_time(state.forecast_end), planned=planned
    )
    return AgendaRoom(
        heading,
        visible_controls(state.item.title),
        position,
        state.remaining,
        state.running,
        meeting_line,
        next_line,
        "",
    )
