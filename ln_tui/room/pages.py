"""The phone pages' language and templates: Jinja2 with automatic escaping, the app's catalogues."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

import jinja2
from markupsafe import Markup

from ln_tui.i18n import DEFAULT_LANGUAGE, LANGUAGES, translations
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
