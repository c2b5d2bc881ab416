"""The public portal over HTTP: anonymous access, what is published and what never is, open data, preferences."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.cli import main
from luoshi.web import WebSettings
from tests.public.conftest import AS_OF
from tests.public.world import World

# Attributes that make a browser fetch something while loading a page (links followed later are not loads).
LOADING = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
}


class Links(HTMLParser):
    """Every href and every loading attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "href" and tag == "a":
                self.hrefs.append(value)
            if (tag, name) in LOADING or name == "style" or name.startswith("on"):
                self.loads.append(f"{tag}[{name}]={value}")


def parse(html: str) -> Links:
    """The links of a page."""
    found = Links()
    found.feed(html)
    return found


def walk(client: TestClient) -> dict[str, str]:
    """Every portal URL reachable from /public/ by its links (preference links aside), with its body."""
    seen: dict[str, str] = {}
    queue = deque(["/public/"])
    while queue:
        url = queue.popleft().split("#")[0]
        if url in seen or not url.startswith("/public/") or url.startswith("/public/prefs"):
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = response.text
        if response.headers["content-type"].startswith("text/html"):
            queue.extend(parse(response.text).hrefs)
    return seen


def test_every_public_page_is_open_to_an_anonymous_reader(anonymous: TestClient, world: World) -> None:
    pages = walk(anonymous)
    # Front page, favourites, board, report, four data files and every task of the plan.
    assert {
        "/public/",
        "/public/favourites",
        f"/public/plans/{world.plan_id}",
        f"/public/plans/{world.plan_id}/report",
    } <= set(pages)
    assert sum(url.startswith("/public/tasks/") for url in pages) == world.task_count
    assert sum("/data/" in url for url in pages) == 4


def test_no_internal_string_appears_on_any_public_page_or_data_file(anonymous: TestClient, world: World) -> None:
    pages = walk(anonymous)
    assert world.returned_texts, "the demo has a returned report with a comment"
    for url, body in pages.items():
        for secret in world.forbidden:
            assert secret not in body, f"{secret!r} leaked on {url}"
        for username in world.usernames:
            assert not re.search(rf"(?<![A-Za-z0-9]){re.escape(username)}(?![A-Za-z0-9])", body), f"{username} on {url}"


@pytest.mark.parametrize(
    "path",
    [
        "/public/plans/{hidden_plan}",
        "/public/plans/{hidden_plan}/report",
        "/public/plans/{hidden_plan}/data/tasks.csv",
        "/public/plans/{hidden_plan}/data/progress.json",
        "/public/tasks/{hidden_task}",
        "/public/plans/999999",
        "/public/tasks/999999",
        "/public/plans/{plan}/data/users.csv",
        "/public/plans/{plan}/data/tasks.xlsx",
    ],
)
def test_an_unpublished_or_unknown_record_does_not_exist_for_the_public(
    anonymous: TestClient, world: World, path: str
) -> None:
    url = path.format(hidden_plan=world.hidden_plan_id, hidden_task=world.hidden_task_id, plan=world.plan_id)
    response = anonymous.get(url)
    assert response.status_code == 404
    assert "ZX" not in response.text
    assert "返回公开首页" in response.text  # the portal's own error page, not the workbench's


def test_the_front_page_lists_only_published_plans(anonymous: TestClient, world: World) -> None:
    html = anonymous.get("/public/").text
    assert f'href="/public/plans/{world.plan_id}"' in html
    assert f"/public/plans/{world.hidden_plan_id}" not in html


def test_no_public_page_loads_anything_from_another_host_or_inline(anonymous: TestClient) -> None:
    for url, body in walk(anonymous).items():
        if "/data/" in url:
            continue
        links = parse(body)
        for load in links.loads:
            target = load.split("=", 1)[1]
            assert target.startswith("/") and not target.startswith("//"), f"{load} on {url}"
        assert "<script>" not in body and "<style" not in body, url
        for href in links.hrefs:
            assert not re.match(r"^(https?:)?//", href), f"{href} on {url}"


def test_the_report_page_shows_the_disclosure_header_blank_fields_included(anonymous: TestClient, world: World) -> None:
    html = anonymous.get(f"/public/plans/{world.plan_id}/report").text
    fields = dict(re.findall(r"<dt>(.+?)：</dt><dd>(.*?)</dd>", html))
    assert list(fields) == ["索引号", "分类", "发布机构", "成文日期", "名称", "文号", "发布日期", "主题词"]
    assert fields["索引号"] == "114417027762037966/2021-00296"
    assert fields["发布机构"] == "江城区人民政府办公室"
    assert fields["成文日期"] == "2021-11-23"
    assert fields["分类"] == fields["文号"] == fields["主题词"] == ""


def test_the_report_links_its_targets_to_their_progress(anonymous: TestClient, world: World) -> None:
    html = anonymous.get(f"/public/plans/{world.plan_id}/report").text
    tasks = re.findall(r'<a class="m-target" href="/public/tasks/(\d+)"', html)
    indicators = re.findall(rf'<a class="m-target" href="/public/plans/{world.plan_id}#indicators"', html)
    assert len(tasks) >= 15 and len(indicators) >= 5
    assert "浏览次数" not in html  # the page chrome of the source site stays out
    assert re.findall(r"<h3>(.+?)</h3>", html) == [
        "一、过去五年工作回顾",
        "二、今后五年奋斗目标和工作任务",
        "三、2022年工作安排",
    ]


def test_the_board_shows_lamps_with_words_reasons_and_approved_progress(anonymous: TestClient, world: World) -> None:
    html = anonymous.get(f"/public/plans/{world.plan_id}").text
    for word in ("已完成", "绿灯", "黄灯", "红灯", "未开始"):
        assert f'<span class="dot" aria-hidden="true"></span>{word}</span>' in html
    assert "2022年11月进展" in html and "审核）" in html
    assert "序时进度" in html
    assert 'id="chart-data"' in html and "/static/vendor/echarts.min.js" in html
    assert "<caption>按牵头单位统计</caption>" in html and "<caption>按章节统计</caption>" in html


def test_the_task_page_lists_only_approved_periods(anonymous: TestClient, world: World) -> None:
    task_id, returned_period = world.returned
    html = anonymous.get(f"/public/tasks/{task_id}").text
    assert html.count("进展</span>") >= 3
    assert f"{returned_period}进展" not in html  # returned, never approved


def test_tasks_csv_is_utf8_with_a_bom_and_chinese_columns(anonymous: TestClient, world: World) -> None:
    response = anonymous.get(f"/public/plans/{world.plan_id}/data/tasks.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == world.task_count
    assert list(rows[0])[:4] == ["序号", "任务编号", "章节", "任务"]
    assert {r["灯色"] for r in rows} == {"已完成", "绿灯", "黄灯", "红灯", "未开始"}


def test_progress_data_holds_exactly_the_approved_reports(anonymous: TestClient, world: World) -> None:
    body = json.loads(anonymous.get(f"/public/plans/{world.plan_id}/data/progress.json").content)
    assert body["dataset"] == "progress" and body["fields"]["narrative"] == "进展情况"
    reports = {(r["task_id"], r["period"]) for r in body["records"]}
    # Exactly the approved reports: the demo's returned one and the added draft and submitted ones are not there.
    assert len(reports) == world.approved_periods
    assert not any(r["period"] == "2022-12" for r in body["records"])
    csv_rows = anonymous.get(f"/public/plans/{world.plan_id}/data/progress.csv").content.decode("utf-8-sig")
    assert csv_rows.count("\r\n") == len(body["records"]) + 1


def test_the_command_line_writes_the_very_files_the_portal_serves(
    anonymous: TestClient, public_settings: WebSettings, world: World, tmp_path: Path
) -> None:
    out = tmp_path / "data"
    argv = ["export", "data", "--out", str(out), "--database", public_settings.database_url]
    assert main([*argv, "--plan", str(world.plan_id), "--as-of", AS_OF.isoformat()]) == 0
    for name in ("tasks.csv", "tasks.json", "progress.csv", "progress.json"):
        assert (out / name).read_bytes() == anonymous.get(f"/public/plans/{world.plan_id}/data/{name}").content, name


def test_the_command_line_refuses_an_unpublished_plan(
    public_settings: WebSettings, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "data", "--out", str(tmp_path / "data"), "--database", public_settings.database_url]
    assert main([*argv, "--plan", str(world.hidden_plan_id)]) == 2
    assert "尚未发布" in capsys.readouterr().err and not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("elder=1&next=/public/plans/1", "/public/plans/1"),
        ("size=larger&next=/public/tasks/3%23progress", "/public/tasks/3#progress"),
        ("contrast=high&next=https://evil.example/", "/public/"),
        ("contrast=high&next=//evil.example/public/", "/public/"),
        ("contrast=high&next=/plans/1", "/public/"),
        ("contrast=high&next=/public/../login", "/public/"),
        ("contrast=high&next=/public/%5C%5Cevil.example", "/public/"),
        ("contrast=high", "/public/"),
    ],
)
def test_a_preference_link_goes_back_only_to_a_portal_page(anonymous: TestClient, query: str, location: str) -> None:
    response = anonymous.get(f"/public/prefs?{query}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == location


@pytest.mark.parametrize(
    ("query", "cookie", "html_class"),
    [
        ("elder=1", "ls_elder=1", "elder"),
        ("size=large", "ls_size=large", "size-large"),
        ("size=larger", "ls_size=larger", "size-larger"),
        ("contrast=high", "ls_contrast=high", "contrast-high"),
    ],
)
def test_a_preference_is_remembered_across_pages(
    anonymous: TestClient, world: World, query: str, cookie: str, html_class: str
) -> None:
    response = anonymous.get(f"/public/prefs?{query}&next=/public/", follow_redirects=False)
    assert cookie in response.headers["set-cookie"] and "Path=/public" in response.headers["set-cookie"]
    for url in ("/public/", f"/public/plans/{world.plan_id}/report"):
        assert re.search(rf'<html lang="zh-CN" class="[^"]*\b{html_class}\b', anonymous.get(url).text)


def test_an_unknown_preference_value_sets_nothing(anonymous: TestClient) -> None:
    response = anonymous.get("/public/prefs?size=huge&elder=yes&next=/public/", follow_redirects=False)
    assert "set-cookie" not in response.headers


def test_elder_mode_drops_the_charts_and_lists_the_report_links_after_each_paragraph(
    anonymous: TestClient, world: World
) -> None:
    anonymous.get("/public/prefs?elder=1&next=/public/")
    board = anonymous.get(f"/public/plans/{world.plan_id}").text
    assert "echarts" not in board and "<table>" in board
    report = anonymous.get(f"/public/plans/{world.plan_id}/report").text
    assert '<a class="m-target"' not in report and '<ul class="para-links">' in report
