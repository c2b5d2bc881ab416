"""The API's writes: each status a caller can meet (401, 403, 404, 409, 422) with a Chinese message, CSRF for
cookie sessions, and the report round trip."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from luoshi.tracking import PLAN_SETTINGS
from tests.web.conftest import log_in
from tests.web.seed import Seeded


@pytest.fixture
def auth(ids: Seeded) -> dict[str, str]:
    """The admin's bearer token."""
    return {"Authorization": f"Bearer {ids.token}"}


def _version(client: TestClient, auth: dict[str, str], task_id: int) -> int:
    """A task's current version, as the read API gives it."""
    return int(client.get(f"/api/v1/tasks/{task_id}", headers=auth).json()["version"])


def test_a_task_edit_returns_its_new_version(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    version = _version(client, auth, ids.own_task)
    answer = client.patch(f"/api/v1/tasks/{ids.own_task}", json={"version": version, "title": "接口改名"}, headers=auth)
    assert answer.status_code == 200 and answer.json() == {"id": ids.own_task, "version": version + 1}
    assert client.get(f"/api/v1/tasks/{ids.own_task}", headers=auth).json()["title"] == "接口改名"


def test_a_stale_version_is_a_409_and_the_newer_data_stays(
    client: TestClient, ids: Seeded, auth: dict[str, str]
) -> None:
    version = _version(client, auth, ids.own_task)
    url = f"/api/v1/tasks/{ids.own_task}"
    assert client.patch(url, json={"version": version, "title": "先到"}, headers=auth).status_code == 200
    stale = client.patch(url, json={"version": version, "title": "后到"}, headers=auth)
    assert stale.status_code == 409
    assert "已被他人修改" in stale.json()["error"]["message"]
    assert client.get(url, headers=auth).json()["title"] == "先到"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", "/api/v1/tasks/{task}", {"version": 1, "title": "x"}),
        ("post", "/api/v1/plans/{plan}/publish", {"version": 1}),
        ("put", "/api/v1/tasks/{task}/assignment", {"version": 1, "lead": "区财政局"}),
        ("post", "/api/v1/departments", {"name": "区某局"}),
        ("post", "/api/v1/users", {"username": "abc", "password": "12345678", "role": "leader"}),
    ],
)
def test_writes_need_a_user_and_the_right_role(
    client: TestClient, ids: Seeded, method: str, path: str, body: dict[str, Any]
) -> None:
    url = path.format(task=ids.own_task, plan=ids.plan_id)
    anonymous = client.request(method, url, json=body)
    assert anonymous.status_code in (401, 403)  # no session: the CSRF guard or the login check refuses
    token = log_in(client, "dept")
    refused = client.request(method, url, json=body, headers={"X-CSRF-Token": token})
    assert refused.status_code == 403
    assert refused.json()["error"]["message"]


def test_a_missing_record_is_a_404(client: TestClient, auth: dict[str, str]) -> None:
    answer = client.patch("/api/v1/tasks/999999", json={"version": 1, "title": "x"}, headers=auth)
    assert answer.status_code == 404 and "不存在" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [{"title": "缺版本"}, {"version": 1, "title": ""}, {"version": 1, "colour": "red"}, {"version": -1}],
)
def test_a_malformed_body_is_a_422(client: TestClient, ids: Seeded, auth: dict[str, str], body: dict[str, Any]) -> None:
    answer = client.patch(f"/api/v1/tasks/{ids.own_task}", json=body, headers=auth)
    assert answer.status_code == 422 and answer.json()["error"]["message"].startswith("参数有误")


def test_a_cookie_session_needs_its_csrf_header(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    version = _version(client, auth, ids.own_task)
    token = log_in(client, "duchashi")
    url, body = f"/api/v1/tasks/{ids.own_task}", {"version": version, "title": "会话修改"}
    assert client.patch(url, json=body).status_code == 403
    assert client.patch(url, json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.patch(url, json=body, headers={"X-CSRF-Token": token}).status_code == 200


def test_a_report_goes_round_through_the_api(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    plan = client.get(f"/api/v1/plans/{ids.plan_id}", headers=auth).json()
    assert plan["status"] == "draft"
    published = client.post(f"/api/v1/plans/{ids.plan_id}/publish", json={"version": plan["version"]}, headers=auth)
    assert published.status_code == 200, published.text
    token = log_in(client, "dept")
    csrf = {"X-CSRF-Token": token}
    task = client.get(f"/api/v1/tasks/{ids.own_task}", headers=csrf).json()
    values = {str(t["id"]): 1 for t in task["targets"] if t["value"] is not None}
    body = {"period": "2022-07", "values": values, "percent": 50, "progress_text": "接口报送"}
    created = client.post(f"/api/v1/tasks/{ids.own_task}/reports", json=body, headers=csrf)
    assert created.status_code == 201, created.text
    report = created.json()
    submitted = client.post(f"/api/v1/reports/{report['id']}/submit", json={"version": report["version"]}, headers=csrf)
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    queue = client.get("/api/v1/review-queue", headers=auth).json()
    assert report["id"] in [r["id"] for r in queue]
    back = client.post(
        f"/api/v1/reports/{report['id']}/return",
        json={"version": submitted.json()["version"], "comment": "补充"},
        headers=auth,
    )
    assert back.status_code == 200 and back.json()["comment"] == "补充"
    again = client.post(
        f"/api/v1/reports/{report['id']}/approve", json={"version": back.json()["version"]}, headers=auth
    )
    assert again.status_code == 409  # only a submitted report is reviewed


def test_departments_are_listed_added_and_edited(client: TestClient, auth: dict[str, str]) -> None:
    added = client.post("/api/v1/departments", json={"name": "区数据局", "keywords": ["数据"]}, headers=auth)
    assert added.status_code == 201
    found = added.json()
    edited = client.patch(
        f"/api/v1/departments/{found['id']}",
        json={"version": found["version"], "keywords": ["数据", "算力"]},
        headers=auth,
    )
    assert edited.status_code == 200 and edited.json()["keywords"] == ["数据", "算力"]
    names = [d["name"] for d in client.get("/api/v1/departments", headers=auth).json()]
    assert "区数据局" in names


def test_the_settings_schema_states_each_declared_setting_with_its_bounds(client: TestClient) -> None:
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    update, public = components["PlanSettingsUpdate"], components["PlanSettingsPublic"]
    assert set(update["required"]) == {"version", *(s.name for s in PLAN_SETTINGS)}
    assert update["additionalProperties"] is False
    for setting in PLAN_SETTINGS:
        field = update["properties"][setting.name]
        assert setting.label in field["description"] and setting.name in public["properties"]
        if setting.choices:
            assert components[setting.kind.__name__]["enum"] == [value for value, _ in setting.choices]
            continue
        low = "exclusiveMinimum" if setting.above_minimum else "minimum"
        assert (field["type"], field[low], field["maximum"]) == (
            "integer" if setting.kind is int else "number",
            setting.minimum,
            setting.maximum,
        )


def test_the_settings_are_written_checked_and_given_back(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    url = f"/api/v1/plans/{ids.plan_id}/settings"
    version = client.get(f"/api/v1/plans/{ids.plan_id}", headers=auth).json()["version"]
    values = {**{s.name: s.default for s in PLAN_SETTINGS}, "approx_tolerance_points": 1.5}
    crossed = client.put(url, json={"version": version, **values, "yellow_points": 40}, headers=auth)
    assert crossed.status_code == 422 and crossed.json()["error"]["message"] == "黄灯阈值应小于红灯阈值"
    answer = client.put(url, json={"version": version, **values}, headers=auth)
    assert answer.status_code == 200
    assert answer.json() == {"plan_id": ids.plan_id, "version": version + 1, **values}
