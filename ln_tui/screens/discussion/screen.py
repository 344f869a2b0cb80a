"""The discussion home: cases of the meeting, the timed rounds, the speaking order, notes.

All time comes from `app.clock` (monotonic) through the pure `Session`; the interval
timer only refreshes the display. The running state is saved on each change of state
(pause, next, extend...), never on a tick, except once when the bell rings.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ln_tui.discussion.countdown import Thresholds, format_duration, format_time
from ln_tui.discussion.desk import Desk
from ln_tui.discussion.earlier_meetings import FollowUp, follow_up
from ln_tui.discussion.methods import bringer_line, bringer_part, shown
from ln_tui.discussion.model import Case, ExternalInput, Speakers, TimeBox, Turn
from ln_tui.discussion.schedule import moved, shuffled
from ln_tui.discussion.session import Session
from ln_tui.i18n import N_, _, ngettext
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, Note, meeting_label
from ln_tui.screens.agenda.clock_line import MeetingClockLine
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.discussion.forms import CaseForm, ExternalInputForm, ThresholdsForm
from ln_tui.screens.discussion.methods import MethodsDialog
from ln_tui.screens.discussion.views import FairnessView, FollowUpView
from ln_tui.screens.stage import StageHome
from ln_tui.screens.widgets.big_clock import BigClock, ClockFace
from ln_tui.screens.widgets.countdown import CountdownDisplay
from ln_tui.screens.widgets.markdown import SafeMarkdown, markdown_content
from ln_tui.screens.widgets.user_text import literal
from ln_tui.thread.writing import SilentWriting

TICK_SECONDS = 0.05  # 20 refreshes a second: the end of a turn shows within 50 ms


class DiscussionScreen(StageHome):
    MODE = "discussion"
    MAIN = "#case-list"
    CSS_PATH = Path(__file__).parent / "discussion.tcss"
    TICK_SECONDS = TICK_SECONDS

    BINDINGS: ClassVar = [
        Binding("space", "toggle_pause", N_("Pause / resume"), id="discussion.pause"),
        Binding("n", "next_speaker", N_("Next speaker"), id="discussion.next"),
        Binding("r", "restart_turn", N_("Restart turn"), id="discussion.restart"),
        Binding("N", "next_round", N_("Next round"), id="discussion.next-round"),
        Binding("p", "projector", N_("Projector view"), id="discussion.projector"),
        Binding("u,ctrl+z", "undo", N_("Undo"), id="discussion.undo"),
        Binding("plus,m", "extend", N_("Add a minute"), id="discussion.extend"),
        Binding("s", "skip", N_("Skip"), id="discussion.skip"),
        Binding("h", "shuffle", N_("Shuffle order"), id="discussion.shuffle"),
        Binding("left_square_bracket", "move(-1)", N_("Speak earlier"), id="discussion.earlier", show=False),
        Binding("right_square_bracket", "move(1)", N_("Speak later"), id="discussion.later", show=False),
        Binding("delete", "remove_speaker", N_("Out of the order"), id="discussion.remove-speaker", show=False),
        Binding("c", "new_case", N_("New case"), id="discussion.new-case"),
        Binding("F", "finish_discussion", N_("Finish the discussion"), id="discussion.finish", show=False),
        Binding("e", "edit_case", N_("Edit case"), id="discussion.edit-case", show=False),
        Binding("M", "methods", N_("Methods"), id="discussion.methods", show=False),
        Binding("x", "external_input", N_("External input"), id="discussion.external", show=False),
        Binding("f", "follow_up", N_("Follow-up"), id="discussion.follow-up", show=False),
        Binding("t", "fairness", N_("Speaking time"), id="discussion.fairness", show=False),
        Binding("T", "thresholds", N_("Amber / red thresholds"), id="discussion.thresholds", show=False),
        Binding("w", "reveal_written", N_("Reveal what was written"), id="discussion.reveal", show=False),
        Binding("escape", "leave_projector", N_("Leave projector view"), id="discussion.leave-projector", show=False),
    ]

    KEY_LABELS: dict[str, str] = {  # the key bar's words; space's follows the clock (`show_space_key`)
        "discussion.pause": N_("Start"),
        "discussion.next": N_("Next"),
        "discussion.restart": N_("Restart"),
        "discussion.projector": N_("Projector"),
        "discussion.extend": N_("+1 min"),
    }

    def __init__(self) -> None:
        super().__init__()
        # What is read and saved, and the attendance rule: the desk (ln_tui/discussion/desk.py).
        self.desk = Desk(self.app.store, self.app.clock, self.app.wall_clock)
        self.zero_timer: Timer | None = None  # fires at the deadline itself, between two refreshes
        self.rng = random.Random()
        self.stage_lines = ("", "", "", "", "")  # round, instruction, the case-bringer, speaker, next

    # The desk's state, as the screen shows it.
    @property
    def session(self) -> Session | None:
        return self.desk.session

    @property
    def meeting(self) -> Meeting | None:
        return self.desk.meeting

    @property
    def cases(self) -> list[Case]:
        return self.desk.cases

    @property
    def thresholds(self) -> Thresholds:
        return self.desk.thresholds

    # -- layout ------------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with Horizontal(id="discussion-body"):
            with Vertical(id="discussion-side"):
                yield Label(Content(_("Cases")), classes="side-title")
                yield OptionList(id="case-list")
                yield Static(id="case-bringers")
                yield Label(Content(_("Speaking order")), classes="side-title")
                yield OptionList(id="order-list")
                yield Static(id="external-input")
            with VerticalScroll(id="stage"):
                yield MeetingClockLine(id="meeting-clock-line")
                yield Static(id="round-line")
                yield Static(id="instruction")
                yield Static(id="written-line")
                yield Static(id="bringer-line")
                yield Static(id="speaker-line")
                yield CountdownDisplay(id="countdown")
                yield BigClock(id="big-clock")  # the projector view's clock (p)
                yield Static(id="next-line")
                yield SafeMarkdown(id="case-context")
                yield Static(id="case-notes")

    async def recompose(self) -> None:
        """Built again in another language: the timer aimed at the deadline waits too."""
        if self.zero_timer is not None:
            self.zero_timer.stop()
            self.zero_timer = None
        await super().recompose()  # reload() shows the stage again and restarts the clock
        self.aim_at_zero()

    # -- reading the store --------------------------------------------------------------------
    def reload(self) -> None:
        """Read the meeting, members, cases and the running state again, and show them."""
        wanted = self.desk.load(self.app.current_meeting)
        self.show_cases(wanted)
        self.open_case(wanted)

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another seat's change; its clock operations are taken before anything else is shown."""
        if "discussion_states" in tables and self.desk.follow_saved_state():
            self.refresh_stage()
        self.reload()

    def open_case(self, case_id: int | None) -> None:
        """Make a case the one being discussed: its saved state resumes where it was."""
        self.say_who_left(self.desk.open_case(case_id))
        self.refresh_stage()

    def follow_attendance(self) -> None:
        """Members who left the network or the meeting leave the order (the desk's rule); say so."""
        self.say_who_left(self.desk.follow_attendance())

    def say_who_left(self, gone: list[int]) -> None:
        for member_id in gone:
            self.notify(
                _("{name} is no longer present and left the speaking order.").format(name=self.name_of(member_id)),
                markup=False,
            )

    # -- names --------------------------------------------------------------------------------
    def name_of(self, member_id: int | None) -> str:
        if member_id is None:
            return _("the group")
        member = self.desk.members.get(member_id)
        return visible_controls(member.name) if member else _("a former member")

    # -- showing ------------------------------------------------------------------------------
    def show_cases(self, selected: int | None) -> None:
        cases = self.query_one("#case-list", OptionList)
        cases.clear_options()
        for case in self.cases:
            done = _("(done)") if self.desk.finished(case) else ""
            line = f"{case.title} — {self.name_of(case.bringer_id)} {done}".strip()
            cases.add_option(Option(literal(line), id=str(case.id)))
        ids = [c.id for c in self.cases]
        if selected in ids:
            cases.highlighted = ids.index(selected)
        brought = self.desk.bringers()
        not_yet = [self.name_of(m) for m in self.desk.present() if m not in brought]
        self.query_one("#case-bringers", Static).update(
            Content(_("Not yet brought a case: {names}").format(names=", ".join(not_yet) or _("nobody")))
        )
        inputs = self.desk.external_inputs()
        lines = [_("External input:")] + [f"• {_(i.kind.label)}: {visible_controls(i.text)}" for i in inputs]
        self.query_one("#external-input", Static).update(Content("\n".join(lines) if inputs else ""))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if (
            event.option_list.id == "case-list"
            and event.option.id
            and (self.session is None or str(self.session.case.id) != event.option.id)
        ):
            self.open_case(int(event.option.id))

    def refresh_stage(self) -> None:
        """Show the round, who speaks, who is next, the order and the case's notes."""
        session = self.session
        round_line, instruction, bringer, speaker, upcoming = "", "", "", "", ""
        if self.meeting is None:
            speaker = _("Plan a meeting first (F2), then bring in a case here.")
        elif session is None:
            speaker = _("No case yet: press c to bring in a case.")
        elif session.finished:
            round_line = _("{case} — the discussion is over.").format(case=visible_controls(session.case.title))
            speaker = _("Press c for the next case, t for the speaking time.")
        else:
            spec = session.spec
            assert spec is not None
            preset = session.case.method_preset
            round_line = _("Round {number} of {total}: {name} ({time} {box})").format(
                number=session.state.round_index + 1,
                total=len(session.case.rounds),
                name=visible_controls(shown(spec.name, preset)),
                time=format_duration(spec.seconds),
                box=_(spec.time_box.label),
            )
            if spec.question_cap:
                round_line += " · " + ngettext(
                    "at most {n} question each", "at most {n} questions each", spec.question_cap
                ).format(n=spec.question_cap)
            instruction = visible_controls(shown(spec.instruction, preset))
            bringer_id = session.case.bringer_id
            bringer = bringer_line(
                bringer_part(session.case, session.state.round_index),
                None if bringer_id is None else self.name_of(bringer_id),
            )
            speaker = _("Now: {name}").format(name=self.name_of(session.speaker_id))
            if spec.time_box is TimeBox.WHOLE_ROUND and spec.speakers is not Speakers.BRINGER:
                speaker = _("Now: the group ({who})").format(who=_(spec.speakers.label))
            next_id, later = session.upcoming()
            if later is None:
                upcoming = _("Next: {name}").format(name=self.name_of(next_id))
            elif later >= len(session.case.rounds):
                upcoming = _("Next: the end of the discussion")
            else:
                upcoming = _("Next: round {number}, {name}").format(
                    number=later + 1, name=visible_controls(shown(session.case.rounds[later].name, preset))
                )
                if next_id is not None:
                    upcoming += _(", starting with {name}").format(name=self.name_of(next_id))
        self.query_one("#round-line", Static).update(Content(round_line))
        self.query_one("#instruction", Static).update(Content(instruction))
        self.query_one("#bringer-line", Static).update(Content(bringer))
        self.query_one("#speaker-line", Static).update(Content(speaker))
        self.query_one("#next-line", Static).update(Content(upcoming))
        live = session is not None and not session.finished
        projector = self.projecting
        self.query_one("#countdown").display = live and not projector
        self.query_one(BigClock).display = live and projector
        for line in ("#round-line", "#speaker-line", "#next-line"):
            self.query_one(line).display = not (live and projector)
        self.stage_lines = (round_line, instruction, bringer, speaker, upcoming)
        self.show_written()
        self.show_space_key()
        self.show_order()
        self.show_notes()
        self.tick(ring=False)

    def show_written(self) -> None:
        """In a written round, how many wrote on their phones so far: a count, never what."""
        writing = SilentWriting(self.app.store)
        line = ""
        if (open_round := writing.open_round()) is not None:
            line = ngettext(
                "Written on phones: {count} (w reveals them all at once to the room)",
                "Written on phones: {count} (w reveals them all at once to the room)",
                open_round.written,
            ).format(count=open_round.written)
        elif (waiting := writing.to_reveal()) is not None:
            line = ngettext(
                "{count} written in {round}, not revealed yet (w reveals them)",
                "{count} written in {round}, not revealed yet (w reveals them)",
                waiting.written,
            ).format(count=waiting.written, round=visible_controls(waiting.name))
        self.query_one("#written-line", Static).update(Content(line))
        self.query_one("#written-line").display = bool(line)

    def action_reveal_written(self) -> None:
        """Reveal the written round's contributions all at once on the room's screen; pressed again,
        take the wall down (or put it up again)."""
        from ln_tui.present.view import RoomChoice, room_choice, show_to_room

        writing = SilentWriting(self.app.store)
        revealed = writing.reveal()
        if revealed is not None:
            if room_choice(self.app.store)[0] is not RoomChoice.DISCUSSION:
                show_to_room(self.app.store, RoomChoice.DISCUSSION)
            if self.app.store.save_state.saved:
                self.notify(
                    ngettext(
                        "{count} contribution revealed to the room.",
                        "{count} contributions revealed to the room.",
                        revealed.written,
                    ).format(count=revealed.written),
                    markup=False,
                )
        else:
            shown_now = writing.toggle_wall()
            if shown_now is None:
                self.notify(_("Nothing written to reveal yet."), severity="warning")
            elif shown_now:
                self.notify(_("What was written is on the room's screen again."))
            else:
                self.notify(_("What was written is off the room's screen: the clock is back."))
        self.show_written()

    def show_space_key(self) -> None:
        """Space says what it does now: Start a turn's clock that has not run yet, Pause it, Resume it."""
        countdown = self.session.countdown if self.session is not None else None
        if countdown is not None and countdown.running:
            label = N_("Pause")
        elif countdown is not None and countdown.spoken() > 0:
            label = N_("Resume")
        else:
            label = N_("Start")
        if self.KEY_LABELS["discussion.pause"] != label:
            self.KEY_LABELS = {**self.KEY_LABELS, "discussion.pause": label}
            self.refresh_bindings()

    def show_order(self) -> None:
        order = self.query_one("#order-list", OptionList)
        highlighted = order.highlighted
        order.clear_options()
        session = self.session
        if session is None:
            return
        for member_id in session.state.order:
            mark = "▶ " if member_id == session.speaker_id and not session.finished else "  "
            role = " " + _("(case-bringer)") if member_id == session.case.bringer_id else ""
            order.add_option(Option(Content(mark + self.name_of(member_id) + role), id=str(member_id)))
        if highlighted is not None and order.option_count:
            order.highlighted = min(highlighted, order.option_count - 1)

    def show_notes(self) -> None:
        session = self.session
        notes_view = self.query_one("#case-notes", Static)
        context = session.case.context.strip() if session else ""
        shown_context = self.query_one("#case-context", SafeMarkdown)
        shown_context.display = bool(context)
        if context != getattr(shown_context, "shown_text", None):
            shown_context.shown_text = context  # type: ignore[attr-defined]  # our mark on the widget: the text it shows now
            shown_context.update(visible_controls(context))
        if session is None:
            notes_view.update(self.follow_up_content())
            return
        case = session.case
        lines = []
        if case.question:
            lines.append(_("Question to the group: {question}").format(question=visible_controls(case.question)))
        lines.append(_("Method: {method}").format(method=visible_controls(shown(case.method_name, case.method_preset))))
        notes = self.desk.case_notes(case)
        for index, spec in enumerate(case.rounds):
            in_round = [n for n in notes if n.context.get("round") == index]
            if in_round:
                lines.append("")
                lines.append(
                    _("Round {number}: {name}").format(
                        number=index + 1, name=visible_controls(shown(spec.name, case.method_preset))
                    )
                )
                lines += [self.note_line(n) for n in in_round]
        general = [n for n in notes if "round" not in n.context]
        if general:
            lines += ["", _("Notes on the case")] + [self.note_line(n) for n in general]
        notes_view.update(Content("\n".join(lines)))

    def note_line(self, note: Note) -> str:
        speaker = note.context.get("speaker_id")
        who = f"{self.name_of(speaker)}: " if speaker is not None else ""
        return f"  • {who}{visible_controls(note.text)}"

    def follow_up_content(self) -> Content:
        found = follow_up(self.app.store, self.meeting) if self.meeting else None
        return Content("\n").join(follow_up_lines(found)) if found and not found.empty else Content("")

    def tick(self, ring: bool = True) -> None:
        """Show the time left; ring the bell once when the turn reaches zero."""
        session = self.session
        if session is None or session.finished:
            self.run_timer(False)
            return
        countdown = session.countdown
        if ring and session.tick():
            self.app.bell()
            self.desk.save_state()
        now = self.app.clock()
        self.query_one(CountdownDisplay).show(
            format_time(countdown.remaining(now)),
            countdown.fraction_left(now),
            countdown.phase(self.thresholds, now).value,
            not countdown.running,
        )
        if self.projecting:
            self.show_big_clock(
                countdown.remaining(now), countdown.phase(self.thresholds, now).value, countdown.running
            )
        self.run_timer(countdown.running)

    def show_big_clock(self, remaining: float, phase: str, running: bool) -> None:
        round_line, instruction, bringer, speaker, upcoming = self.stage_lines
        self.query_one(BigClock).show(
            ClockFace(
                format_time(remaining),
                phase,
                paused=not running,
                pulse=ClockFace.pulse_at(remaining),
                above=tuple(Content(line) for line in (round_line, instruction) if line),
                below=(Content.styled(speaker, "bold"), Content(upcoming), Content(bringer)),
            )
        )

    def aim_at_zero(self) -> None:
        """Wake up at the turn's deadline, so that zero and the bell come on time, not up to a refresh late."""
        if self.zero_timer is not None:
            self.zero_timer.stop()
            self.zero_timer = None
        session = self.session
        if session is None or session.finished or session.state.bell_rung or not session.countdown.running:
            return
        self.zero_timer = self.set_timer(max(0.0, session.countdown.remaining()), self.tick)

    def changed(self, turn: Turn | None = None) -> None:
        """After each change of state: store the closed turn and the state in one save, show it."""
        self.desk.changed(turn)
        self.aim_at_zero()
        finished = self.session is not None and self.session.finished
        if finished:
            self.show_cases(self.session.case.id if self.session else None)
        self.refresh_stage()

    def running_session(self) -> Session | None:
        """The session the keys act on, or None after saying why there is none."""
        if self.session is None:
            self.notify(_("No case yet: press c to bring in a case."), severity="warning")
            return None
        if self.session.finished:
            self.notify(_("This case is done: press c for a new case."), severity="warning")
            return None
        return self.session

    # -- the clock keys --------------------------------------------------------------------------
    def action_toggle_pause(self) -> None:
        if session := self.running_session():
            session.toggle_pause()
            self.changed()

    def action_extend(self) -> None:
        if session := self.running_session():
            session.extend()
            self.changed()

    def action_restart_turn(self) -> None:
        if session := self.running_session():
            session.restart_turn()
            self.changed()

    def action_next_speaker(self) -> None:
        if session := self.running_session():
            self.changed(session.next_speaker())

    def action_skip(self) -> None:
        if session := self.running_session():
            self.changed(session.skip())

    def action_next_round(self) -> None:
        # No question asked in front of the room: the step shows at once, and u takes it back.
        if session := self.running_session():
            self.changed(session.next_round())

    def action_finish_discussion(self) -> None:
        session = self.running_session()
        if session is None:
            return

        def answer(finish: bool | None) -> None:
            if finish and self.session is session and not session.finished:
                self.changed(session.finish())

        self.app.push_screen(
            ConfirmDialog(
                _("Finish the discussion of this case now?"),
                _("The rounds left are not held. u takes it back."),
            ),
            answer,
        )

    def action_undo(self) -> None:
        session = self.session
        snapshot = session.undo() if session is not None else None
        if session is None or snapshot is None:
            self.notify(_("Nothing to take back here."), severity="warning")
            return
        self.desk.take_back(snapshot.closed)
        self.aim_at_zero()
        self.show_cases(session.case.id)
        self.refresh_stage()
        self.notify(
            _("Taken back: {name} has the floor again.").format(name=self.name_of(session.speaker_id)),
            timeout=3,
            markup=False,
        )

    # -- the speaking order -------------------------------------------------------------------------
    def highlighted_member(self) -> int | None:
        order = self.query_one("#order-list", OptionList)
        if order.highlighted is None or self.session is None:
            return None
        return (
            self.session.state.order[order.highlighted] if order.highlighted < len(self.session.state.order) else None
        )

    def action_shuffle(self) -> None:
        if session := self.running_session():
            session.set_order(shuffled(session.state.order, self.rng))
            self.changed()

    def action_move(self, steps: int) -> None:
        session, member = self.running_session(), self.highlighted_member()
        if session is None:
            return
        if member is None:
            self.notify(_("Choose a member in the speaking order first (Tab, then the arrows)."), severity="warning")
            return
        session.set_order(moved(session.state.order, member, steps))
        self.changed()
        order = self.query_one("#order-list", OptionList)
        order.highlighted = session.state.order.index(member)

    def action_remove_speaker(self) -> None:
        session, member = self.running_session(), self.highlighted_member()
        if session is None or member is None:
            return
        session.state.left.append(member)
        turn = session.remove_member(member)
        self.notify(_("{name} left the speaking order.").format(name=self.name_of(member)), markup=False)
        self.changed(turn)

    # -- cases, methods, input -------------------------------------------------------------------------
    def action_new_case(self) -> None:
        if self.meeting is None:
            self.notify(_("Plan a meeting first (F2), then bring in a case here."), severity="warning")
            return
        session = self.session
        if session is not None and not session.finished and session.countdown.running:
            # The old clock would run on unseen behind the new case.
            def answer(pause: bool | None) -> None:
                if pause and self.session is session:
                    session.toggle_pause()
                    self.changed()
                    self.action_new_case()

            self.app.push_screen(
                ConfirmDialog(
                    _("A turn is still running. Pause it and bring in a new case?"),
                    _("{name} has the floor. The paused turn goes on where it stopped when you come back.").format(
                        name=self.name_of(session.speaker_id)
                    ),
                ),
                answer,
            )
            return
        present = self.meeting.present(self.desk.members_list())
        if not present:
            self.notify(
                _("Nobody is present at this meeting: mark who is present in the roster (F3) first."), severity="error"
            )
            return
        form = CaseForm(
            Case(self.meeting.id, ""),
            present,
            self.desk.all_cases(),
            self.desk.custom_methods(),
            new=True,
            planned=self.meeting.case_bringer_ids,
        )
        self.app.push_screen(form, self.save_case)

    def action_edit_case(self) -> None:
        if self.session is None or self.meeting is None:
            self.notify(_("No case yet: press c to bring in a case."), severity="warning")
            return
        started = self.desk.saved_state(self.session.case) is not None
        form = CaseForm(
            self.session.case,
            self.meeting.present(self.desk.members_list()),
            self.desk.all_cases(),
            self.desk.custom_methods(),
            method_fixed=started,
            planned=self.meeting.case_bringer_ids,
        )
        self.app.push_screen(form, self.save_case)

    def save_case(self, case: Case | None) -> None:
        if case is None:
            return
        self.desk.save_case(case)
        self.reload()

    def action_methods(self) -> None:
        self.app.push_screen(MethodsDialog())

    def action_external_input(self) -> None:
        if self.meeting is None:
            self.notify(_("Plan a meeting first (F2), then bring in a case here."), severity="warning")
            return

        def save(entry: ExternalInput | None) -> None:
            if entry is not None:
                self.desk.add_external_input(entry)
                self.notify(_("External input saved."))
                self.reload()

        self.app.push_screen(ExternalInputForm(), save)

    def action_follow_up(self) -> None:
        found = follow_up(self.app.store, self.meeting) if self.meeting else None
        carried = found.carried if found else []
        self.app.push_screen(FollowUpView(follow_up_lines(found, with_carried=False), carried, self.meeting))

    def action_fairness(self) -> None:
        self.app.push_screen(FairnessView(self.desk))

    def action_thresholds(self) -> None:
        def save(thresholds: Thresholds | None) -> None:
            if thresholds is not None:
                self.desk.save_thresholds(thresholds)
                self.tick(ring=False)

        self.app.push_screen(ThresholdsForm(self.thresholds), save)

    # -- the projector view (p: ln_tui/screens/stage.py) -------------------------------------------------
    def projector_changed(self) -> None:
        self.refresh_stage()  # the big clock takes the countdown's place, and gives it back

    # -- notes ---------------------------------------------------------------------------------------------
    def note_context(self) -> tuple[dict[str, int], str]:
        session = self.session
        if session is None:
            return {}, ""
        case = visible_controls(session.case.title)
        if session.finished or session.spec is None:
            return {"case_id": session.case.id or 0}, _("Note on the case {case}").format(case=case)
        ids = {"case_id": session.case.id or 0, "round": session.state.round_index}
        speaker = session.speaker_id
        if speaker is not None:
            ids["speaker_id"] = speaker
        return ids, _("Note for {name} — round {number} ({round}) — case {case}").format(
            name=self.name_of(speaker),
            number=session.state.round_index + 1,
            round=visible_controls(shown(session.spec.name, session.case.method_preset)),
            case=case,
        )


def follow_up_lines(found: FollowUp | None, *, with_carried: bool = True) -> list[Content]:
    """What earlier meetings left, as lines to read at the start (without the open questions and
    actions when they are listed on their own); their texts' Markdown drawn."""
    if found is None:
        return [Content(_("There is no earlier meeting to follow up on."))]
    lines = [
        Content(
            _("What {meeting} left to follow up on:").format(meeting=visible_controls(meeting_label(found.meeting)))
        )
    ]
    for title, items in (
        (
            _("Advice"),
            [
                Content.assemble(visible_controls(case) + ": ", markdown_content(advice))
                for case, advice in found.advice
            ],
        ),
        (_("Agreements"), [markdown_content(a) for a in found.agreements]),
        (_("Open questions"), [markdown_content(q) for q in found.open_questions] if with_carried else []),
        (_("Open actions"), [markdown_content(a) for a in found.actions] if with_carried else []),
    ):
        if items:
            lines += [Content(""), Content(title)] + [Content.assemble("  • ", item) for item in items]
    if found.empty:
        lines.append(Content(_("Nothing: no advice, agreements or open questions were recorded.")))
    return lines
