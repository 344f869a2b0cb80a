"""Read-only views of the discussion: speaking time (fairness) and the follow-up."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ln_tui.discussion.countdown import format_duration
from ln_tui.discussion.desk import Desk
from ln_tui.discussion.fairness import Share, bar, shares
from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.minutes.carry import Carried, CarriedKind
from ln_tui.minutes.notes import Minutes
from ln_tui.model import Meeting, meeting_label
from ln_tui.screens.base import LnModal
from ln_tui.screens.minutes.carried import settle_carried
from ln_tui.screens.widgets.bars import fit

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
    name = fit(visible_controls(share.member.name), NAME_WIDTH)
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
    """What earlier meetings left: advice, agreements; and the open actions, questions and advice
    of all earlier meetings in a list where space marks one done (at `meeting`)."""

    BINDINGS: ClassVar = [Binding("space", "settle", N_("Done / open"), id="discussion-view.settle")]

    def __init__(
        self, lines: list[Content], carried: list[Carried] | None = None, meeting: Meeting | None = None
    ) -> None:
        super().__init__(_("Follow-up"))
        self.lines, self.carried, self.meeting = lines, carried or [], meeting

    def compose_view(self) -> ComposeResult:
        yield Static(Content("\n").join(self.lines))
        if self.carried:
            yield Label(Content(_("Carried forward from all earlier meetings (space = done)")), classes="view-heading")
            yield OptionList(*(self.option(item) for item in self.carried), id="follow-up-carried")

    def on_mount(self) -> None:
        if self.carried:
            self.query_one(OptionList).focus()

    def option(self, item: Carried) -> Option:
        mark = "[x]" if item.done else ("[~]" if item.parked else "[ ]")
        told = Minutes(self.app.store).outcome(item.id) if item.kind is CarriedKind.ADVICE else None
        text = item.text + (f" — {told.text}" if told else "")
        origin = meeting_label(item.origin) if item.origin else "?"
        return Option(Content(f"{mark} {_(CARRIED_LABELS[item.kind])} ({origin}): {visible_controls(text[:300])}"))

    def action_settle(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or self.meeting is None or self.app.store.read_only:
            return
        item = self.carried[index]
        minutes, meeting = Minutes(self.app.store), self.meeting

        def refresh() -> None:
            self.carried = minutes.carried(meeting)
            options.clear_options()
            options.add_options([self.option(c) for c in self.carried])
            options.highlighted = min(index, len(self.carried) - 1) if self.carried else None

        settle_carried(self, minutes, item, meeting, lambda _settled: refresh())


CARRIED_LABELS = {
    CarriedKind.ACTION: N_("Action"),
    CarriedKind.QUESTION: N_("Question"),
    CarriedKind.ADVICE: N_("Advice"),
}
