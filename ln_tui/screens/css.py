"""The CSS of every screen, read once, just after the first home is painted."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

SCREENS = Path(__file__).parent
# When the CSS of the homes not shown yet is read, if no key came first (seconds after the start).
ALL_CSS_AFTER = 0.5


class ReadsAllCss(App[None]):
    """The part of `LnApp` that reads the CSS of the screens not shown yet."""

    _all_css_read: bool

    def read_all_css(self) -> None:
        """Read the CSS of every screen not read yet (once; the first key or ALL_CSS_AFTER after the
        start, whichever comes first), as Textual reads a screen's own files when it is first shown."""
        if self._all_css_read:
            return
        self._all_css_read = True
        unread = [path for path in sorted(SCREENS.rglob("*.tcss")) if not self.stylesheet.has_source(str(path), "")]
        if unread:
            for path in unread:
                self.stylesheet.read(path)
            self.stylesheet.reparse()
            self.stylesheet.update(self)
