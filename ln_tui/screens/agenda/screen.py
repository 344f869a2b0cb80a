"""The Agenda home (F10): the meeting's timeboxed agenda and the meeting clock.

All time comes from the app's wall clock (`LnApp.wall_clock`, a fake one in tests) through the pure
meeting clock (`ln_tui/agenda/clock.py`); the interval timer only refreshes the display.
The clock's state is saved on each change (start, pause, next item, extend), never on a tick.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from ln_tui.agenda.agenda import Agenda, CaseFit, DiscussionProgress, programme
from ln_tui.agenda.clock import MeetingClockState, clock_time, late_text
from ln_tui.agenda.closing import (
    FOLLOWS_SETTING,
    UNCONFIRMED_SETTING,
    harvest,
    own_learning_forms,
    save_harvest,
    set_own_learning_forms,
)
from ln_tui.agenda.model import AgendaItem, ItemKind
from ln_tui.agenda.templates import minutes_problem
from ln_tui.discussion.countdown import Thresholds, format_duration, format_time
from ln_tui.discussion.methods import shown
from ln_tui.i18n import N_, _, ngettext
from ln_tui.markdown_safe import visible_controls
from ln_tui.minutes.carry import CARRIED
from ln_tui.model import meeting_label
from ln_tui.screens.agenda.forms import REMOVE, ExternalInputForm, HarvestForm, ItemForm, ItemInput
from ln_tui.screens.dialogs import ConfirmDialog, TextDialog
from ln_tui.screens.stage import StageHome
from ln_tui.screens.widgets.countdown import CountdownDisplay
from ln_tui.screens.widgets.user_text import literal_text
from ln_tui.store import NetworkStore

TICK_SECONDS = 0.1
SIDE_MIN = 50  # the agenda's side at 80 columns: time, title, minutes and actual times fit
THRESHOLDS = Thresholds(amber_at=300.0, red_at=0.0)  # amber in an item's last five minutes


class AgendaScreen(StageHome):
    MODE = "agenda"
    MAIN = "#agenda-table"
    CSS_PATH = Path(__file__).parent / "agenda.tcss"
    TICK_SECONDS = TICK_SECONDS

    BINDINGS: ClassVar = [
        Binding("s", "start", N_("Start the meeting"), id="agenda.start"),
        Binding("space", "toggle_pause", N_("Pause / resume"), id="agenda.pause"),
        Binding("n", "next_item", N_("Next item"), id="agenda.next"),
        Binding("m", "extend", N_("Add a minute"), id="agenda.extend"),
        Binding("p", "projector", N_("Projector view"), id="agenda.projector"),
        Binding("i", "checkin", N_("Check-in"), id="agenda.checkin", show=False),
        Binding("a", "add", N_("Add item"), id="agenda.add"),
        Binding("e", "edit", N_("Edit item"), id="agenda.edit"),
        Binding("delete,d", "remove", N_("Remove item"), id="agenda.remove"),
        Binding("u,ctrl+z", "undo", N_("Undo"), id="agenda.undo"),
        Binding("left_square_bracket", "move(-1)", N_("Move up"), id="agenda.up", show=False),
        Binding("right_square_bracket", "move(1)", N_("Move down"), id="agenda.down", show=False),
        Binding("plus", "minutes(5)", N_("5 minutes more"), id="agenda.more", show=False),
        Binding("minus", "minutes(-5)", N_("5 minutes less"), id="agenda.less", show=False),
        Binding("x", "external", N_("External input"), id="agenda.external", show=False),
        Binding("t", "use_template", N_("Use the template"), id="agenda.template", show=False),
        Binding("T", "save_template", N_("Save as the network's template"), id="agenda.save-template", show=False),
        Binding("L", "length", N_("Length of the meeting"), id="agenda.length", show=False),
        Binding("E", "end", N_("End the meeting"), id="agenda.end", show=False),
        Binding("l", "learning_forms", N_("Learning forms of our own"), id="agenda.learning-forms", show=False),
        Binding("C", "close_network", N_("Close the network (harvest)"), id="agenda.close", show=False),
        Binding("K", "keep_learned", N_("Keep only what the network learned"), id="agenda.keep-learned", show=False),
        Binding("escape", "leave_projector", N_("Leave projector view"), id="agenda.leave-projector", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.agenda: Agenda | None = None
        self.fits: dict[int, CaseFit] = {}
        self.progress: dict[int, DiscussionProgress | None] = {}

    # -- layout ---------------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with Horizontal(id="agenda-body"):
            with Vertical(id="agenda-side"):
                yield Static(id="agenda-summary")
                table: DataTable[Text] = DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
                yield table
                yield Static(id="item-detail")
            with Vertical(id="agenda-stage"):
                yield Static(id="item-line")
                yield CountdownDisplay(id="item-clock")
                yield Static(id="meeting-line")
                yield Static(id="case-line")

    @property
    def store(self) -> NetworkStore:
        return self.app.store

    # -- reading the store --------------------------------------------------------------------------
    def reload(self) -> None:
        meeting = self.app.current_meeting
        if meeting is None:
            self.agenda = None
        elif self.agenda is None or self.agenda.meeting.id != meeting.id or self.agenda.meeting != meeting:
            self.agenda = Agenda(self.store, meeting, self.app.wall_clock)
        else:  # the same meeting: read its agenda again (it may have changed elsewhere), keep the undo
            undo = self.agenda.undo_stack
            self.agenda = Agenda(self.store, meeting, self.app.wall_clock)
            self.agenda.undo_stack = undo
        self.read_cases()
        self.show_table()
        self.tick(ring=False)

    def read_cases(self) -> None:
        agenda = self.agenda
        self.fits = agenda.cases() if agenda else {}
        self.progress = {index: agenda.discussion(fit.case) for index, fit in self.fits.items()} if agenda else {}

    # -- showing ----------------------------------------------------------------------------------
    def show_table(self, cursor: int | None = None) -> None:
        table: DataTable[Text] = self.query_one("#agenda-table", DataTable)
        row = table.cursor_row if cursor is None else cursor
        table.clear(columns=True)
        side = max(SIDE_MIN, self.app.size.width // 2)
        table.add_column(_("Time"), width=5)
        table.add_column(_("Item"), width=max(12, side - 31))
        table.add_column(_("Min"), width=3)
        table.add_column(_("Began"), width=5)
        table.add_column(_("Took"), width=4)
        agenda = self.agenda
        if agenda is None:
            self.query_one("#agenda-summary", Static).update(Content("\n\n".join(self.before_the_first_meeting())))
            return
        runs = agenda.runs()
        current = agenda.record.current_id
        for when, item in programme(agenda.meeting, agenda.items):
            mark = "▶ " if item.id is not None and item.id == current else ("✓ " if item.id in runs else "  ")
            began, took = "", ""
            if item.id in runs:
                started, seconds = runs[item.id or 0]
                began, took = clock_time(started), str(round(seconds / 60))
            table.add_row(
                literal_text(when),
                literal_text(mark + item.shown_title),
                Text(str(item.minutes), justify="right"),
                literal_text(began),
                Text(took, justify="right", style="bold" if took and int(took) > item.minutes else ""),
            )
        if agenda.items:
            table.move_cursor(row=max(0, min(row, len(agenda.items) - 1)))
        self.show_summary()
        self.show_detail()

    def before_the_first_meeting(self) -> list[str]:
        """What a network without meetings shows: for a follow-up network, where it comes from."""
        lines = [_("Plan a meeting first (F2); its agenda comes here.")]
        follows = self.store.setting(FOLLOWS_SETTING)
        if follows:
            unconfirmed = len(self.store.setting(UNCONFIRMED_SETTING) or [])
            lines.append(
                ngettext(
                    "A follow-up of {name}: {n} member carried over, not confirmed yet.",
                    "A follow-up of {name}: {n} members carried over, not confirmed yet.",
                    unconfirmed,
                ).format(name=visible_controls(str(follows)), n=unconfirmed)
            )
            notes = self.store.notes.where(meeting_id=None)
            lines += [visible_controls(note.text) for note in notes if CARRIED not in note.context]
            if carried := sum(CARRIED in note.context for note in notes):
                lines.append(
                    ngettext(
                        "{n} thing carried over from it waits for the first meeting: its notes (F7) show it.",
                        "{n} things carried over from it wait for the first meeting: its notes (F7) show them.",
                        carried,
                    ).format(n=carried)
                )
        return lines

    def show_summary(self) -> None:
        agenda = self.agenda
        assert agenda is not None
        state = agenda.state()
        line = Content.from_markup(
            "[b]$meeting[/b] · $items · $planned",
            meeting=visible_controls(meeting_label(agenda.meeting)),
            items=ngettext("{n} item", "{n} items", len(agenda.items)).format(n=len(agenda.items)),
            planned=_("{planned} planned of {length}").format(
                planned=format_duration(state.planned_total), length=format_duration(state.length)
            ),
        )
        summary = self.query_one("#agenda-summary", Static)
        if state.over_length > 0:
            line += Content("\n") + Content(
                _("The agenda is {minutes} min longer than the meeting.").format(minutes=round(state.over_length / 60))
            ).stylize("bold $warning")
        if agenda.from_template:
            line += Content("\n") + Content(_("From the template; your first change makes it this meeting's own."))
        summary.update(line)

    def selected_index(self) -> int | None:
        if self.agenda is None or not self.agenda.items:
            return None
        table = self.query_one("#agenda-table", DataTable)
        return max(0, min(table.cursor_row, len(self.agenda.items) - 1))

    def on_resize(self) -> None:
        if self.agenda is not None:
            self.show_table()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()  # Enter on an item

    def show_detail(self) -> None:
        """What the selected item holds: its case and the method's time, its external input."""
        index = self.selected_index()
        lines: list[str] = []
        if index is not None and self.agenda is not None:
            item = self.agenda.items[index]
            kind = _(item.kind.label).capitalize()
            title = visible_controls(item.shown_title)
            lines.append(title if title.casefold() == kind.casefold() else f"{kind} · {title}")
            fit = self.fits.get(index)
            if fit is not None:
                lines.append(self.fit_line(fit))
            elif item.kind is ItemKind.CASE:
                lines.append(_("No case yet: bring one in on the discussion home (F5)."))
            if item.external is not None:
                x = item.external
                who = ", ".join(p for p in (x.name, x.organisation) if p)
                lines.append(f"{_(x.kind.label).capitalize()}: {visible_controls(who)}")
                if x.topic:
                    lines.append(_("Topic: {topic}").format(topic=visible_controls(x.topic)))
                lines += [visible_controls(link) for link in x.links]
                if x.preparation:
                    lines.append(_("Members prepare: {what}").format(what=visible_controls(x.preparation)))
        self.query_one("#item-detail", Static).update(Content("\n".join(lines)))

    def fit_line(self, fit: CaseFit) -> str:
        over = fit.rounds_seconds - fit.box_seconds
        line = _("{method}: the rounds take {rounds} of a {box} box").format(
            method=visible_controls(shown(fit.case.method_name, fit.case.method_preset)),
            rounds=format_duration(fit.rounds_seconds),
            box=format_duration(fit.box_seconds),
        )
        if over > 0:
            line += " " + _("({minutes} min too long)").format(minutes=round(over / 60))
        return line

    def tick(self, ring: bool = True) -> None:
        """Show the current item's time left and the whole meeting's state."""
        agenda = self.agenda
        clock = self.query_one("#item-clock", CountdownDisplay)
        if agenda is None:
            self.run_timer(False)
            clock.display = False
            return
        if ring and agenda.tick():
            self.app.bell()
        now = self.app.wall_clock()
        state = agenda.state(now)
        self.show_clock(state, now)
        self.run_timer(state.started and not state.ended)

    def show_clock(self, state: MeetingClockState, now: float) -> None:
        clock = self.query_one("#item-clock", CountdownDisplay)
        clock.display = state.item is not None
        if state.item is not None:
            fraction = min(1.0, max(0.0, state.remaining / state.box)) if state.box else 0.0
            left = state.remaining
            phase = (
                "overtime"
                if left <= -1
                else "red"
                if left <= THRESHOLDS.red_at
                else "amber"
                if left <= THRESHOLDS.amber_at
                else "green"
            )
            clock.show(format_time(left), fraction, phase, not state.running)
        item_line, meeting_line, case_line = self.clock_lines(state, now)
        self._update("#item-line", item_line)
        self._update("#meeting-line", meeting_line)
        self._update("#case-line", case_line)

    def clock_lines(self, state: MeetingClockState, now: float) -> tuple[str, str, str]:
        if not state.started:
            first = state.next_item.shown_title if state.next_item else ""
            return (
                _("Not started: press s to start the meeting."),
                _("First: {item}").format(item=visible_controls(first)) if first else "",
                "",
            )
        if state.ended:
            return (
                _("The meeting is over."),
                _("It took {length}: {late}.").format(length=format_duration(state.elapsed), late=late_text(state)),
                "",
            )
        if state.item is None or state.index is None:
            return _("The running item is no longer on the agenda: press n for the next item."), "", ""
        item_line = _("Item {number} of {count}: {title}").format(
            number=state.index + 1, count=state.count, title=visible_controls(state.item.shown_title)
        )
        if not state.running:
            item_line += " " + _("(paused)")
        meeting_line = _("{late} · ends at {end} (planned {planned})").format(
            late=late_text(state), end=clock_time(state.forecast_end), planned=clock_time(state.planned_end)
        )
        if state.next_item is not None:
            meeting_line += "\n" + _("Next: {item}").format(item=visible_controls(state.next_item.shown_title))
        case_line = ""
        fit = self.fits.get(state.index)
        if fit is not None:
            case_line = self.fit_line(fit)
            progress = self.progress.get(state.index)
            if progress is not None:
                if progress.finished:
                    case_line += "\n" + _("The discussion is over.")
                else:
                    case_line += "\n" + _("Discussion: round {number} of {rounds}, {name}, {left}").format(
                        number=progress.round_number,
                        rounds=progress.rounds,
                        name=visible_controls(shown(progress.round_name, progress.preset)),
                        left=format_time(progress.remaining),
                    )
        return item_line, meeting_line, case_line

    def _update(self, selector: str, value: str) -> None:
        widget = self.query_one(selector, Static)
        if getattr(widget, "shown_text", None) != value:
            widget.shown_text = value  # type: ignore[attr-defined]  # our mark on the Static: the text it shows now
            widget.update(Content(value))

    # -- helpers -------------------------------------------------------------------------------------
    def editable(self) -> Agenda | None:
        if self.agenda is None:
            self.notify(_("Plan a meeting first (F2); its agenda comes here."), severity="warning", markup=False)
            return None
        if self.store.read_only:
            self.notify(_("This file is open read-only."), severity="warning", markup=False)
            return None
        return self.agenda

    def changed(self, cursor: int | None = None) -> None:
        self.read_cases()
        self.show_table(cursor)
        self.tick(ring=False)

    def selected_item(self) -> tuple[Agenda, int, AgendaItem] | None:
        agenda, index = self.editable(), self.selected_index()
        if agenda is None:
            return None
        if index is None:
            self.notify(_("The agenda is empty: press a to add an item."), severity="warning", markup=False)
            return None
        return agenda, index, agenda.items[index]

    def action_checkin(self) -> None:
        """The meeting opens with a check-in: one member after the other (screens/thread/checkin.py)."""
        meeting = self.app.current_meeting
        if meeting is None:
            self.notify(_("There is no current meeting: plan one on the network home (F2)."), severity="warning")
            return
        from ln_tui.screens.thread.checkin import CheckInScreen

        self.app.push_screen(CheckInScreen(meeting))

    # -- the clock keys ------------------------------------------------------------------------------
    def action_start(self) -> None:
        if (agenda := self.editable()) is None:
            return
        if agenda.timer.ended:
            self.notify(_("The meeting is over."), severity="warning", markup=False)
        elif agenda.timer.started:
            self.notify(_("The meeting has started already."), severity="warning", markup=False)
        elif not agenda.items:
            self.notify(_("The agenda is empty: press a to add an item."), severity="warning", markup=False)
        else:
            agenda.start()
            self.changed(0)

    def running(self) -> Agenda | None:
        agenda = self.editable()
        if agenda is None:
            return None
        if not agenda.timer.started:
            self.notify(_("Not started: press s to start the meeting."), severity="warning", markup=False)
            return None
        if agenda.timer.ended:
            self.notify(_("The meeting is over."), severity="warning", markup=False)
            return None
        return agenda

    def action_toggle_pause(self) -> None:
        if agenda := self.running():
            agenda.toggle_pause()
            self.tick(ring=False)

    def action_extend(self) -> None:
        if agenda := self.running():
            agenda.extend()
            self.tick(ring=False)

    def action_next_item(self) -> None:
        if agenda := self.running():
            item = agenda.next_item()
            index = agenda.items.index(item) if item is not None else None
            self.changed(index)

    def action_end(self) -> None:
        if agenda := self.running():
            agenda.end()
            self.changed()

    # -- editing ------------------------------------------------------------------------------------
    def action_add(self) -> None:
        if (agenda := self.editable()) is None:
            return
        after = self.selected_index()

        def save(answer: ItemInput | None) -> None:
            if answer is not None:
                item = agenda.add(answer.kind, answer.title, answer.minutes, after)
                self.changed(next(n for n, held in enumerate(agenda.items) if held is item))

        self.app.push_screen(ItemForm(), save)

    def action_edit(self) -> None:
        if (chosen := self.selected_item()) is None:
            return
        agenda, index, item = chosen

        def save(answer: ItemInput | None) -> None:
            if answer is not None:
                agenda.edit(index, answer.kind, answer.title, answer.minutes)
                self.changed(index)

        self.app.push_screen(ItemForm(item), save)

    def action_remove(self) -> None:
        if (chosen := self.selected_item()) is None:
            return
        agenda, index, item = chosen
        if item.id is not None and item.id == agenda.record.current_id:
            self.notify(_("This item is running: press n for the next item first."), severity="warning", markup=False)
            return
        agenda.remove(index)
        self.notify(
            _("Removed {title}; u takes it back.").format(title=visible_controls(item.shown_title)), markup=False
        )
        self.changed(index)

    def action_undo(self) -> None:
        if (agenda := self.editable()) is None:
            return
        if agenda.undo():
            self.notify(_("Undone."), markup=False)
            self.changed()
        else:
            self.notify(_("Nothing to undo."), severity="warning", markup=False)

    def action_move(self, steps: int) -> None:
        if (chosen := self.selected_item()) is None:
            return
        agenda, index, _item = chosen
        try:
            self.changed(agenda.move(index, steps))
        except ValueError as refused:
            self.notify(str(refused), severity="warning", markup=False)

    def action_minutes(self, delta: int) -> None:
        if (chosen := self.selected_item()) is None:
            return
        agenda, index, _item = chosen
        agenda.change_minutes(index, delta)
        self.changed(index)

    def action_external(self) -> None:
        if (chosen := self.selected_item()) is None:
            return
        agenda, index, item = chosen

        def save(external: object) -> None:
            if external is None:
                return
            agenda.set_external(index, None if external is REMOVE else external)  # type: ignore[arg-type]  # the dialog gives an ExternalInput or REMOVE
            self.notify(_("External input saved."), markup=False)
            self.changed(index)

        self.app.push_screen(ExternalInputForm(item), save)

    def action_use_template(self) -> None:
        if (agenda := self.editable()) is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                agenda.use_template()
                self.changed(0)

        self.app.push_screen(
            ConfirmDialog(
                _("Replace this agenda with the template of a {kind} meeting?").format(
                    kind=_(agenda.meeting.kind.label)
                ),
                _("u takes it back."),
            ),
            answer,
        )

    def action_save_template(self) -> None:
        if (agenda := self.editable()) is None:
            return
        agenda.save_as_template()
        self.notify(
            _("Saved as this network's template for a {kind} meeting.").format(kind=_(agenda.meeting.kind.label)),
            markup=False,
        )

    def action_length(self) -> None:
        if (agenda := self.editable()) is None:
            return

        def save(value: str | None) -> None:
            if value is None:
                return
            if problem := minutes_problem(value):
                self.notify(problem, severity="error", markup=False)
                return
            agenda.set_length(int(value.strip()))
            self.changed()

        self.app.push_screen(
            TextDialog(_("Length of the meeting"), _("In minutes, for example 150."), str(agenda.record.length)), save
        )

    def action_learning_forms(self) -> None:
        if self.editable() is None:
            return

        def save(value: str | None) -> None:
            if value is not None:
                set_own_learning_forms(self.store, value.split(";"))
                self.notify(_("The evaluation asks about them from now on."), markup=False)

        self.app.push_screen(
            TextDialog(
                _("Learning forms of our own"),
                _("Separated by semicolons, for example: intervisie in trio's; werkbezoek"),
                "; ".join(own_learning_forms(self.store)),
            ),
            save,
        )

    def action_close_network(self) -> None:
        if self.store.read_only:
            self.notify(_("This file is open read-only."), severity="warning", markup=False)
            return

        def save(record: object) -> None:
            if record is not None:
                saved = save_harvest(self.store, record)  # type: ignore[arg-type]  # the harvest form gives the record it was opened with
                self.app.refresh_header()
                self.notify(
                    _(
                        "The network is closed. It still opens and exports; K keeps only what it learned "
                        "and removes the personal data."
                    )
                    if saved.closed
                    else _("Harvest saved."),
                    markup=False,
                )

        self.app.push_screen(HarvestForm(harvest(self.store)), save)

    def action_keep_learned(self) -> None:
        """At the close: remove all personal data but the harvest and the anonymous summary, after asking."""
        import datetime

        from ln_tui.roster.personal import keep_only_learned, what_keeping_learned_removes

        if self.store.read_only:
            self.notify(_("This file is open read-only."), severity="warning", markup=False)
            return
        if not harvest(self.store).closed:
            self.notify(
                _("Close the network first (C, the harvest); then K keeps what it learned."), severity="warning"
            )
            return
        today = datetime.date.today().isoformat()
        removed = what_keeping_learned_removes(self.store, today)
        detail = "\n".join(
            [
                _("Removed for good:") + " " + ", ".join(removed) + ".",
                _(
                    "Kept: the network's profile, the harvest, the meetings (attendance as counts), "
                    "the programme, the evaluation as anonymous forms, the safety pulse, and the "
                    "kickoff's expectations and questions with their review."
                ),
                _("Every member's name is replaced by 'a former member' in what is kept."),
                _("The kept states beside the file are rewritten too. This cannot be undone."),
            ]
        )

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            result = keep_only_learned(self.store, today)
            self.reload()
            if not self.store.save_state.saved:
                return  # the save line says why
            message = _("Only what the network learned is kept.")
            if left := result.kept_states.left:
                message += " " + ngettext(
                    "{count} copy beside the file still holds personal data; delete it: {paths}",
                    "{count} copies beside the file still hold personal data; delete them: {paths}",
                    len(left),
                ).format(count=len(left), paths=", ".join(str(p) for p in left))
            message += " " + _("Minutes and reports exported before still hold the names.")
            self.notify(message, markup=False, timeout=12)

        self.app.push_screen(ConfirmDialog(_("Keep only what the network learned?"), detail), answer)

    # -- notes ---------------------------------------------------------------------------------------
    def note_context(self) -> tuple[dict[str, int], str]:
        agenda = self.agenda
        if agenda is None:
            return {}, ""
        current = next((i for i in agenda.items if i.id is not None and i.id == agenda.record.current_id), None)
        if current is None or current.id is None:
            return {}, ""
        return {"agenda_item_id": current.id}, _("Note during {item}").format(
            item=visible_controls(current.shown_title)
        )
