"""Read-only views of the discussion: speaking time (fairness) and the follow-up."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from ln_tui.discussion.countdown import format_duration
from ln_tui.discussion.desk import Desk
from ln_tui.discussion.fairness import Share, bar, shares
from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.screens.base import LnModal

NAME_WIDTH = 20
FIGURES_WIDTH = 24  # "  1:05:30  30%  cases: 2"
DIALOG_FRAME = 8  # border, padding and scrollbar of the dialog box


class ReadOnlyView(LnModal[None]):
    CSS_PATH = Path(__file__).parent / "discussion.tcss"
    BINDINGS: ClassVar = [Binding("escape,q", "close", N_("Close"), id="discussion-view.close")]

    def __init__(self, title: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box view-box"):
            yield Label(Content(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="view-body"):
                yield from self.compose_view()
            yield Label(Content(_("Escape = close")), classes="dialog-keys")

    def compose_view(self) -> ComposeResult:
        raise NotImplementedError

    def action_close(self) -> None:
        self.dismiss(None)


def share_line(share: Share, largest: float, bar_width: int, *, with_cases: bool) -> Content:
    name = visible_controls(share.member.name)
    name = name[: NAME_WIDTH - 1] + "…" if len(name) > NAME_WIDTH else name.ljust(NAME_WIDTH)
    figures = f"{format_duration(share.seconds):>7} {share.share:>4.0%}"
    if with_cases:
        figures += "  " + _("cases: {n}").format(n=share.cases)
    return Content.assemble(
        name, " ", (bar(share.seconds, largest, bar_width).ljust(bar_width), "$accent"), " ", figures
    )


class FairnessView(ReadOnlyView):
    """Speaking time per member in this meeting, and each member's share over all meetings."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(_("Speaking time"))
        self.desk = desk
        self.meeting = desk.meeting

    def compose_view(self) -> ComposeResult:
        members = self.desk.members_list()
        turns = self.desk.all_turns()
        cases = self.desk.all_cases()
        if self.meeting is not None:
            here = [t for t in turns if t.meeting_id == self.meeting.id]
            present = self.meeting.present(members)
            yield Label(Content(_("This meeting")), classes="view-heading")
            yield self.bars(
                shares(present, here, [c for c in cases if c.meeting_id == self.meeting.id]), with_cases=False
            )
        yield Label(Content(_("All meetings: speaking time and cases brought")), classes="view-heading")
        yield self.bars(shares(members, turns, cases), with_cases=True)

    def bars(self, rows: list[Share], *, with_cases: bool) -> Static:
        largest = max((r.seconds for r in rows), default=0.0)
        if not rows:
            return Static(Content(_("No members yet.")))
        if largest == 0 and not with_cases:
            return Static(Content(_("Nobody has spoken yet.")))
        box = min(120, self.app.size.width * 9 // 10) - DIALOG_FRAME
        bar_width = max(5, min(40, box - NAME_WIDTH - FIGURES_WIDTH))
        return Static(Content("\n").join(share_line(r, largest, bar_width, with_cases=with_cases) for r in rows))


class FollowUpView(ReadOnlyView):
    """What the previous meeting left: advice, agreements, open questions."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(_("Follow-up"))
        self.lines = lines

    def compose_view(self) -> ComposeResult:
        yield Static(Content("\n".join(self.lines)))
