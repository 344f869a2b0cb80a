"""The agenda's forms: an item, its external input, the harvest that closes the network."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, TextArea

from ln_tui.agenda.agenda import link_problem
from ln_tui.agenda.closing import parse_continuations
from ln_tui.agenda.model import AgendaItem, Continuation, ExternalInput, Harvest, InputKind, ItemKind
from ln_tui.agenda.templates import minutes_problem
from ln_tui.i18n import _
from ln_tui.markdown_safe import visible_controls
from ln_tui.screens.forms import FormDialog


def option(label: str) -> Text:
    return Text(visible_controls(label), no_wrap=True, overflow="ellipsis")


@dataclass(frozen=True)
class ItemInput:
    kind: ItemKind
    title: str
    minutes: int


class ItemForm(FormDialog[ItemInput]):
    """Add or change an agenda item: its kind, title and time box."""

    def __init__(self, item: AgendaItem | None = None) -> None:
        super().__init__(_("Add an agenda item") if item is None else _("Edit agenda item"), "title")
        self.item = item

    def compose_fields(self) -> ComposeResult:
        item = self.item
        yield from self.field(
            "kind",
            _("Kind"),
            Select(
                [(option(_(k.label).capitalize()), k) for k in ItemKind],
                value=item.kind if item else ItemKind.OTHER,
                allow_blank=False,
            ),
        )
        yield from self.field("title", _("Title"), Input(item.shown_title if item else ""))
        yield from self.field(
            "minutes", _("Time box (minutes)"), Input(str(item.minutes) if item else "15", placeholder="15")
        )

    def submit(self) -> None:
        problems = {}
        if not self.value("title").strip():
            problems["title"] = _("An agenda item needs a title.")
        if problem := minutes_problem(self.value("minutes")):
            problems["minutes"] = problem
        self.show_problems(problems)
        if not problems:
            self.dismiss(ItemInput(self.value("kind"), self.value("title").strip(), int(self.value("minutes").strip())))


class ExternalInputForm(FormDialog[ExternalInput]):
    """External input on an agenda item: kind, who, topic, links, what members prepare.

    Dismisses with the input, or with `REMOVE` when every field was emptied."""

    def __init__(self, item: AgendaItem) -> None:
        super().__init__(_("External input: {title}").format(title=visible_controls(item.shown_title)), "name")
        self.external = item.external or ExternalInput()

    def compose_fields(self) -> ComposeResult:
        x = self.external
        yield from self.field(
            "kind",
            _("Kind"),
            Select([(option(_(k.label).capitalize()), k) for k in InputKind], value=x.kind, allow_blank=False),
        )
        yield from self.field("name", _("Who (name; a guest need not be a member)"), Input(x.name))
        yield from self.field("organisation", _("Organisation"), Input(x.organisation))
        yield from self.field("topic", _("Topic"), Input(x.topic))
        yield from self.field(
            "links", _("Links (separated by spaces)"), Input(" ".join(x.links), placeholder="https://…")
        )
        yield from self.field("preparation", _("What members prepare beforehand"), Input(x.preparation))

    def submit(self) -> None:
        links = self.value("links").split()
        problems = [p for link in links if (p := link_problem(link))]
        self.show_problems({"links": problems[0]} if problems else {})
        if problems:
            return
        external = ExternalInput(
            self.value("kind"),
            self.value("name").strip(),
            self.value("organisation").strip(),
            self.value("topic").strip(),
            links,
            self.value("preparation").strip(),
        )
        empty = not any((external.name, external.organisation, external.topic, external.links, external.preparation))
        self.dismiss(REMOVE if empty else external)


REMOVE = ExternalInput(InputKind.OTHER)


class HarvestForm(FormDialog[Harvest]):
    """The harvest of the network: insights, good practices, what continues and who carries it."""

    def __init__(self, harvest: Harvest) -> None:
        super().__init__(_("Close the network: the harvest"), "insights")
        self.harvest = harvest

    def compose_fields(self) -> ComposeResult:
        h = self.harvest
        yield from self.field("insights", _("Insights (Markdown)"), TextArea(h.insights, soft_wrap=True))
        yield from self.field("practices", _("Good practices (Markdown)"), TextArea(h.good_practices, soft_wrap=True))
        continues = "\n".join(f"{c.what} — {c.who}" if c.who else c.what for c in h.continues)
        yield from self.field(
            "continues", _("What continues — who carries it (one a line)"), TextArea(continues, soft_wrap=True)
        )
        yield from self.field("closed", _("The network is closed"), Checkbox(_("Mark the network closed"), h.closed))

    def submit(self) -> None:
        h = self.harvest
        self.dismiss(
            Harvest(
                self.query_one("#field-insights", TextArea).text.strip(),
                self.query_one("#field-practices", TextArea).text.strip(),
                [
                    Continuation(what, who)
                    for what, who in parse_continuations(self.query_one("#field-continues", TextArea).text)
                ],
                self.value("closed"),
                h.closed_on,
                h.id,
            )
        )
