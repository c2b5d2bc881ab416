"""The workbench's writing pages: plan editor, 报送, 审核 and 设置, driven through their forms."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from luoshi.tracking import PLAN_SETTINGS
from tests.web.conftest import csrf_of, log_in
from tests.web.seed import Seeded
from tests.web.workflow import file_report, publish, queued_report, review, version_in


def test_the_plan_editor_lists_the_breakdown_table(client: TestClient, ids: Seeded) -> None:
    log_in(client, "duchashi")
    page = client.get(f"/plans/{ids.plan_id}/edit")
    assert page.status_code == 200
    assert "任务分解表" in page.text and "牵头单位" in page.text and "计划设置" in page.text


@pytest.mark.parametrize("username", ["dept", "quzhang"])
def test_only_planners_open_the_editors(client: TestClient, ids: Seeded, username: str) -> None:
    log_in(client, username)
    assert client.get(f"/plans/{ids.plan_id}/edit").status_code == 403
    assert client.get(f"/tasks/{ids.own_task}/edit").status_code == 403
    assert client.get("/review").status_code == 403


def test_an_edit_is_saved_and_a_stale_one_shows_the_newer_data(client: TestClient, ids: Seeded) -> None:
    token = log_in(client, "duchashi")
    path = f"/tasks/{ids.own_task}/edit"
    seen = version_in(client.get(path).text, path)
    first = client.post(path, data={"csrf_token": token, "version": seen, "title": "新标题甲"}, follow_redirects=False)
    assert first.status_code == 303
    stale = client.post(path, data={"csrf_token": token, "version": seen, "title": "旧版本上的标题乙"})
    assert stale.status_code == 409
    assert "数据冲突" in stale.text and "最新内容" in stale.text
    assert 'value="新标题甲"' in stale.text  # the form holds the newer data
    assert "旧版本上的标题乙" in stale.text  # and what the user sent is shown beside it, not saved
    assert "旧版本上的标题乙" not in client.get(f"/tasks/{ids.own_task}").text


def test_accepting_the_suggestion_assigns_the_departments(client: TestClient, ids: Seeded) -> None:
    token = log_in(client, "duchashi")
    path = f"/tasks/{ids.other_task}/edit"
    page = client.get(path).text
    assert "建议牵头" in page and "匹配关键词" in page
    version = version_in(page, f"/tasks/{ids.other_task}/assign")
    chosen = {"csrf_token": token, "version": version, "lead": "区财政局", "cooperating": ["区审计局"]}
    assert client.post(f"/tasks/{ids.other_task}/assign", data=chosen, follow_redirects=False).status_code == 303
    assert "牵头 <strong>区财政局</strong>；配合 区审计局" in client.get(path).text


def test_a_bad_deadline_is_refused_next_to_its_form(client: TestClient, ids: Seeded) -> None:
    token = log_in(client, "duchashi")
    path = f"/tasks/{ids.own_task}/edit"
    version = version_in(client.get(path).text, f"/tasks/{ids.own_task}/schedule")
    data = {"csrf_token": token, "version": version, "lead_leader": "张副区长", "deadline": "2019-06-30"}
    response = client.post(f"/tasks/{ids.own_task}/schedule", data=data)
    assert response.status_code == 422
    assert "早于计划年度" in response.text


def test_publishing_needs_every_lead_then_succeeds(client: TestClient, ids: Seeded) -> None:
    token = log_in(client, "duchashi")
    page = client.get(f"/plans/{ids.plan_id}/edit").text
    version = version_in(page, f"/plans/{ids.plan_id}/edit/publish")
    if "未指定牵头单位</strong>" in page:
        refused = client.post(f"/plans/{ids.plan_id}/edit/publish", data={"csrf_token": token, "version": version})
        assert refused.status_code == 409 and "未指定牵头单位" in refused.text
    publish(client, ids.plan_id)
    assert "已发布" in client.get(f"/plans/{ids.plan_id}/edit").text


def test_settings_are_checked_and_saved(client: TestClient, ids: Seeded) -> None:
    token = log_in(client, "duchashi")
    path = f"/plans/{ids.plan_id}/edit/settings"
    version = version_in(client.get(f"/plans/{ids.plan_id}/edit").text, path)
    data = {
        "csrf_token": token,
        "version": version,
        "cycle": "quarterly",
        "yellow_points": "40",
        "red_points": "30",
        "growth_yellow_points": "1",
        "not_started_periods": "3",
        "report_grace_days": "5",
    }
    refused = client.post(path, data=data)
    assert refused.status_code == 422 and "黄灯阈值" in refused.text
    assert client.post(path, data={**data, "yellow_points": "15"}, follow_redirects=False).status_code == 303
    assert "按季度报送" in client.get(f"/plans/{ids.plan_id}/edit").text


def test_every_declared_setting_is_in_the_form_and_a_bad_one_keeps_what_was_typed(
    client: TestClient, ids: Seeded
) -> None:
    token = log_in(client, "duchashi")
    path = f"/plans/{ids.plan_id}/edit/settings"
    page = client.get(f"/plans/{ids.plan_id}/edit").text
    form = page.split(f'action="{path}"')[1].split("</form>")[0]
    for setting in PLAN_SETTINGS:
        assert f'name="{setting.name}"' in form and setting.label in form and setting.hint in form
    sent = {s.name: s.show(s.default) for s in PLAN_SETTINGS}
    data = {"csrf_token": token, "version": version_in(page, path), **sent, "approx_tolerance_points": "12"}
    refused = client.post(path, data=data)
    assert refused.status_code == 422 and "“左右”允许偏差应在0至10个百分点之间" in refused.text
    field = 'name="approx_tolerance_points" type="number" step="0.1" min="0" max="10" required value="{}"'
    assert field.format("12") in refused.text
    assert client.post(path, data={**data, "approx_tolerance_points": "1.5"}, follow_redirects=False).status_code == 303
    assert field.format("1.5") in client.get(f"/plans/{ids.plan_id}/edit").text


def test_a_report_goes_round_return_resubmit_approve(client: TestClient, ids: Seeded) -> None:
    publish(client, ids.plan_id)
    status, _ = file_report(client, ids.own_task)
    assert status == 303
    report_id = queued_report(client)
    assert review(client, report_id, "return", "请补充数据来源")[0] == 303
    log_in(client, "dept")
    inbox = client.get("/inbox").text
    assert "被退回的报送" in inbox and "请补充数据来源" in inbox
    status, _ = file_report(client, ids.own_task, progress_text="已补充：数据来源为区统计局")
    assert status == 303
    assert queued_report(client) == report_id
    assert review(client, report_id, "approve")[0] == 303
    log_in(client, "dept")
    assert "已审核" in client.get(f"/tasks/{ids.own_task}/report").text


def test_a_value_of_the_wrong_kind_is_named_next_to_its_field(client: TestClient, ids: Seeded) -> None:
    publish(client, ids.plan_id)
    log_in(client, "dept")
    field = re.findall(r'name="(value-\d+|percent)"', client.get(f"/tasks/{ids.own_task}/report").text)[0]
    status, page = file_report(client, ids.own_task, **{field: "一百五"})
    assert status == 422
    assert f'id="{field}-error"' in page and "应填写数字" in page
    assert 'value="一百五"' in page  # what was typed stays in the field
    status, page = file_report(client, ids.own_task, **{field: "-1"})
    assert status == 422 and f'id="{field}-error"' in page


def test_nobody_approves_their_own_report(client: TestClient, ids: Seeded) -> None:
    publish(client, ids.plan_id)
    token = log_in(client, "duchashi")
    page = client.get(f"/tasks/{ids.other_task}/report").text
    data = {
        "csrf_token": token,
        "period": "2022-07",
        "action": "submit",
        "progress_text": "督查室代填",
        "percent": "50",
    }
    for field in re.findall(r'name="(value-\d+)"', page):
        data[field] = "1"
    assert client.post(f"/tasks/{ids.other_task}/report", data=data, follow_redirects=False).status_code == 303
    status, text = review(client, queued_report(client), "approve")
    assert status == 403 and "不能审核自己填报的进展" in text


def test_a_department_gets_403_on_another_departments_task(client: TestClient, ids: Seeded) -> None:
    publish(client, ids.plan_id)
    token = log_in(client, "dept")
    assert client.get(f"/tasks/{ids.other_task}/report").status_code == 403
    data = {"csrf_token": token, "period": "2022-07", "action": "save", "progress_text": "x", "percent": "1"}
    assert client.post(f"/tasks/{ids.other_task}/report", data=data).status_code == 403


def test_a_form_without_its_csrf_token_is_refused(client: TestClient, ids: Seeded) -> None:
    log_in(client, "duchashi")
    path = f"/tasks/{ids.own_task}/edit"
    version = version_in(client.get(path).text, path)
    for token in ("", "forged-token"):
        response = client.post(path, data={"csrf_token": token, "version": version, "title": "无令牌"})
        assert response.status_code == 403 and "CSRF" in response.text


def test_departments_are_added_and_their_keywords_edited(client: TestClient) -> None:
    token = log_in(client, "duchashi")
    data = {"csrf_token": token, "name": "区数据局", "keywords": "数据、算力"}
    added = client.post("/settings/departments", data=data, follow_redirects=False)
    assert added.status_code == 303
    page = client.get("/settings").text
    assert "区数据局" in page and "数据、算力" in page
    twice = client.post("/settings/departments", data={"csrf_token": token, "name": "区数据局"})
    assert twice.status_code == 422 and "已存在" in twice.text


def test_only_an_admin_manages_accounts(client: TestClient) -> None:
    token = log_in(client, "duchashi")
    assert "用户账号" not in client.get("/settings").text
    data = {"csrf_token": token, "username": "newcomer", "role": "leader"}
    assert client.post("/settings/users", data=data).status_code == 403
    token = log_in(client, "admin")
    created = client.post("/settings/users", data={**data, "csrf_token": token})
    assert created.status_code == 200 and "newcomer" in created.text and "只显示这一次" in created.text
    page = client.get("/settings").text
    version = version_in(page, "/settings/users/quzhang/disable")
    data = {"csrf_token": token, "version": version}
    assert client.post("/settings/users/quzhang/disable", data=data, follow_redirects=False).status_code == 303
    assert "已停用" in client.get("/settings").text


def test_the_editor_csrf_field_is_on_every_form(client: TestClient, ids: Seeded) -> None:
    log_in(client, "duchashi")
    page = client.get(f"/tasks/{ids.own_task}/edit").text
    assert page.count("<form") == page.count('name="csrf_token"')
    assert 'name="csrf_token" value=""' not in page
    assert csrf_of(page)


@pytest.mark.parametrize(
    ("name", "content", "status", "shown"),
    [
        ("进展说明.txt", "园区扩容进展顺利".encode(), 303, "进展说明.txt"),
        ("setup.exe", b"MZ\x90\x00", 422, "类型不允许"),
        ("伪装.pdf", b"not a pdf", 422, "内容与扩展名不符"),
    ],
)
def test_attachments_are_checked_by_type_and_listed(
    client: TestClient, ids: Seeded, name: str, content: bytes, status: int, shown: str
) -> None:
    publish(client, ids.plan_id)
    token = log_in(client, "dept")
    page = client.get(f"/tasks/{ids.own_task}/report").text
    data = {"csrf_token": token, "period": "2022-07", "action": "save", "progress_text": "附件测试"}
    for field in re.findall(r'name="(value-\d+)"', page):
        data[field] = "1"
    answer = client.post(
        f"/tasks/{ids.own_task}/report", data=data, files=[("files", (name, content))], follow_redirects=False
    )
    assert answer.status_code == status
    shown_in = client.get(f"/tasks/{ids.own_task}/report").text if answer.status_code == 303 else answer.text
    assert shown in shown_in


def test_a_refused_attachment_saves_nothing_and_is_shown_by_its_field(client: TestClient, ids: Seeded) -> None:
    publish(client, ids.plan_id)
    token = log_in(client, "dept")
    path = f"/tasks/{ids.own_task}/report"
    data = {"csrf_token": token, "period": "2022-07", "action": "submit", "progress_text": "附件被拒"}
    for field in re.findall(r'name="(value-\d+)"', client.get(path).text):
        data[field] = "1"
    answer = client.post(path, data=data, files=[("files", ("setup.exe", b"MZ\x90\x00"))], follow_redirects=False)
    assert answer.status_code == 422
    assert 'id="files-error"' in answer.text and "类型不允许" in answer.text and "草稿未保存" in answer.text
    assert "附件被拒" in answer.text  # what was typed stays in the form
    assert "未填报" in client.get(path).text and "附件被拒" not in client.get(path).text
