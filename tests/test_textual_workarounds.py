"""Each workaround of ln_tui/screens/textual_workarounds.py: the upstream behaviour it works around
still exists (when one of these fails after a Textual upgrade, its workaround can go), and the
workaround does what it says.

The figures that justify keeping each one: benchmarks/bench_workarounds.py.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
import textual.css.stylesheet
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Label

from ln_tui.screens.base import LnScreen
from ln_tui.screens.textual_workarounds import (
    FrameTimer,
    QuietFocusScreen,
    ReusingStylesheet,
    SteadyFramesScreen,
    forget_removed_subscribers,
    frames_waited,
    inner_outer_by_colour,
    level_css_update_count,
    on_each_paint,
)

CSS = "Label { color: red; } Button { width: 20; }"


def with_variables(stylesheet: Stylesheet, variables: dict[str, str]) -> Any:
    """Set the variables, then parse (what Textual does on a change of theme)."""

    def action() -> None:
        stylesheet.set_variables(variables)
        stylesheet.parse()

    return action


def parses(stylesheet: Stylesheet, monkeypatch: Any, action: Any) -> int:
    """How many times `action` makes the stylesheet parse CSS (Textual's public `parse`)."""
    calls = []
    parse = textual.css.stylesheet.parse

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return parse(*args, **kwargs)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counting)
    action()
    monkeypatch.setattr(textual.css.stylesheet, "parse", parse)
    return len(calls)


class TestReusingStylesheet:
    def test_textual_parses_every_source_again_on_reparse_and_on_the_same_variables(self, monkeypatch: Any) -> None:
        stock = Stylesheet(variables={"x": "red"})
        stock.add_source(CSS, read_from=("a.tcss", ""))
        stock.parse()
        assert parses(stock, monkeypatch, stock.reparse) >= 1
        assert parses(stock, monkeypatch, with_variables(stock, {"x": "red"})) >= 1

    def test_ours_parses_a_source_once_while_the_variables_stay(self, monkeypatch: Any) -> None:
        ours = ReusingStylesheet(variables={"x": "red"})
        ours.add_source(CSS, read_from=("a.tcss", ""))
        ours.parse()
        assert parses(ours, monkeypatch, ours.reparse) == 0
        assert parses(ours, monkeypatch, with_variables(ours, {"x": "red"})) == 0
        # a new theme: parsed again, with the new variables
        assert parses(ours, monkeypatch, with_variables(ours, {"x": "blue"})) == 1
        assert [rule.selector_set for rule in ours.rules]


class Plain(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("plain")


class Levelled(Plain):
    def __init__(self) -> None:
        super().__init__()
        level_css_update_count(self)


class Modes(App[None]):
    MODES = {"first": Plain, "plain": Plain, "levelled": Levelled}  # Textual's own declaration

    def __init__(self) -> None:
        super().__init__()
        self.restyles = 0

    def refresh_css(self, animate: bool = True) -> None:
        self.restyles += 1
        super().refresh_css(animate)

    def on_mount(self) -> None:
        self.switch_mode("first")


class TestLevelCssUpdateCount:
    async def test_textual_restyles_the_app_on_the_first_visit_of_a_mode(self) -> None:
        app = Modes()
        async with app.run_test() as pilot:
            await pilot.pause()
            before = app.restyles
            app.switch_mode("plain")
            await pilot.pause()
            assert app.restyles > before

    async def test_a_levelled_screen_is_shown_without_restyling_the_app(self) -> None:
        app = Modes()
        async with app.run_test() as pilot:
            await pilot.pause()
            before = app.restyles
            app.switch_mode("levelled")
            await pilot.pause()
            assert app.restyles == before
            assert str(app.screen.query_one(Label).render()) == "plain"


class Watcher(Widget):
    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda theme: None, init=False)


class Subscriber(Widget):
    """Subscribes to a signal of its screen, as Textual's Input and TextArea do."""

    def on_mount(self) -> None:
        self.screen.text_selection_started_signal.subscribe(self, lambda screen: None)


class Holder(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Watcher(id="watcher")
        yield Subscriber(id="field")


class Remover(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Holder())


async def removed_but_alive(clean: bool) -> tuple[bool, bool]:
    """Remove a watching widget and a subscribing one (both queried by id); still in memory?"""
    app = Remover()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        watcher, field = screen.query_one("#watcher"), screen.query_one("#field")
        refs = weakref.ref(watcher), weakref.ref(field)
        removed = [watcher, field]
        await watcher.remove()
        await field.remove()
        del watcher, field
        await screen.mount(Label("new"))  # as when a home is built again
        await pilot.pause()
        if clean:
            forget_removed_subscribers(screen, removed)
        del removed
        gc.collect()
        return refs[0]() is not None, refs[1]() is not None


class TestForgetRemovedSubscribers:
    async def test_textual_keeps_removed_widgets_alive(self) -> None:
        # Textualize/textual#6666 (watchers), the screen's signals and the query_one cache
        assert await removed_but_alive(clean=False) == (True, True)

    async def test_forgotten_they_are_collected(self) -> None:
        assert await removed_but_alive(clean=True) == (False, False)


class OneLabel(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Label(self.text)


def paint_and_quit(text: str) -> None:
    """Run an app that paints `text`, to its end (its event loop closed with it)."""

    async def run() -> None:
        async with OneLabel(text).run_test() as pilot:
            await pilot.pause()

    asyncio.run(run())


def lines_alive(text: str) -> int:
    """How many painted lines showing `text` are still in memory."""
    gc.collect()
    return sum(isinstance(o, Strip) and text in o.text for o in gc.get_objects())


@pytest.fixture
def textual_inner_outer() -> Iterator[None]:
    inner_outer_by_colour(on=False)
    try:
        yield
    finally:
        inner_outer_by_colour()  # as every app of ours sets it


class TestInnerOuterByColour:
    def test_textual_keeps_the_lines_of_an_app_that_is_gone(self, textual_inner_outer: None) -> None:
        # Textualize/textual#6665: its cache of two colours keys on each widget's StylesCache
        paint_and_quit("painted by Textual's cache")
        assert lines_alive("painted by Textual's cache") > 0

    def test_ours_keeps_none(self) -> None:
        inner_outer_by_colour()
        paint_and_quit("painted by ours")
        assert lines_alive("painted by ours") == 0


class Focus(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")


class QuietFocus(QuietFocusScreen[None]):
    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")


async def screen_repaints_on_focus(screen: Screen[None]) -> int:
    app = App[None]()
    repaints = []
    async with app.run_test() as pilot:
        await app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#one").focus()
        await pilot.pause()
        refresh = screen.refresh

        def counting(*args: Any, **kwargs: Any) -> Any:
            repaints.append(args)
            return refresh(*args, **kwargs)

        screen.refresh = counting  # type: ignore[method-assign]  # counting the public method's calls
        screen.query_one("#two").focus()
        await pilot.pause()
        assert screen.focused is screen.query_one("#two")
    return len(repaints)


class TestQuietFocusScreen:
    async def test_textual_repaints_the_whole_screen_when_the_focus_moves(self) -> None:
        assert await screen_repaints_on_focus(Focus()) >= 1

    async def test_ours_leaves_the_repaint_to_the_two_widgets(self) -> None:
        assert await screen_repaints_on_focus(QuietFocus()) == 0


class TestFrameTimer:
    """One beat a second on a fake clock: a change at 5.3 s is painted at once; then the next frame."""

    async def test_textual_waits_past_the_next_beat_after_a_frame_off_its_beat(self) -> None:
        assert await frames_waited(Timer, resumed_at=5.3) == pytest.approx(1.7)  # till 7, not 6

    async def test_ours_waits_for_the_next_beat(self) -> None:
        assert await frames_waited(FrameTimer, resumed_at=5.3) == pytest.approx(0.7)
        assert await frames_waited(FrameTimer, resumed_at=5.9) == pytest.approx(0.1)

    async def test_a_change_right_after_the_beat_slept_to_waits_as_in_textual(self) -> None:
        for timer in (Timer, FrameTimer):
            assert await frames_waited(timer, resumed_at=2.2) == pytest.approx(0.8)

    async def test_our_screens_paint_their_changes_on_it(self) -> None:
        assert issubclass(LnScreen, SteadyFramesScreen)
        app = App[None]()
        frames: list[str] = []
        async with app.run_test() as pilot:
            screen = SteadyFramesScreen[None]()
            await app.push_screen(screen)
            label = Label("one")
            await screen.mount(label)
            await pilot.pause()
            on_each_paint(app, lambda: frames.append(str(label.render())))
            for text in ("two", "three"):
                label.update(text)
                await pilot.pause()
        assert frames[-1] == "three" and "two" in frames


async def test_on_each_paint_sees_every_frame() -> None:
    app = App[None]()
    frames: list[int] = []
    async with app.run_test() as pilot:
        on_each_paint(app, lambda: frames.append(1))
        app.screen.refresh()
        await pilot.pause()
        assert frames
