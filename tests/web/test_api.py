"""The read API: shapes, filters, lamps, errors as JSON with Chinese messages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.seed import Seeded


@pytest.fixture
def auth(ids: Seeded) -> dict[str, str]:
    """The admin's bearer token."""
    return {"Authorization": f"Bearer {ids.token}"}


def test_the_openapi_document_is_served(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/plans/{plan_id}/tasks" in schema["paths"]
    assert "TaskPublic" in schema["components"]["schemas"]


def test_plans_sections_and_targets(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    plans = client.get("/api/v1/plans", headers=auth).json()
    assert [p["plan_year"] for p in plans] == [2022]
    sections = client.get(f"/api/v1/plans/{ids.plan_id}/sections", headers=auth).json()
    assert {s["kind"] for s in sections} >= {"review", "plan"}
    targets = client.get(f"/api/v1/plans/{ids.plan_id}/targets", headers=auth).json()
    assert any(t["metric"] == "地区生产总值" and t["task_id"] is None for t in targets)


def test_tasks_carry_their_lamp_and_filter_by_it(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    url = f"/api/v1/plans/{ids.plan_id}/tasks"
    every = client.get(url, headers=auth).json()
    assert len(every) == 25
    green = client.get(url, params={"lamp": "green"}, headers=auth).json()
    assert [t["id"] for t in green] == [ids.other_task]
    assert green[0]["status"]["reason"].startswith("完成60%")
    mine = client.get(url, params={"department_id": ids.own_department}, headers=auth).json()
    assert ids.own_task in [t["id"] for t in mine] and ids.other_task not in [t["id"] for t in mine]


def test_a_task_judged_on_a_given_date(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    task = client.get(f"/api/v1/tasks/{ids.other_task}", params={"as_of": "2022-06-30"}, headers=auth).json()
    assert task["status"]["colour"] == "green"


def test_status_counts_add_up(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    body = client.get(f"/api/v1/plans/{ids.plan_id}/status", headers=auth).json()
    counts = body["counts"]
    assert counts["total"] == 25 == sum(counts[c] for c in ("done", "green", "yellow", "red", "not_started"))
    assert sum(g["counts"]["total"] for g in body["by_department"]) == 25


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/v1/plans/999", 404, "计划不存在"),
        ("/api/v1/tasks/999", 404, "任务不存在"),
        ("/api/v1/plans/x/tasks", 422, "参数有误：plan_id"),
        ("/api/v1/plans/1/tasks?lamp=purple", 422, "参数有误：lamp"),
    ],
)
def test_errors_are_json_in_chinese(
    client: TestClient, auth: dict[str, str], path: str, status: int, message: str
) -> None:
    response = client.get(path, headers=auth)
    assert response.status_code == status
    assert response.json()["error"]["message"] == message


def test_a_bad_token_request_is_422(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/tokens", json={"name": ""}, headers=auth)
    assert response.status_code == 422


def test_a_department_user_gets_the_main_indicators_and_its_own_targets(client: TestClient, ids: Seeded) -> None:
    from tests.web.conftest import log_in

    log_in(client, "dept")
    targets = client.get(f"/api/v1/plans/{ids.plan_id}/targets").json()
    own = {t["id"] for t in client.get(f"/api/v1/plans/{ids.plan_id}/tasks").json()}
    assert any(t["task_id"] is None for t in targets)
    assert all(t["task_id"] is None or t["task_id"] in own for t in targets)


def test_a_wildcard_in_the_text_filter_is_a_character(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    found = client.get(f"/api/v1/plans/{ids.plan_id}/tasks", params={"q": "_"}, headers=auth).json()
    assert found == []


def test_status_groups_carry_their_ids(client: TestClient, ids: Seeded, auth: dict[str, str]) -> None:
    body = client.get(f"/api/v1/plans/{ids.plan_id}/status", headers=auth).json()
    assert ids.own_department in [g["id"] for g in body["by_department"]]
    assert all(isinstance(g["id"], int) for g in body["by_section"])
