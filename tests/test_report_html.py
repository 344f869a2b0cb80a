"""Hostile text through the whole path into the HTML report: escaped, inert, and all there."""

from __future__ import annotations

import re
from pathlib import Path

from ln_tui.cli import main
from ln_tui.discussion.model import Case
from ln_tui.evaluation.model import Evaluation, ExpectationReview, Verdict
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.report import minutes_markdown, to_html
from ln_tui.store import NetworkStore

LONG = "long" * 2_500  # 10,000 characters
HOSTILE = (
    "<script>alert(1)</script> [@click=app.quit]x[/] [link](javascript:alert(1)) "
    "[file](file:///etc/passwd) <img src=x onerror=alert(1)> \x1b[31m\x07\u202e| a | b |\n" + LONG
)


def hostile_network(store: NetworkStore) -> None:
    kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF, title=HOSTILE[:60]))
    closing = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
    member = store.members.add(Member("<b>Mallory</b> [@click=app.quit]x[/]"))
    item = store.repo(BoardItem).add(BoardItem(kickoff.id, BoardColumn.EXPECTATIONS, HOSTILE, member.id))
    store.repo(ExpectationReview).add(ExpectationReview(item.id or 0, closing.id, Verdict.MET, HOSTILE))
    store.repo(Case).add(Case(kickoff.id, "case", member.id, method_name="<script>m</script>"))
    answers = {"went_well": HOSTILE, "improve": HOSTILE, "suggestions": HOSTILE}
    store.repo(Evaluation).add_many(
        [
            Evaluation(
                closing.id,
                member.id,
                draft=False,
                ratings={"relevance": 4},
                learning_forms={"method:<script>m</script>": 5},
                recommend=9,
                answers=answers,
            ),
            Evaluation(closing.id, None, anonymous=True, draft=False, ratings={"relevance": 2}, answers=answers),
        ]
    )


def assert_inert(page: str) -> None:
    body = page[page.index("<body>") :]
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert not re.search(r"href=\"\s*(javascript|file):", page, re.IGNORECASE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "[@click=app.quit]x[/]" in body
    assert "\x1b" not in page and "\x07" not in page and "\u202e" not in page
    assert "\\x1b" in body  # control characters made visible, not dropped silently
    assert LONG in body


def test_hostile_text_is_escaped_in_the_html_report(store: NetworkStore) -> None:
    hostile_network(store)
    assert_inert(to_html(minutes_markdown(store, None), HOSTILE))
    closing = next(m for m in store.meetings.all() if m.kind is MeetingKind.CLOSING)
    assert_inert(to_html(minutes_markdown(store, closing), "minutes"))


def test_the_title_is_escaped_and_the_page_loads_nothing(store: NetworkStore) -> None:
    page = to_html("# x", "</title><script>x</script>")
    assert "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>" in page
    assert "default-src 'none'" in page
    assert not re.search(r"<(link|script|img|iframe)\b", page)


def test_export_html_from_the_command_line(store: NetworkStore, network_path: Path, tmp_path: Path) -> None:
    hostile_network(store)
    store.close()
    out = tmp_path / "report.html"
    assert main(["export", str(network_path), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert_inert(page)
    assert "@media print" in page and "Evaluation" in page
