"""Settling an item an earlier meeting carried forward, the same way from the Minutes (F7) and
the discussion's list of what the previous meeting left."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from ln_tui.i18n import _
from ln_tui.minutes.carry import Carried, CarriedKind
from ln_tui.minutes.notes import Minutes
from ln_tui.model import Meeting
from ln_tui.screens.dialogs import TextDialog


def settle_carried(
    screen: Widget, minutes: Minutes, item: Carried, meeting: Meeting, then: Callable[[bool], None]
) -> None:
    """Settle `item` at `meeting`: an action done (or open again), a question answered; for advice,
    ask what the case-bringer did with it (empty: no outcome). `then(settled)` runs once the change
    is saved (False when the item no longer exists), not when the question is cancelled."""
    if item.kind is CarriedKind.ADVICE:
        told = minutes.outcome(item.id)

        def save(text: str | None) -> None:
            if text is not None:
                then(minutes.settle(item, meeting, text.strip()))

        screen.app.push_screen(
            TextDialog(
                _("What did the case-bringer do with the advice?"),
                item.text,
                told.text if told else "",
                guard=True,
            ),
            save,
        )
        return
    then(minutes.settle(item, meeting))
