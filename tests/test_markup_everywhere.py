"""Issue 23 item 5: a member's name is never markup, in any toast or markup-enabled widget.

Two guards, so that the next one cannot slip through:
- every `notify` of the app (tests/conftest.py `record_notifications`) is rendered as Textual would
  render it, and a message that crashes or comes out styled fails the test that made it;
- the source is scanned: a `notify` whose message is built from parts (format, f-string, +) must say
  `markup=False`; a constant one must read the same as markup in English and in Dutch;
  `Content.from_markup` takes only a constant template (names go in as `$name`); a string built from
  parts never goes into a markup-enabled widget (`Static`, `Label`, `Button`, `Option`, `update`...).
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock, notified
from test_discussion_screen import meeting_with_case
from textual.content import Content
from textual.markup import MarkupError

from ln_tui.app import LnApp
from ln_tui.discussion.model import RoundSpec, Speakers, TimeBox
from ln_tui.i18n import _, set_language
from ln_tui.store import NetworkStore

ROOT = Path(__file__).resolve().parent.parent / "ln_tui"
HOSTILE = ("[reverse]Rev1[/reverse] X", "Ann [/] Peeters", "[@click=app.quit]Cas[/]")
ADVICE = RoundSpec("Advice", 90, TimeBox.PER_SPEAKER, Speakers.EVERYONE)
MARKUP_WIDGETS = {"Static", "Label", "Button", "Option", "update", "Checkbox", "RadioButton", "Switch", "Tab"}
MARKUP_WIDGETS |= {"ListItem", "add_row", "add_option", "Toast", "Selection"}


def sources() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield f"{path.relative_to(ROOT.parent)}:{node.lineno}", node


def called(node: ast.expr) -> str:
    """The name a call calls ("" for no call)."""
    if not isinstance(node, ast.Call):
        return ""
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def constant(node: ast.expr) -> str | None:
    """The English text of a constant message: a literal, or `_()` of one; None for anything built."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if called(node) in ("_", "N_") and isinstance(node, ast.Call) and len(node.args) == 1:
        return constant(node.args[0]) if isinstance(node.args[0], ast.Constant) else ""
    return None


def built(node: ast.expr) -> bool:
    """A str built from parts (user text may be among them); `Content(...).join` is no str."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod)):
        return True
    if isinstance(node, ast.Call) and called(node) in ("format", "join") and isinstance(node.func, ast.Attribute):
        receiver = node.func.value
        return not (isinstance(receiver, ast.Call) and called(receiver) == "Content")
    return False


def markup_off(node: ast.Call) -> bool:
    return any(
        k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False for k in node.keywords
    )


def keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in node.keywords if k.arg == name), None)


def test_every_notify_that_builds_its_message_shows_it_literally() -> None:
    wrong = []
    for where, node in sources():
        if called(node) != "notify" or not isinstance(node.func, ast.Attribute):
            continue
        if isinstance(node.func.value, ast.Call) and called(node.func.value) == "super":
            continue  # LnApp.notify passes its caller's message and markup choice on: the callers are checked
        message = node.args[0] if node.args else keyword(node, "message")
        if message is not None and constant(message) is None and not markup_off(node):
            wrong.append(f"{where}: notify({ast.unparse(message)[:70]}) needs markup=False")
        title = keyword(node, "title")
        if title is not None and constant(title) is None:
            wrong.append(f"{where}: a notify title is markup; make it constant")
    assert wrong == []


def test_every_constant_toast_reads_the_same_as_markup_in_each_language() -> None:
    messages = {
        text
        for _where, node in sources()
        if called(node) == "notify" and isinstance(node.func, ast.Attribute) and not markup_off(node)
        for text in [constant(node.args[0] if node.args else keyword(node, "message") or ast.Constant(""))]
        if text
    }
    assert len(messages) > 20
    wrong = []
    for language in ("en", "nl"):
        set_language(language)
        for message in sorted(messages):
            shown = _(message)
            if Content.from_markup(shown).plain != shown:
                wrong.append(f"{language}: {shown!r}")
    set_language("en")
    assert wrong == []


def test_markup_templates_are_constant_and_no_built_string_goes_into_a_markup_widget() -> None:
    wrong = []
    for where, node in sources():
        name = called(node)
        if name == "from_markup" and node.args:
            template = node.args[0]
            translated_attribute = called(template) == "_" and isinstance(template, ast.Call) and not built(template)
            if constant(template) is None and not translated_attribute:
                wrong.append(f"{where}: from_markup({ast.unparse(template)[:60]}): names go in as $name")
        if name in MARKUP_WIDGETS and not markup_off(node):
            wrong += [f"{where}: {name}({ast.unparse(a)[:60]})" for a in node.args if built(a)]
    assert wrong == []


def test_the_guards_find_what_they_guard_against() -> None:
    """The scan and the notify check each catch the undo toast as it was (issue 23 item 5)."""
    toast = ast.parse('self.notify(_("Taken back: {name}.").format(name=n), timeout=3)').body[0]
    assert isinstance(toast, ast.Expr) and isinstance(toast.value, ast.Call)
    assert constant(toast.value.args[0]) is None and not markup_off(toast.value)
    with pytest.raises(MarkupError):
        Content.from_markup("Taken back: Ann [/] Peeters has the floor again.")
    assert Content.from_markup("[reverse]Rev1[/reverse] X").plain != "[reverse]Rev1[/reverse] X"


@pytest.fixture
def make_app(make_app: Callable[..., LnApp], clock: FakeClock) -> Callable[..., LnApp]:
    """The app's wall clock is the fake clock too."""
    return functools.partial(make_app, wall_clock=clock)


@pytest.mark.parametrize("name", HOSTILE)
async def test_the_discussion_s_toasts_show_a_hostile_name_as_typed(
    name: str, store: NetworkStore, make_app: Callable[..., LnApp]
) -> None:
    meeting_with_case(store, ADVICE, names=(name, "Bart", "Claire"))
    app = make_app(store, screen="discussion")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "u")  # next speaker, taken back: the toast names who has the floor again
        await pilot.pause()
        assert f"Taken back: {name} has the floor again." in notified(app)
        app.screen.query_one("#order-list").focus()  # as tests/test_discussion_screen.py reaches it
        await pilot.press("home", "delete")  # out of the speaking order
        await pilot.pause()
        assert f"{name} left the speaking order." in notified(app)
        assert app.is_running, "the name started no action"
