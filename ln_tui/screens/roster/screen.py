"""The roster home: members, their cases and attendance; add, edit, remove, filter, sort, CSV."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ln_tui.i18n import N_, _, ngettext
from ln_tui.markdown_safe import one_line, terminal_text, visible_controls
from ln_tui.model import Meeting, Member, Presence, meeting_label
from ln_tui.roster import Roster
from ln_tui.roster.attendance import format_rate, presence_of
from ln_tui.roster.csv import CsvImportError
from ln_tui.roster.rows import SORT_COLUMNS, RosterRow, filter_rows, sort_rows
from ln_tui.screens.dialogs import TextDialog, confirm_then
from ln_tui.screens.exports import write_beside
from ln_tui.screens.filtered_table import FilteredTableHome
from ln_tui.screens.roster.forms import MemberForm, ProblemsDialog
from ln_tui.screens.widgets.table import RowTable, fitted_widths
from ln_tui.screens.widgets.user_text import cell
from ln_tui.thread.commitment import CommitmentFigure, Commitments, confirmation_problem, today_of

# (column key, header, width): a fixed width, or for the text columns (minimum, share of the
# room the fixed ones leave). Fixed widths keep the table steady while filtering and keep a
# 10,000-character field from stretching a column off the screen.
COLUMNS: tuple[tuple[str, str, int | tuple[int, int]], ...] = (
    ("presence", N_("Present"), 10),
    ("name", N_("Name"), (18, 8)),
    ("organisation", N_("Organisation"), (12, 4)),
    ("role", N_("Role"), 14),
    ("attendance", N_("Attendance"), 10),
    ("cases", N_("Cases"), 5),
    ("commitment", N_("Commitment"), 11),
    ("email", N_("E-mail"), (14, 5)),
    ("expertise", N_("Expertise / interests"), (10, 3)),
)


# The theme colour a presence is shown in (absent: the error colour, excused: the warning colour).
PRESENCE_COLOUR = {Presence.ABSENT: "error", Presence.EXCUSED: "warning"}


class MemberTable(RowTable):
    BINDINGS: ClassVar = [
        Binding("space", "screen.toggle_presence", N_("Present/absent/excused"), id="roster.presence"),
        Binding("slash", "screen.focus_filter", N_("Filter"), id="roster.filter"),
        Binding("s", "screen.sort", N_("Sort"), id="roster.sort"),
        Binding("a", "screen.add", N_("Add"), id="roster.add"),
        Binding("e", "screen.edit", N_("Edit"), id="roster.edit"),
        Binding("delete,d", "screen.remove", N_("Remove"), id="roster.remove"),
        Binding("u", "screen.undo", N_("Undo remove"), id="roster.undo"),
        Binding("t", "screen.thread", N_("Learning thread"), id="roster.thread", show=False),
        Binding("F", "screen.forget", N_("Forget everywhere (GDPR)"), id="roster.forget", show=False),
        Binding(
            "E",
            "screen.export_member",
            N_("What the file holds about them (GDPR)"),
            id="roster.export-member",
            show=False,
        ),
        Binding(
            "left_square_bracket",
            "screen.step_meeting(-1)",
            N_("Previous meeting"),
            id="roster.meeting-previous",
            show=False,
        ),
        Binding(
            "right_square_bracket", "screen.step_meeting(1)", N_("Next meeting"), id="roster.meeting-next", show=False
        ),
        Binding("r", "screen.reverse", N_("Reverse order"), id="roster.reverse", show=False),
        Binding("c", "screen.confirm", N_("Confirm membership"), id="roster.confirm", show=False),
        Binding("k", "screen.commitment", N_("Commitment confirmed"), id="roster.commitment", show=False),
        Binding("i", "screen.import_csv", N_("Import CSV"), id="roster.import"),
        Binding("x", "screen.export_csv", N_("Export CSV"), id="roster.export"),
    ]


class RosterScreen(FilteredTableHome[RosterRow]):
    MODE = "roster"
    MAIN = "#roster-table"
    CSS_PATH = Path(__file__).parent / "roster.tcss"
    TABLE = MemberTable

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[int, list[Text]] = {}
        self.sort_column = "name"
        self.sort_reverse = False
        self.meeting: Meeting | None = None
        self.removed: list[Member] = []
        self.presence_styles: dict[Presence, str] = {}  # made from the theme's colours by reload()
        self.unconfirmed: set[int] = set()  # carried over from an earlier network, not yet confirmed
        self.commitments: dict[int, CommitmentFigure] = {}

    def compose_body(self) -> ComposeResult:
        yield from self.compose_filtered_table(_("Filter: type part of a name, organisation, role, e-mail..."))

    # -- reading the store ------------------------------------------------------------------
    @property
    def store(self):
        return self.app.store

    @property
    def roster(self) -> Roster:
        return Roster(self.app.store)

    def meetings(self) -> list[Meeting]:
        return self.roster.meetings()

    def reload(self) -> None:
        """Read the members, cases and meetings again and show them."""
        meetings = self.meetings()
        if self.meeting is None or self.meeting.id not in {m.id for m in meetings}:
            self.meeting = self.app.current_meeting
        else:
            self.meeting = next(m for m in meetings if m.id == self.meeting.id)
        self.unconfirmed = self.roster.unconfirmed()
        today = self.today()
        rows = self.roster.rows(meetings, today)
        self.commitments = Commitments(self.store).figures([row.member for row in rows], meetings, today)
        if not self.presence_styles:
            variables = self.app.get_css_variables()
            self.presence_styles = {p: f"bold {variables[c]}" for p, c in PRESENCE_COLOUR.items()}
        self.cells = {row.member.id or 0: self._cells(row) for row in rows}
        self.rows_changed(sort_rows(rows, self.sort_column, self.sort_reverse))
        self.show_rows()

    def today(self) -> str:
        return today_of(self.app.wall_clock())

    def on_resize(self) -> None:
        self.show_rows()

    def _set_columns(self, table: MemberTable) -> None:
        """The columns, sized to the table; the first is headed by the date of the meeting shown."""
        widths = fitted_widths([w for *_rest, w in COLUMNS], table.size.width or self.size.width)
        presence = self.meeting.date if self.meeting else _("Present")
        headers = [Text(presence if key == "presence" else _(header)) for key, header, _spec in COLUMNS]
        table.set_columns(headers, widths)

    def presence_style(self, presence: Presence | None) -> str:
        """Bold in the theme's colour for an absence or an excuse; plain when present."""
        return self.presence_styles.get(presence, "") if presence else ""

    def on_mount(self) -> None:
        # Not data (that is reload's): the presence colours follow the theme (F8); the line under
        # the table follows the cursor.
        self.watch(self.app, "theme", self.theme_changed, init=False)
        self.watch(self.query_one(MemberTable), "cursor_row", self.show_detail, init=False)

    def theme_changed(self) -> None:
        self.presence_styles = {}
        self.reload()

    def _cells(self, row: RosterRow) -> list[Text]:
        m = row.member
        presence = presence_of(self.meeting, m) if self.meeting else None
        if self.meeting and presence is None:
            shown = cell(_("not yet a member"), "dim")
        else:
            shown = cell(_(presence.label) if presence else "—", self.presence_style(presence))
        return [
            shown,
            self._name_cell(m),
            cell(m.organisation),
            cell(_(m.role.label)),
            Text(format_rate(row.rate), justify="right"),
            Text(str(row.cases), justify="right"),
            self._commitment_cell(m),
            cell(m.email),
            cell(m.expertise),
        ]

    def _commitment_cell(self, member: Member) -> Text:
        """ "✓ 3 of 6": confirmed (the date is on the line under the table), attended of committed."""
        figure = self.commitments.get(member.id or 0)
        if figure is None:
            return Text("")
        mark = Text("✓ " if figure.confirmed else "· ", style="bold" if figure.confirmed else "dim")
        return Text.assemble(mark, figure.attendance, no_wrap=True, overflow="ellipsis")

    def _name_cell(self, member: Member) -> Text:
        name = cell(member.name, "bold")
        if member.id in self.unconfirmed:
            name.append(" · " + _("to confirm"), style="dim italic")
        return name

    # -- showing --------------------------------------------------------------------------------
    def show_rows(self, keep: int | None = None) -> None:
        """Show the rows that match the filter, keeping the cursor on member `keep`."""
        table = self.query_one(MemberTable)
        if keep is None:
            keep = self.selected_id()
        self.filtered()
        self._set_columns(table)
        index = next((i for i, row in enumerate(self.shown) if row.member.id == keep), 0)
        table.set_rows([self.cells[row.member.id or 0] for row in self.shown], cursor=index)
        self._show_status()
        self.show_detail()

    def show_detail(self) -> None:
        """The selected member's commitment in words: confirmed when, and attendance against it."""
        member_id = self.selected_id()
        figure = self.commitments.get(member_id) if member_id is not None else None
        row = next((r for r in self.shown if r.member.id == member_id), None)
        text = figure.sentence(one_line(row.member.name)) if figure is not None and row is not None else ""
        self.query_one("#roster-detail", Static).update(Content(terminal_text(text)), layout=False)

    def _show_status(self) -> None:
        no_members = self.show_empty(_("No members yet. Press a to add one, or i to import a CSV file."))
        self.query_one("#roster-detail").display = not no_members
        column = _(next(header for key, header, *_rest in COLUMNS if key == self.sort_column))
        status = ngettext(
            "{shown} of {total} member, sorted by {column}",
            "{shown} of {total} members, sorted by {column}",
            len(self.rows),
        ).format(shown=len(self.shown), total=len(self.rows), column=column.lower())
        if self.sort_reverse:
            status += " " + _("(reversed)")
        if self.unconfirmed:
            status += " · " + _("{count} to confirm (c)").format(count=len(self.unconfirmed))
        if self.meeting:
            status += " · " + _("attendance of {meeting}").format(meeting=meeting_label(self.meeting))
        else:
            status += " · " + _("no meeting planned yet")
        # One line of fixed height: no layout needed, which keeps filtering to one quick frame.
        self.query_one("#roster-status", Static).update(Content(status), layout=False)

    def selected_id(self) -> int | None:
        table = self.query_one(MemberTable)
        if not self.shown or not table.row_count:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)].member.id

    def selected(self) -> Member | None:
        member_id = self.selected_id()
        return self.roster.member(member_id)

    def matching(self, rows: list[RosterRow], query: str) -> list[RosterRow]:
        """The members holding every word of the filter (any case) in their name, organisation,
        role, e-mail or expertise."""
        return filter_rows(rows, query)

    # -- sorting ------------------------------------------------------------------------------------
    def action_sort(self) -> None:
        """Sort by the next column, in the order of the columns."""
        self.sort_column = SORT_COLUMNS[(SORT_COLUMNS.index(self.sort_column) + 1) % len(SORT_COLUMNS)]
        self.sort_reverse = False
        self._resort()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._resort()

    def on_row_table_header_selected(self, event: RowTable.HeaderSelected) -> None:
        column = COLUMNS[event.column][0]
        if column in SORT_COLUMNS:
            self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
            self.sort_column = column
            self._resort()

    def _resort(self) -> None:
        self.rows_changed(sort_rows(self.rows, self.sort_column, self.sort_reverse))
        self.show_rows()

    # -- adding, editing, removing --------------------------------------------------------------------
    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self.app.push_screen(MemberForm(None, self.roster.members()), self._save_member)

    def action_edit(self) -> None:
        member = self.selected()
        if member is not None:
            from ln_tui.thread.goals import kickoff_goal  # the learning thread: read when a form opens

            kickoff = kickoff_goal(self.app.store, member.id or 0)
            self.app.push_screen(
                MemberForm(member, self.roster.others(member), kickoff_goal=kickoff), self._save_member
            )

    def action_thread(self) -> None:
        from ln_tui.screens.thread.screen import ThreadScreen

        member = self.selected()
        if member is not None and member.id is not None:
            self.app.push_screen(ThreadScreen(member.id), lambda _result: self.reload_keeping(member.id))

    def _save_member(self, member: Member | None) -> None:
        if member is None:
            return
        if self.roster.save(member):
            self.notify(_("{name} added.").format(name=member.name), markup=False)
        self.reload_keeping(member.id)

    def action_remove(self) -> None:
        member = self.selected()
        if member is None or member.id is None:
            return

        def remove() -> None:
            self.roster.remove(member)
            self.removed.append(member)
            self.notify(_("{name} removed. Press u to undo.").format(name=member.name), markup=False)
            self.reload()

        confirm_then(
            self,
            _("Remove {name} from the roster?").format(name=member.name),
            _("Their attendance and cases stay; u puts them back."),
            remove,
        )

    def action_forget(self) -> None:
        """Forget the member everywhere, after saying what changes (GDPR: the right to be forgotten)."""
        from ln_tui.roster.personal import forget_member, what_forgetting_does

        member = self.selected()
        if member is None or member.id is None:
            return
        if self.store.read_only:
            self.notify(_("This network is open read-only: nothing can be forgotten."), severity="warning")
            return
        today = date.today().isoformat()
        changes, removed = what_forgetting_does(self.store, member, today)
        detail = "\n".join(
            [
                _("Their name and e-mail address are removed from the file, and from every text that names them."),
                *(
                    [_("Kept as 'a former member' (attendance as counts only):") + " " + ", ".join(changes)]
                    if changes
                    else []
                ),
                *([_("Removed, as their own words about themselves:") + " " + ", ".join(removed)] if removed else []),
                _("The kept states beside the file are rewritten too. This cannot be undone."),
            ]
        )

        def forget() -> None:
            forgotten = forget_member(self.store, member, today)
            self.removed = [m for m in self.removed if m.id != member.id]
            if not self.store.save_state.saved:
                return  # the save line says why; nothing is said to be forgotten that is not on disk
            message = _("{name} is forgotten.").format(name=forgotten.name)
            left = forgotten.kept_states.left
            if left:
                message += " " + ngettext(
                    "{count} copy beside the file still holds the name; delete it: {paths}",
                    "{count} copies beside the file still hold the name; delete them: {paths}",
                    len(left),
                ).format(count=len(left), paths=", ".join(str(p) for p in left))
            message += " " + _("Minutes and reports exported before still hold the name.")
            self.notify(message, markup=False, timeout=12)
            self.reload()

        confirm_then(self, _("Forget {name} everywhere?").format(name=visible_controls(member.name)), detail, forget)

    def action_confirm(self) -> None:
        """A member carried over from the earlier network takes part again."""
        member = self.selected()
        if member is None or member.id is None:
            return
        if self.roster.confirm(member.id):
            self.notify(_("{name} takes part again: confirmed.").format(name=member.name), markup=False)
        else:
            self.notify(_("{name} was confirmed already.").format(name=member.name), markup=False)
        self.reload_keeping(member.id)

    def action_commitment(self) -> None:
        """The selected member confirmed the announcement's commitment: on which day (empty: not yet)."""
        member = self.selected()
        if member is None or member.id is None:
            return
        engagement = self.store.profile().engagement
        context = [
            ngettext(
                "What the announcement asks of members (Network, F2): {count} meeting.",
                "What the announcement asks of members (Network, F2): {count} meetings.",
                engagement.planned_meetings,
            ).format(count=engagement.planned_meetings)
            if engagement.planned_meetings
            else _("The announcement names no number of meetings yet (Network, F2).")
        ]
        context.append(_("The date they confirmed it (YYYY-MM-DD); empty: not yet."))
        member_id = member.id

        def answer(typed: str | None) -> None:
            if typed is None:
                return
            saved = Commitments(self.store).confirm(member_id, typed)
            if saved is None:
                return
            if not self.store.save_state.saved:  # the save line says why: nothing "confirmed" that is not on disk
                self.reload_keeping(member_id)
                return
            if saved.commitment_confirmed:
                self.notify(
                    _("{name} confirmed the commitment on {date}.").format(
                        name=saved.name, date=saved.commitment_confirmed
                    ),
                    markup=False,
                )
            else:
                self.notify(_("{name}: commitment not yet confirmed.").format(name=saved.name), markup=False)
            self.reload_keeping(member_id)

        self.app.push_screen(
            TextDialog(
                _("Commitment of {name}").format(name=visible_controls(member.name)),
                " ".join(context),
                member.commitment_confirmed or self.today(),
                placeholder="YYYY-MM-DD",
                check=confirmation_problem,
            ),
            answer,
        )

    def action_undo(self) -> None:
        if not self.removed:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        member = self.removed.pop()
        self.roster.restore(member)
        self.notify(_("{name} is back on the roster.").format(name=member.name), markup=False)
        self.reload_keeping(member.id)

    # -- attendance --------------------------------------------------------------------------------------
    def action_toggle_presence(self) -> None:
        member_id = self.selected_id()
        if member_id is None:
            return
        meeting = self.meeting
        if meeting is None:
            self.notify(_("Plan a meeting first (on the Network screen, F2)."), severity="warning")
            return
        member = self.roster.member(member_id)
        if member is not None and not meeting.is_member(member):
            self.notify(
                _("{name} joined on {date}, after this meeting.").format(name=member.name, date=member.joined),
                severity="warning",
                markup=False,
            )
            return
        self.roster.step_presence(meeting, member_id)
        self.reload_keeping(member_id)

    def action_step_meeting(self, step: int) -> None:
        meetings = self.meetings()
        if not meetings:
            return
        ids = [m.id for m in meetings]
        index = ids.index(self.meeting.id) if self.meeting in meetings else 0
        self.meeting = meetings[(index + step) % len(meetings)]
        self.reload_keeping(self.selected_id())

    # -- CSV -----------------------------------------------------------------------------------------
    def _resolve(self, typed: str) -> Path:
        path = Path(typed.strip()).expanduser()
        return path if path.is_absolute() else self.store.path.parent / path

    def action_import_csv(self) -> None:
        self.app.push_screen(
            TextDialog(
                _("Import members from a CSV file"),
                _(
                    "A name column, and any of email, organisation, role, expertise, joined. "
                    "A path may start in {folder}."
                ).format(folder=self.store.path.parent),
                placeholder="members.csv",
                required=_("Type the path of the CSV file."),
            ),
            self._import,
        )

    def _import(self, typed: str | None) -> None:
        if not typed:
            return
        path = self._resolve(typed)
        try:
            data = path.read_bytes()
        except OSError as error:
            self.notify(
                _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror or error),
                severity="error",
                markup=False,
            )
            return
        try:
            members = self.roster.import_csv(data).members
        except CsvImportError as error:
            self.app.push_screen(
                ProblemsDialog(_("{path} was not imported").format(path=path.name), [str(p) for p in error.problems])
            )
            return
        self.notify(
            ngettext("{count} member imported.", "{count} members imported.", len(members)).format(count=len(members)),
            markup=False,
        )
        self.reload()

    def action_export_csv(self) -> None:
        self.app.push_screen(
            TextDialog(
                _("Export the roster to a CSV file"),
                _("A path may start in {folder}. An existing file is replaced.").format(folder=self.store.path.parent),
                f"{self.store.path.stem}-members.csv",
                required=_("Type the path of the CSV file."),
            ),
            self._export,
        )

    def _export(self, typed: str | None) -> None:
        if not typed:
            return
        path = self._resolve(typed)
        data, count = self.roster.csv_bytes()
        if self._write(path, data):
            self.notify(
                ngettext("{count} member written to {path}.", "{count} members written to {path}.", count).format(
                    count=count, path=path
                ),
                markup=False,
            )

    def _write(self, path: Path, data: bytes) -> bool:
        """Write an export (never over the network, its kept states or a folder); False when refused."""
        return write_beside(self, self.store.path, path, data)

    def action_export_member(self) -> None:
        """Everything the file holds about the selected member, as Markdown (GDPR: the right of access)."""
        from ln_tui.roster.personal import member_data, member_markdown

        member = self.selected()
        if member is None:
            return

        def write(typed: str | None) -> None:
            if not typed:
                return
            path = self._resolve(typed)
            if self._write(path, member_markdown(member_data(self.store, member)).encode("utf-8")):
                self.notify(
                    _("What the file holds about {name} is written to {path}.").format(name=member.name, path=path),
                    markup=False,
                )

        stem = re.sub(r"[^\w]+", "-", member.name.casefold()).strip("-") or "member"
        self.app.push_screen(
            TextDialog(
                _("Write what the file holds about {name}").format(name=visible_controls(member.name)),
                _(
                    "Their record, their attendance and every record that names them, as Markdown, to give "
                    "them on request. A path may start in {folder}. An existing file is replaced."
                ).format(folder=self.store.path.parent),
                f"{stem}.md",
                required=_("Type the path of the file."),
            ),
            write,
        )
