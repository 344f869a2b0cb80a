"""Fixtures shared by every test: a fresh network file, the app factory, no cursor blink."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from browser import chromium  # noqa: F401  (the fixture, for the pages ln-tui serves)
from textual.app import App
from textual.content import Content
from textual.markup import MarkupError
from textual.widgets import Input, TextArea

import ln_tui.screens.base
from ln_tui.app import LnApp, login_name
from ln_tui.i18n import set_language
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.hookimpl(optionalhook=True)  # an xdist hook: `-p no:xdist` still runs
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (the README's test command): three workers per core. The suite waits more than it
    computes (Pilot lets the app go idle after each key; servers, browsers, other processes): one
    worker keeps about a third of a core busy. `--pdb` still runs without workers (xdist's `auto`)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 3 * cores


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked `long` first, the rest in their order: with several workers, a long test
    started near the end kept one worker busy while the others had nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and the default network live in a temporary folder; English by default."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LN_TUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("LN_TUI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("LN_TUI_LANG", "en")
    set_language("en")


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes snapshots flaky: keep it steadily on (Textual's public cursor_blink)."""
    for kind in (Input, TextArea):
        made = kind.__init__

        def steady(self: Any, *args: Any, made: Any = made, **kwargs: Any) -> None:
            made(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(kind, "__init__", steady)


@pytest.fixture(autouse=True)
def heap_frozen_where_a_test_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    """No full collection before freezing the heap unless a test asks (tests/test_app_shell.py,
    TestMemory, sets FREEZE_AFTER itself). The app runs it FREEZE_AFTER seconds of real time after
    each home is shown: in a test that lasted that long, a collection of the whole worker's heap,
    which changes nothing a test looks at and was a tenth of the Pilot tests' CPU."""
    monkeypatch.setattr(ln_tui.screens.base, "FREEZE_AFTER", 3600.0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def network_path(tmp_path: Path) -> Path:
    return tmp_path / "network.json"


@pytest.fixture
def store(network_path: Path) -> Iterator[NetworkStore]:
    """A fresh, named network file with nothing in it yet."""
    opened = NetworkStore.open(network_path)
    profile = opened.profile()
    profile.name = "Test network"
    opened.save_profile(profile)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(network_path: Path) -> Iterator[NetworkStore]:
    """The demo network, as `ln-tui demo` writes it."""
    from ln_tui.demo import build_demo

    opened = NetworkStore.open(network_path)
    build_demo(opened)
    yield opened
    opened.close()


@pytest.fixture
def make_app(clock: FakeClock) -> Callable[..., LnApp]:
    """Build the app on a store, for Pilot and snapshot tests (the clock is the fake one)."""

    def factory(store: NetworkStore, screen: str = "network", **kwargs: object) -> LnApp:
        kwargs.setdefault("clock", clock)
        # A user who has chosen their seat (the login name, as before): a second app on the same file
        # is not asked who they are (tests/test_seats.py asks with settings of its own).
        kwargs.setdefault("settings", Settings(theme="projector", language="en", seat_name=login_name()))
        app = LnApp(store, screen=screen, **kwargs)  # type: ignore[arg-type]  # the app's own keyword arguments
        record_notifications(app)
        return app

    return factory


NOTIFIED: WeakKeyDictionary[App[Any], list[str]] = WeakKeyDictionary()


TOASTS: WeakKeyDictionary[App[Any], list[tuple[str, bool]]] = WeakKeyDictionary()


def record_notifications(app: App[Any]) -> None:
    """Note each message the app shows with its public `notify` (every widget's goes through it)."""
    shown = NOTIFIED.setdefault(app, [])
    toasts = TOASTS.setdefault(app, [])
    notify = app.notify

    def noting(message: str, **kwargs: Any) -> None:
        shown.append(message)
        toasts.append((message, kwargs.get("markup", True)))  # App.notify's default: markup
        if kwargs.get("markup", True):
            shown_as_markup(message)
        notify(message, **kwargs)

    app.notify = noting  # type: ignore[method-assign]  # a recording wrapper around the public method


def shown_as_markup(message: str) -> None:
    """Fail the test whose app notifies `message` with markup on, when Textual would crash on it or
    show it styled (a member's name in it parsed as markup: issue 23 item 5)."""
    try:
        content = Content.from_markup(message)
    except MarkupError as error:
        raise AssertionError(f"notify({message!r}) crashes as markup ({error}); pass markup=False") from None
    if content.plain != message or content.spans:
        raise AssertionError(f"notify({message!r}) is shown as {content.plain!r}, styled; pass markup=False")


def notified(app: App[Any]) -> list[str]:
    """The messages the app has notified so far (apps made by `make_app`)."""
    return NOTIFIED[app]


def toast_texts(app: App[Any]) -> list[str]:
    """Each message notified so far as its toast shows it: markup only if asked for, as
    Textual's toast renders it (apps made by `make_app`)."""
    return [str(Content.from_markup(text) if markup else Content(text)) for text, markup in TOASTS[app]]


async def until(pilot: Any, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds: for work done in steps of the event loop (the
    room's writes), which a loaded machine finishes in more turns than an idle one. Bounded: a
    condition that never holds fails the test after `timeout` seconds of real time. `condition` may
    be a coroutine function (a phone asking the room's process)."""
    import inspect
    import time

    async def holds() -> object:
        result = condition()
        return await result if inspect.isawaitable(result) else result

    deadline = time.monotonic() + timeout
    while not await holds():
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s")
        await pilot.pause(0.01)
