"""A home's projector view (p): the agenda's and the discussion's, shown on the console's own screen.

Not the audience view of `ln-tui present` (ln_tui/present/view.py, a second app): this is the
console itself turned to the room, with only what the room should read.
"""

from __future__ import annotations

from ln_tui.screens.base import HomeScreen


class ProjectorHome(HomeScreen):
    """A home with a projector view: `p` turns it on and off, escape leaves it.

    The view is the class `-projector` on the screen; what it hides (the header, the home bar,
    the key bar and the home's side) and how it lays out the rest is in the home's own `.tcss`.
    The keys keep working while the key bar is hidden. A home declares the two bindings with
    ids of its own (`Binding("p", "projector", ...)`, `Binding("escape", "leave_projector",
    ..., show=False)`) and overrides `projector_changed` for what its CSS cannot switch.
    """

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
