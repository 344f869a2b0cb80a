"""Ratings by keyboard, and horizontal text bars that read well on a projector."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ln_tui.evaluation.summary import text_bar
from ln_tui.i18n import N_, _


class RatingScale(Widget, can_focus=True):
    """One rating on a scale: a number key or the arrows choose, Enter or ↓ go on to the next question.

    A number never moves on by itself: "5 ↓ 3 ↓ 4" answers three questions in a row, and a digit
    typed once too often changes the answer in view instead of landing in the next field. On a
    0-10 scale `1` waits for a possible `0` (1 then 0 = 10). Backspace clears the answer.
    """

    BINDINGS: ClassVar = [
        Binding("left", "step(-1)", N_("Lower"), id="rating.lower"),
        Binding("right", "step(1)", N_("Higher"), id="rating.higher"),
        Binding("home", "extreme(0)", N_("Lowest"), id="rating.lowest", show=False),
        Binding("end", "extreme(-1)", N_("Highest"), id="rating.highest", show=False),
        Binding("backspace,delete", "clear", N_("No answer"), id="rating.clear"),
        Binding("up", "app.focus_previous", N_("Previous question"), id="rating.previous", show=False),
        Binding("down,enter", "app.focus_next", N_("Next question"), id="rating.next", show=False),
        *(
            Binding(str(d), f"digit({d})", N_("Choose this rating"), id=f"rating.digit-{d}", show=False)
            for d in range(10)
        ),
    ]

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        scale: RatingScale
        value: int | None

    def __init__(self, scale: range, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self.set_reactive(RatingScale.value, value)
        self._after_one = False

    def render(self) -> Content:
        """Each number with room around it; closer together when the whole scale would not fit
        (0-10 and "no answer" at 80 columns), the chosen one reversed either way."""
        roomy = self.scale_content(pad=" ", gap=" ")
        if roomy.cell_length <= self.size.width or not self.size.width:
            return roomy
        return self.scale_content(pad="", gap=" ")

    def scale_content(self, pad: str, gap: str) -> Content:
        parts: list[str | tuple[str, str]] = []
        for number in self.scale:
            style = "reverse bold" if number == self.value else ""
            parts += [(f"{pad}{number}{pad}", style), gap if number != self.scale[-1] else ""]
        parts.append(("  " + (_("no answer") if self.value is None else ""), "italic"))
        return Content.assemble(*parts)

    def watch_value(self, value: int | None) -> None:
        self.set_class(value is not None, "-answered")
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        self._after_one = False
        if self.value is None:
            self.value = self.scale[0] if delta > 0 else self.scale[-1]
        else:
            self.value = min(max(self.value + delta, self.scale[0]), self.scale[-1])

    def action_extreme(self, index: int) -> None:
        self.value = self.scale[index]

    def action_clear(self) -> None:
        self.value = None

    def action_digit(self, digit: int) -> None:
        after_one, self._after_one = self._after_one, False
        if after_one and digit == 0 and 10 in self.scale:
            self.value = 10
        elif digit in self.scale:
            self.value = digit
            self._after_one = digit == 1 and 10 in self.scale
        else:
            self.app.bell()


@dataclass(frozen=True)
class Bar:
    label: str  # user text is fine: it is never markup here
    value: float
    maximum: float
    shown: str  # the figure printed after the bar


class BarChart(Widget):
    """Horizontal bars, one line each: label, bar, figure; the bars take the width there is."""

    DEFAULT_CSS = "BarChart { height: auto; }"

    def __init__(self, bars: list[Bar], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.bars = bars

    def render(self) -> Content:
        width = max(self.size.width, 20)
        label_width = min(max((cell_len(b.label) for b in self.bars), default=0), width // 2)
        shown_width = max((cell_len(b.shown) for b in self.bars), default=0)
        bar_width = max(width - label_width - shown_width - 3, 5)
        lines = [
            Content.assemble(
                (fit(b.label, label_width), "bold"),
                " ",
                (text_bar(b.value / b.maximum if b.maximum else 0, bar_width), "$accent"),
                " ",
                (" " * (shown_width - cell_len(b.shown)) + b.shown, "bold"),
            )
            for b in self.bars
        ]
        return Content("\n").join(lines)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.bars)


def fit(text: str, width: int) -> str:
    """Text cut to `width` terminal cells (with an ellipsis when cut), padded to that width.

    Cells, not characters: an emoji or a CJK character takes two, a joiner or an accent none.
    """
    if cell_len(text) > width:
        text = set_cell_size(text, max(width - 1, 0)).rstrip(" ") + "…" if width > 0 else ""
    return text + " " * max(width - cell_len(text), 0)
