"""A real phone-sized Chromium (390x844) in the room: join, add a question, vote, keep private notes,
send an anonymous evaluation; the console's store holds exactly that. Screenshots in tests/screenshots/."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import aiohttp
import pytest
from browser import SCREENSHOTS, free_port
from conftest import until
from room_helpers import populate

from ln_tui.app import LnApp
from ln_tui.discussion.methods import preset
from ln_tui.discussion.model import Case, DiscussionState, TurnClock
from ln_tui.evaluation.model import Evaluation
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.store import NetworkStore

PRIVATE = "only mine: Bert talks too long"


def shot(driver: Any, name: str, widths: dict[str, int]) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"room-{name}.png"))
    widths[name] = driver.execute_script("return document.documentElement.scrollWidth")


def navigate(driver: Any, by: str, what: str) -> None:
    """Click a link or a submit button and wait for the next page: a mark left on the old page's
    window is gone and the new one is loaded. (Selenium's `staleness_of` asks about the old page's
    node while Chromium swaps documents, and chromedriver can answer that with an error of its own,
    "Node with given id does not belong to the document", instead of "stale".)"""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.lnOldPage = true")
    driver.find_element(by, what).click()

    def next_page_loaded(driver: Any) -> bool:
        try:
            return bool(driver.execute_script("return !window.lnOldPage && document.readyState === 'complete'"))
        except WebDriverException:  # the documents are being swapped: ask again
            return False

    WebDriverWait(driver, 20).until(next_page_loaded)


def join_and_add(driver: Any, url: str, widths: dict[str, int]) -> dict[str, str]:
    """The participant's first steps: join, add a question, vote for it."""
    from selenium.webdriver.common.by import By

    seen = {}
    driver.get(url)
    seen["index"] = driver.find_element(By.TAG_NAME, "main").text
    shot(driver, "index", widths)
    navigate(driver, By.LINK_TEXT, "Kickoff board")
    driver.find_element(By.ID, "item-text").send_keys("How do we keep cases confidential?")
    navigate(driver, By.CSS_SELECTOR, "form[action$='/kickoff/item'] button")
    seen["after_item"] = driver.find_element(By.CSS_SELECTOR, ".notice").text
    navigate(driver, By.CSS_SELECTOR, "button[name=item]")
    seen["vote_button"] = driver.find_element(By.CSS_SELECTOR, "button[name=item]").text
    driver.execute_script("window.notReloaded = true")
    shot(driver, "kickoff", widths)
    return seen


def follow_and_evaluate(driver: Any, widths: dict[str, int]) -> dict[str, Any]:
    """Another phone's item appears by itself; private notes; an anonymous evaluation."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    seen: dict[str, Any] = {}
    WebDriverWait(driver, 15).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "board"), "From another phone")
    )
    seen["not_reloaded"] = driver.execute_script("return window.notReloaded === true")
    navigate(driver, By.LINK_TEXT, "Discussion")
    driver.find_element(By.ID, "private-notes").send_keys(PRIVATE)
    seen["clock"] = driver.find_element(By.ID, "clock").text
    shot(driver, "discussion", widths)
    driver.refresh()
    seen["notes_after_reload"] = driver.find_element(By.ID, "private-notes").get_attribute("value")
    navigate(driver, By.LINK_TEXT, "Evaluation")
    for name, value in (("rating.relevance", "4"), ("rating.atmosphere", "5"), ("recommend", "9")):
        driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']").click()
    driver.find_element(By.ID, "answer-went_well").send_keys("The safe climate")
    shot(driver, "evaluation", widths)
    navigate(driver, By.CSS_SELECTOR, "form[action$='/evaluation'] button[type=submit]")
    seen["after_evaluation"] = driver.find_element(By.TAG_NAME, "main").text
    shot(driver, "evaluation-sent", widths)
    return seen


def narrowest(driver: Any, url: str) -> dict[str, int]:
    """Each page on a 360-pixel-wide phone: how wide it really is."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True}
    )
    widths = {}
    for page in ("/", "/kickoff", "/discussion", "/evaluation"):
        driver.get(url + page)
        widths[page] = driver.execute_script("return document.documentElement.scrollWidth")
    return widths


async def in_thread(function: Callable[..., Any], *args: Any) -> Any:
    """Selenium blocks: it runs in a thread while the console's loop serves the browser."""
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


@pytest.mark.long
async def test_a_phone_in_the_room(
    store: NetworkStore, make_app: Callable[..., LnApp], chromium: Callable[..., Any]
) -> None:
    ids = populate(store)
    method = preset("Incident method")
    case = store.repo(Case).add(
        Case(
            ids["meeting"],
            "The new colleague",
            ids["ann"],
            method_name=method.name,
            rounds=method.rounds,
            method_preset=True,
        )
    )
    store.repo(DiscussionState).add(
        DiscussionState(case.id or 0, [ids["ann"], ids["bert"]], clock=TurnClock(300, 75, False, 0))
    )
    store.set_setting("discussion_case_id", case.id)
    port = free_port()
    app = make_app(store, screen="kickoff", room_address=("127.0.0.1", port))
    driver = chromium(width=390, height=844)
    # Headless Chromium keeps its window at least 500 px wide: emulate the phone's viewport itself.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", "k", "d", "e", "t", "escape")  # open the three parts, accept directly
        await pilot.pause()
        url = app.room_control().url

        async def parts_open() -> bool:  # the room's process has read them from the file (it follows it)
            async with aiohttp.ClientSession() as asking, asking.get(url) as page:
                index = await page.text()
            return "Kickoff board" in index and "Evaluation" in index

        await until(pilot, parts_open)
        widths: dict[str, int] = {}
        seen: dict[str, Any] = await in_thread(join_and_add, driver, url, widths)
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as other:  # cookies from an IP
            async with other.get(url + "/kickoff") as page:
                html = await page.text()
            csrf = html.split('name="csrf" value="')[1].split('"')[0]
            form = {"csrf": csrf, "kind": "expectation", "text": "From another phone"}
            async with other.post(url + "/kickoff/item", data=form) as sent:
                assert sent.status == 200
        seen.update(await in_thread(follow_and_evaluate, driver, widths))
        narrow = await in_thread(narrowest, driver, url)
    assert "Kickoff board" in seen["index"] and "Evaluation" in seen["index"]
    assert seen["after_item"] == "Sent: it is on the board."
    assert seen["vote_button"] == "Take back my vote"
    assert seen["not_reloaded"] is True
    assert seen["clock"] == "3:45"
    assert seen["notes_after_reload"] == PRIVATE
    assert "Your form is in" in seen["after_evaluation"]
    assert all(width <= 390 for width in widths.values()), widths  # nothing wider than the phone
    assert all(width <= 360 for width in narrow.values()), narrow
    # exactly what the phone sent, and nothing else
    items = sorted(store.repo(BoardItem).all(), key=lambda i: i.order)
    assert [(i.column, i.text, i.member_id, i.votes) for i in items] == [
        (BoardColumn.QUESTIONS, "How do we keep cases confidential?", None, 1),
        (BoardColumn.EXPECTATIONS, "From another phone", None, 0),
    ]
    [evaluation] = store.repo(Evaluation).all()
    assert (evaluation.member_id, evaluation.anonymous, evaluation.draft) == (None, True, False)
    assert evaluation.ratings == {"relevance": 4, "atmosphere": 5} and evaluation.recommend == 9
    assert evaluation.answers == {"went_well": "The safe climate"}
    saved = store.path.read_text()
    assert PRIVATE not in saved and len(store.notes) == 0
    assert "ln_room_device" not in json.dumps(json.loads(saved)["evaluations"])


MEASURE = """
function rgba(text) {
  const parts = text.match(/[\\d.]+/g).map(Number);
  return parts.length === 3 ? [...parts, 1] : parts;
}
function luminance([r, g, b]) {
  const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function background(element) {
  for (let node = element; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) return colour;
  }
  return [255, 255, 255, 1];
}
function name(element) {
  return element.tagName.toLowerCase() + (element.className ? "." + element.className : "") + " " +
    (element.textContent || element.value || "").trim().slice(0, 30);
}
const small = [];
for (const element of document.querySelectorAll("a, button, select, textarea, input[type=radio]")) {
  const box = (element.type === "radio" ? element.closest("label") : element).getBoundingClientRect();
  if (box.width < 44 || box.height < 44) small.push([name(element), Math.round(box.width), Math.round(box.height)]);
}
const faint = [];
for (const element of document.body.querySelectorAll("*")) {
  const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own || !element.getClientRects().length) continue;
  const fore = luminance(rgba(getComputedStyle(element).color)), back = luminance(background(element));
  const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
  if (ratio < 4.5) faint.push([name(element), Math.round(ratio * 100) / 100]);
}
return [small, faint];
"""


def measure_pages(driver: Any, url: str) -> dict[str, Any]:
    """Tap targets under 44x44 px and text under 4.5:1 on each page, light and dark, at 390x844."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    )
    found: dict[str, Any] = {}
    for scheme in ("light", "dark"):
        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
        )
        for page in ("/", "/kickoff", "/discussion", "/evaluation", "/checkin"):
            driver.get(url + page)
            found[f"{scheme} {page}"] = driver.execute_script(MEASURE)
        driver.get(url + "/kickoff")
        driver.find_element("id", "item-text").send_keys("x" * 10)
        driver.execute_script("document.getElementById('item-text').value = 'y'.repeat(2001)")  # past maxlength
        navigate(driver, "css selector", "form[action$='/kickoff/item'] button")
        found[f"{scheme} refused"] = driver.execute_script(MEASURE)
    return found


async def test_tap_targets_and_contrast_on_a_phone(store: NetworkStore, chromium: Callable[..., Any]) -> None:
    from ln_tui.room.model import RoomPart
    from ln_tui.room.room import Room
    from ln_tui.room.server import RoomServer

    ids = populate(store)
    method = preset("Incident method")
    case = store.repo(Case).add(
        Case(ids["meeting"], "A case", ids["ann"], method_name=method.name, rounds=method.rounds, method_preset=True)
    )
    store.repo(DiscussionState).add(
        DiscussionState(case.id or 0, [ids["ann"], ids["bert"]], round_index=3, clock=TurnClock(300, 0, False, 0))
    )
    store.set_setting("discussion_case_id", case.id)
    room = Room(store)
    token = room.open()
    for part in RoomPart:
        room.toggle_part(part)
    room.board().add(BoardColumn.QUESTIONS, "A question with **Markdown** and [a link](https://example.org)")
    server = RoomServer(room)
    await server.start("127.0.0.1", free_port())
    try:
        driver = chromium(width=390, height=844)
        found = await in_thread(measure_pages, driver, f"http://127.0.0.1:{server.port}/r/{token.lower()}")
    finally:
        await server.stop()
    assert len(found) == 12
    small = {page: targets for page, (targets, _faint) in found.items() if targets}
    faint = {page: texts for page, (_targets, texts) in found.items() if texts}
    assert small == {} and faint == {}
