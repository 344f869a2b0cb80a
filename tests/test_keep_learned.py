"""At the close, "keep only what the network learned" (issue 26 item 4): every member's name and
e-mail, the cases, turns and notes go, in the file and its kept states; the harvest and the
anonymous summary stay, with the same figures; the app still opens every home."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import notified

from ln_tui.agenda.closing import harvest, save_harvest
from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.model import Case, Turn
from ln_tui.evaluation.pulse import Pulse, pulse_trend
from ln_tui.evaluation.summary import meeting_summary, meetings_in_order
from ln_tui.homes import HOMES
from ln_tui.roster.personal import keep_only_learned
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.store import NetworkStore
from ln_tui.store.network import backup_path

AppFactory = Callable[..., LnApp]
TODAY = "2026-12-07"


def personal_texts(store: NetworkStore) -> list[str]:
    """Names, e-mail addresses and the texts of cases and notes the demo holds."""
    texts = [t for m in store.members.all() for t in (m.name, m.email) if t]
    texts += [c.title for c in store.repo(Case).all()] + [c.context for c in store.repo(Case).all() if c.context]
    texts += [n.text for n in store.notes.all()]
    return texts


def figures(store: NetworkStore) -> list[tuple[object, ...]]:
    """What the summaries show: counts and averages of each evaluated meeting, and the pulse."""
    out: list[tuple[object, ...]] = []
    for meeting in meetings_in_order(store):
        summary = meeting_summary(store, meeting)
        out.append(
            (
                meeting.id,
                summary.counted,
                tuple(r.answers for r in summary.questions),
                summary.recommend.score,
                tuple(r.answers for r in summary.learning_forms),
                summary.open_answers,
                tuple(e.verdict for e in summary.expectations),
            )
        )
    out += [(p.meeting.id, p.answered, p.statements) for p in pulse_trend(store)]
    return out


@pytest.fixture
def closed_demo(demo_store: NetworkStore) -> NetworkStore:
    record = harvest(demo_store)
    save_harvest(demo_store, dataclasses.replace(record, closed=True))
    pulse = Pulse(demo_store)
    for say in (4, 5, 3):
        pulse.add(demo_store.current_meeting.id if demo_store.current_meeting else None, {"say": say})
    return demo_store


def test_personal_data_goes_what_was_learned_stays(
    closed_demo: NetworkStore, network_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = closed_demo
    private = personal_texts(store)
    assert len(private) > 20
    before = figures(store)
    insights = harvest(store).insights
    backup_path(network_path, 1).write_bytes(network_path.read_bytes())
    meetings = len(store.meetings.all())

    result = keep_only_learned(store, TODAY)

    payload = network_path.read_text()
    leaks = [text for text in private if text in payload]
    assert leaks == []
    assert store.members.all() == [] and store.repo(Case).all() == [] and store.repo(Turn).all() == []
    assert store.notes.all() == []
    assert harvest(store).insights == insights and harvest(store).closed
    assert figures(store) == before, "the anonymous summary and the pulse are the same"
    assert len(store.meetings.all()) == meetings
    assert all(sum(m.former_attendance.values()) for m in store.meetings.all() if m.date <= TODAY)
    assert result.removed["members"] == 10 and result.removed["cases"]
    assert [p.name for p in result.kept_states.rewritten] == ["network.json.bak.1"]
    kept = backup_path(network_path, 1).read_text()
    assert [text for text in private if text in kept] == []
    store.close()
    assert main(["check", str(network_path)]) == 0
    capsys.readouterr()


async def test_on_the_agenda_home_only_after_the_close_and_after_asking(
    demo_store: NetworkStore, make_app: AppFactory
) -> None:
    app = make_app(demo_store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("K")
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("Close the network first" in m for m in notified(app))
        save_harvest(demo_store, dataclasses.replace(harvest(demo_store), closed=True))
        await pilot.press("K")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "10 members (names, e-mail addresses), " in dialog.detail and "cases" in dialog.detail
        await pilot.press("n")
        assert len(demo_store.members.all()) == 10, "n keeps everything"
        await pilot.press("K", "y")
        await pilot.pause()
        assert demo_store.members.all() == []
        assert any("Only what the network learned is kept." in m for m in notified(app))
        for home in HOMES.values():
            await pilot.press(home.key)
            await pilot.pause()
        await pilot.press("f6", "s")
        await pilot.pause()
    assert app.return_code in (None, 0)
