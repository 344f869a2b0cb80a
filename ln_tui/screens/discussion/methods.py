"""The methods: presets to read and copy, custom methods to add, edit and remove.

A custom method is saved with the network; the editor refuses a method without
rounds or with a round of no time, and says why.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ln_tui.discussion.countdown import format_duration
from ln_tui.discussion.desk import MethodShelf
from ln_tui.discussion.methods import PRESETS, method_problems, shown
from ln_tui.discussion.model import Method, RoundSpec
from ln_tui.i18n import N_, _, ngettext
from ln_tui.markdown_safe import visible_controls
from ln_tui.screens.base import LnModal
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.discussion.forms import RoundForm
from ln_tui.screens.widgets.key_bar import KeyBar


class MethodsDialog(LnModal[None]):
    """Every method: the presets, then the network's own ones."""

    CSS_PATH = Path(__file__).parent / "discussion.tcss"
    BINDINGS: ClassVar = [
        Binding("a", "add", N_("New method"), id="methods.add"),
        Binding("c", "copy", N_("Copy"), id="methods.copy"),
        Binding("e", "edit", N_("Edit"), id="methods.edit"),
        Binding("d,delete", "remove", N_("Remove"), id="methods.remove"),
        Binding("escape", "close", N_("Close"), id="methods.close"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.methods: list[Method] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box methods-box"):
            yield Label(Content(_("Methods")), classes="dialog-title")
            yield OptionList(id="method-list")
            yield Static(id="method-rounds")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, highlight: int = 0) -> None:
        self.methods = [copy.deepcopy(m) for m in PRESETS] + MethodShelf(self.app.store).own()
        methods = self.query_one(OptionList)
        methods.clear_options()
        for method in self.methods:
            tag = _("preset") if method.preset else _("own method")
            methods.add_option(Option(Content(f"{visible_controls(shown(method.name, method.preset))} ({tag})")))
        methods.highlighted = min(highlight, len(self.methods) - 1)
        methods.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        method = self.methods[event.option_index]
        lines = [visible_controls(shown(method.description, method.preset))] if method.description else []
        lines += [round_line(n, spec, method.preset) for n, spec in enumerate(method.rounds, 1)]
        self.query_one("#method-rounds", Static).update(Content("\n".join(lines)))

    def highlighted(self) -> Method:
        return self.methods[self.query_one(OptionList).highlighted or 0]

    def taken_names(self, but: Method | None = None) -> set[str]:
        return {shown(m.name, m.preset) for m in self.methods if m is not but} | {m.name for m in PRESETS}

    def action_add(self) -> None:
        self.edit(Method(""), new=True)

    def action_copy(self) -> None:
        original = self.highlighted()
        method = Method(
            _("{name} (own version)").format(name=shown(original.name, original.preset)),
            [
                RoundSpec(
                    **{
                        **vars(r),
                        "name": shown(r.name, original.preset),
                        "instruction": shown(r.instruction, original.preset),
                    }
                )
                for r in original.rounds
            ],
            shown(original.description, original.preset),
        )
        self.edit(method, new=True)

    def action_edit(self) -> None:
        method = self.highlighted()
        if method.preset:
            self.notify(_("A preset cannot be changed: press c to make your own copy."), severity="warning")
            return
        self.edit(method, new=False)

    def edit(self, method: Method, *, new: bool) -> None:
        def save(result: Method | None) -> None:
            if result is None:
                return
            place = MethodShelf(self.app.store).save(result, new=new)
            self.notify(_("Method saved."))
            self.reload(place + len(PRESETS))

        self.app.push_screen(MethodEditor(copy.deepcopy(method), self.taken_names(but=method)), save)

    def action_remove(self) -> None:
        method = self.highlighted()
        if method.preset:
            self.notify(_("A preset cannot be removed."), severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes and method.id is not None:
                MethodShelf(self.app.store).remove(method.id)
                self.reload()

        self.app.push_screen(
            ConfirmDialog(
                _("Remove the method {name}?").format(name=method.name), _("Cases that used it keep their rounds.")
            ),
            answer,
        )

    def action_close(self) -> None:
        self.dismiss(None)


def round_line(number: int, spec: RoundSpec, preset: bool) -> str:
    line = _("{number}. {name} — {time} {box}, {who}").format(
        number=number,
        name=visible_controls(shown(spec.name, preset)),
        time=format_duration(spec.seconds),
        box=_(spec.time_box.label),
        who=_(spec.speakers.label),
    )
    if spec.question_cap:
        line += " · " + ngettext("at most {n} question each", "at most {n} questions each", spec.question_cap).format(
            n=spec.question_cap
        )
    if spec.bringer is not None:
        line += " · " + _("the case-bringer {does}").format(does=_(spec.bringer.label))
    if spec.written:
        line += " · " + _("written in silence first")
    return line


class RoundsTable(DataTable[Text]):
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_round", N_("Add round"), id="method-editor.add"),
        Binding("e,enter", "screen.edit_round", N_("Edit round"), id="method-editor.edit"),
        Binding("d,delete", "screen.remove_round", N_("Remove round"), id="method-editor.remove"),
        Binding("left_square_bracket", "screen.move_round(-1)", N_("Round earlier"), id="method-editor.earlier"),
        Binding("right_square_bracket", "screen.move_round(1)", N_("Round later"), id="method-editor.later"),
    ]


class MethodEditor(LnModal[Method]):
    """A custom method: its name and its rounds. ctrl+s (or Enter in the name) saves; Escape asks
    before throwing changes away."""

    CSS_PATH = Path(__file__).parent / "discussion.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save_form", N_("Save method"), id="method-editor.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="method-editor.cancel"),
    ]

    def __init__(self, method: Method, taken_names: set[str]) -> None:
        super().__init__(classes="dialog")
        self.method, self.taken = method, taken_names
        self.as_opened = copy.deepcopy(method)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box editor-box"):
            yield Label(Content(_("Method")), classes="dialog-title")
            yield Input(self.method.name, placeholder=_("Name of the method"), id="method-name")
            yield RoundsTable(id="method-rounds-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="method-problems", classes="dialog-error")
            yield Label(
                Content(_("Tab to the rounds: a add, e edit, d remove, [ ] move; ctrl+s save, Escape cancel")),
                classes="dialog-keys",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(RoundsTable)
        table.add_columns(
            _("Round"), _("Time"), _("Time box"), _("Who speaks"), _("Case-bringer"), _("Cap"), _("Instruction")
        )
        self.show_rounds()
        self.query_one("#method-name").focus()

    def show_rounds(self, cursor: int | None = None) -> None:
        table = self.query_one(RoundsTable)
        table.clear()
        for spec in self.method.rounds:
            table.add_row(
                Text(visible_controls(spec.name)),
                Text(format_duration(spec.seconds)),
                Text(_(spec.time_box.label)),
                Text(_(spec.speakers.label)),
                Text(_(spec.bringer.label) if spec.bringer is not None else "–"),
                Text(str(spec.question_cap or "")),
                Text(visible_controls(spec.instruction)),
            )
        if cursor is not None and self.method.rounds:
            table.move_cursor(row=max(0, min(cursor, len(self.method.rounds) - 1)))

    def current_round(self) -> int | None:
        table = self.query_one(RoundsTable)
        return table.cursor_row if self.method.rounds else None

    def action_add_round(self) -> None:
        def add(spec: RoundSpec | None) -> None:
            if spec is not None:
                self.method.rounds.append(spec)
                self.show_rounds(len(self.method.rounds) - 1)

        self.app.push_screen(RoundForm(RoundSpec("", 120), new=True), add)

    def action_edit_round(self) -> None:
        index = self.current_round()
        if index is None:
            self.action_add_round()
            return

        def replace(spec: RoundSpec | None) -> None:
            if spec is not None:
                self.method.rounds[index] = spec
                self.show_rounds(index)

        self.app.push_screen(RoundForm(copy.deepcopy(self.method.rounds[index])), replace)

    def action_remove_round(self) -> None:
        index = self.current_round()
        if index is not None:
            del self.method.rounds[index]
            self.show_rounds(index)

    def action_move_round(self, steps: int) -> None:
        index = self.current_round()
        if index is None:
            return
        target = max(0, min(len(self.method.rounds) - 1, index + steps))
        self.method.rounds.insert(target, self.method.rounds.pop(index))
        self.show_rounds(target)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save_form()

    def action_save_form(self) -> None:
        self.method.name = self.query_one("#method-name", Input).value.strip()
        problems = method_problems(self.method, self.taken)
        self.query_one("#method-problems", Static).update(Content("\n".join(problems)))
        if not problems:
            self.dismiss(self.method)

    def unsaved_text(self) -> str:
        """The method's name (or … without one) when anything changed since the editor opened."""
        now = replace(self.method, name=self.query_one("#method-name", Input).value.strip())
        return "" if now == self.as_opened else now.name or "…"

    def action_cancel(self) -> None:
        if not self.unsaved_text():
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmDialog(_("Throw away the changes to this method?")),
            self.discard_if,
        )

    def discard_if(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)
