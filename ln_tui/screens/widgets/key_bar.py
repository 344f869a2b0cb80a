"""The keys of the current screen on one line at the bottom.

Textual's Footer builds a widget per key and rebuilds them all whenever focus or
the screen stack changes; on a screen with a dozen keys that was most of the
start-up time. This bar is one widget that redraws its text instead.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ln_tui.i18n import _

SEPARATOR = "  "


class KeyBar(Static):
    """Each shown binding of the screen as `key description`, disabled ones dimmed.

    A screen may name shorter descriptions for the bar in `KEY_LABELS` (binding id -> label marked
    with N_); the keys dialog and the palette keep the full ones.
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: dict[tuple[str, str], Content] = {}  # (key, description) -> its part of the line

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def render(self) -> Content:
        return Content(SEPARATOR).join(self.fitted(self.size.width or 80))

    def parts(self) -> tuple[list[Content], list[Content]]:
        """The screen's keys in the order its bindings list them (most used first), then the app's."""
        seen: set[str] = set()
        screen_parts: list[Content] = []
        app_parts: list[Content] = []
        palette: Content | None = None
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.action in {"command_palette", "app.command_palette"}:
                palette = self._key(binding)
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                part = self._key(binding)
                part = part if active.enabled else part.stylize("dim")
                (app_parts if active.node is self.app else screen_parts).append(part)
        return screen_parts, [*app_parts, *([palette] if palette else [])]

    def fitted(self, width: int) -> list[Content]:
        """As many keys as fit, in order, whole: the app's keys (F1 shows every key) come last and
        give way to the screen's; a key never ends cut off in an ellipsis."""
        screen_parts, app_parts = self.parts()
        pinned = app_parts[:1]  # F1: where every other key is listed
        room = width - sum(part.cell_length + len(SEPARATOR) for part in pinned)
        shown: list[Content] = []
        for part in [*screen_parts, *app_parts[1:]]:
            needed = part.cell_length + (len(SEPARATOR) if shown else 0)
            if needed > room:
                break
            shown.append(part)
            room -= needed
        return [*shown, *pinned]

    def _key(self, binding: Binding) -> Content:
        label = getattr(self.screen, "KEY_LABELS", {}).get(binding.id or "")
        key = (self.app.get_key_display(binding), _(label) if label else binding.description)
        part = self._keys.get(key)
        if part is None:
            part = self._keys[key] = Content.from_markup(
                "[reverse bold]$key[/] $description", key=key[0], description=key[1]
            )
        return part
