"""A multi-line field that is a TextArea only once it is edited.

The network home shows five multi-line profile fields. As TextAreas they made the home's start
markedly slower (benchmarks/bench_foundation.py; figures in CONTRIBUTING.md): each one wraps its text, gets scroll bars after
the first layout and so sets off further layouts, and brings Textual's TextArea module and CSS.
The profile is written once and then mostly read, so each field paints its text as it is, and
becomes a TextArea when it takes the focus (Tab, a click, or `focus()`); it stays one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from ln_tui.markdown_safe import visible_controls

if TYPE_CHECKING:
    from textual.widgets import TextArea


class TextPreview(Static, can_focus=True):
    """The field's text, painted literally (no markup) until the field takes the focus."""

    # The form around it scrolls with these keys; typed while the field becomes a text area they
    # are the text area's cursor keys, and join the other keys waiting here, in order.
    BINDINGS: ClassVar = [
        Binding(key, f"wait_in_line('{key}')", show=False)
        for key in ("up", "down", "left", "right", "home", "end", "pageup", "pagedown")
    ]

    @property
    def focusable(self) -> bool:
        return self.display and super().focusable

    async def on_focus(self) -> None:
        field = self.parent
        if isinstance(field, TextField):
            await field.edit()

    def on_resize(self) -> None:
        self.mark_more()

    def mark_more(self) -> None:
        """A text longer than the field shows "more" on the border (a text area has a scroll bar)."""
        width, height = self.content_size
        if width > 0:
            more = self.get_content_height(self.content_size, self.content_size, width) > height
            self.border_subtitle = "▼" if more else ""

    def action_wait_in_line(self, key: str) -> None:
        self.post_message(events.Key(key, None))

    def on_key(self, event: events.Key) -> None:
        if self.screen.focused is self:  # (not `has_focus`: it changes only when its Blur comes)
            return  # no text area took the focus (none could be made): the key goes on as usual
        # A key typed while the text area was being put in place reached this preview: it is sent
        # again, to go where the app sends keys now (the text area has the focus by then).
        event.stop()
        event.prevent_default()
        self.app.post_message(events.Key(event.key, event.character))


class TextField(Widget):
    """A multi-line text field: `text`, `show(text)` and a `Changed` message as the user types."""

    DEFAULT_CSS = """
    TextField {
        height: 6;
    }
    TextField > TextPreview {
        width: 1fr;
        height: 1fr;
        border: tall $border-blurred;
        border-subtitle-color: $foreground-muted;
        padding: 0 2 0 1;  /* wrapped as a text area wraps it: one column is for its cursor */
        color: $foreground;
        background: $surface;
        overflow-y: auto;
    }
    TextField > TextPreview:focus {
        border: tall $border;
    }
    TextField > TextArea {
        height: 1fr;
    }
    """

    class Changed(Message):
        """The user changed the text (the field is `field`, its text `field.text`)."""

        def __init__(self, field: TextField) -> None:
            super().__init__()
            self.field = field

    def __init__(self, text: str = "", *, id: str | None = None, read_only: bool = False) -> None:
        super().__init__(id=id)
        self._text = text
        self.read_only = read_only
        self.area: TextArea | None = None  # the TextArea, once the field was focused

    def compose(self) -> ComposeResult:
        yield TextPreview(self._preview())

    @property
    def text(self) -> str:
        return self.area.text if self.area is not None else self._text

    def show(self, text: str) -> None:
        """Show `text` (what the store holds), unless the user is typing in the field."""
        if self.area is None:
            if text != self._text:
                self._text = text
                for preview in self.query(TextPreview):
                    preview.update(self._preview())
                    preview.mark_more()
        elif not self.area.has_focus and self.area.text != text:
            self.area.load_text(text)

    def focus(self, scroll_visible: bool = True) -> TextField:
        """Put the focus in the field (its text area, made now if need be)."""
        target = self.area if self.area is not None else self.query_one(TextPreview)
        target.focus(scroll_visible)
        return self

    async def edit(self) -> TextArea:
        """Make the field a TextArea with the focus (the preview goes)."""
        if self.area is None:
            from textual.widgets import TextArea

            self.area = TextArea(self._text, soft_wrap=True, read_only=self.read_only)
            await self.mount(self.area)
            self.screen.set_focus(self.area, scroll_visible=False)
            # Hidden, not removed: keys typed meanwhile wait in the preview's queue (it is busy
            # here), and a removed widget's queue is dropped. It sends them on (`on_key`).
            for preview in self.query(TextPreview):
                preview.display = False
        return self.area

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area is self.area:
            self.post_message(self.Changed(self))

    def _preview(self) -> Content:
        return Content(visible_controls(self._text))
