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

import sys
from typing import Any

from textual.app import App
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


class OneSentenceCrash(App[None]):
    """An app that, after an internal error, says one sentence instead of printing Textual's traceback.

    Textual's `App._fatal_error` (8.2.8) prints a rich traceback with `show_locals=True`: the
    local variables of every frame, which hold people's names and what they said. Each further
    error adds one more traceback to `_exit_renderables`, and `_print_error_renderables` then
    adds "NOTE: 1 of 2 errors shown" (tests/test_textual_workarounds_crash.py shows both). There is
    no public hook: this overrides `_fatal_error`, adds nothing to `_exit_renderables`, keeps the
    sentence `crash_sentence` returns for the first error, and closes the app the way Textual
    does, through `_close_messages_no_wait`. `run` prints the sentence once the terminal is
    restored, with `print`: Rich would wrap or crop it at 80 columns in a pipe, cutting the crash
    file's path. Textual has already set the exit status to 1 (`return_code`).
    """

    crash_message: str | None = None

    def run(self, *args: Any, **kwargs: Any) -> None:
        result = super().run(*args, **kwargs)
        if self.crash_message:
            print(self.crash_message, file=sys.stderr)
        return result

    def crash_sentence(self, error: BaseException | None) -> str:
        raise NotImplementedError

    def _fatal_error(self) -> None:
        sentence = self.crash_sentence(sys.exception() or self._exception)  # each error: its own file
        if self.crash_message is None:
            self.crash_message = sentence
        self.bell()
        self._close_messages_no_wait()
