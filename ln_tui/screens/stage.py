"""The homes with a stage in front of the room, the agenda's and the discussion's: a clock that
refreshes its display, and a projector view (p) of the console's own screen.

Not the audience view of `ln-tui present` (ln_tui/present/view.py, a second app): the projector
view is the console itself turned to the room, with only what the room should read.
"""

from __future__ import annotations

from typing import ClassVar

from textual.timer import Timer

from ln_tui.screens.base import HomeScreen


class StageHome(HomeScreen):
    """A home with a running clock on its stage and a projector view.

    The clock: all time comes from the app's clocks through the home's pure model; the interval
    timer (every `TICK_SECONDS`) only calls `tick()` to refresh the display. It is created
    paused, `run_timer` runs it while the clock runs, and it waits while the home is composed
    again (F9): `reload()` shows the stage again and restarts it.

    The projector view: `p` turns it on and off, escape leaves it. It is the class `-projector`
    on the screen: app.tcss hides the header, the home bar and the key bar (the keys keep
    working); the home's own `.tcss` hides its side and lays out its stage. A home declares the
    two bindings with ids of its own (`Binding("p", "projector", ...)`, `Binding("escape",
    "leave_projector", ..., show=False)`) and overrides `projector_changed` for what its CSS
    cannot switch.
    """

    TICK_SECONDS: ClassVar[float] = 0.1

    def __init__(self) -> None:
        super().__init__()
        self.timer: Timer | None = None

    # -- the clock ----------------------------------------------------------------------------------
    def on_mount(self) -> None:
        # Data and focus come with HomeScreen's lifecycle (reload); only the clock starts here.
        self.timer = self.set_interval(self.TICK_SECONDS, self.tick, pause=True)

    async def recompose(self) -> None:
        """Built again in another language: the clock waits while the widgets it updates are replaced."""
        self.run_timer(False)
        await super().recompose()  # reload() shows the stage again and restarts the clock

    def tick(self, ring: bool = True) -> None:
        """Show the time left (and ring the bell once when it reaches zero, unless `ring` is False)."""

    def run_timer(self, running: bool) -> None:
        if self.timer is not None:
            self.timer.resume() if running else self.timer.pause()

    # -- the projector view -------------------------------------------------------------------------
    @property
    def projecting(self) -> bool:
        return self.has_class("-projector")

    def action_projector(self) -> None:
        self.toggle_class("-projector")
        self.projector_changed()

    def action_leave_projector(self) -> None:
        self.remove_class("-projector")
        self.projector_changed()

    def projector_changed(self) -> None:
        """The view was turned on or off: show what differs beyond the CSS (nothing by default)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape leaves the projector view only while it is on; otherwise it is not this home's key.
        if action == "leave_projector":
            return self.projecting
        return True
