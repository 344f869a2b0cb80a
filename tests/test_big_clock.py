"""The projector clock: digits that fill the space (measured in cells and rows), a colour band
that reads in both projector themes, a slow overtime pulse, "Paused" in words; snapshots."""

from __future__ import annotations

import copy
import functools
import itertools
from collections.abc import Callable

import pytest
from conftest import FakeClock
from textual.color import Color
from textual.content import Content
from textual.geometry import Size

from ln_tui.app import LnApp
from ln_tui.discussion.methods import INCIDENT, preset
from ln_tui.discussion.model import Case
from ln_tui.i18n import set_language
from ln_tui.screens.discussion.screen import DiscussionScreen
from ln_tui.screens.widgets.big_clock import BLOCK, BigClock, ClockFace, block_lines, fit_scale, text_pixels
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore
from ln_tui.themes import PROJECTOR_THEMES, clock_variable_defaults, contrast

AppFactory = Callable[..., LnApp]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
THEMES = [pytest.param("projector", id="dark"), pytest.param("projector-light", id="light")]
CLARIFYING_QUESTIONS = ["N", "N", "N"]  # round 4 of the incident method: 2:00 per speaker
MIN_ROWS = {(80, 24): 9, (120, 36): 15}


@pytest.fixture
def make_app(make_app: AppFactory, clock: FakeClock) -> AppFactory:
    """The app's wall clock is the fake clock too."""
    return functools.partial(make_app, wall_clock=clock)


def with_case(store: NetworkStore) -> None:
    meeting = store.current_meeting
    assert meeting is not None
    member = store.members.all()[4]
    store.repo(Case).add(
        Case(
            meeting.id,
            "Ontslag uit het ziekenhuis op vrijdagavond",
            member.id,
            "Hoe voorkom ik dat patiënten zonder zorg thuiskomen?",
            "",
            INCIDENT,
            copy.deepcopy(preset(INCIDENT).rounds),
            True,
        )
    )


class TestTheFont:
    def test_each_glyph_is_as_wide_as_it_says(self) -> None:
        for text in ("0:00", "12:34", "+0:42", "+10:05"):
            for sx, sy in ((1, 1), (3, 2), (4, 3)):
                lines = block_lines(text, sx, sy)
                assert len(lines) == 5 * sy
                assert {len(line) for line in lines} == {text_pixels(text) * sx}

    def test_the_scale_fills_the_width_and_height_it_is_given(self) -> None:
        assert fit_scale("2:00", 80, 10) == (4, 2)
        assert fit_scale("2:00", 120, 15) == (6, 3)
        assert fit_scale("2:00", 80, 30) == (4, 4), "as tall as the width allows"
        assert fit_scale("2:00", 40, 3) == (0, 0), "too small: the caller shows the time as text"

    def test_the_size_does_not_jump_when_the_time_gets_shorter_or_goes_into_overtime(self) -> None:
        assert fit_scale("10:00", 80, 20) == fit_scale("9:59", 80, 20) == fit_scale("+0:01", 80, 20)

    def test_the_digits_rows_stay_aligned(self) -> None:
        clock = BigClock()
        clock.face = ClockFace("0:45")
        lines = [line.plain for line in clock.lines(Size(120, 30))]
        sx, sy = clock.scale
        rows = block_lines("0:45", sx, sy)
        starts = {line.find(row) for line, row in zip([line for line in lines if BLOCK in line], rows, strict=True)}
        assert len(starts) == 1 and -1 not in starts

    def test_the_lines_are_measured_in_cells(self) -> None:
        clock = BigClock()
        wide = "👩‍⚕️ 陈医生 talks"  # an emoji joined with zero-width joiners, CJK
        clock.face = ClockFace("1:05", below=(Content(wide * 4),))
        for line in clock.lines(Size(40, 20)):
            assert line.cell_length == 40


class TestTheBand:
    @pytest.mark.parametrize("theme", PROJECTOR_THEMES, ids=lambda t: t.name)
    def test_the_text_on_every_band_reads_well(self, theme) -> None:
        text = Color.parse(theme.variables["clock-band-text"])
        for band in (theme.success, theme.warning, theme.error, theme.variables["clock-pulse"]):
            assert contrast(Color.parse(band), text) >= 4.5, (theme.name, band)
        paused = (Color.parse(theme.panel), Color.parse(theme.foreground))
        assert contrast(*paused) >= 7

    def test_any_other_theme_gets_readable_defaults(self) -> None:
        from textual.theme import BUILTIN_THEMES

        for theme in BUILTIN_THEMES.values():
            defaults = clock_variable_defaults(theme)
            text = Color.parse(defaults["clock-band-text"])
            assert contrast(Color.parse(theme.error or "#ff0000"), text) >= 3, theme.name

    def test_overtime_pulses_at_most_once_a_second(self) -> None:
        states = [ClockFace.pulse_at(-(t / 10)) for t in range(0, 100)]  # ten seconds, every 100 ms
        changes = [i for i in range(1, len(states)) if states[i] != states[i - 1]]
        assert len(changes) == 9 and all(b - a >= 10 for a, b in itertools.pairwise(changes))
        assert not any(ClockFace.pulse_at(r / 10) for r in range(-9, 100)), "no pulse before overtime"


class TestInTheProjectorView:
    @pytest.mark.parametrize("size", SIZES)
    async def test_the_digits_fill_the_space(
        self, demo_store: NetworkStore, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
    ) -> None:
        with_case(demo_store)
        app = make_app(demo_store, screen="discussion")
        async with app.run_test(size=size) as pilot:
            await pilot.press(*CLARIFYING_QUESTIONS, "p")
            await pilot.pause()
            clock_widget = app.screen.query_one(BigClock)
            assert clock_widget.region.width == size[0], "a full-width band"
            assert clock_widget.digit_rows >= MIN_ROWS[size]
            shown = [line.plain for line in clock_widget.lines(clock_widget.content_region.size)]
            assert sum(BLOCK in line for line in shown) == clock_widget.digit_rows
            text = "\n".join(shown)
            assert "Now: " in text and "Next: " in text and "Round 4 of" in text

    async def test_paused_says_so_in_words_in_both_languages(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        with_case(demo_store)
        app = make_app(demo_store, screen="discussion")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*CLARIFYING_QUESTIONS, "p", "space")
            await pilot.pause()
            clock_widget = app.screen.query_one(BigClock)
            assert clock_widget.has_class("-paused")
            assert "Paused" in str(clock_widget.render())
            set_language("nl")
            try:
                assert "Gepauzeerd" in str(clock_widget.render())
            finally:
                set_language("en")

    async def test_overtime_shows_the_time_over_and_pulses_by_the_second(
        self, demo_store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        with_case(demo_store)
        app = make_app(demo_store, screen="discussion")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*CLARIFYING_QUESTIONS, "p")
            clock.advance(120 + 42.5)
            screen = app.screen
            assert isinstance(screen, DiscussionScreen)
            screen.tick()
            clock_widget = app.screen.query_one(BigClock)
            assert clock_widget.face.time == "+0:42" and clock_widget.has_class("-overtime")
            assert not clock_widget.has_class("-pulse")
            clock.advance(1)
            screen.tick()
            assert clock_widget.face.time == "+0:43" and clock_widget.has_class("-pulse")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("phase", "seconds", "keys"),
    [
        pytest.param("green", 30, (), id="green"),
        pytest.param("amber", 100, (), id="amber"),
        pytest.param("red", 120.2, (), id="red"),
        pytest.param("overtime", 162.5, (), id="overtime"),
        pytest.param("paused", 30, ("space",), id="paused"),
    ],
)
def test_snapshot_big_clock(
    snap_compare,
    demo_store: NetworkStore,
    make_app: AppFactory,
    clock: FakeClock,
    size: tuple[int, int],
    theme: str,
    phase: str,
    seconds: float,
    keys: tuple[str, ...],
) -> None:
    with_case(demo_store)
    app = make_app(demo_store, screen="discussion", settings=Settings(theme=theme, language="en"))

    async def run_before(pilot) -> None:
        await pilot.press(*CLARIFYING_QUESTIONS, "p")
        clock.advance(seconds)
        pilot.app.screen.tick()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
