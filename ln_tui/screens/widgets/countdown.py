"""The big timer: the time left in `Digits` over a progress bar, coloured by phase.

It only shows what it is given (attributes down): the screen reads the pure
`Countdown` and calls `show()` on each tick; unchanged values cost nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, ProgressBar

PHASE_CLASSES = ("-green", "-amber", "-red", "-overtime")
STEPS = 1000


class CountdownDisplay(Vertical):
    DEFAULT_CSS = """
    CountdownDisplay { height: auto; align-horizontal: center; }
    CountdownDisplay Digits { width: auto; }
    CountdownDisplay ProgressBar { width: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, int, str, bool] | None = None
        self._wanted: tuple[str, float, str, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="countdown-digits")
        bar = ProgressBar(total=STEPS, show_percentage=False, show_eta=False, id="countdown-bar")
        yield bar

    def on_mount(self) -> None:
        if self._wanted is not None:
            self.show(*self._wanted)

    def show(self, text: str, fraction_left: float, phase: str, paused: bool) -> None:
        """Show the time left (`1:05`, `+0:42`), the share of the time box left, the phase."""
        progress = round(fraction_left * STEPS)
        shown = (text, progress, phase, paused)
        if not self.is_mounted:  # shown once mounted
            self._wanted = (text, fraction_left, phase, paused)
            return
        if shown == self._shown:
            return
        previous = self._shown
        self._shown = shown
        if previous is None or previous[0] != text:
            self.query_one(Digits).update(text)
        if previous is None or previous[1] != progress:
            self.query_one(ProgressBar).update(progress=progress)
        if previous is None or previous[2:] != (phase, paused):
            for name in PHASE_CLASSES:
                self.set_class(name == f"-{phase}", name)
            self.set_class(paused, "-paused")
