"""A readable terminal view of one extraction: report, sections, targets, facts and tasks."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

NONE = "（无）"
_QUOTE_WIDTH = 60


def render_extraction(data: dict[str, Any], console: Console) -> None:
    """Print the extraction (the luoshi.extract/1 object) as a few tables."""
    console.print(_report_table(data))
    for title, columns, rows in (
        ("章节 / Sections", ("id", "编号", "标题", "类别"), _section_rows(data["sections"])),
        ("目标 / Targets", ("#", "指标", "类型", "比较", "数值", "单位", "期限", "原文"), _target_rows(data)),
        ("成绩 / Facts", ("#", "指标", "类型", "数值", "单位", "时期", "原文"), _fact_rows(data)),
        ("任务 / Tasks", ("id", "章节", "任务", "目标", "项目"), _task_rows(data["tasks"])),
    ):
        console.print(_table(f"{title} ({len(rows)})", columns, rows))
    for warning in data["warnings"]:
        console.print(f"[yellow]提示 / warning:[/yellow] {warning}")


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """A table with a title and a row saying none when it is empty."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows or [(NONE, *("" for _ in columns[1:]))]:
        table.add_row(*row)
    return table


def _report_table(data: dict[str, Any]) -> Table:
    """The report's who, where and when, and where it was read from."""
    report, source = data["report"], data["source"]
    table = Table(title="报告 / Report", title_justify="left", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    fields = [
        ("文件 / file", f"{source['name']} ({source['encoding']}, {source['chars']} 字)"),
        ("标题 / title", report.get("title")),
        ("地区 / region", report.get("region")),
        ("发布机构 / issuer", report.get("issuer")),
        ("索引号 / index no.", report.get("index_no")),
        ("成文日期 / written", report.get("written_date")),
        ("发布日期 / published", report.get("published_date")),
        ("报告人 / speaker", " ".join(filter(None, (report.get("speaker_title"), report.get("speaker"))))),
        ("计划年度 / plan year", report.get("plan_year")),
    ]
    for label, value in fields:
        table.add_row(label, NONE if value in (None, "") else str(value))
    return table


def _section_rows(sections: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    return [(s["id"], s["number"], s["title"], s["kind"]) for s in sections]


def _target_rows(data: dict[str, Any]) -> list[tuple[str, ...]]:
    return [
        (
            str(i),
            t["metric"],
            t["kind"],
            t["comparator"] or "",
            _text(t["value"]),
            t["unit"] or "",
            _span(t["horizon"]),
            _short(t["quote"]),
        )
        for i, t in enumerate(data["targets"])
    ]


def _fact_rows(data: dict[str, Any]) -> list[tuple[str, ...]]:
    return [
        (str(i), f["metric"], f["kind"], _text(f["value"]), f["unit"], _span(f["period"]), _short(f["quote"]))
        for i, f in enumerate(data["facts"])
    ]


def _task_rows(tasks: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    return [(t["id"], t["section"], t["title"], str(len(t["targets"])), "、".join(t["projects"])) for t in tasks]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _span(span: dict[str, int] | None) -> str:
    """A year span as 2022 or 2022–2026."""
    if not span:
        return ""
    return str(span["from"]) if span["from"] == span["to"] else f"{span['from']}–{span['to']}"


def _short(quote: str) -> str:
    return quote if len(quote) <= _QUOTE_WIDTH else quote[: _QUOTE_WIDTH - 1] + "…"
