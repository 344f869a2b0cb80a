"""The phone pages' language and templates: Jinja2 with automatic escaping, the app's catalogues."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import jinja2
from markupsafe import Markup

from ln_tui.i18n import DEFAULT_LANGUAGE, LANGUAGES, translations
from ln_tui.kickoff.board import same_items
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.markdown_safe import inert_html, visible_controls

Translate = Callable[[str], str]


def page_language(accept_language: str) -> str:
    """The first of our languages the browser asks for (by its q-weights); English otherwise."""
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        code = tag.strip().split("-")[0].lower()
        if code in LANGUAGES and weight > 0:
            wanted.append((-weight, index, code))
    return min(wanted)[2] if wanted else DEFAULT_LANGUAGE


@cache
def translator(language: str) -> Translate:
    """`_` for one page in one language (the console's own language is not touched)."""
    if language == DEFAULT_LANGUAGE:
        return lambda msgid: msgid
    return translations(language).gettext


@cache
def environment() -> jinja2.Environment:
    made = jinja2.Environment(
        loader=jinja2.PackageLoader("ln_tui.room", "templates"),
        autoescape=True,  # every page, whatever its name: user text is never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    made.filters["visible"] = visible_controls  # names and titles: a bidi override shown, as on the console
    return made


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


@lru_cache(maxsize=8192)
def item_html(language: str, id: int, text: str, author: str, votes: int, voted: bool) -> Markup:
    """One board item on a phone's page, rendered (escaped) once for each state it is in: a phone
    reads the whole board after each thing it sends, and 60 phones on a board of hundreds of items
    made rendering the same items again most of the server's work."""
    html = render(
        "item.html",
        _=translator(language),
        id=id,
        text=Markup(inert_html(text)),  # Markdown as on the console: nothing in it active, controls visible
        author=author,
        votes=votes,
        voted=voted,
    )
    return Markup(html)  # escaped by the template already


@dataclass(frozen=True)
class ShownColumn:
    """A board column as every phone's page shows it, for one list of items (and authors' names)."""

    items: Sequence[BoardItem]
    names: dict[int, str]
    fragments: list[Markup]  # each item's HTML, not voted for
    html: Markup  # the fragments joined
    voted_by: dict[str, list[int]]  # a phone's voter id -> where its items are in `items`

    @classmethod
    def of(cls, language: str, items: Sequence[BoardItem], names: dict[int, str]) -> ShownColumn:
        fragments = [shown_item(language, item, names, voted=False) for item in items]
        voted_by: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            for voter in item.room_voters:
                voted_by.setdefault(voter, []).append(index)
        return cls(items, names, fragments, Markup("".join(fragments)), voted_by)  # each part is escaped

    def shows(self, items: Sequence[BoardItem], names: dict[int, str]) -> bool:
        """Whether these are the same items (`same_items`), with the same authors' names."""
        return same_items(items, self.items) and names == self.names


def shown_item(language: str, item: BoardItem, names: dict[int, str], *, voted: bool) -> Markup:
    author = names.get(item.member_id, "") if item.member_id is not None else ""
    return item_html(language, item.id or 0, item.text, author, item.votes, voted)


class BoardHtml:
    """The board's columns on the phones' pages, joined once for each state of the board.

    After each thing it sends, a phone reads the whole board again: with 60 phones posting to a
    board of hundreds of items, walking it item by item for every page was most of the room's
    work, even with each item's HTML kept (`item_html`). A column is now walked again only when
    one of its items changed; what differs from one phone to the next, the items it voted for, is
    put in per page."""

    def __init__(self) -> None:
        self._shown: dict[tuple[str, BoardColumn], ShownColumn] = {}

    def column(
        self, language: str, column: BoardColumn, items: Sequence[BoardItem], names: dict[int, str], voter: str | None
    ) -> Markup:
        shown = self._shown.get((language, column))
        if shown is None or not shown.shows(items, names):
            shown = self._shown[(language, column)] = ShownColumn.of(language, items, names)
        voted = shown.voted_by.get(voter, []) if voter is not None else []
        if not voted:
            return shown.html
        fragments = list(shown.fragments)
        for index in voted:
            fragments[index] = shown_item(language, items[index], names, voted=True)
        return Markup("".join(fragments))
