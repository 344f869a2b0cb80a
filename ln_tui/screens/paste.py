"""Several lines pasted into a one-line field."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from ln_tui.i18n import ngettext


class PastesAsOneLine(App[None]):
    """The part of `LnApp` that joins the lines pasted into an `Input`."""

    def paste_as_one_line(self, field: Input, text: str) -> None:
        """Several lines pasted into a one-line field: joined with spaces, and said so (Input kept the first)."""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        joined = " ".join(lines)
        if field.selection.is_empty:
            field.insert_text_at_cursor(joined)
        else:
            field.replace(joined, *field.selection)
        self.notify(
            ngettext(
                "{n} line pasted, joined with spaces: this field holds one line.",
                "{n} lines pasted, joined with spaces: this field holds one line.",
                len(lines),
            ).format(n=len(lines)),
            markup=False,
        )
