"""The room panel: the join QR code and URL, the phones connected, what is open, the moderation queue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ln_tui.evaluation.model import Evaluation
from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.room.links import qr_text
from ln_tui.room.model import RoomPart, Submission
from ln_tui.room.room import Refused, RoomEvent
from ln_tui.screens.base import LnScreen
from ln_tui.screens.room import ROOM_PANEL
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.qr import QrCode
from ln_tui.thread.model import CheckIn

if TYPE_CHECKING:
    from ln_tui.app import LnApp

QUEUE_CHARS = 200  # of a submission's text in the queue


def submission_line(submission: Submission, names: dict[int | None, str]) -> Content:
    """One queued submission: its kind, who signed it (or anonymous), its text, all literal."""
    who = names.get(submission.member_id, "") if submission.member_id is not None else _("anonymous")
    parts = (submission.why, submission.learn, submission.offer, *submission.answers.values())
    text = submission.text or " / ".join(p for p in parts if p) or _("ratings only")
    text = visible_controls(text.replace("\n", " "))
    if len(text) > QUEUE_CHARS:
        text = text[: QUEUE_CHARS - 1] + "…"
    return Content.from_markup("[b]$kind[/b] · $who\n$text", kind=_(submission.kind.label), who=who, text=text)


class RoomScreen(LnScreen):
    """Opened with ctrl+r (or the palette); the room keeps running when the panel is left."""

    CSS_PATH = Path(__file__).parent / "room.tcss"
    BINDINGS = [
        Binding("a,enter", "accept", N_("Accept"), id="room.accept"),
        Binding("h,delete", "hide", N_("Hide"), id="room.hide"),
        Binding("k", "part('kickoff')", N_("Kickoff board open / closed"), id="room.kickoff", show=False),
        Binding("d", "part('discussion')", N_("Discussion open / closed"), id="room.discussion", show=False),
        Binding("e", "part('evaluation')", N_("Evaluation open / closed"), id="room.evaluation", show=False),
        Binding("p", "part('pulse')", N_("Safety pulse open / closed"), id="room.pulse", show=False),
        Binding("i", "part('checkin')", N_("Check-in open / closed"), id="room.checkin", show=False),
        Binding("t", "accept_directly", N_("Accept directly on / off"), id="room.accept-directly", show=False),
        Binding("o", "open_room", N_("Open the room"), id="room.open"),
        Binding("c", "close_room", N_("Close the room"), id="room.close"),
        Binding("escape,ctrl+r", "back", N_("Back"), id="room.back"),
        # The app's F9 rebuilds a home; the panel is rebuilt here, in the language now chosen.
        Binding("f9", "toggle_language", N_("Nederlands / English"), id="room.language", show=False),
    ]

    app: LnApp

    def __init__(self) -> None:
        super().__init__(id=ROOM_PANEL)
        self._unsubscribe = lambda: None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="room-body"):
            yield QrCode(id="room-qr")
            with Vertical(id="room-side"):
                yield Static(id="room-state")
                yield Static(id="room-url")
                yield Static(id="room-phones")
                yield Static(id="room-parts")
                yield Static(id="room-queue-title")
                yield OptionList(id="room-queue")
        yield KeyBar()

    def on_mount(self) -> None:
        self._unsubscribe = self.app.room_control().subscribe(self._room_event)
        self.show_room()
        self.query_one("#room-queue").focus()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _room_event(self, event: RoomEvent) -> None:
        if event.kind == "queue":
            self.show_queue()
        elif event.kind in ("open", "stopped"):
            self.show_state()
        elif event.kind == "devices":
            self.show_phones()

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another seat (the room's process, a second console) saved: the queue and the parts as the file holds them."""
        self.show_room()

    # -- showing -----------------------------------------------------------------------------
    def show_room(self) -> None:
        self.show_state()
        self.show_queue()

    def show_state(self) -> None:
        control = self.app.room_control()
        room = control.room
        elsewhere = control.elsewhere
        self.query_one("#room-qr", QrCode).show(control.qr_text or (qr_text(elsewhere) if elsewhere else ""))
        self.query_one("#room-qr").display = control.is_open or bool(elsewhere)
        if control.is_open:
            state = _("The room is open: phones on this network join with the code or the link.")
        elif elsewhere:
            state = _("The room is open on another seat: you can moderate its queue here.")
        else:
            state = _("The room is closed: no phone can reach it. o opens it.")
        self.query_one("#room-state", Static).update(Content(state))
        self.query_one("#room-url", Static).update(Content(control.url or elsewhere))
        self.show_phones()
        opened = room.parts()
        lines = [
            ("[x] " if part in opened else "[ ] ") + f"{_(part.label)} ({key})"
            for part, key in (
                (RoomPart.KICKOFF, "k"),
                (RoomPart.DISCUSSION, "d"),
                (RoomPart.EVALUATION, "e"),
                (RoomPart.PULSE, "p"),
                (RoomPart.CHECKIN, "i"),
            )
        ]
        directly = _("on") if room.accept_directly else _("off")
        lines.append(_("Accept directly (t): {state}").format(state=directly))
        self.query_one("#room-parts", Static).update(Content("\n".join(lines)))
        self.refresh_bindings()

    def show_phones(self) -> None:
        """How many phones are in, and what they sent counted by phone cookie: stuffing shows."""
        control = self.app.room_control()
        phones = self.query_one("#room-phones", Static)
        if not control.is_open:
            phones.update(Content(""))
            return
        sent = control.status  # from the room's process: nothing of it is in the file
        present = len(control.room.present())  # from the file
        lines = [
            _("Phones connected: {count}").format(count=sent.phones),
            _("Items sent: {items}, most from one phone: {most}").format(items=sent.items, most=sent.most),
            _("Evaluation forms: {forms} · present: {present}").format(forms=sent.evaluations, present=present),
        ]
        phones.update(Content("\n".join(lines)))
        phones.set_class(sent.evaluations > present, "-more-forms-than-present")

    def show_queue(self) -> None:
        queue = self.app.room_control().room.queue()
        names: dict[int | None, str] = {m.id: m.name for m in self.app.store.members.all()}
        self.query_one("#room-queue-title", Static).update(
            Content(_("Waiting for you: {count} (a = accept, h = hide)").format(count=len(queue)))
        )
        options = self.query_one("#room-queue", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(submission_line(s, names), id=str(s.id)) for s in queue])
        if queue:
            options.highlighted = min(highlighted or 0, len(queue) - 1)

    # -- acting ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        control = self.app.room_control()
        is_open = control.is_open
        if action == "open_room":  # not a second room while another seat runs one on this file
            return not is_open and not control.elsewhere
        if action == "close_room":
            return is_open
        return True

    def selected(self) -> int | None:
        options = self.query_one("#room-queue", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return int(option_id) if option_id else None

    def action_accept(self) -> None:
        submission_id = self.selected()
        if submission_id is None:
            return
        try:
            accepted = self.app.room_control().room.accept(submission_id)
        except Refused as refused:  # a form in that name is in already: the queued one stays
            self.notify(_(refused.message), severity="warning")
            return
        if isinstance(accepted, Evaluation):
            self.notify(_("Accepted: the form is kept in the member's name."))
        elif isinstance(accepted, CheckIn):
            self.notify(_("Accepted: the answer is in the member's check-in."))
        else:
            self.notify(_("Accepted: it is on the board."))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()

    def action_hide(self) -> None:
        submission_id = self.selected()
        if submission_id is not None:
            self.app.room_control().room.hide(submission_id)

    def action_part(self, part: str) -> None:
        self.app.room_control().room.toggle_part(RoomPart(part))

    def action_accept_directly(self) -> None:
        self.app.room_control().room.toggle_accept_directly()
        self.show_state()

    async def action_open_room(self) -> None:
        await self.app.open_room(tell=False)
        self.show_state()

    async def action_close_room(self) -> None:
        await self.app.close_room(tell=False)
        self.show_state()

    async def action_toggle_language(self) -> None:
        await self.app.action_toggle_language()
        await self.recompose()
        self.show_room()
        self.query_one("#room-queue").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
