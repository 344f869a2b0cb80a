"""A stylesheet that does not parse the same CSS twice.

Textual parses every CSS source again whenever a source is added: on each new screen,
on each widget class shown for the first time, on each change of mode, and once more to
restyle. Its `reparse` starts from an empty stylesheet each time, so the parse cache is
lost, and `set_variables` clears the cache even when the variables did not change. The
first visit to a home parsed the app's whole CSS four times over (about half of the time
to open the kickoff board). Parsed rules depend only on the CSS and the variables (the
theme): while those stay the same, a source is parsed once.
"""

from __future__ import annotations

from textual.cache import LRUCache
from textual.css.stylesheet import Stylesheet


class ReusingStylesheet(Stylesheet):
    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._parse_cache = LRUCache(1024)  # one entry per CSS source: room for all of them

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:  # a new theme: the cache is cleared, all is parsed again
            super().set_variables(variables)

    def reparse(self) -> None:
        # The same as Textual's (rules replaced only once all parsed), but each source comes
        # from the cache, which holds only rules parsed with the current variables.
        self.parse()
