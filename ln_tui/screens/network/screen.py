"""The network home: the profile (saved as you type), the planned meetings, the announcement."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, NetworkProfile, meeting_label, next_meeting_date
from ln_tui.roster import Roster
from ln_tui.screens.base import HomeScreen
from ln_tui.screens.widgets.table import RowTable
from ln_tui.screens.widgets.text_field import TextField

if TYPE_CHECKING:
    from ln_tui.screens.network.forms import MeetingForm

# (field id, label, multi-line Markdown?) in the order of the form. Engagement fields start with
# "engagement-"; the rest are fields of the profile itself.
PROFILE_FIELDS = (
    ("name", N_("Name of the network"), False),
    ("topic", N_("Topic"), False),
    ("added_value", N_("Added value: why take part (Markdown)"), True),
    ("goals", N_("What the network is and aims at (Markdown)"), True),
    ("practical_info", N_("Practical information (Markdown)"), True),
    ("engagement-planned_meetings", N_("Engagement: number of meetings"), False),
    ("engagement-cadence", N_("Engagement: how often (e.g. every six weeks)"), False),
    ("engagement-communication", N_("Engagement: communication between meetings (Markdown)"), True),
    ("engagement-passing_on", N_("Engagement: passing on what you learn (Markdown)"), True),
)


def read_field(profile: NetworkProfile, key: str) -> str:
    owner, name = (
        (profile.engagement, key.removeprefix("engagement-")) if key.startswith("engagement-") else (profile, key)
    )
    value = getattr(owner, name)
    return (str(value) if value else "") if isinstance(value, int) else value


def write_field(profile: NetworkProfile, key: str, text: str) -> None:
    owner, name = (
        (profile.engagement, key.removeprefix("engagement-")) if key.startswith("engagement-") else (profile, key)
    )
    setattr(owner, name, int(text or 0) if isinstance(getattr(owner, name), int) else text)


def field_id(key: str) -> str:
    return "profile-" + key.replace("_", "-")


MEETING_COLUMNS = (
    ("date", N_("Date")),
    ("time", N_("Time")),
    ("kind", N_("Kind")),
    ("title", N_("Title")),
    ("place", N_("Place")),
    ("present", N_("Present")),
)


# The widest a title or a place is shown (the table scrolls sideways for the rest, as the roster does).
WIDEST_CELL = 30


class MeetingTable(RowTable):
    """The planned meetings, one per row (the roster's light table: Textual's DataTable measured and
    painted every cell at start-up, in the network home's first paint)."""

    BINDINGS: ClassVar = [
        Binding("a", "screen.add_meeting", N_("Plan a meeting"), id="network.meeting-add"),
        Binding("e", "screen.edit_meeting", N_("Edit"), id="network.meeting-edit"),
        Binding("r", "screen.reschedule", N_("Reschedule"), id="network.meeting-reschedule"),
        Binding("delete,d", "screen.remove_meeting", N_("Remove"), id="network.meeting-remove"),
        Binding("c", "screen.make_current", N_("Make current"), id="network.meeting-current"),
        Binding("o", "screen.meeting_roles", N_("Roles"), id="network.meeting-roles", show=False),
    ]


# Textual's Input adds the class "-valid" when a value is first validated (filled in by reload),
# restyling the input and its parts then. No rule styles "-valid" (only "-invalid" has a look), so
# the fields carry it from the start: showing the stored profile restyles nothing (four restyles
# fewer at every start). Validation still sets "-valid" / "-invalid" as it runs.
VALID = "-valid"


class ProfileForm(VerticalScroll):
    """The profile's fields, one under the other; it has the focus when the home opens.

    Textual restyles a widget and everything in it when it gains or loses the focus, in case a
    rule styles what is inside a focused widget (`X:focus Y`). No rule does here (keep it so:
    network.tcss): only the form's own look changes, so only the form is restyled. With the five
    text areas and four inputs in it, that restyle was a visible part of the start and of each
    Tab out of it (benchmarks/bench_foundation.py).
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)


class NetworkScreen(HomeScreen):
    MODE = "network"
    MAIN = "#profile-form"
    CSS_PATH = Path(__file__).parent / "network.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+o", "announcement", N_("Announcement"), id="network.announcement"),
        Binding("ctrl+t", "focus_meetings", N_("To the meetings"), id="network.meetings"),
        Binding("ctrl+l", "checkin_questions", N_("Check-in questions"), id="network.checkin-questions", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._meeting_ids: list[int | None] = []  # the id of the meeting on each row of the table

    def compose_body(self) -> ComposeResult:
        read_only = self.app.store.read_only  # the profile's values are filled in by reload()
        with Horizontal(id="network-body"):
            with ProfileForm(id="profile-form"):
                yield Label(Content(_("Profile")), classes="section-title")
                for key, label, multiline in PROFILE_FIELDS:
                    yield Label(Content(_(label)), classes="form-label")
                    if multiline:
                        yield TextField(id=field_id(key), read_only=read_only)
                    elif key == "engagement-planned_meetings":
                        yield Input(id=field_id(key), type="integer", disabled=read_only, classes=VALID)
                    else:
                        yield Input(id=field_id(key), disabled=read_only, classes=VALID)
            with Vertical(id="meetings-pane"):
                yield Label(Content(_("Planned meetings")), classes="section-title")
                yield MeetingTable(id="meeting-table")
                yield Static(id="meetings-empty")
                yield Static(
                    Content(_("ctrl+o shows the announcement; ctrl+t goes to the meetings.")), id="network-hint"
                )

    def reload(self) -> None:
        self.show_profile()
        self.show_meetings(self.selected_meeting_id())

    def show_profile(self) -> None:
        """The profile's fields as stored (named in the welcome dialog, say), unless being typed in."""
        profile = self.app.store.profile()
        stored = {field_id(key): read_field(profile, key) for key, *_rest in PROFILE_FIELDS}
        # query(), not query_one(): the screen's query_one cache would keep the fields of an
        # earlier build (another language) in memory.
        for area in self.query(TextField):
            text = stored.get(area.id or "")
            if text is not None:
                area.show(text)
        for field in self.query(Input):
            text = stored.get(field.id or "")
            if text is not None and field.value != text and not field.has_focus:
                field.value = text

    def focus_unnamed(self) -> None:
        """The name is still to be typed: in its field of the profile."""
        self.query_one(f"#{field_id('name')}").focus()

    # -- the profile: every change is saved as it is typed ------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self._save_field(event.input.id or "", event.value)

    def on_text_field_changed(self, event: TextField.Changed) -> None:
        self._save_field(event.field.id or "", event.field.text)

    def _save_field(self, widget_id: str, text: str) -> None:
        key = next((k for k, *_rest in PROFILE_FIELDS if field_id(k) == widget_id), None)
        store = self.app.store
        if key is None or store.read_only:
            return
        profile = store.profile()
        if read_field(profile, key) == text:
            return
        write_field(profile, key, text)
        store.save_profile(profile)
        if key == "name":
            self.app.refresh_header()

    # -- the meetings --------------------------------------------------------------------------------
    @property
    def roster(self) -> Roster:
        return Roster(self.app.store)

    def meetings(self) -> list[Meeting]:
        return self.roster.meetings()

    def show_meetings(self, keep: int | None = None) -> None:
        """The meetings in date order, the cursor on `keep` (a meeting's id) or where it was."""
        table = self.query_one(MeetingTable)
        meetings = self.meetings()
        current = self.app.current_meeting
        members = self.roster.members()
        rows = [
            [
                Text("▶" if current and meeting.id == current.id else "", style="bold"),
                Text(meeting.date),
                Text(meeting.time),
                Text(_(meeting.kind.label)),
                Text(visible_controls(meeting.title), no_wrap=True),
                Text(visible_controls(meeting.place), no_wrap=True),
                Text(f"{len(meeting.present(members))}/{sum(meeting.is_member(m) for m in members)}"),
            ]
            for meeting in meetings
        ]
        headers = [Text(" "), *(Text(_(header)) for _key, header in MEETING_COLUMNS)]
        widths = [
            min(WIDEST_CELL, max([header.cell_len, *(row[column].cell_len for row in rows)]))
            for column, header in enumerate(headers)
        ]
        widths[0] = 1
        table.set_columns(headers, widths)
        ids = [meeting.id for meeting in meetings]
        cursor = ids.index(keep) if keep in ids else min(table.cursor_row, max(0, len(ids) - 1))
        self._meeting_ids = ids
        table.set_rows(rows, cursor=cursor)
        empty = self.query_one("#meetings-empty", Static)
        empty.display = not meetings
        empty.update(Content(_("No meetings planned yet. Press ctrl+t, then a, to plan one.")))

    def selected_meeting(self) -> Meeting | None:
        meeting_id = self.selected_meeting_id()
        return self.roster.meeting(meeting_id)

    def selected_meeting_id(self) -> int | None:
        ids = self._meeting_ids
        row = self.query_one(MeetingTable).cursor_row
        return ids[row] if 0 <= row < len(ids) else None

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        self.action_edit_meeting()

    def action_focus_meetings(self) -> None:
        self.query_one(MeetingTable).focus()

    @staticmethod
    def meeting_form() -> type[MeetingForm]:
        """The meeting form, imported when first asked for (it brings Textual's Select): start-up stays fast."""
        from ln_tui.screens.network.forms import MeetingForm

        return MeetingForm

    def action_add_meeting(self) -> None:
        """Plan a meeting: its date at the network's rhythm, its time and place those of the last one."""
        meetings = self.meetings()
        last = (meetings or [Meeting("")])[-1]
        planned = Meeting(next_meeting_date(meetings), time=last.time, place=last.place)
        self.app.push_screen(self.meeting_form()(planned, new=True), self._save_meeting)

    def action_edit_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            self.app.push_screen(self.meeting_form()(meeting), self._save_meeting)

    def action_reschedule(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            title = _("Reschedule {meeting}").format(meeting=meeting_label(meeting))
            self.app.push_screen(self.meeting_form()(meeting, title=title), self._save_meeting)

    def _save_meeting(self, meeting: Meeting | None) -> None:
        if meeting is None:
            return
        if self.roster.save_meeting(meeting):
            self.notify(_("Meeting planned on {date}.").format(date=meeting.date), markup=False)
        self.app.refresh_header()
        self.show_meetings(meeting.id)

    def action_remove_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return

        def remove() -> None:
            self.roster.remove_meeting(meeting)
            self.app.refresh_header()
            self.show_meetings()

        from ln_tui.screens.dialogs import confirm_then  # imported when first asked for

        confirm_then(
            self,
            _("Remove the meeting {meeting}?").format(meeting=meeting_label(meeting)),
            _("Its attendance goes with it. This cannot be undone."),
            remove,
        )

    def action_meeting_roles(self) -> None:
        """Chair, timekeeper, minute-taker and the planned case-bringers (as on the Minutes home, F7)."""
        from ln_tui.minutes.notes import Minutes
        from ln_tui.screens.minutes.dialogs import RolesForm

        meeting = self.selected_meeting()
        if meeting is None or self.app.store.read_only:
            return
        minutes = Minutes(self.app.store)

        def save(result: tuple[dict[str, int | None], list[int]] | None) -> None:
            if result is not None:
                minutes.set_roles(meeting, *result)
                self.app.refresh_header()
                self.notify(_("Roles saved."))

        self.app.push_screen(RolesForm(meeting, minutes.members()), save)

    def action_make_current(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            self.app.store.set_current_meeting(meeting.id)
            self.app.refresh_header()
            self.show_meetings(meeting.id)
            self.notify(_("Current meeting: {meeting}").format(meeting=meeting_label(meeting)), markup=False)

    # -- the announcement -------------------------------------------------------------------------------
    def action_checkin_questions(self) -> None:
        """The network's own check-in questions (screens/thread/questions.py)."""
        from ln_tui.screens.thread.questions import QuestionsDialog
        from ln_tui.thread.checkin import CheckInRound

        self.app.push_screen(QuestionsDialog(CheckInRound(self.app.store)))

    def action_announcement(self) -> None:
        # Imported when first asked for: it brings the Markdown parser and the report's HTML.
        from ln_tui.screens.network.announcement import AnnouncementScreen

        self.app.push_screen(AnnouncementScreen())
