"""The announcement of the network as it reads, and its export beside the network file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from ln_tui.i18n import N_, _
from ln_tui.network.announcement import announcement_for
from ln_tui.report import to_html
from ln_tui.screens.base import LnModal
from ln_tui.screens.exports import write_beside
from ln_tui.screens.widgets.markdown import SafeMarkdown

if TYPE_CHECKING:
    from ln_tui.app import LnApp
    from ln_tui.store import NetworkStore


def export_path(store: NetworkStore, suffix: str) -> Path:
    """Where the announcement is exported: beside the network file, named after it."""
    return store.path.with_name(f"{store.path.stem}-announcement.{suffix}")


class AnnouncementScreen(LnModal[None]):
    """The announcement as it reads, rendered safely; one key writes it beside the network file."""

    CSS_PATH = Path(__file__).parent / "network.tcss"
    BINDINGS: ClassVar = [
        Binding("e", "export('md')", N_("Export Markdown"), id="announcement.export"),
        Binding("h", "export('html')", N_("Export HTML"), id="announcement.export-html"),
        Binding("escape,q", "close", N_("Close"), id="announcement.close"),
    ]

    app: LnApp

    def compose(self) -> ComposeResult:
        store = self.app.store
        with VerticalScroll(id="announcement"):
            yield SafeMarkdown(announcement_for(store))
        yield Static(
            Content(_("e = export as Markdown, h = as HTML, beside the network file; Escape = close")),
            id="announcement-keys",
        )

    def on_mount(self) -> None:
        self.query_one("#announcement").focus()

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        self.notify(_("Link (not opened): {href}").format(href=event.href), markup=False)

    def action_export(self, suffix: str) -> None:
        store = self.app.store
        markdown = announcement_for(store)
        text = to_html(markdown, store.profile().name or "ln-tui") if suffix == "html" else markdown
        path = export_path(store, suffix)
        if not write_beside(self, store.path, path, text.encode("utf-8")):
            return
        self.notify(_("Announcement written to {path}.").format(path=path), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
