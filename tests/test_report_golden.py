"""Golden files of the demo network's report and closing minutes, in Markdown and HTML.

Other steps still add sections and demo data; after a deliberate change, regenerate with
    LN_TUI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_golden.py
and read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from ln_tui.model import MeetingKind
from ln_tui.report import minutes_markdown, to_html
from ln_tui.store import NetworkStore

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("LN_TUI_UPDATE_GOLDEN") == "1"


class AfterTheArc(datetime.date):
    """'Today' for the report: after the demo's last meeting, whatever the real date is."""

    @classmethod
    def today(cls) -> AfterTheArc:
        return cls(2026, 6, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    import ln_tui.network.report

    monkeypatch.setattr(ln_tui.network.report, "date", AfterTheArc, raising=False)


def report(store: NetworkStore, kind: str) -> tuple[str, str]:
    """(Markdown, HTML) of the whole network ("network") or of the closing meeting ("closing")."""
    meeting = None if kind == "network" else next(m for m in store.meetings.all() if m.kind is MeetingKind.CLOSING)
    markdown = minutes_markdown(store, meeting)
    return markdown, to_html(markdown, store.profile().name)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"No golden file {path}; make it with LN_TUI_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; regenerate with LN_TUI_UPDATE_GOLDEN=1 if the change is meant"
    )


@pytest.mark.parametrize("kind", ["network", "closing"])
def test_the_demo_report_matches_its_golden_files(demo_store: NetworkStore, kind: str) -> None:
    markdown, html = report(demo_store, kind)
    check_golden(f"demo-{kind}.md", markdown)
    check_golden(f"demo-{kind}.html", html)


def test_the_report_is_the_same_every_time(demo_store: NetworkStore, tmp_path: Path) -> None:
    from ln_tui.demo import build_demo

    other = NetworkStore.open(tmp_path / "other.json")
    try:
        build_demo(other)
        assert report(demo_store, "network") == report(other, "network")
    finally:
        other.close()
