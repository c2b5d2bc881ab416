"""Open data: every table of a plan as rows of public columns; only approved progress is published."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.exports.common import load_plan
from luoshi.storage import exports, plans, progress, transaction
from luoshi.storage.models import Plan, ProgressReport

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class OpenTable:
    """A published table: its name, its columns and its rows of JSON-ready values."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


# The public columns of each table, in order. Reviewers, authors, versions and the reviewer's comment
# are internal to the office and left out; the report's source and extraction are published elsewhere.
COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("id", "title", "status", "plan_year", "term_start", "term_end", "cycle", "published_at"),
    "sections": ("id", "parent_id", "key", "number", "title", "kind", "position"),
    "tasks": (
        "id", "section_id", "key", "position", "title", "text", "lead_leader",
        "horizon_start", "horizon_end", "deadline",
    ),
    "targets": (
        "id", "section_id", "task_id", "position", "metric", "kind", "comparator", "value", "unit",
        "base_value", "base_unit", "horizon_start", "horizon_end", "per_year", "commitment", "quote",
    ),
    "milestones": ("id", "task_id", "title", "due", "done_on"),
    "departments": ("id", "name"),
    "task_departments": ("id", "task_id", "department_id", "role"),
    "progress": (
        "id", "task_id", "period_year", "period_month", "revision", "values", "percent",
        "progress_text", "problems", "next_steps", "reviewed_at",
    ),
}  # fmt: skip


def plan_open_data(*, sessions: sessionmaker[Session], plan_id: int | None = None) -> tuple[OpenTable, ...]:
    """Read every published table of a plan (the newest when none is named) in one transaction."""
    with transaction(sessions) as session:
        plan = load_plan(session, plan_id)
        sources = _sources(session, plan)
        return tuple(_table(name, COLUMNS[name], records()) for name, records in sources.items())


def _sources(session: Session, plan: Plan) -> dict[str, Callable[[], Sequence[object]]]:
    """Where each table's records come from."""
    return {
        "plan": lambda: [plan],
        "sections": lambda: plans.sections_of_plan(session, plan.id),
        "tasks": lambda: plans.tasks_of_plan(session, plan.id),
        "targets": lambda: plans.targets_of_plan(session, plan.id),
        "milestones": lambda: exports.milestones_of_plan(session, plan.id),
        "departments": lambda: exports.departments_of_plan(session, plan.id),
        "task_departments": lambda: exports.task_departments_of_plan(session, plan.id),
        "progress": lambda: _approved_progress(session, plan.id),
    }


def _approved_progress(session: Session, plan_id: int) -> list[ProgressReport]:
    """The approved reports that count for status (the latest approved revision of each period), by task and period."""
    grouped = progress.approved_report_records_of_plan(session, plan_id)
    return [report for task_id in sorted(grouped) for report in grouped[task_id]]


def _table(name: str, columns: tuple[str, ...], records: Sequence[object]) -> OpenTable:
    """A table of plain values from ORM records."""
    rows = tuple(tuple(plain(getattr(record, column)) for column in columns) for record in records)
    return OpenTable(name, columns, rows)


def plain(value: object) -> Any:
    """A stored value as JSON: enums by their stored value, dates and times in ISO form."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is None:
        # SQLite hands back the stored UTC time without its zone; say it, as PostgreSQL does.
        return value.replace(tzinfo=UTC).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict(value)
    return value
