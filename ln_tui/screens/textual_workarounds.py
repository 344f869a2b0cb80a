"""Every use of a private Textual name, in one place (Textual 8.2.8).

The rule: no leading-underscore name of Textual anywhere else in ln_tui, tests or benchmarks.
Each workaround here names the upstream issue or the figure that justifies it, and
tests/test_textual_workarounds.py shows that the upstream behaviour still exists: when a
Textual upgrade makes such a test fail, the workaround can go.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import textual.timer
from textual._context import active_app
from textual._styles_cache import StylesCache
from textual.app import App
from textual.cache import LRUCache
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.reactive import Reactive
from textual.screen import UPDATE_PERIOD, Screen, ScreenResultType
from textual.style import Style
from textual.timer import EventTargetGone, Timer
from textual.widget import Widget


class ReusingStylesheet(Stylesheet):
    """A stylesheet that does not parse the same CSS twice.

    Textual parses every CSS source again whenever a source is added: on each new screen,
    on each widget class shown for the first time, on each change of mode, and once more to
    restyle. Its `reparse` starts from an empty stylesheet each time, so the parse cache is
    lost, and `set_variables` clears the cache even when the variables did not change. The
    first visit to a home parsed the app's whole CSS four times over (about half of the time
    to open the kickoff board). Parsed rules depend only on the CSS and the variables (the
    theme): while those stay the same, a source is parsed once.
    """

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


def level_css_update_count(screen: Screen[Any]) -> None:
    """A new screen's CSS counter starts level with the app's.

    A new screen starts at -1, behind the app: `App.switch_mode` then calls `refresh_css`,
    which restyles every node of the screen being left on the first visit of each home, for
    nothing: every screen's CSS is read once the first home is painted (`ReadsAllCss.read_all_css`).
    What it buys: benchmarks/bench_workarounds.py (figures in CONTRIBUTING.md, "Measured reasons").
    """
    screen._css_update_count = screen.app._css_update_count


def forget_removed_subscribers(screen: Screen[Any], removed: Iterable[DOMNode]) -> None:
    """Drop what removed widgets still hold on to in the app and the screen.

    Textual keeps a widget's `watch(other, ...)` until the watched value next changes
    (Textualize/textual#6666): the text areas (they watch the app's theme) and the header
    (the title) of a home built again in another language stayed in memory, caches and all.
    Inputs and text areas subscribe to the screen's signals, which drop a subscriber only
    when the signal next fires (a text selection). And `query_one` caches what it found per
    node (an LRU of 1,024 entries keyed by the node list's version): entries for removed
    widgets are never hit again but keep them, and all they hold, alive until pushed out.
    """
    gone = {id(widget) for widget in removed}
    for signal in (
        screen.screen_layout_refresh_signal,
        screen.bindings_updated_signal,
        screen.text_selection_started_signal,
    ):
        for widget in removed:
            signal.unsubscribe(widget)
    node: DOMNode
    for node in (screen.app, screen):
        node._query_one_cache.clear()
        for watchers in getattr(node, "__watchers", {}).values():
            watchers[:] = [(watcher, callback) for watcher, callback in watchers if id(watcher) not in gone]


# Textual's own, for tests/test_textual_workarounds.py and benchmarks/bench_workarounds.py.
TEXTUAL_INNER_OUTER = StylesCache.get_inner_outer


@lru_cache(1024)
def _inner_and_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    return Style(background=base_background + background), Style(background=base_background)


def inner_outer_by_colour(on: bool = True) -> None:
    """Widgets' painted lines are no longer kept alive by a cache of two colours.

    Textual caches `StylesCache.get_inner_outer` (two colours in, two styles out) with
    `functools.lru_cache` on the method (Textualize/textual#6665): the key holds `self`, the
    `StylesCache` of each of the last 1,024 widgets painted, with every line it cached. Widgets long
    gone (a home built again, a dialog closed) stay in memory that way, and every full pass of the
    collector walks them (`screens/memory.py`, `freeze_heap`). The colours are all it reads: cached by
    them alone, the same styles come out. Process-wide; each app sets it at start (`on=False` puts
    Textual's own back: the test and the benchmark). Figures: CONTRIBUTING.md, "Measured reasons".
    """
    ours: Any = staticmethod(_inner_and_outer)
    StylesCache.get_inner_outer = ours if on else TEXTUAL_INNER_OUTER  # type: ignore[method-assign]  # the one method replaced


class QuietFocusScreen(Screen[ScreenResultType]):
    """A screen whose change of focus repaints only the two widgets concerned.

    Textual repaints the whole screen whenever the focus moves (`Screen.focused` is a
    reactive with repaint=True); the widgets that gain and lose the focus repaint themselves.
    Opening the kickoff editor (focus into it) spent about half its time repainting a board that
    had not changed (benchmarks/bench_board.py, bench_workarounds.py; figures in CONTRIBUTING.md).
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class FrameTimer(Timer):
    """Textual's frame timer, skipping to the next frame, not the one after it.

    A screen paints on a timer of `MAX_FPS` frames a second, paused while nothing changed. After
    a frame painted off its beat (the timer resumed by a change between two beats), Textual 8.2.8's
    `Timer._run` skips to the second beat after now (`count = int((now - start) / interval + 1)`,
    then `start + (count + 1) * interval`), so the next frame could not come for one to two
    frames, 17 to 33 ms. A key pressed just after another seat's change or a clock's tick was
    painted that much later: with phones posting, about half the slow keys on the console's board
    were such keys (benchmarks/bench_room.py, `--stock-frames`). This timer waits for the next beat.
    The rest is Textual's loop as it is.
    """

    async def _run(self) -> None:
        count = 0
        repeat, interval = self._repeat, self._interval
        get_time, sleep = textual.timer._time.get_time, textual.timer.sleep  # the clock Textual's loop reads
        self._active  # noqa: B018  # made here, in the timer's own task, as Textual does
        await self._active.wait()
        start = get_time()
        while repeat is None or count <= repeat:
            next_timer = start + ((count + 1) * interval)
            now = get_time()
            if self._skip and next_timer < now:
                count = int((now - start) / interval)  # the beat now is in; the next one is count + 1
                continue
            await sleep(max(0, next_timer - get_time()))
            count += 1
            await self._active.wait()
            if self._reset:
                start = get_time()
                count = 0
                self._reset = False
                continue
            try:
                await self._tick(next_timer=next_timer, count=count)
            except EventTargetGone:
                break


class SteadyFramesScreen(Screen[ScreenResultType]):
    """A screen that paints on a `FrameTimer`: a key after a background paint waits at most a frame."""

    frame_timer: type[Timer] = FrameTimer  # Textual's `Timer` puts its behaviour back (bench_room.py)
    _frame_timer: Timer | None = None

    @property
    def _update_timer(self) -> Timer:
        # As Textual's own property makes it (`MessagePump.set_interval`), of the class above.
        if self._frame_timer is None:
            timer = self.frame_timer(
                self, UPDATE_PERIOD, name="screen_update", callback=self._on_timer_update, pause=True
            )
            timer._start()
            self._timers.add(timer)
            self._frame_timer = timer
        return self._frame_timer


async def frames_waited(timer_class: type[Timer], resumed_at: float) -> float:
    """How long a frame timer of `timer_class` waits after painting a frame off its beat: a fake
    clock from 0, one beat a second, the timer paused after each frame as a screen pauses it, and
    resumed at `resumed_at` (a change between beats, painted at once). What a key pressed right
    after a background paint waits for its own frame. For the tests: Textual's `Timer` and ours."""
    clock = [0.0]
    waits: list[float] = []

    class FakeTime:
        @staticmethod
        def get_time() -> float:
            return clock[0]

    async def fake_sleep(secs: float) -> None:
        waits.append(secs)
        clock[0] += secs

    class FakeApp:  # what a tick asks of the app
        _exit = False
        features: frozenset[str] = frozenset()

        @staticmethod
        def _handle_exception(error: Exception) -> None:
            raise error

    async def settle(waits_made: int) -> None:
        for _ in range(100):
            await asyncio.sleep(0)
            if len(waits) >= waits_made:
                return
        raise RuntimeError("the timer did not go on")  # never a hanging test

    def painted() -> None:
        timer.pause()  # as the screen pauses it after each frame

    app = FakeApp()
    timer: Timer = timer_class(app, 1.0, callback=painted, pause=True)  # type: ignore[arg-type]  # a target
    saved = textual.timer._time, textual.timer.sleep
    textual.timer._time = FakeTime  # type: ignore[assignment]  # the clock, faked
    textual.timer.sleep = fake_sleep
    token = active_app.set(app)  # type: ignore[arg-type]
    task = asyncio.create_task(timer._run())
    try:
        timer.resume()
        await settle(2)  # the first frame at 1, on its beat; then asleep till the next beat, 2
        await asyncio.sleep(0)  # waiting to be resumed
        clock[0] = resumed_at
        timer.resume()
        await settle(3)
        return waits[2]
    finally:
        task.cancel()
        active_app.reset(token)
        textual.timer._time, textual.timer.sleep = saved


# -- measurement (benchmarks) ----------------------------------------------------------------------
def on_each_paint(app: App[Any], callback: Callable[[], None]) -> None:
    """Call `callback` each time the app writes a frame to the terminal.

    The benchmarks time a key to the frame that shows its effect. Textual has no public event
    for "a frame was written"; every screen update ends in `App._display`, which this wraps.
    Used by benchmarks/bench_board.py and bench_roster.py only, never by the app.
    """
    display = app._display

    def painted(screen: Screen[Any], renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            callback()

    app._display = painted  # type: ignore[method-assign]  # the one place every frame passes


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
