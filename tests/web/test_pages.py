"""The pages: each renders in Chinese for a signed-in user, with no address of another host."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from luoshi.storage import make_engine
from luoshi.storage.models import Report
from luoshi.web import WebSettings
from tests.web.conftest import log_in
from tests.web.seed import Seeded

PAGES = [
    "/",
    "/plans/{plan}",
    "/plans/{plan}/report",
    "/plans/{plan}/tasks",
    "/tasks/{task}",
    "/plans/{plan}/tasks?lamp=red&section=&department=&q=园区",
]
# Any absolute URL in an attribute, or a protocol-relative one: a page must load nothing from elsewhere.
EXTERNAL = re.compile(r"""(?:src|href|action)=["'](?:https?:)?//""", re.I)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("username", ["admin", "dept"])
def test_every_page_renders_without_external_urls(client: TestClient, ids: Seeded, path: str, username: str) -> None:
    log_in(client, username)
    response = client.get(path.format(plan=ids.plan_id, task=ids.own_task))
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text
    assert not EXTERNAL.search(response.text)
    assert "<script>" not in response.text  # no inline script: the CSP would block it


def test_the_login_page_has_no_external_urls(client: TestClient) -> None:
    assert not EXTERNAL.search(client.get("/login").text)


def test_the_dashboard_shows_counts_red_list_and_indicators(client: TestClient) -> None:
    log_in(client, "quzhang")
    page = client.get("/").text
    for heading in ("灯色总览", "红灯任务", "主要预期目标", "按章节", "按牵头单位"):
        assert heading in page
    assert "地区生产总值" in page and 'id="indicator-data"' in page
    assert "<h3>2022年目标</h3>" in page and "<h3>多年期目标</h3>" in page
    assert "/static/vendor/echarts.min.js" in page


def test_the_report_reader_links_targets_to_tasks(client: TestClient, ids: Seeded) -> None:
    log_in(client, "admin")
    page = client.get(f"/plans/{ids.plan_id}/report").text
    assert "江城区九届人大一次会议政府工作报告" in page
    assert re.search(rf'class="m-target" id="target-\d+" href="/tasks/{ids.own_task}"', page)
    assert 'class="m-fact"' in page
    # The task page's "在报告中阅读" lands on the task's paragraph.
    assert f'<p id="task-{ids.own_task}">' in page


def test_the_report_reader_sets_the_site_chrome_apart(client: TestClient, ids: Seeded) -> None:
    log_in(client, "admin")
    page = client.get(f"/plans/{ids.plan_id}/report").text
    preamble, body = page.split('<article class="report-text">')
    assert "无障碍 长者助手" in preamble and "原网页页眉" in preamble
    assert body.lstrip().startswith("<p>江城区九届人大一次会议政府工作报告</p>")


def test_the_report_reader_shows_the_stored_text_without_reading_the_source_again(
    client: TestClient, ids: Seeded, settings: WebSettings
) -> None:
    log_in(client, "admin")
    before = client.get(f"/plans/{ids.plan_id}/report").text.split('<article class="report-text">')[1]
    engine = make_engine(settings.database_url)
    with engine.begin() as connection:
        connection.execute(update(Report).values(source="另一份文件，读出来的文字不同。".encode()))
    engine.dispose()
    after = client.get(f"/plans/{ids.plan_id}/report").text.split('<article class="report-text">')[1]
    assert after == before and 'class="m-target"' in after


def test_the_task_filters_narrow_the_list(client: TestClient, ids: Seeded) -> None:
    log_in(client, "admin")
    every = client.get(f"/plans/{ids.plan_id}/tasks").text
    some = client.get(f"/plans/{ids.plan_id}/tasks", params={"q": "园区"}).text
    assert every.count('class="task-title"') == 25
    assert 0 < some.count('class="task-title"') < 25
    green = client.get(f"/plans/{ids.plan_id}/tasks", params={"lamp": "green"}).text
    assert green.count('class="task-title"') == green.count("lamp-green")


def test_the_task_page_shows_lamp_reason_targets_and_trail(client: TestClient, ids: Seeded) -> None:
    log_in(client, "dept")
    page = client.get(f"/tasks/{ids.own_task}").text
    for part in ("灯色", "责任分工", "目标", "任务原文", "操作记录"):
        assert part in page
    assert "序时进度" in page


def test_the_task_page_charts_progress_against_the_pace(client: TestClient, ids: Seeded) -> None:
    log_in(client, "admin")
    page = client.get(f"/tasks/{ids.other_task}").text
    assert 'id="history-data"' in page and "/static/task.js" in page
    assert '<th scope="row">2022年6月</th><td>50.0%</td><td>60.0%</td>' in page
    assert '<th scope="row">2022年5月</th><td>41.7%</td><td>未报送</td>' in page


def test_an_unknown_task_is_a_chinese_404(client: TestClient) -> None:
    log_in(client, "admin")
    response = client.get("/tasks/99999")
    assert response.status_code == 404 and "任务不存在" in response.text


def test_static_assets_are_served_locally(client: TestClient) -> None:
    for path in ("/static/luoshi.css", "/static/dashboard.js", "/static/vendor/echarts.min.js"):
        assert client.get(path).status_code == 200


def test_health_reports_the_database(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_is_unreachable(tmp_path: object) -> None:
    from luoshi.web import WebSettings, create_app

    settings = WebSettings(
        database_url="sqlite:////nonexistent-dir/luoshi.db", secret_key="k" * 32, upgrade_on_start=False
    )
    with TestClient(create_app(settings)) as client:
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["message"] == "数据库无法连接"


def test_a_department_user_reads_the_report_with_links_only_to_its_own_tasks(client: TestClient, ids: Seeded) -> None:
    log_in(client, "dept")
    page = client.get(f"/plans/{ids.plan_id}/report").text
    linked = {int(n) for n in re.findall(r'class="m-target" id="target-\d+" href="/tasks/(\d+)"', page)}
    assert linked == {ids.own_task}
    assert "（其他单位的任务）" in page


def test_dashboard_groups_link_to_the_filtered_task_list(client: TestClient, ids: Seeded) -> None:
    log_in(client, "admin")
    page = client.get("/").text
    link = f"/plans/{ids.plan_id}/tasks?department={ids.own_department}"
    assert f'href="{link}"' in page
    listed = client.get(link).text
    assert f'href="/tasks/{ids.own_task}"' in listed and f'href="/tasks/{ids.other_task}"' not in listed
    assert re.search(rf'href="/plans/{ids.plan_id}/tasks\?section=\d+"', page)
