"""`ln-tui present`: the room's screen. Read-only; follows the console through the file.

Every `POLL_SECONDS` the screen asks the `FileFollower` whether the file changed (one
`stat()` when it did not); on a change it works out `what_the_room_sees` and shows it.
Between changes only the turn's clock moves, computed from the persisted deadline and
the wall clock, so the console and the room agree.

The layout keeps a slot beside the view, `#room-extra`, for panels that belong to the
room rather than to one view (the room's QR code of issue 16): mount into it and give it
`display: block`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import Markdown, Static

from ln_tui.discussion.countdown import format_time
from ln_tui.discussion.cue import current_cue
from ln_tui.i18n import _, ngettext
from ln_tui.markdown_safe import safe_markdown_it
from ln_tui.present.follow import FileFollower, Snapshot
from ln_tui.present.view import (
    AgendaRoom,
    BoardRoom,
    Card,
    CheckInRoom,
    DiscussionRoom,
    EvaluationRoom,
    Heading,
    IdleRoom,
    RoomView,
    SpotlightRoom,
    WallRoom,
    turn_countdown,
    turn_remaining,
    what_the_room_sees,
)
from ln_tui.screens.widgets.big_clock import BigClock, ClockFace
from ln_tui.screens.widgets.big_text import big_lines
from ln_tui.screens.widgets.markdown import markdown_content
from ln_tui.screens.widgets.qr import JoinCode
from ln_tui.store import NetworkStore

POLL_SECONDS = 0.15  # a console's change is on the room's screen within ~0.2 s; one stat() per poll
TICK_SECONDS = 0.1  # the turn's clock: tenths, so that it agrees with the console's within 100 ms

CUE_FRAME = 6  # the cue's border and padding, in cells across
BODIES = ("#room-message", "#room-clock", "#room-board", "#room-spotlight", "#room-summary", "#room-wall")


def card_line(card: Card) -> Content:
    line = Content.assemble("• ", markdown_content(card.text))
    if card.who:
        line = Content.assemble(line, ("  — " + card.who, "italic"))
    return line


def fit_cards(cards: tuple[Card, ...], width: int, height: int) -> Content:
    """As many cards as fit in `width` x `height` cells, oldest first, and how many more there are."""
    lines: list[Content] = []
    for shown, card in enumerate(cards):
        wrapped = card_line(card).wrap(max(1, width))
        rest = len(cards) - shown
        room_left = height - len(lines) - (1 if rest > 1 else 0)
        if len(wrapped) > room_left and width > 0 and height > 0:
            lines.append(Content.styled(_("… and {n} more").format(n=rest), "italic"))
            break
        lines += wrapped
    return Content("\n").join(lines)


class PresentScreen(Screen[None]):
    CSS_PATH = Path(__file__).parent / "present.tcss"

    def __init__(self, path: Path, wall: Callable[[], float] = time.time) -> None:
        super().__init__(id="present-screen")
        self.follower = FileFollower(path)
        self.join_url = ""  # the room's join URL shown beside every view ("": none)
        self.wall = wall
        self.snapshot: Snapshot | None = None
        self.view: RoomView | None = None
        self.minute = ""
        self.agenda_second = 0  # the wall-clock second the meeting clock was last shown for
        self.paints = 0  # views painted (the benchmark reads these two)
        self.painted_at = 0.0
        self.timers: list[Timer] = []
        self.cue_words = ""  # the cue to the speaker shown now ("": none)

    def compose(self) -> ComposeResult:
        yield Static(id="room-heading")
        yield Static(id="room-cue")  # a cue to the speaker (ctrl+g on any seat), over every view
        with Horizontal(id="room-main"):
            with Container(id="room-body"):
                yield Static(id="room-message")
                yield BigClock(id="room-clock")
                with Horizontal(id="room-board"):
                    for index in range(4):
                        with Vertical(classes="room-column"):
                            yield Static(classes="room-column-title", id=f"room-column-title-{index}")
                            yield Static(classes="room-column-cards", id=f"room-column-cards-{index}")
                with VerticalScroll(id="room-spotlight"):
                    yield Static(id="room-spotlight-column")
                    yield Static(id="room-spotlight-text")
                    yield Static(id="room-spotlight-who")
                with Vertical(id="room-wall"):
                    yield Static(id="room-wall-title")
                    yield Static(id="room-wall-cards")
                with VerticalScroll(id="room-summary"):
                    yield Markdown("", id="room-summary-text", parser_factory=safe_markdown_it, open_links=False)
            yield Vertical(id="room-extra")  # a slot for room-wide panels (the QR code of issue 16)

    def on_mount(self) -> None:
        self.poll()
        self.timers = [self.set_interval(POLL_SECONDS, self.poll), self.set_interval(TICK_SECONDS, self.tick)]

    def add_panel(self, panel: Widget) -> AwaitMount:
        """Put a room-wide panel (the room's QR code, issue 16) beside every view."""
        extra = self.query_one("#room-extra")
        extra.display = True
        return extra.mount(panel)

    # -- following the file -------------------------------------------------------------------------
    def poll(self) -> None:
        snapshot = self.follower.poll()
        if snapshot is not None:
            self.snapshot = snapshot
            self.refresh_view()
        elif self.snapshot is not None and self.snapshot.store is not None and self.join_url_changed():
            self.show_join_code()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.wall())

    def refresh_view(self) -> None:
        """Work out what the room sees from the last snapshot, and show it."""
        snapshot = self.snapshot
        if snapshot is None or snapshot.store is None:
            self.view = None
            self.show_cue(None)
            self.show_message(snapshot.problem if snapshot else "", Heading("", "", self.now().strftime("%H:%M")))
        else:
            self.show_cue(snapshot.store)
            try:
                self.view = what_the_room_sees(snapshot.store, self.now())
            except Exception as error:  # a projector shows a sentence, never a traceback
                self.view = None
                self.show_message(
                    _("ln-tui present cannot show this file ({reason}); waiting for the next save…").format(
                        reason=type(error).__name__
                    ),
                    Heading("", "", self.now().strftime("%H:%M")),
                )
            else:
                self.show(self.view)
            self.show_join_code()
        self.minute = self.now().strftime("%H:%M")
        self.call_after_refresh(self.painted)

    def show_cue(self, store: NetworkStore | None) -> None:
        """The cue to the speaker above whatever the room is shown, until it is cleared: in block
        letters five rows tall where it fits the width, else in bold."""
        cue = current_cue(store) if store is not None else None
        self.cue_words = cue.shown() if cue is not None else ""
        self.fit_cue()

    def fit_cue(self) -> None:
        box = self.query_one("#room-cue", Static)
        words = self.cue_words
        lines = big_lines(words, self.size.width - CUE_FRAME) if words else None
        text = Content("\n").join(Content(line) for line in lines) if lines else Content(words)
        if box.display != bool(words) or box.visual != text:
            box.update(text)
            box.display = bool(words)
            box.set_class(lines is not None, "-big")

    def show_join_code(self) -> None:
        """While the console has the room open, its join code beside every view (issue 16): the
        console keeps its URL in a private file beside the network, never in it."""
        from ln_tui.room.links import read_join_url

        url = self.join_url = read_join_url(self.follower.path)
        found = self.query(JoinCode)
        if found:
            found.first().show(url)
        elif url:
            self.add_panel(JoinCode(url, id="room-join-code"))
        self.query_one("#room-extra").display = bool(url)

    def join_url_changed(self) -> bool:
        from ln_tui.room.links import read_join_url

        return read_join_url(self.follower.path) != self.join_url

    def painted(self) -> None:
        self.paints += 1
        self.painted_at = time.time()

    def tick(self) -> None:
        """Move the turn's clock; once a minute, the time of day."""
        minute = self.now().strftime("%H:%M")
        if minute != self.minute:
            self.refresh_view()
        elif isinstance(self.view, DiscussionRoom):
            self.show_turn_clock(self.view)
        elif isinstance(self.view, AgendaRoom) and self.view.running and int(self.wall()) != self.agenda_second:
            # The item's time left and the meeting's lateness move once a second: worked out again
            # then, not on every tick.
            self.agenda_second = int(self.wall())
            self.refresh_view()

    # -- showing ------------------------------------------------------------------------------------
    def only(self, body: str) -> None:
        for name in BODIES:
            self.query_one(name).display = name == body

    def show_heading(self, heading: Heading | None) -> None:
        """The line on top: network, meeting, time of day (None: no line, the view says it all)."""
        line = self.query_one("#room-heading", Static)
        line.display = heading is not None
        if heading is not None:
            parts = [p for p in (heading.network, heading.meeting, heading.time) if p]
            line.update(Content("  ·  ".join(parts)))

    def show_message(self, message: str, heading: Heading, *, title: str = "") -> None:
        self.show_heading(heading)
        lines = [Content.styled(title, "bold"), Content("")] if title else []
        self.query_one("#room-message", Static).update(Content("\n").join([*lines, Content(message)]))
        self.only("#room-message")

    def show(self, view: RoomView) -> None:
        if isinstance(view, IdleRoom):
            self.show_idle(view)
        elif isinstance(view, DiscussionRoom):
            self.show_discussion(view)
        elif isinstance(view, BoardRoom):
            self.show_board(view)
        elif isinstance(view, SpotlightRoom):
            self.show_spotlight(view)
        elif isinstance(view, EvaluationRoom):
            self.show_summary(view)
        elif isinstance(view, AgendaRoom):
            self.show_agenda(view)
        elif isinstance(view, CheckInRoom):
            lines = "\n\n".join(line for line in (view.question, view.answered) if line)
            self.show_message(lines, view.heading, title=_("Check-in"))
        elif isinstance(view, WallRoom):
            self.show_wall(view)

    def show_wall(self, view: WallRoom) -> None:
        """What was written in silence, all of it at once; a name only where the writer signed."""
        self.show_heading(view.heading)
        self.only("#room-wall")
        count = ngettext("{count} written", "{count} written", len(view.cards)).format(count=len(view.cards))
        self.query_one("#room-wall-title", Static).update(Content.assemble((view.title, "bold"), "  ·  " + count))
        box = self.query_one("#room-wall-cards", Static)
        size = box.content_region.size
        if not size.height:  # not laid out yet: shown in full now, fitted once it is
            self.call_after_refresh(self.fit_wall)
        lines = [card_line(card) for card in view.cards]
        box.update(fit_cards(view.cards, size.width, size.height) if size.height else Content("\n").join(lines))

    def fit_wall(self) -> None:
        if isinstance(self.view, WallRoom) and self.query_one("#room-wall-cards").content_region.height:
            self.show_wall(self.view)

    def show_idle(self, view: IdleRoom) -> None:
        heading = view.heading
        self.show_heading(None)
        self.query_one(BigClock).show(
            ClockFace(
                heading.time,
                "plain",
                above=(Content.styled(heading.network, "bold"),),
                below=(Content(heading.meeting),) if heading.meeting else (),
            )
        )
        self.only("#room-clock")

    def show_discussion(self, view: DiscussionRoom) -> None:
        if view.clock is None:
            message = _("The discussion is over.") if view.finished else _("The discussion starts soon.")
            self.show_message(message, view.heading, title=view.case)
            return
        self.show_heading(view.heading)
        self.show_turn_clock(view)
        self.only("#room-clock")

    def show_turn_clock(self, view: DiscussionRoom) -> None:
        if view.clock is None:
            return
        wall_now = self.wall()
        remaining = turn_remaining(view.clock, wall_now)
        phase = turn_countdown(view.clock, wall_now).phase(view.thresholds, wall_now).value
        self.query_one(BigClock).show(
            ClockFace(
                format_time(remaining),
                phase,
                paused=not view.clock.running,
                pulse=ClockFace.pulse_at(remaining),
                above=tuple(Content(line) for line in (view.round_line, view.instruction) if line),
                below=(
                    Content.styled(view.speaker, "bold"),
                    Content(view.upcoming),
                    Content(view.bringer),
                    *((Content.styled(view.written, "bold"),) if view.written else ()),
                ),
            )
        )

    def show_agenda(self, view: AgendaRoom) -> None:
        if view.message:
            lines = "\n".join(line for line in (view.message, view.meeting_line, view.next_line) if line)
            self.show_message(lines, view.heading)
            return
        self.show_heading(view.heading)
        remaining = view.remaining
        phase = "overtime" if remaining < 0 else "red" if remaining < 60 else "amber" if remaining < 300 else "green"
        self.query_one(BigClock).show(
            ClockFace(
                format_time(remaining),
                phase,
                paused=not view.running,
                pulse=ClockFace.pulse_at(remaining),
                above=(Content.styled(view.item, "bold"), Content(view.position)),
                below=(Content(view.meeting_line), Content(view.next_line)),
            )
        )
        self.only("#room-clock")

    def show_board(self, view: BoardRoom) -> None:
        self.show_heading(view.heading)
        self.only("#room-board")
        for index, (title, cards) in enumerate(view.columns):
            self.query_one(f"#room-column-title-{index}", Static).update(
                Content.assemble((title, "bold"), f" ({len(cards)})")
            )
            box = self.query_one(f"#room-column-cards-{index}", Static)
            size = box.content_region.size
            if not size.height:  # not laid out yet: shown in full now, fitted once it is
                self.call_after_refresh(self.fit_board)
            box.update(
                fit_cards(cards, size.width, size.height)
                if size.height
                else Content("\n").join(card_line(card) for card in cards)
            )

    def fit_board(self) -> None:
        if isinstance(self.view, BoardRoom) and self.query_one("#room-column-cards-0").content_region.height:
            self.show_board(self.view)

    def on_resize(self) -> None:
        self.fit_cue()
        if isinstance(self.view, BoardRoom):
            self.call_after_refresh(self.fit_board)
        elif isinstance(self.view, WallRoom):
            self.call_after_refresh(self.fit_wall)

    def show_spotlight(self, view: SpotlightRoom) -> None:
        self.show_heading(view.heading)
        self.query_one("#room-spotlight-column", Static).update(Content(view.column))
        if view.parts:
            text = Content("\n\n").join(
                Content.assemble((label, "bold"), "\n", markdown_content(part)) for label, part in view.parts
            )
        else:
            text = markdown_content(view.card.text)
        for merged in view.merged:
            text = Content.assemble(text, "\n\n", ("+ ", "bold"), markdown_content(merged))
        self.query_one("#room-spotlight-text", Static).update(text)
        self.query_one("#room-spotlight-who", Static).update(Content(view.card.who))
        self.only("#room-spotlight")

    def show_summary(self, view: EvaluationRoom) -> None:
        self.show_heading(view.heading)
        text = self.query_one("#room-summary-text", Markdown)
        if text.source != view.markdown:  # another part paged to on the console: shown from its top
            text.update(view.markdown)
            self.query_one("#room-summary").scroll_home(animate=False)
        self.only("#room-summary")
        self.query_one("#room-summary").focus()  # ↑/↓/PageDown scroll it, at the projector's keyboard
