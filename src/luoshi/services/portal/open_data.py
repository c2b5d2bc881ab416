"""Open data (开放数据) of a published plan: its tasks and its approved progress as rows, CSV and JSON.

The one open-data pipeline: the portal serves these data sets one by one and `luoshi export data`
writes all of them, byte for byte the same. Built only from the public views of
services.portal.publication, so the allow-list there is the only door: published (or closed) plans,
approved progress, never 存在问题, 下步计划, comments, authors or reviewers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.portal.publication import PublicBoard, PublicPlan, PublicProgress, public_board, published_plan
from luoshi.vocabulary import colour_label

TASK_COLUMNS = (
    ("number", "序号"),
    ("task_id", "任务编号"),
    ("section", "章节"),
    ("title", "任务"),
    ("lead", "牵头单位"),
    ("cooperating", "配合单位"),
    ("deadline", "完成时限"),
    ("lamp", "灯色"),
    ("reason", "灯色说明"),
    ("flags", "标记"),
    ("period", "最新报送期"),
    ("narrative", "最新进展"),
    ("percent", "完成百分比"),
    ("approved_on", "审核日期"),
)
PROGRESS_COLUMNS = (
    ("task_id", "任务编号"),
    ("title", "任务"),
    ("period", "报送期"),
    ("narrative", "进展情况"),
    ("percent", "完成百分比"),
    ("metric", "指标"),
    ("goal", "目标"),
    ("value", "报送值"),
    ("unit", "单位"),
    ("approved_on", "审核日期"),
)
COLUMNS = {"tasks": TASK_COLUMNS, "progress": PROGRESS_COLUMNS}
DATASETS = tuple(COLUMNS)
# What makes a spreadsheet run a cell as a formula (OWASP, CSV injection): such a cell gets an apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Dataset:
    """One open data set: its plan, the date lamps were judged on, its columns and rows."""

    plan: PublicPlan
    as_of: date
    name: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[dict[str, Any], ...]


def dataset(*, sessions: sessionmaker[Session], plan_id: int, name: str, as_of: date) -> Dataset:
    """The named data set ("tasks" or "progress") of a published plan (the portal's data files)."""
    return _dataset(public_board(sessions=sessions, plan_id=plan_id, as_of=as_of), name)


def plan_open_data(*, sessions: sessionmaker[Session], plan_id: int | None, as_of: date) -> tuple[Dataset, ...]:
    """Every data set of a published plan, the newest plan when none is named (`luoshi export data`).

    A plan not published is refused (InvalidState), a missing one is NotFound.
    """
    plan = published_plan(sessions=sessions, plan_id=plan_id)
    board = public_board(sessions=sessions, plan_id=plan.id, as_of=as_of)
    return tuple(_dataset(board, name) for name in DATASETS)


def _dataset(board: PublicBoard, name: str) -> Dataset:
    """One data set of a board."""
    records = task_records(board) if name == "tasks" else progress_records(board)
    return Dataset(board.plan, board.board.as_of, name, COLUMNS[name], tuple(records))


def task_records(board: PublicBoard) -> Iterable[dict[str, Any]]:
    """One record per task: its assignment, lamp with reason, and latest approved progress."""
    for number, row in enumerate(board.rows, start=1):
        task, status = row.task, row.status
        latest = board.progress.get(task.id)
        yield {
            "number": number,
            "task_id": task.id,
            "section": task.section_title or "",
            "title": task.title,
            "lead": task.lead or "",
            "cooperating": "、".join(a.name for a in task.departments if a.role == "cooperating"),
            "deadline": task.deadline or "",
            "lamp": colour_label(status.colour),
            "reason": status.reason,
            "flags": "、".join(status.flags),
            "period": latest.period if latest else "",
            "narrative": latest.narrative if latest else "",
            "percent": latest.percent if latest and latest.percent is not None else "",
            "approved_on": latest.approved_on.isoformat() if latest and latest.approved_on else "",
        }


def progress_records(board: PublicBoard) -> Iterable[dict[str, Any]]:
    """One record per reported value of every approved report (one record for a report without values)."""
    for row in board.rows:
        for report in board.history.get(row.task.id, ()):
            yield from _report_records(row.task.id, row.task.title, report)


def _report_records(task_id: int, title: str, report: PublicProgress) -> Iterable[dict[str, Any]]:
    """The records of one approved report."""
    base = {
        "task_id": task_id,
        "title": title,
        "period": report.period,
        "narrative": report.narrative,
        "percent": report.percent if report.percent is not None else "",
        "approved_on": report.approved_on.isoformat() if report.approved_on else "",
    }
    if not report.values:
        yield {**base, "metric": "", "goal": "", "value": "", "unit": ""}
    for v in report.values:
        yield {**base, "metric": v.metric, "goal": v.goal, "value": v.value, "unit": v.unit}


def as_csv(data: Dataset) -> bytes:
    """UTF-8 with a BOM (so that spreadsheet programs in China open it right), Chinese column names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _, label in data.columns])
    for record in data.rows:
        writer.writerow([csv_cell(record[key]) for key, _ in data.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_cell(value: Any) -> str:
    """A CSV cell; one a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first)
    gets an apostrophe in front, unless it is a plain number such as -2.5."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return "'" + text if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text) else text


def as_json(data: Dataset) -> bytes:
    """The data set as one JSON object: the plan, the date, the field names in Chinese, the records."""
    body = {
        "plan": {"id": data.plan.id, "title": data.plan.title, "plan_year": data.plan.plan_year},
        "as_of": data.as_of.isoformat(),
        "dataset": data.name,
        "fields": dict(data.columns),
        "records": list(data.rows),
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
