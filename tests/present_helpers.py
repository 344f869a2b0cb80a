"""The room's screen (`ln-tui present`) as the tests drive and read it."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import FakeClock
from textual.pilot import Pilot

from ln_tui.screens.present.app import PresentApp
from ln_tui.settings import Settings


def present_app(path: Path, clock: FakeClock, theme: str = "projector") -> PresentApp:
    return PresentApp(path, wall=clock, settings=Settings(theme=theme, language="en"))


async def shown_text(app: PresentApp) -> str:
    """Everything painted on the room's screen, as plain text (from the real screenshot)."""
    app.room.poll()
    await Pilot(app).pause()
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg.split("</style>")[-1]))
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))
