"""The CSS of every screen, read once, just after the first home is painted.

The app starts with its own CSS and the forms' (`LnApp.CSS_PATH`), and the first home brings its
own (its CSS_PATH): reading every file before the first paint would delay it. Every other screen's
CSS is read right after (`read_all_css`: the first key, or ALL_CSS_AFTER seconds), not when each
screen is first shown: Textual parses all CSS again and restyles every screen when a screen brings
a file it has not seen, which made the first visit to each home slower. The screens still name
their files (known by then: nothing is read again). Figures: CONTRIBUTING.md, "Measured reasons".
"""

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
