"""What the room's tests share: a network with members and meetings, and a phone on the test server."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from ln_tui.model import Meeting, MeetingKind, Member, Presence
from ln_tui.store import NetworkStore

HOSTILE = [
    "[@click=app.quit]x[/]",
    "</script><img src=x onerror=alert(1)>",
    "[link=javascript:alert(1)]y[/]",
    "javascript:alert(1)",
    "bell\x07 escape\x1b[31m",
    "\u202eright-to-left override",
    "[/",
]


def populate(store: NetworkStore) -> dict[str, int]:
    """Ann and Bert present at the kickoff (today's current meeting), Carla absent; e-mail addresses kept."""
    ann = store.members.add(Member("Ann Peeters", email="ann@example.org", organisation="Zorg"))
    bert = store.members.add(Member("Bert", email="bert@example.org"))
    carla = store.members.add(Member("Carla", email="carla@example.org"))
    kickoff = store.meetings.add(
        Meeting("2030-03-17", MeetingKind.KICKOFF, attendance={carla.id or 0: Presence.ABSENT})
    )
    store.set_current_meeting(kickoff.id)
    return {"ann": ann.id or 0, "bert": bert.id or 0, "carla": carla.id or 0, "meeting": kickoff.id or 0}


class Phone:
    """One phone: its own cookie jar (the test client's), the CSRF token of the last page it read."""

    def __init__(self, client: TestClient, token: str, language: str = "en") -> None:
        self.client = client
        self.base = f"/r/{token}"
        self.headers = {"Accept-Language": language}
        self.csrf = ""

    async def get(self, path: str = "/") -> tuple[int, str]:
        response = await self.client.get(self.base + path, headers=self.headers)
        text = await response.text()
        found = re.search(r'name="csrf" value="([^"]+)"', text)
        if found:
            self.csrf = found[1]
        return response.status, text

    async def post(self, path: str, data: dict[str, str], *, csrf: bool = True) -> tuple[int, str]:
        body = {"csrf": self.csrf, **data} if csrf else data
        response = await self.client.post(self.base + path, data=body, headers=self.headers)
        return response.status, await response.text()
