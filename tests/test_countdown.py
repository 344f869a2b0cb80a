"""The countdown as a pure state machine over an injected clock: no test sleeps."""

from __future__ import annotations

import pytest
from conftest import FakeClock

from ln_tui.discussion.countdown import (
    Countdown,
    Phase,
    Thresholds,
    format_duration,
    format_time,
    parse_duration,
)


def test_time_left_is_the_deadline_minus_now(clock: FakeClock) -> None:
    countdown = Countdown(clock, 120, running=True)
    clock.advance(45.25)
    assert countdown.remaining() == pytest.approx(74.75)
    assert countdown.spoken() == pytest.approx(45.25)
    assert countdown.deadline() == pytest.approx(1000 + 120)


def test_a_paused_countdown_keeps_its_time_and_resumes_from_it(clock: FakeClock) -> None:
    countdown = Countdown(clock, 60, running=True)
    clock.advance(10)
    countdown.pause()
    clock.advance(500)
    assert countdown.remaining() == pytest.approx(50) and not countdown.running
    countdown.resume()
    clock.advance(5)
    assert countdown.remaining() == pytest.approx(45)
    assert countdown.spoken() == pytest.approx(15)


def test_toggle_pauses_and_resumes(clock: FakeClock) -> None:
    countdown = Countdown(clock, 60)
    countdown.toggle()
    assert countdown.running
    countdown.toggle()
    assert not countdown.running


def test_extend_adds_a_minute_to_the_time_left(clock: FakeClock) -> None:
    countdown = Countdown(clock, 60, running=True)
    clock.advance(50)
    countdown.extend()
    assert countdown.remaining() == pytest.approx(70)
    assert countdown.duration == 120


def test_overtime_counts_up_after_zero(clock: FakeClock) -> None:
    countdown = Countdown(clock, 30, running=True)
    clock.advance(72)
    assert countdown.remaining() == pytest.approx(-42)
    assert format_time(countdown.remaining()) == "+0:42"
    assert countdown.phase(Thresholds()) is Phase.OVERTIME
    assert countdown.fraction_left() == 0.0


def test_restart_gives_the_full_time_again(clock: FakeClock) -> None:
    countdown = Countdown(clock, 90, running=True)
    clock.advance(80)
    countdown.extend()
    countdown.restart(90)
    assert countdown.remaining() == pytest.approx(90) and countdown.running
    clock.advance(1)
    assert countdown.spoken() == pytest.approx(1)


def test_phases_follow_the_thresholds(clock: FakeClock) -> None:
    countdown = Countdown(clock, 100, running=True)
    thresholds = Thresholds(amber_at=30, red_at=10)
    seen = []
    for step in (0, 69.9, 0.2, 20, 10, 1.0):
        clock.advance(step)
        seen.append(countdown.phase(thresholds))
    assert seen == [Phase.GREEN, Phase.GREEN, Phase.AMBER, Phase.RED, Phase.RED, Phase.OVERTIME]


def test_red_at_zero_by_default_then_overtime(clock: FakeClock) -> None:
    countdown = Countdown(clock, 40, running=True)
    clock.advance(39.5)
    assert countdown.phase(Thresholds()) is Phase.AMBER
    clock.advance(0.5)
    assert countdown.phase(Thresholds()) is Phase.RED and format_time(countdown.remaining()) == "0:00"
    clock.advance(1)
    assert countdown.phase(Thresholds()) is Phase.OVERTIME and format_time(countdown.remaining()) == "+0:01"


def test_thresholds_are_checked() -> None:
    assert Thresholds(30, 0).problems() == []
    assert Thresholds(10, 20).problems()
    assert Thresholds(-1, 0).problems()


def test_a_running_turn_survives_a_restart_of_the_app(clock: FakeClock) -> None:
    wall = 1_700_000_000.0
    countdown = Countdown(clock, 120, running=True)
    clock.advance(30)
    saved = countdown.saved(wall_now=wall)
    # The app is down for 20 s; the new process has a monotonic clock with another origin.
    other = FakeClock(start=5.0)
    restored = Countdown.restored(saved, other, wall_now=wall + 20)
    assert restored.running
    assert restored.remaining() == pytest.approx(70)
    other.advance(10)
    assert restored.remaining() == pytest.approx(60)


def test_a_paused_turn_restores_with_the_same_time_left(clock: FakeClock) -> None:
    countdown = Countdown(clock, 120, running=True)
    clock.advance(30)
    countdown.pause()
    restored = Countdown.restored(countdown.saved(wall_now=10.0), FakeClock(0), wall_now=9999.0)
    assert not restored.running and restored.remaining() == pytest.approx(90)


def test_a_clock_set_back_never_gives_time_back(clock: FakeClock) -> None:
    countdown = Countdown(clock, 60, running=True)
    clock.advance(10)
    restored = Countdown.restored(countdown.saved(wall_now=100.0), FakeClock(), wall_now=50.0)
    assert restored.remaining() == pytest.approx(50)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(125, "2:05"), (59.2, "1:00"), (0.4, "0:01"), (0, "0:00"), (-0.5, "0:00"), (-42.9, "+0:42"), (-61, "+1:01")],
)
def test_the_time_as_the_room_reads_it(seconds: float, shown: str) -> None:
    assert format_time(seconds) == shown


def test_durations_are_written_and_read() -> None:
    assert format_duration(90) == "1:30"
    assert format_duration(3725) == "1:02:05"
    assert parse_duration("2") == 120
    assert parse_duration("1:30") == 90
    assert parse_duration("45s") == 45
    assert parse_duration("1,5") == 90
    assert parse_duration("1:75") is None
    assert parse_duration("soon") is None
