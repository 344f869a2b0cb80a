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


class KeyBar(Static):
    """Each shown binding of the screen as `key description`, disabled ones dimmed."""

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
        seen: set[str] = set()
        parts: list[Content] = []
        palette: Content | None = None
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.action in {"command_palette", "app.command_palette"}:
                palette = self._key(binding)
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                part = self._key(binding)
                parts.append(part if active.enabled else part.stylize("dim"))
        return Content("  ").join([*parts, *([palette] if palette else [])])

    def _key(self, binding: Binding) -> Content:
        key = (self.app.get_key_display(binding), binding.description)
        part = self._keys.get(key)
        if part is None:
            part = self._keys[key] = Content.from_markup(
                "[reverse bold] $key [/] $description", key=key[0], description=key[1]
            )
        return part
