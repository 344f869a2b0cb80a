"""The discussion's forms: a case, a round of a method, the amber/red thresholds, external input."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, TextArea

from ln_tui.discussion.countdown import Thresholds, format_duration, parse_duration
from ln_tui.discussion.methods import PRESETS, shown
from ln_tui.discussion.model import BringerPart, Case, ExternalInput, InputKind, Method, RoundSpec, Speakers, TimeBox
from ln_tui.i18n import _
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Member
from ln_tui.screens.forms import FormDialog


def option(label: str) -> Text:
    """A Select option's label: user text, never markup."""
    return Text(visible_controls(label), no_wrap=True, overflow="ellipsis")


class CaseForm(FormDialog[Case]):
    """Bring in a practice case: title, case-bringer, the client's alias, question, method, context (Markdown)."""

    def __init__(
        self,
        case: Case,
        present: list[Member],
        all_cases: list[Case],
        custom_methods: list[Method],
        *,
        new: bool = False,
        method_fixed: bool = False,
        planned: list[int] | None = None,
    ) -> None:
        super().__init__(_("Bring in a case") if new else _("Edit case"), "title")
        self.case, self.present, self.method_fixed = case, present, method_fixed
        self.planned = planned or []  # the case-bringers planned for this meeting (the Minutes' schedule)
        self.brought = {m.id: sum(c.bringer_id == m.id for c in all_cases) for m in present}
        self.methods: dict[str, Method] = {f"preset:{m.name}": m for m in PRESETS}
        self.methods |= {f"custom:{m.id}": m for m in custom_methods}

    def bringer_label(self, member: Member) -> str:
        brought = self.brought[member.id]
        if member.id in self.planned:
            return _("{name} — planned for this meeting (brought {n} so far)").format(name=member.name, n=brought)
        if brought:
            return _("{name} — brought {n} so far").format(name=member.name, n=brought)
        return _("{name} — not yet brought a case").format(name=member.name)

    def compose_fields(self) -> ComposeResult:
        case = self.case
        bringers = [
            (
                option(self.bringer_label(m)),
                m.id,
            )
            for m in sorted(
                self.present, key=lambda m: (m.id not in self.planned, self.brought[m.id] > 0, m.name.casefold())
            )
        ]
        chosen_bringer = case.bringer_id if case.bringer_id in {m.id for m in self.present} else Select.NULL
        methods = [(option(shown(m.name, m.preset)), key) for key, m in self.methods.items()]
        current = next(
            (key for key, m in self.methods.items() if m.name == case.method_name and m.preset == case.method_preset),
            f"preset:{PRESETS[0].name}",
        )
        yield from self.field("title", _("Title"), Input(case.title))
        yield from self.field(
            "bringer",
            _("Case-bringer (planned for this meeting first, then who has not brought a case yet)")
            if self.planned
            else _("Case-bringer (who has not brought a case yet comes first)"),
            Select(bringers, value=chosen_bringer, prompt=_("Choose the case-bringer")),
        )
        yield from self.field("question", _("Question to the group"), Input(case.question))
        yield from self.field(
            "alias",
            _("The client, by an alias (“Mr. V., 80s”): never type the client's name"),
            Input(case.client_alias, placeholder=_("Mr. V., 80s")),
        )
        yield from self.field(
            "method", _("Method"), Select(methods, value=current, allow_blank=False, disabled=self.method_fixed)
        )
        yield from self.field(
            "context",
            _("Context (Markdown; for the group only: no names of clients, use the alias)"),
            TextArea(case.context, soft_wrap=True),
        )

    def submit(self) -> None:
        problems = {}
        if not self.value("title").strip():
            problems["title"] = _("A case needs a title.")
        bringer = self.value("bringer")
        if bringer is Select.NULL or bringer is None:
            problems["bringer"] = _("A case needs a case-bringer: who brings it in?")
        self.show_problems(problems)
        if problems:
            return
        case = self.case
        method = self.methods[self.value("method")]
        rounds = case.rounds
        if (
            not self.method_fixed and (method.name, method.preset) != (case.method_name, case.method_preset)
        ) or not rounds:
            rounds = [RoundSpec(**vars(r)) for r in method.rounds]
        self.dismiss(
            Case(
                case.meeting_id,
                self.value("title").strip(),
                bringer,
                self.value("question").strip(),
                self.query_one("#field-context", TextArea).text,
                method.name,
                rounds,
                method.preset,
                client_alias=self.value("alias").strip(),
                id=case.id,
            )
        )


class RoundForm(FormDialog[RoundSpec]):
    """One round of a custom method: name, time box, who speaks, question cap, instruction."""

    def __init__(self, spec: RoundSpec, *, new: bool = False) -> None:
        super().__init__(_("Add a round") if new else _("Edit round"), "name")
        self.spec = spec

    def compose_fields(self) -> ComposeResult:
        spec = self.spec
        yield from self.field("name", _("Name of the round"), Input(spec.name))
        yield from self.field(
            "time", _("Time box (minutes, or m:ss)"), Input(format_duration(spec.seconds), placeholder="2:00")
        )
        yield from self.field(
            "box",
            _("The time box is"),
            Select([(option(_(t.label)), t) for t in TimeBox], value=spec.time_box, allow_blank=False),
        )
        yield from self.field(
            "speakers",
            _("Who speaks"),
            Select([(option(_(s.label)), s) for s in Speakers], value=spec.speakers, allow_blank=False),
        )
        yield from self.field(
            "bringer",
            _("What the case-bringer does (not the same as who speaks: in questions the others ask, they answer)"),
            Select(
                [(option(_(p.label)), p) for p in BringerPart],
                value=spec.bringer if spec.bringer is not None else Select.NULL,
                prompt=_("Not said"),
            ),
        )
        yield from self.field(
            "cap",
            _("At most this many questions per person (0 = no cap)"),
            Input(str(spec.question_cap), type="integer"),
        )
        yield from self.field(
            "instruction", _("Instruction shown during the round (one line)"), Input(spec.instruction)
        )
        yield from self.field("advice", _("Notes in this round are advice"), Checkbox(_("advice round"), spec.advice))
        yield from self.field(
            "written",
            _("Each person writes first, in silence (phones write privately; w reveals it all at once)"),
            Checkbox(_("written round"), spec.written),
        )

    def submit(self) -> None:
        problems = {}
        name = self.value("name").strip()
        if not name:
            problems["name"] = _("A round needs a name.")
        seconds = parse_duration(self.value("time"))
        if seconds is None or seconds <= 0:
            problems["time"] = _("A time box of more than zero, for example 2 (minutes) or 1:30.")
        cap = self.value("cap").strip() or "0"
        if not cap.isdigit():
            problems["cap"] = _("A whole number, zero or more.")
        self.show_problems(problems)
        if problems:
            return
        self.dismiss(
            RoundSpec(
                name,
                seconds or 0,
                self.value("box"),
                self.value("speakers"),
                int(cap),
                self.value("instruction").strip(),
                self.value("advice"),
                None if (part := self.value("bringer")) is Select.NULL else part,
                written=self.value("written"),
            )
        )


class ThresholdsForm(FormDialog[Thresholds]):
    """When the timer turns amber and red (seconds left)."""

    def __init__(self, thresholds: Thresholds) -> None:
        super().__init__(_("Amber / red thresholds"), "amber")
        self.thresholds = thresholds

    def compose_fields(self) -> ComposeResult:
        yield from self.field(
            "amber", _("Amber at (seconds left)"), Input(str(round(self.thresholds.amber_at)), type="integer")
        )
        yield from self.field(
            "red", _("Red at (seconds left; 0 = at zero)"), Input(str(round(self.thresholds.red_at)), type="integer")
        )

    def submit(self) -> None:
        values = {}
        problems = {}
        for key in ("amber", "red"):
            raw = self.value(key).strip()
            if raw.isdigit():
                values[key] = float(raw)
            else:
                problems[key] = _("A whole number of seconds, zero or more.")
        if not problems:
            thresholds = Thresholds(values["amber"], values["red"])
            if wrong := thresholds.problems():
                problems["red"] = wrong[0]
        self.show_problems(problems)
        if not problems:
            self.dismiss(thresholds)


class ExternalInputForm(FormDialog[ExternalInput]):
    """Information brought in from outside: a source, an expert's remark, a link."""

    def __init__(self) -> None:
        super().__init__(_("External input for this meeting"), "text")

    def compose_fields(self) -> ComposeResult:
        yield from self.field(
            "kind",
            _("Kind"),
            Select([(option(_(k.label)), k) for k in InputKind], value=InputKind.SOURCE, allow_blank=False),
        )
        yield from self.field("text", _("What was brought in (a title, a remark, a link)"), Input())

    def submit(self) -> None:
        text = self.value("text").strip()
        if not text:
            self.show_problems({"text": _("Write what was brought in.")})
            return
        self.dismiss(ExternalInput(None, text, self.value("kind")))
