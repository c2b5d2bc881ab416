"""Browser tests: Debian's chromium (or LUOSHI_CHROMIUM) driven by Playwright against a live server.

Each main page is saved as a screenshot at desktop and phone width under tests/artifacts/.

With CI=true a browser that cannot start fails the run; elsewhere these tests skip.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from luoshi.web import WebSettings, create_app
from tests.web.seed import PASSWORD, Seeded

CHROMIUM = os.environ.get("LUOSHI_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _unavailable(reason: str) -> None:
    """Fail under CI (a browser test that cannot run is a broken set-up), skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture
def server(settings: WebSettings) -> Iterator[str]:
    """The app served by uvicorn on a free local port, in a thread."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    live = uvicorn.Server(config)
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


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's chromium under Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (make browser installs it)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        except Exception as error:  # any launch failure means no browser
            _unavailable(f"chromium did not start: {error}")
        yield launched
        launched.close()


def _page(browser: Any, size: str, errors: list[str]) -> Any:
    """A new page of the given size that records console errors (a CSP violation is one)."""
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def _shoot(page: Any, name: str, size: str) -> None:
    """Save a full-page screenshot and one of the first screen under tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{size}.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{size}-top.png"))


@pytest.mark.parametrize("size", list(SIZES))
def test_a_supervisor_logs_in_and_reads_the_workbench(browser: Any, server: str, ids: Seeded, size: str) -> None:
    errors: list[str] = []
    page = _page(browser, size, errors)
    page.goto(f"{server}/")
    assert page.title().startswith("登录")
    _shoot(page, "login", size)
    page.get_by_label("用户名").fill("duchashi")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{server}/")
    assert page.get_by_role("heading", name="灯色总览").is_visible()
    # The chart is drawn by ECharts from the local vendor file.
    page.wait_for_selector("#indicator-chart svg", timeout=10000)
    _shoot(page, "dashboard", size)

    page.get_by_role("link", name="报告", exact=True).click()
    page.wait_for_url(f"{server}/plans/{ids.plan_id}/report")
    assert page.locator("a.m-target").count() > 10
    _shoot(page, "report", size)

    page.goto(f"{server}/plans/{ids.plan_id}/tasks")
    page.get_by_label("关键词").fill("园区")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/tasks?*q=*")
    _shoot(page, "tasks", size)
    page.locator("a.task-title").first.click()
    page.wait_for_url("**/tasks/*")
    assert page.get_by_role("heading", name="灯色").is_visible()
    _shoot(page, "task", size)

    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login")
    assert errors == []


def test_the_login_form_works_from_the_keyboard(browser: Any, server: str) -> None:
    errors: list[str] = []
    page = _page(browser, "desktop", errors)
    page.goto(f"{server}/login")
    # The user name field has focus on arrival (autofocus); wait for it, as a loaded machine may lag.
    page.wait_for_function("document.activeElement && document.activeElement.name === 'username'")
    page.keyboard.type("quzhang")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/")
    assert "区长" in page.content()
    assert errors == []
