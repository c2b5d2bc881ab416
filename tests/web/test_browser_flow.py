"""The whole workbench flow in Debian's chromium: edit, assign, publish; report, return, resubmit, approve;
the lamp changes. Also a 403, a forged CSRF token and a stale edit, and every writing page at phone width."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.seed import PASSWORD, Seeded
from tests.web.test_browser import _page, _shoot, browser, server  # noqa: F401 (fixtures)


def _sign_in(page: Any, base: str, username: str) -> None:
    """Sign out whoever is signed in, then sign in through the form."""
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _red_tiles(page: Any, base: str, plan_id: int) -> str:
    """The red tile's count on the dashboard."""
    page.goto(f"{base}/plans/{plan_id}")
    return str(page.locator(".tile-red .n").inner_text())


def _fill_report(page: Any, progress: str) -> None:
    """Fill every value with its target's number (the task is then done), the percent with 100."""
    for field in page.locator("input[name^='value-']").all():
        label = page.locator(f"label[for='{field.get_attribute('id')}'] .muted").inner_text()
        field.fill(re.search(r"-?\d+(?:\.\d+)?", label).group(0))  # type: ignore[union-attr]
    if page.locator("#percent").count():
        page.locator("#percent").fill("100")
    page.get_by_label("进展情况（提交时必填）").fill(progress)


def test_the_whole_flow_from_plan_to_lamp(browser: Any, server: str, ids: Seeded) -> None:  # noqa: F811
    errors: list[str] = []
    page = _page(browser, "desktop", errors)
    _sign_in(page, server, "duchashi")
    red_before = _red_tiles(page, server, ids.plan_id)

    # The supervision office edits a task, assigns it and publishes the plan.
    page.goto(f"{server}/tasks/{ids.own_task}/edit")
    page.get_by_label("任务标题", exact=True).fill("浏览器中修改的任务标题")
    page.get_by_role("button", name="保存任务内容").click()
    assert page.get_by_role("status").inner_text() == "已保存。"
    page.locator("#who summary").click()
    page.get_by_label("区审计局").check()
    page.get_by_role("button", name="指定责任单位").click()
    assert "已分配责任单位" in page.get_by_role("status").inner_text()
    _shoot(page, "task-edit", "desktop")
    page.goto(f"{server}/plans/{ids.plan_id}/edit")
    page.get_by_role("button", name="按建议分配未分配的任务").click()
    page.get_by_role("button", name="发布计划").click()
    assert "计划已发布" in page.get_by_role("status").inner_text()
    _shoot(page, "plan-edit", "desktop")

    # The department submits; the office returns it with a comment.
    _sign_in(page, server, "dept")
    page.get_by_role("link", name="报送").click()
    page.get_by_role("link", name="浏览器中修改的任务标题").first.click()
    _fill_report(page, "已完成年度目标")
    _shoot(page, "report-form", "desktop")
    page.get_by_role("button", name="提交审核").click()
    assert "已提交" in page.get_by_role("status").inner_text()
    _sign_in(page, server, "duchashi")
    page.get_by_role("link", name="审核").click()
    _shoot(page, "review", "desktop")
    page.get_by_role("link", name="浏览器中修改的任务标题").click()
    page.get_by_label("退回意见（退回时必填）").fill("请附上验收材料")
    page.get_by_role("button", name="退回修改").click()
    assert "已退回" in page.get_by_role("status").inner_text()

    # The department sees why, corrects and resubmits; the office approves.
    _sign_in(page, server, "dept")
    page.goto(f"{server}/inbox")
    assert "请附上验收材料" in page.content()
    _shoot(page, "inbox", "desktop")
    page.locator("#h-returned + ol a").first.click()
    page.get_by_label("进展情况（提交时必填）").fill("已完成年度目标，验收材料见附件")
    page.get_by_role("button", name="提交审核").click()
    assert "已提交" in page.get_by_role("status").inner_text()
    _sign_in(page, server, "duchashi")
    page.goto(f"{server}/review")
    page.get_by_role("link", name="浏览器中修改的任务标题").click()
    page.get_by_role("button", name="审核通过").click()
    assert "已审核通过" in page.get_by_role("status").inner_text()

    # The approved report counts: the task leaves the red lamp.
    assert int(_red_tiles(page, server, ids.plan_id)) == int(red_before) - 1
    _shoot(page, "dashboard-after", "desktop")
    assert errors == []


def test_refusals_a_user_would_meet(browser: Any, server: str, ids: Seeded) -> None:  # noqa: F811
    errors: list[str] = []
    page = _page(browser, "desktop", errors)
    _sign_in(page, server, "dept")
    assert page.goto(f"{server}/tasks/{ids.other_task}/edit").status == 403
    assert "无权" in page.content()

    _sign_in(page, server, "duchashi")
    page.goto(f"{server}/tasks/{ids.own_task}/edit")
    forged = page.request.post(
        f"{server}/tasks/{ids.own_task}/edit", form={"csrf_token": "forged", "version": "1", "title": "伪造"}
    )
    assert forged.status == 403 and "CSRF" in forged.text()
    missing = page.request.post(f"{server}/tasks/{ids.own_task}/edit", form={"version": "1", "title": "伪造"})
    assert missing.status == 403

    # Two tabs on one task: the second save is refused and shows the first one's title.
    other = page.context.new_page()
    other.goto(f"{server}/tasks/{ids.own_task}/edit")
    page.get_by_label("任务标题", exact=True).fill("第一个标签页的标题")
    page.get_by_role("button", name="保存任务内容").click()
    other.get_by_label("任务标题", exact=True).fill("第二个标签页的标题")
    other.get_by_role("button", name="保存任务内容").click()
    assert "数据冲突" in other.locator("#refusal").inner_text()
    assert other.get_by_label("任务标题", exact=True).input_value() == "第一个标签页的标题"
    _shoot(other, "conflict", "desktop")
    assert errors == [] or all("403" in e or "409" in e for e in errors)


PAGES = {
    "plan-edit": ("duchashi", "/plans/{plan}/edit"),
    "task-edit": ("duchashi", "/tasks/{task}/edit"),
    "review": ("duchashi", "/review"),
    "settings": ("admin", "/settings"),
    "inbox": ("dept", "/inbox"),
    "report-form": ("dept", "/tasks/{task}/report"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_each_writing_page_fits_a_phone(browser: Any, server: str, ids: Seeded, name: str) -> None:  # noqa: F811
    errors: list[str] = []
    page = _page(browser, "phone", errors)
    username, path = PAGES[name]
    if username == "dept":  # the department's pages need a published plan
        _sign_in(page, server, "duchashi")
        page.goto(f"{server}/plans/{ids.plan_id}/edit")
        page.get_by_role("button", name="发布计划").click()
    _sign_in(page, server, username)
    page.goto(server + path.format(plan=ids.plan_id, task=ids.own_task))
    _shoot(page, name, "phone")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"{name} is {wide}px wide on a 390px phone"
    assert errors == []


def test_a_draft_is_saved_with_the_keyboard_alone(browser: Any, server: str, ids: Seeded) -> None:  # noqa: F811
    errors: list[str] = []
    page = _page(browser, "desktop", errors)
    _sign_in(page, server, "duchashi")
    page.goto(f"{server}/plans/{ids.plan_id}/edit")
    page.get_by_role("button", name="发布计划").click()
    _sign_in(page, server, "dept")
    page.goto(f"{server}/tasks/{ids.own_task}/report")
    page.get_by_label("进展情况（提交时必填）").focus()
    page.keyboard.type("键盘填写的进展")
    for _ in range(12):  # Tab on to the 保存草稿 button, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "保存草稿":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**ok=draft*")
    assert page.get_by_label("进展情况（提交时必填）").input_value() == "键盘填写的进展"
    assert errors == []
