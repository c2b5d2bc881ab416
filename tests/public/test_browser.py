"""The public portal in Debian's chromium under Playwright: every page in every reading mode at desktop and
phone width, with screenshots under tests/artifacts/, axe-core (no serious or critical violation), elder-mode
sizes from computed styles, a keyboard-only walk, 收藏, 打印 and scripts switched off.

axe-core comes from npm (make copies it to tests/web/vendor/); it is injected by the test, never served.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from luoshi.web import WebSettings, create_app
from tests.public.world import World
from tests.web.test_browser import ARTIFACTS, SIZES

AXE = Path(__file__).resolve().parents[1] / "web" / "vendor" / "axe.min.js"
MODES = {
    "normal": {},
    "large": {"ls_size": "larger"},
    "contrast": {"ls_contrast": "high"},
    "elder": {"ls_elder": "1"},
}
PAGES = {
    "index": "/public/",
    "board": "/public/plans/{plan}",
    "report": "/public/plans/{plan}/report",
    "task": "/public/tasks/{task}",
    "favourites": "/public/favourites",
}


@pytest.fixture
def server(public_settings: WebSettings) -> Iterator[str]:
    """The app on the world's copy, served by uvicorn on a free local port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    live = uvicorn.Server(uvicorn.Config(create_app(public_settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(10)


class Visit:
    """A browser page in one mode and size that records console errors and every request it makes."""

    def __init__(self, browser: Any, server: str, mode: str, size: str, *, scripts: bool = True) -> None:
        self.server = server
        self.context = browser.new_context(viewport=SIZES[size], locale="zh-CN", java_script_enabled=scripts)
        host = server.split("//")[1].split(":")[0]
        cookies = [{"name": k, "value": v, "domain": host, "path": "/public"} for k, v in MODES[mode].items()]
        if cookies:
            self.context.add_cookies(cookies)
        if not AXE.exists():
            pytest.fail(f"{AXE} is missing: make copies it from node_modules/axe-core")
        # An init script comes in through the DevTools protocol, so the page's CSP stays as served.
        self.context.add_init_script(path=str(AXE))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: str) -> Any:
        """Go to a portal path and wait for its charts, if it draws any."""
        self.page.goto(self.server + path)
        if self.page.locator("#chart-data").count():
            self.page.wait_for_selector("#main-chart svg", timeout=10000)
        return self.page

    def foreign(self) -> list[str]:
        """Requests that went anywhere but the app itself."""
        return [url for url in self.requests if not url.startswith(self.server) and not url.startswith("data:")]


def _paths(world: World) -> dict[str, str]:
    """The portal pages of the world."""
    task = world.plan_id and _a_task(world)
    return {name: path.format(plan=world.plan_id, task=task) for name, path in PAGES.items()}


def _a_task(world: World) -> int:
    """A task with targets and a long history (the world's tasks are numbered from 1 in plan order)."""
    return 6


def _axe(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the page against WCAG 2.1 A and AA."""
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("mode", list(MODES))
def test_every_page_passes_axe_in_every_mode(browser: Any, server: str, world: World, mode: str, size: str) -> None:
    visit = Visit(browser, server, mode, size)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in _paths(world).items():
        page = visit.open(path)
        page.screenshot(path=str(ARTIFACTS / f"public-{name}-{mode}-{size}.png"), full_page=name != "report")
        assert _axe(page) == [], f"{name} in {mode} at {size}"
    assert visit.foreign() == []
    assert visit.errors == []
    visit.context.close()


ELDER_SIZES = """() => {
  const px = (el, prop) => parseFloat(getComputedStyle(el)[prop]);
  const body = document.body;
  const headings = [...document.querySelectorAll('h1, h2, h3')].map(h => px(h, 'fontSize'));
  const texts = [...document.querySelectorAll('main p, main li, main td, main th, main dd')]
    .filter(el => el.offsetParent !== null);
  const small = texts.filter(el => px(el, 'fontSize') < 18).map(el => el.tagName + ':' + el.textContent.slice(0, 20));
  const tight = texts.filter(el => {
    const lh = getComputedStyle(el).lineHeight;
    return lh !== 'normal' && parseFloat(lh) / px(el, 'fontSize') < 1.3;
  }).map(el => el.textContent.slice(0, 20));
  const targets = [...document.querySelectorAll('a, button')]
    .filter(el => el.offsetParent !== null && !el.classList.contains('skip'))
    .map(el => { const r = el.getBoundingClientRect();
                 return {text: el.textContent.trim().slice(0, 20), w: r.width, h: r.height}; })
    .filter(t => t.w < 60 || t.h < 60);
  return {body: px(body, 'fontSize'), bodyLine: parseFloat(getComputedStyle(body).lineHeight) / px(body, 'fontSize'),
          largest: Math.max(...headings), small, tight, targets};
}"""


@pytest.mark.parametrize("size", list(SIZES))
def test_elder_mode_meets_the_miit_sizes_on_every_page(browser: Any, server: str, world: World, size: str) -> None:
    visit = Visit(browser, server, "elder", size)
    for name, path in _paths(world).items():
        page = visit.open(path)
        found = page.evaluate(ELDER_SIZES)
        assert found["body"] >= 18, name
        assert found["largest"] >= 30, name
        assert found["bodyLine"] >= 1.3, name
        assert found["small"] == [], name
        assert found["tight"] == [], name
        assert found["targets"] == [], name
        # One simple column: nothing sticks out sideways, no pop-up layer.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
    visit.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_text_at_twice_the_size_fits_without_sideways_scrolling(
    browser: Any, server: str, world: World, name: str
) -> None:
    visit = Visit(browser, server, "normal", "desktop")
    page = visit.open(_paths(world)[name])
    # The browser's text zoom (WCAG 1.4.4): the root size doubled, everything in rem follows.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 32
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    visit.context.close()


def _tab_until(page: Any, test: str, limit: int = 200) -> None:
    """Press Tab until the focused element passes the JavaScript test; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    pytest.fail(f"the keyboard never reached {test}")


FOCUS_SHOWN = (
    "(el => getComputedStyle(el).outlineStyle !== 'none' && parseFloat(getComputedStyle(el).outlineWidth) >= 2)"
)


def test_the_report_page_works_from_the_keyboard(browser: Any, server: str, world: World) -> None:
    visit = Visit(browser, server, "normal", "desktop")
    page = visit.open(f"/public/plans/{world.plan_id}/report")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate(f"{FOCUS_SHOWN}(document.activeElement)")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    _tab_until(page, "el.classList.contains('m-target') && el.getAttribute('href').startsWith('/public/tasks/')")
    assert page.evaluate(f"{FOCUS_SHOWN}(document.activeElement)")
    page.keyboard.press("Enter")
    page.wait_for_url("**/public/tasks/*")
    assert page.get_by_role("heading", name="落实情况").is_visible()
    assert visit.errors == []


def test_the_board_works_from_the_keyboard_preferences_included(browser: Any, server: str, world: World) -> None:
    visit = Visit(browser, server, "normal", "desktop")
    page = visit.open(f"/public/plans/{world.plan_id}")
    _tab_until(page, "el.textContent.trim() === '长者模式'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "elder" in page.evaluate("document.documentElement.className")
    _tab_until(page, "el.getAttribute('href') && el.getAttribute('href').startsWith('/public/tasks/')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/public/tasks/*")
    assert "elder" in page.evaluate("document.documentElement.className")  # remembered on the next page
    assert visit.errors == []


def test_favourites_are_kept_in_the_browser(browser: Any, server: str, world: World) -> None:
    visit = Visit(browser, server, "normal", "phone")
    page = visit.open(f"/public/tasks/{_a_task(world)}")
    title = page.locator("h1").inner_text()
    button = page.get_by_role("button", name="收藏")
    button.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="已收藏").get_attribute("aria-pressed") == "true"
    page = visit.open("/public/favourites")
    assert page.get_by_role("link", name=title).is_visible()
    page.get_by_role("button", name=f"取消收藏：{title}").click()
    assert page.get_by_text("还没有收藏").is_visible()
    assert visit.errors == []


def test_without_scripts_the_modes_still_work_and_script_controls_stay_hidden(
    browser: Any, server: str, world: World
) -> None:
    visit = Visit(browser, server, "normal", "desktop", scripts=False)
    page = visit.open(f"/public/plans/{world.plan_id}/report")
    assert (
        page.get_by_role("button", name="打印").count() == 0 or not page.get_by_role("button", name="打印").is_visible()
    )
    page.get_by_role("link", name="长者模式").click()
    page.wait_for_url(f"**/public/plans/{world.plan_id}/report")
    assert "elder" in page.evaluate("document.documentElement.className")
    page.get_by_role("link", name="高对比度").click()
    assert "contrast-high" in page.evaluate("document.documentElement.className")
    page.get_by_role("link", name="特大").click()
    assert "size-larger" in page.evaluate("document.documentElement.className")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "public-report-noscript-all-modes.png"))


def test_printing_gives_a_clean_document(browser: Any, server: str, world: World) -> None:
    visit = Visit(browser, server, "normal", "desktop")
    page = visit.open(f"/public/plans/{world.plan_id}")
    assert page.get_by_role("button", name="打印").is_visible()
    page.emulate_media(media="print")
    for hidden in (".tools", ".sitenav", ".site-foot", ".skip"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{hidden}')).display") == "none", hidden
    assert page.evaluate("getComputedStyle(document.querySelectorAll('.block')[0]).breakBefore") == "auto"
    assert page.evaluate("getComputedStyle(document.querySelectorAll('.block')[1]).breakBefore") == "page"
    after = page.evaluate("getComputedStyle(document.querySelector('.task-cards a'), '::after').content")
    assert "/public/tasks/" in after
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "public-board-print.pdf"))
