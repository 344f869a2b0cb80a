"""The Minutes home (F7): every note, decision and action of a meeting, what earlier meetings
carried forward, the roles of the meeting, and its minutes previewed and exported."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.minutes.carry import Carried, CarriedKind
from ln_tui.minutes.notes import Minutes, Names, due_date, due_text, owner_of, time_of, where_taken
from ln_tui.model import Audience, Meeting, Note, NoteKind, NoteStatus, meeting_label
from ln_tui.screens.dialogs import TextDialog, confirm_then
from ln_tui.screens.exports import exported
from ln_tui.screens.filtered_table import FilteredTableHome
from ln_tui.screens.minutes.carried import settle_carried
from ln_tui.screens.minutes.dialogs import ExportChoice, MinutesPreview, RolesForm, SharePreview
from ln_tui.screens.pickers import MeetingPicker
from ln_tui.screens.widgets.markdown import markdown_content, markdown_line
from ln_tui.screens.widgets.table import RowTable, fitted_widths
from ln_tui.screens.widgets.user_text import cell
from ln_tui.store import NetworkStore

# (header, width): fixed, or (minimum, share of what the fixed columns leave).
# An action's due date has a column of its own, wide enough for a date: inside "Owner · due · status"
# it was cut to the owner at 80 columns. A done action says "done" there.
NOTE_COLUMNS: tuple[tuple[str, int | tuple[int, int]], ...] = (
    (N_("Time"), 5),
    (N_("Kind"), 10),
    (N_("Shared"), 6),
    (N_("Text"), (14, 6)),
    (N_("Taken on"), (6, 2)),
    (N_("Owner"), (8, 3)),
    (N_("Due"), 10),
)
CARRIED_COLUMNS: tuple[tuple[str, int | tuple[int, int]], ...] = (
    (N_("What"), 8),
    (N_("From"), (12, 2)),
    (N_("Text"), (20, 5)),
    (N_("Now"), (10, 2)),
)
KIND_STYLE = {NoteKind.NOTE: "", NoteKind.DECISION: "bold", NoteKind.ACTION: "bold"}
CARRIED_LABEL = {
    CarriedKind.ACTION: N_("action"),
    CarriedKind.QUESTION: N_("question"),
    CarriedKind.ADVICE: N_("advice"),
}


# Said when k changes a note's kind: a sentence each ("a action" was a sentence made of parts).
NOW_A = {
    NoteKind.NOTE: N_("Now a note."),
    NoteKind.DECISION: N_("Now a decision."),
    NoteKind.ACTION: N_("Now an action."),
}


class Row:
    """One line of the table: its cells, what the filter searches, and what it is about."""

    __slots__ = ("cells", "haystack", "subject")

    def __init__(self, cells: list[Text], subject: Note | Carried) -> None:
        self.cells = cells
        self.subject = subject
        self.haystack = " ".join(c.plain for c in cells).casefold()


class NoteTable(RowTable):
    BINDINGS: ClassVar = [
        Binding("n", "screen.add", N_("New note"), id="minutes.add"),
        Binding("e", "screen.edit", N_("Edit"), id="minutes.edit"),
        Binding("k", "screen.kind", N_("Note / decision / action"), id="minutes.kind"),
        Binding("o", "screen.owner", N_("Owner"), id="minutes.owner"),
        Binding("w", "screen.due", N_("Due"), id="minutes.due"),
        Binding("space", "screen.done", N_("Done / open"), id="minutes.done"),
        Binding("delete,d", "screen.delete", N_("Delete"), id="minutes.delete", show=False),
        Binding("u", "screen.undo", N_("Undo delete"), id="minutes.undo", show=False),
        Binding("f", "screen.toggle_view", N_("Carried forward / notes"), id="minutes.view"),
        Binding("s", "screen.share", N_("May be shared / for the group"), id="minutes.share"),
        Binding("slash", "screen.focus_filter", N_("Filter"), id="minutes.filter"),
        Binding("m", "screen.choose_meeting", N_("Meeting"), id="minutes.meeting"),
        Binding(
            "left_square_bracket", "screen.step_meeting(-1)", N_("Previous meeting"), id="minutes.previous", show=False
        ),
        Binding("right_square_bracket", "screen.step_meeting(1)", N_("Next meeting"), id="minutes.next", show=False),
        Binding("r", "screen.roles", N_("Roles"), id="minutes.roles"),
        Binding("p", "screen.preview", N_("Preview"), id="minutes.preview"),
        Binding("x", "screen.export", N_("Export"), id="minutes.export"),
    ]

    def watch_cursor_row(self, row: int) -> None:
        super().watch_cursor_row(row)
        screen = self.screen
        if isinstance(screen, MinutesScreen) and screen.is_mounted:
            screen.show_detail()


class MinutesScreen(FilteredTableHome[Row]):
    MODE = "minutes"
    MAIN = "#minutes-table"
    CSS_PATH = Path(__file__).parent / "minutes.tcss"
    TABLE = NoteTable

    def __init__(self) -> None:
        super().__init__()
        self.minutes: Minutes | None = None
        self.meeting: Meeting | None = None
        self.view = "notes"  # or "carried"
        self.removed: list[Note] = []
        self.names: Names | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="minutes-heading")
        yield from self.compose_filtered_table(_("Filter: type part of a note, a name, a case..."))

    @property
    def store(self) -> NetworkStore:
        return self.app.store

    # -- reading the store --------------------------------------------------------------------
    def reload(self) -> None:
        """Read the meeting, its notes and what earlier meetings carried forward, and show them."""
        self.minutes = Minutes(self.store)
        meetings = self.minutes.meetings()
        chosen = next((m for m in meetings if self.meeting and m.id == self.meeting.id), None)
        self.meeting = chosen or self.app.current_meeting
        self.names = self.minutes.names()
        if self.view == "carried":
            carried = self.minutes.carried(self.meeting) if self.meeting else []
            self.rows_changed([self.carried_row(c) for c in carried])
        else:
            self.rows_changed([self.note_row(n) for n in self.minutes.notes(self.meeting)])
        self.show_rows()

    def note_row(self, note: Note) -> Row:
        assert self.names is not None
        owner = due = ""
        done = note.kind is NoteKind.ACTION and note.status is NoteStatus.DONE
        if note.kind is NoteKind.ACTION:
            owner = owner_of(note, self.names.members)
            # An open action's due date; a done one says so (its date stays in the detail).
            due = _(note.status.label) if done else due_date(note, self.names.meetings)
        return Row(
            [
                cell(time_of(note)),
                cell(_(note.kind.label), KIND_STYLE[note.kind]),
                cell("✓" if note.may_be_shared else ""),
                cell(note.text),
                cell(where_taken(note, self.names)),
                cell(owner),
                cell(due, "bold green" if done else ""),
            ],
            note,
        )

    def action_line(self, note: Note) -> str:
        """An action's owner, due and status in full (the detail's first line)."""
        assert self.names is not None
        bits = [owner_of(note, self.names.members)]
        if due := due_text(note, self.names.meetings):
            bits.append(_("due {due}").format(due=due))
        bits.append(_(note.status.label))
        return " · ".join(bits)

    def carried_row(self, item: Carried) -> Row:
        if item.kind is CarriedKind.ADVICE:
            told = self.minutes.outcome(item.id) if self.minutes else None
            now = told.text if told else _("outcome not told yet")
        elif item.done:
            now = _("done at this meeting") if item.kind is CarriedKind.ACTION else _("answered")
        else:
            now = _("parked") if item.parked else _("open")
        return Row(
            [
                cell(_(CARRIED_LABEL[item.kind]), "bold"),
                cell(meeting_label(item.origin) if item.origin else "?"),
                markdown_line(item.text[:300]),  # a card's or a note's Markdown, drawn as on the card
                markdown_line(now[:300], "bold green" if item.done else ""),
            ],
            item,
        )

    def matching(self, rows: list[Row], query: str) -> list[Row]:
        """The rows holding the typed text (any case) in any of their cells."""
        typed = query.strip().casefold()
        return [r for r in rows if typed in r.haystack] if typed else list(rows)

    # -- showing --------------------------------------------------------------------------------
    def show_rows(self, keep: int | None = None) -> None:
        table = self.query_one(NoteTable)
        self.filtered()
        columns = CARRIED_COLUMNS if self.view == "carried" else NOTE_COLUMNS
        table.set_columns(
            [Text(_(header)) for header, _w in columns],
            fitted_widths([w for _h, w in columns], table.size.width or self.size.width),
        )
        cursor = table.cursor_row
        if keep is not None:
            cursor = next((i for i, r in enumerate(self.shown) if r.subject.id == keep), cursor)
        table.set_rows([r.cells for r in self.shown], cursor=cursor)
        self.show_heading()
        self.show_detail()

    def on_resize(self) -> None:
        if self.minutes is not None:
            self.show_rows()

    def show_heading(self) -> None:
        where = meeting_label(self.meeting) if self.meeting else _("no meeting")
        if self.view == "carried":
            heading = _("Carried forward to {meeting}: open actions, open questions, advice").format(meeting=where)
        else:
            heading = _("Notes, decisions and actions of {meeting}").format(meeting=where)
        self.query_one("#minutes-heading", Static).update(Content(heading), layout=False)
        self.show_empty(
            _("Nothing is carried forward to this meeting. f shows its notes.")
            if self.view == "carried"
            else _("No notes for this meeting yet. Press n here, or ctrl+n on any screen.")
        )
        status = _("{shown} of {total}").format(shown=len(self.shown), total=len(self.rows))
        status += " · " + _("f = carried forward / notes, m = meeting, p = preview, x = export")
        self.query_one("#minutes-status", Static).update(Content(status), layout=False)

    def show_detail(self) -> None:
        """The selected line in full (up to three lines): the whole text, never markup."""
        row = self.selected_row()
        detail = self.query_one("#minutes-detail", Static)
        if row is None:
            detail.update(Content(""), layout=False)
            return
        subject = row.subject
        if isinstance(subject, Carried):
            detail.update(markdown_content(subject.text[:2000]), layout=False)
            return
        text = visible_controls(subject.text[:2000])
        if self.names is not None and (where := where_taken(subject, self.names)):
            text += "\n— " + where
        if subject.kind is NoteKind.ACTION:
            text = self.action_line(subject) + "\n" + text  # first: the due date is seen at 80x24 too
        detail.update(Content(text), layout=False)

    def selected_row(self) -> Row | None:
        table = self.query_one(NoteTable)
        if not self.shown:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def selected_note(self) -> Note | None:
        row = self.selected_row()
        if row is None or not isinstance(row.subject, Note):
            return None
        return self.store.notes.get(row.subject.id or 0)

    # -- the filter, the views and the meeting ---------------------------------------------------------
    def action_toggle_view(self) -> None:
        self.view = "notes" if self.view == "carried" else "carried"
        self.query_one(NoteTable).cursor_row = 0
        self.reload()

    def action_step_meeting(self, step: int) -> None:
        meetings = self.minutes.meetings() if self.minutes else []
        if not meetings:
            return
        ids = [m.id for m in meetings]
        index = ids.index(self.meeting.id) if self.meeting and self.meeting.id in ids else 0
        self.meeting = meetings[(index + step) % len(meetings)]
        self.query_one(NoteTable).cursor_row = 0
        self.reload()

    def action_choose_meeting(self) -> None:
        meetings = self.minutes.meetings() if self.minutes else []
        if not meetings:
            self.notify(_("Plan a meeting first (on the Network screen, F2)."), severity="warning")
            return

        def choose(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.meeting = meeting
                self.query_one(NoteTable).cursor_row = 0
                self.reload()

        picker = MeetingPicker(
            meetings,
            self.meeting.id if self.meeting else None,
            title=_("Whose minutes?"),
            keys=_("Enter = choose, Escape = cancel"),
        )
        self.app.push_screen(picker, choose)

    # -- notes ----------------------------------------------------------------------------------------
    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        """Enter edits a note; on the follow-up it asks what was done with an advice."""
        row = self.selected_row()
        if row is not None and isinstance(row.subject, Carried):
            if row.subject.kind is CarriedKind.ADVICE and self.writable():
                self.settle(row.subject)
            else:
                self.not_a_note()
        else:
            self.action_edit()

    def writable(self) -> bool:
        if self.store.read_only:
            self.notify(_("This file is open read-only."), severity="warning")
            return False
        return True

    def action_add(self) -> None:
        if not self.writable() or self.minutes is None:
            return
        minutes, meeting = self.minutes, self.meeting

        def save(text: str | None) -> None:
            if text and text.strip():
                note = minutes.add(text, meeting)
                self.view = "notes"
                self.notify(_("Note saved."))
                self.reload_keeping(note.id)

        where = meeting_label(meeting) if meeting else _("No meeting chosen")
        self.app.push_screen(TextDialog(_("Note"), where, guard=True), save)

    def action_edit(self) -> None:
        note = self.selected_note()
        if note is None or not self.writable() or self.minutes is None:
            self.not_a_note()
            return
        minutes = self.minutes

        def save(text: str | None) -> None:
            if text is not None and text.strip() and text != note.text:
                minutes.edit(note, text)
                self.reload_keeping(note.id)

        self.app.push_screen(
            TextDialog(_("Edit the note"), _(note.kind.label), note.text, guard=True, required=_("A note needs text.")),
            save,
        )

    def not_a_note(self) -> None:
        if self.view == "carried":
            self.notify(_("This is the follow-up: space marks the line done. f goes back to the notes."))

    def action_kind(self) -> None:
        note = self.selected_note()
        if note is None or not self.writable() or self.minutes is None:
            self.not_a_note()
            return
        self.minutes.next_kind(note)
        self.notify(_(NOW_A[note.kind]), markup=False)
        self.reload_keeping(note.id)

    def action_owner(self) -> None:
        note = self.selected_note()
        if note is None or not self.writable() or self.minutes is None:
            self.not_a_note()
            return
        minutes = self.minutes
        current = owner_of(note, self.names.members) if self.names and note.owner_name else ""

        def save(typed: str | None) -> None:
            if typed is None:
                return
            result = minutes.set_owner(note, typed)
            if isinstance(result, str):
                self.notify(result, severity="error", markup=False)
                return
            self.reload_keeping(note.id)

        self.app.push_screen(
            TextDialog(_("Who carries this action?"), _("A few letters of a name; empty = the group."), current), save
        )

    def action_due(self) -> None:
        note = self.selected_note()
        if note is None or not self.writable() or self.minutes is None:
            self.not_a_note()
            return
        minutes = self.minutes
        meetings = ", ".join(f"{i} = {meeting_label(m)}" for i, m in enumerate(minutes.meetings(), 1))

        def save(typed: str | None) -> None:
            if typed is None:
                return
            result = minutes.set_due(note, typed)
            if isinstance(result, str):
                self.notify(result, severity="error", markup=False)
                return
            self.reload_keeping(note.id)

        self.app.push_screen(
            TextDialog(
                _("When is this action due?"),
                _("A meeting number or a date (YYYY-MM-DD); empty = no date. {meetings}").format(meetings=meetings),
                note.due_date,
            ),
            save,
        )

    def action_done(self) -> None:
        if not self.writable() or self.minutes is None:
            return
        row = self.selected_row()
        if row is None:
            return
        subject = row.subject
        if isinstance(subject, Carried):
            self.settle(subject)
            return
        note = self.selected_note()
        if note is None:
            return
        if note.kind is not NoteKind.ACTION:
            self.notify(_("Only an action is done or open: k makes this note an action."), severity="warning")
            return
        self.minutes.toggle_done(note, self.meeting)
        self.reload_keeping(note.id)

    def action_share(self) -> None:
        """Mark the note as one that may leave the group (minutes to share), or back to the group only."""
        note = self.selected_note()
        if note is None or not self.writable() or self.minutes is None:
            self.not_a_note()
            return
        result = self.minutes.toggle_shared(note)
        if isinstance(result, str):
            self.notify(result, severity="warning", markup=False)
            return
        if result.may_be_shared:
            self.notify(_("May be shared: it will be in the minutes to share."))
        else:
            self.notify(_("For the group only: it stays out of the minutes to share."))
        self.reload_keeping(note.id)

    def settle(self, item: Carried) -> None:
        minutes, meeting = self.minutes, self.meeting
        if minutes is None or meeting is None:
            return

        def settled(done: bool) -> None:
            if item.kind is CarriedKind.QUESTION:
                self.notify(_("Marked answered; it is in the board's archive."))
            elif item.kind is CarriedKind.ACTION and done:
                note = self.store.notes.get(item.id)
                if note is not None and note.status is NoteStatus.DONE:
                    self.notify(_("Done at {meeting}.").format(meeting=meeting_label(meeting)), markup=False)
            self.reload_keeping(item.id)

        settle_carried(self, minutes, item, meeting, settled)

    def action_delete(self) -> None:
        note = self.selected_note()
        if note is None or not self.writable() or self.minutes is None:
            self.not_a_note()
            return
        minutes = self.minutes

        def delete() -> None:
            minutes.remove(note)
            self.removed.append(note)
            self.notify(_("Deleted. Press u to undo."))
            self.reload_keeping(None)

        confirm_then(self, _("Delete this {kind}?").format(kind=_(note.kind.label)), note.text[:200], delete)

    def action_undo(self) -> None:
        if not self.removed or self.minutes is None:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        note = self.removed.pop()
        self.minutes.restore(note)
        self.view = "notes"
        self.notify(_("The note is back."))
        self.reload_keeping(note.id)

    # -- roles and the minutes ---------------------------------------------------------------------------
    def action_roles(self) -> None:
        meeting, minutes = self.meeting, self.minutes
        if meeting is None or minutes is None:
            self.notify(_("Plan a meeting first (on the Network screen, F2)."), severity="warning")
            return
        if not self.writable():
            return

        def save(result: tuple[dict[str, int | None], list[int]] | None) -> None:
            if result is not None:
                minutes.set_roles(meeting, *result)
                self.app.refresh_header()
                self.notify(_("Roles saved."))
                self.reload()

        self.app.push_screen(RolesForm(meeting, minutes.members()), save)

    def action_preview(self) -> None:
        if self.meeting is None or self.minutes is None:
            self.notify(_("Plan a meeting first (on the Network screen, F2)."), severity="warning")
            return

        from ln_tui.report import minutes_markdown  # the report layer: every step's sections

        def then(answer: str | None) -> None:
            if answer == "export":
                self.action_export()

        self.app.push_screen(MinutesPreview(minutes_markdown(self.store, self.meeting)), then)

    def action_export(self) -> None:
        meeting, minutes = self.meeting, self.minutes
        if meeting is None or minutes is None:
            self.notify(_("Plan a meeting first (on the Network screen, F2)."), severity="warning")
            return

        from ln_tui.minutes.mail import MailDraft, export_draft  # the e-mail draft: made from the report's minutes
        from ln_tui.report import export_minutes, minutes_markdown  # the report layer: every step's sections

        def write(fmt: str | None, audience: Audience = Audience.GROUP) -> None:
            if fmt is None:
                return
            if fmt == "share":
                shared = minutes_markdown(self.store, meeting, Audience.SHARE)
                self.app.push_screen(SharePreview(shared), lambda chosen: write(chosen, Audience.SHARE))
                return

            def export() -> tuple[Path, MailDraft | None]:
                if fmt == "eml":
                    return export_draft(self.store, meeting, minutes.now())
                return export_minutes(self.store, meeting, fmt, audience), None

            written = exported(self, export, _("Cannot write the minutes: {reason}"))
            if written is None:
                return
            path, draft = written
            if draft is not None:
                message = _(
                    "E-mail draft of the minutes to share written to {path}; open it in your mail client. Nothing was sent."
                )
                self.notify(
                    "\n".join([message.format(path=path), *draft.warnings()]),
                    severity="warning" if draft.warnings() else "information",
                    markup=False,
                )
            elif audience is Audience.SHARE:
                self.notify(_("Minutes to share written to {path}.").format(path=path), markup=False)
            else:
                self.notify(_("Minutes written to {path}.").format(path=path), markup=False)

        self.app.push_screen(ExportChoice(self.store.path.parent), write)

    def note_context(self) -> tuple[dict[str, int], str]:
        where = meeting_label(self.meeting) if self.meeting else ""
        return {}, where
