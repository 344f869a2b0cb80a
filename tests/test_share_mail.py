"""Back to the organisations: a meeting's minutes "to share" as an e-mail draft (.eml) beside the
network file, from the command line and from the Minutes home; ln-tui sends nothing. Each draft is
read back with Python's `email` package."""

from __future__ import annotations

import datetime
import email
import email.policy
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

import pytest
from conftest import notified
from test_sharing import plain, what_must_stay

from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.model import Case
from ln_tui.minutes.mail import minutes_draft
from ln_tui.model import Audience, Meeting, Member
from ln_tui.report import minutes_markdown
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]


def parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage) and not message.defects
    return message


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def second_meeting(store: NetworkStore) -> Meeting:
    """The demo's meeting with cases, turn notes and notes for the group only."""
    return sorted(store.meetings.all(), key=lambda m: m.date)[1]


def with_odd_members(store: NetworkStore) -> None:
    store.members.add_many(
        [
            Member("Nora Zonder Adres"),
            Member("Wim Fout", email="wim at nowhere"),
            Member('Eva "E\nV" [b]Lint', email="eva.lint@example.be"),
        ]
    )


class TestTheDraft:
    def test_bcc_holds_every_member_with_an_address_and_no_one_else(self, demo_store: NetworkStore) -> None:
        with_odd_members(demo_store)
        meeting = second_meeting(demo_store)
        draft = minutes_draft(demo_store, meeting, datetime.datetime(2026, 3, 3, 17, 0))
        message = parsed(draft.data)
        bcc = {address for _name, address in getaddresses(message.get_all("Bcc", []))}
        usable = {m.email for m in demo_store.members.all() if m.email and m.email != "wim at nowhere"}
        assert bcc == usable and len(bcc) == 11
        assert message["To"] is None and message["Cc"] is None and message["From"] is None
        assert message["X-Unsent"] == "1"
        assert "Nora Zonder Adres" in draft.without_address
        assert draft.unusable == ["Wim Fout <wim at nowhere>"]
        assert any("Nora Zonder Adres" in line for line in draft.warnings())
        assert demo_store.profile().name in message["Subject"] and meeting.date in message["Subject"]
        assert "\n" not in message["Subject"]

    def test_the_minutes_as_text_and_html_and_nothing_that_stays_in_the_group(self, demo_store: NetworkStore) -> None:
        meeting = second_meeting(demo_store)
        message = parsed(minutes_draft(demo_store, meeting).data)
        assert message.get_content_type() == "multipart/alternative"
        bodies = parts(message)
        shared = minutes_markdown(demo_store, meeting, Audience.SHARE)
        assert bodies["text/plain"].replace("\r\n", "\n") == shared
        assert "<html" in bodies["text/html"] and "Minutes to share" in bodies["text/html"]
        text = plain("\n".join(bodies.values()))
        secrets = what_must_stay(demo_store)
        secrets.pop("e-mail address")  # the Bcc holds them, never the body
        secrets["case question"] = [c.question for c in demo_store.repo(Case).all() if c.question.strip()]
        assert secrets["turn note"] and secrets["case text"]
        for kind, texts in secrets.items():
            for secret in texts:
                assert plain(secret) not in text, f"{kind} left the group: {secret!r}"
        for member in demo_store.members.all():
            assert member.email not in "\n".join(bodies.values())

    def test_a_network_where_nobody_has_an_address_still_gets_a_draft(self, store: NetworkStore) -> None:
        store.members.add(Member("Ann Peeters"))
        (meeting,) = store.meetings.add_many([Meeting("2026-01-20")])
        draft = minutes_draft(store, meeting)
        assert parsed(draft.data)["Bcc"] is None
        assert "nobody in Bcc" in draft.warnings()[0]


class TestTheCommandLine:
    def test_export_for_share_eml_writes_a_draft(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        network, out = tmp_path / "net.json", tmp_path / "minutes.eml"
        assert main(["demo", str(network), "--no-open", "--lang=en"]) == 0
        capsys.readouterr()
        code = main(["export", str(network), "--for", "share", "--eml", "--meeting", "2", "-o", str(out)])
        assert code == 0, capsys.readouterr().err
        with NetworkStore.open(network, read_only=True) as store:
            message = parsed(out.read_bytes())
            assert {a for _n, a in getaddresses(message.get_all("Bcc", []))} == {m.email for m in store.members.all()}
            assert parts(message)["text/plain"].replace("\r\n", "\n") == minutes_markdown(
                store, second_meeting(store), Audience.SHARE
            )

    @pytest.mark.parametrize(
        ("extra", "said"),
        [
            ([], "--for share"),
            (["--for", "group"], "--for share"),
            (["--for", "share", "--format", "html"], "--format"),
            (["--for", "share", "--meeting", "9"], "no meeting 9"),
        ],
    )
    def test_refusals_say_why_and_write_nothing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], said: str
    ) -> None:
        network, out = tmp_path / "net.json", tmp_path / "minutes.eml"
        assert main(["demo", str(network), "--no-open", "--lang=en"]) == 0
        capsys.readouterr()
        before = network.read_bytes()
        assert main(["export", str(network), "--eml", *extra, "-o", str(out), "--lang=en"]) == 2
        assert said in capsys.readouterr().err
        assert not out.exists() and network.read_bytes() == before

    def test_never_over_the_network_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        network = tmp_path / "net.json"
        assert main(["demo", str(network), "--no-open", "--lang=en"]) == 0
        before = network.read_bytes()
        assert main(["export", str(network), "--for", "share", "--eml", "-o", str(network), "--lang=en"]) == 2
        assert network.read_bytes() == before


async def test_the_minutes_home_writes_the_draft_after_the_question(
    demo_store: NetworkStore, make_app: AppFactory
) -> None:
    app = make_app(demo_store, screen="minutes")
    second = second_meeting(demo_store)
    target = demo_store.path.with_name("network-minutes-2-to-share.eml")
    async with app.run_test(size=(80, 24)) as pilot:
        while app.screen.meeting.id != second.id:  # type: ignore[attr-defined]
            await pilot.press("right_square_bracket")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("e")  # not a key of the first question: nothing is written
        await pilot.pause()
        assert not target.exists()
        await pilot.press("s")
        await pilot.pause()
        assert "will leave the group" in " ".join(str(label.render()) for label in app.screen.query("Label"))
        await pilot.press("e")
        await pilot.pause()
    message = parsed(target.read_bytes())
    assert {a for _n, a in getaddresses(message.get_all("Bcc", []))} == {m.email for m in demo_store.members.all()}
    assert any(str(target) in m and "Nothing was sent" in m for m in notified(app))
