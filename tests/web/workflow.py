"""Steps of the workbench flow that several tests share: publish the seeded plan, file a report, review it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, log_in


def version_in(html: str, action: str) -> int:
    """The version a page's form posting to `action` carries."""
    found = re.search(re.escape(f'action="{action}"') + r'.*?name="version" value="(\d+)"', html, re.S)
    assert found, f"no versioned form for {action}"
    return int(found.group(1))


def publish(client: TestClient, plan_id: int) -> None:
    """As the supervision office: give unassigned tasks their suggestion (or the general office), then publish."""
    token = log_in(client, "duchashi")
    suggest = client.post(
        f"/plans/{plan_id}/edit/suggest", data={"csrf_token": token, "fallback": "区政府办公室"}, follow_redirects=False
    )
    assert suggest.status_code == 303, suggest.text
    page = client.get(f"/plans/{plan_id}/edit").text
    version = version_in(page, f"/plans/{plan_id}/edit/publish")
    published = client.post(
        f"/plans/{plan_id}/edit/publish", data={"csrf_token": token, "version": version}, follow_redirects=False
    )
    assert published.status_code == 303, published.text


def file_report(client: TestClient, task_id: int, *, submit: bool = True, **fields: str) -> tuple[int, str]:
    """As the department: fill the open period's form (percent and narrative unless given); the response."""
    token = log_in(client, "dept")
    page = client.get(f"/tasks/{task_id}/report").text
    data = {"csrf_token": token, "period": _hidden(page, "period"), "action": "submit" if submit else "save"}
    for name in ("report_id", "version"):
        if f'name="{name}"' in page:
            data[name] = _hidden(page, name)
    for field in re.findall(r'name="(value-\d+)"', page):
        data[field] = "1"
    if 'name="percent"' in page:
        data["percent"] = "60"
    data.update({"progress_text": "按计划推进", **fields})
    response = client.post(f"/tasks/{task_id}/report", data=data, follow_redirects=False)
    return response.status_code, response.text


def queued_report(client: TestClient) -> int:
    """As the supervision office: the id of the first report waiting for review."""
    log_in(client, "duchashi")
    found = re.search(r'href="/reports/(\d+)"', client.get("/review").text)
    assert found, "the review queue is empty"
    return int(found.group(1))


def review(client: TestClient, report_id: int, verdict: str, comment: str = "") -> tuple[int, str]:
    """As the supervision office: approve or return a report; the response."""
    page = client.get(f"/reports/{report_id}").text
    data = {"csrf_token": csrf_of(page), "version": str(version_in(page, f"/reports/{report_id}/{verdict}"))}
    if comment:
        data["comment"] = comment
    response = client.post(f"/reports/{report_id}/{verdict}", data=data, follow_redirects=False)
    return response.status_code, response.text


def _hidden(page: str, name: str) -> str:
    """The value of a hidden field."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field"
    return found.group(1)
