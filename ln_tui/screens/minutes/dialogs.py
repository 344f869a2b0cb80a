"""The Minutes home's modals: the roles of a meeting, the minutes' preview, the export choice."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Markdown

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import safe_markdown_it
from ln_tui.minutes.notes import ROLE_FIELDS, resolve_member
from ln_tui.model import Meeting, Member, meeting_label
from ln_tui.screens.base import LnModal
from ln_tui.screens.forms import FormDialog


class RolesForm(FormDialog):
    """Chair, timekeeper, minute-taker and the planned case-bringers of one meeting, each chosen
    by typing a few letters of a name (empty: nobody). Dismisses with (roles, case-bringer ids)."""

    def __init__(self, meeting: Meeting, members: list[Member]) -> None:
        super().__init__(_("Roles of {meeting}").format(meeting=meeting_label(meeting)), "chair_id")
        self.meeting, self.members = meeting, members
        self.names = {m.id: m.name for m in members}

    def compose_fields(self) -> ComposeResult:
        for field_name, label in ROLE_FIELDS:
            member_id = getattr(self.meeting, field_name)
            yield from self.field(
                field_name,
                _("{role} (a few letters of a name; empty = nobody)").format(role=_(label)),
                Input(self.names.get(member_id, "")),
            )
        bringers = ", ".join(self.names[i] for i in self.meeting.case_bringer_ids if i in self.names)
        yield from self.field(
            "bringers",
            _("Planned to bring a case at this meeting (names, separated by commas)"),
            Input(bringers),
        )

    def submit(self) -> None:
        problems: dict[str, str] = {}
        roles: dict[str, int | None] = {}
        for field_name, _label in ROLE_FIELDS:
            found = resolve_member(self.value(field_name), self.members)
            if isinstance(found, str):
                problems[field_name] = found
            else:
                roles[field_name] = found.id if found else None
        bringers: list[int] = []
        for typed in self.value("bringers").split(","):
            found = resolve_member(typed, self.members)
            if isinstance(found, str):
                problems["bringers"] = found
            elif found is not None and found.id is not None and found.id not in bringers:
                bringers.append(found.id)
        self.show_problems(problems)
        if not problems:
            self.dismiss((roles, bringers))


class MinutesPreview(LnModal):
    """The minutes of a meeting as they are exported, rendered (links are not opened)."""

    CSS_PATH = Path(__file__).parent / "minutes.tcss"
    BINDINGS: ClassVar = [
        Binding("escape,q,p", "close", N_("Close"), id="minutes.preview-close"),
        Binding("x", "export", N_("Export the minutes"), id="minutes.preview-export"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog")
        self.markdown = markdown

    def title_text(self) -> str:
        return _("Preview of the minutes")

    def detail_text(self) -> str:
        return ""

    def keys_text(self) -> str:
        return _("Arrows = scroll, x = export, Escape = close")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box preview-box"):
            yield Label(Content(self.title_text()), classes="dialog-title")
            if detail := self.detail_text():
                yield Label(Content(detail), classes="dialog-detail")
            with VerticalScroll(id="preview-scroll"):
                yield Markdown(self.markdown, parser_factory=safe_markdown_it, open_links=False, id="preview")
            yield Label(Content(self.keys_text()), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        self.dismiss("export")


class SharePreview(MinutesPreview):
    """Before minutes leave the group: exactly what the file to share will hold, and the question.
    Dismisses with "md", "html", "eml" (write it) or None."""

    BINDINGS: ClassVar = [
        Binding("m", "write('md')", N_("Write as Markdown"), id="minutes.share-md"),
        Binding("h", "write('html')", N_("Write as HTML"), id="minutes.share-html"),
        Binding("e", "write('eml')", N_("Write as an e-mail draft"), id="minutes.share-eml"),
        Binding("escape,q", "close", N_("Cancel"), id="minutes.share-cancel"),
    ]

    def title_text(self) -> str:
        return _("This will leave the group")

    def detail_text(self) -> str:
        return _(
            "Only what was marked shareable, cases by title and alias, attendance as counts. "
            "Read it: can anyone recognise a client or a member's doubts?"
        )

    def keys_text(self) -> str:
        return _(
            "Arrows = scroll; write it: m = Markdown, h = HTML, e = e-mail draft (not sent); Escape = keep it in the group"
        )

    def action_write(self, fmt: str) -> None:
        self.dismiss(fmt)


class ExportChoice(LnModal):
    """For the group (Markdown or HTML), or to share? Dismisses with "md", "html", "share" or None."""

    CSS_PATH = Path(__file__).parent / "minutes.tcss"

    BINDINGS: ClassVar = [
        Binding("m", "choose('md')", N_("Markdown"), id="minutes.export-md"),
        Binding("h", "choose('html')", N_("HTML"), id="minutes.export-html"),
        Binding("s", "choose('share')", N_("To share"), id="minutes.export-share"),
        Binding("escape", "choose('')", N_("Cancel"), id="minutes.export-cancel"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__(classes="dialog")
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(_("Export the minutes")), classes="dialog-title")
            yield Label(
                Content(_("Written beside the network file, in {folder}.").format(folder=self.folder)),
                classes="dialog-detail",
            )
            yield Label(
                Content(_("For the group (everything): m = Markdown, h = HTML")),
                classes="dialog-detail",
            )
            yield Label(
                Content(
                    _(
                        "To share outside the group: s (shows first what will leave the group; "
                        "then Markdown, HTML or an e-mail draft to the members)"
                    )
                ),
                classes="dialog-detail",
            )
            yield Label(Content(_("m, h or s; Escape = cancel")), classes="dialog-keys")

    def action_choose(self, fmt: str) -> None:
        self.dismiss(fmt or None)
