"""The task breakdown table uploaded back: what the office changed, previewed, then applied in one transaction.

Rows are matched to tasks by 序号 and 目标任务 together, so a table exported before the plan was
edited is caught rather than applied to the wrong tasks. Only 牵头领导, 牵头单位, 配合单位 and
完成时限 are read as changes; they go through the assigning services, so versions are checked and
every change is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.errors import InvalidState, InvalidValue
from luoshi.services.exports.breakdown import BreakdownRow, breakdown_of
from luoshi.services.exports.breakdown_rows import FieldChange, RowContext, SheetLine, TaskChange, read_line
from luoshi.services.exports.common import load_plan
from luoshi.services.plans.assigning import Assignment, TaskSchedule, assign, schedule
from luoshi.storage import people, plans, transaction
from luoshi.storage.batch import one_transaction
from luoshi.vocabulary import PlanStatus

__all__ = [
    "BreakdownPreview",
    "FieldChange",
    "RowError",
    "SheetLine",
    "TaskChange",
    "apply_breakdown_import",
    "preview_breakdown_import",
]


@dataclass(frozen=True)
class RowError:
    """A problem of one row; nothing is applied while any remains."""

    row: int
    message: str

    def __str__(self) -> str:
        """第12行：…, as the user reads it."""
        return f"第{self.row}行：{self.message}"


@dataclass(frozen=True)
class BreakdownPreview:
    """The changes an uploaded table makes to a plan, and the problems that block them."""

    plan_id: int
    rows: int
    changes: tuple[TaskChange, ...]
    errors: tuple[RowError, ...]


def preview_breakdown_import(
    *, sessions: sessionmaker[Session], lines: Sequence[SheetLine], plan_id: int | None = None
) -> BreakdownPreview:
    """Compare the file's rows with the plan (the newest when none is named); nothing is written."""
    with transaction(sessions) as session:
        plan = load_plan(session, plan_id)
        if plan.status is PlanStatus.CLOSED:
            raise InvalidState("计划已关闭，不能再修改分派")
        context = _context(session, plan.id, breakdown_of(session, plan).rows, plan.plan_year)
    changes: list[TaskChange] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line in lines:
        if line.number in seen:
            errors.append(RowError(line.row, f"序号{line.number}与第{seen[line.number]}行重复"))
            continue
        seen[line.number] = line.row
        change, problems = read_line(line, context)
        errors.extend(RowError(line.row, p) for p in problems)
        if change is not None and not problems:
            changes.append(change)
    return BreakdownPreview(plan.id, len(lines), tuple(changes), tuple(errors))


def _context(session: Session, plan_id: int, rows: Sequence[BreakdownRow], plan_year: int) -> RowContext:
    """What each row is checked against: the table as it is now, task versions and deadlines, the registry."""
    tasks = {t.id: t for t in plans.tasks_of_plan(session, plan_id)}
    return RowContext(
        rows={r.number: r for r in rows},
        versions={i: t.version for i, t in tasks.items()},
        deadlines={i: t.deadline for i, t in tasks.items()},
        departments=frozenset(d.name for d in people.departments(session)),
        plan_year=plan_year,
    )


def apply_breakdown_import(*, sessions: sessionmaker[Session], actor: Actor, preview: BreakdownPreview) -> int:
    """Apply a clean preview in one transaction through the assigning services; returns the tasks changed.

    A task edited by someone else since the preview fails its version check, and then nothing is kept.
    """
    require(actor, *PLANNERS)
    if preview.errors:
        raise InvalidValue(f"分解表有{len(preview.errors)}处错误，未作任何修改")
    with one_transaction(sessions) as joined:
        for change in preview.changes:
            version = change.version
            if change.departments is not None:
                lead, cooperating = change.departments
                version = assign(
                    sessions=joined, actor=actor, request=Assignment(change.task_id, version, lead, cooperating)
                )
            if change.leader is not None or change.deadline is not None:
                when = TaskSchedule(change.task_id, version, change.leader, change.deadline)
                schedule(sessions=joined, actor=actor, request=when)
    return len(preview.changes)
