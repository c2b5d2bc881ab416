"""The checks of an uploaded offline template, line by line and task by task, before anything is saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from luoshi import tracking
from luoshi.services.reporting.offline_lines import (
    CellProblem,
    OfflineLine,
    TaskEntry,
    identifier,
    read_target_value,
    read_task_fields,
    targets_by_id,
)
from luoshi.services.reporting.offline_reports import due_periods
from luoshi.services.reporting.progress import EDITABLE
from luoshi.services.reporting.values import missing_values
from luoshi.storage import plans, progress
from luoshi.storage.models import Plan, ProgressReport, Task
from luoshi.vocabulary import TargetKind


@dataclass(frozen=True)
class UploadContext:
    """The plan as the checks need it: its tasks, their lead departments, the period's reports."""

    plan: Plan
    department_id: int
    period: tracking.Period
    tasks: dict[int, Task]
    leads: dict[int, int]
    editable: dict[int, ProgressReport]
    locked: frozenset[int]

    @classmethod
    def read(cls, session: Session, plan: Plan, department_id: int, period: tracking.Period) -> UploadContext:
        """Everything in one read; tasks come with their targets loaded."""
        tasks = {t.id: t for t in plans.tasks_of_plan(session, plan.id)}
        leads = {t.id: d for d, led in plans.lead_tasks(session, plan.id).items() for t in led}
        latest = {}
        # Only the department's own tasks can be saved; the rest are refused before their reports matter.
        for task_id in (i for i, d in leads.items() if d == department_id):
            revisions = progress.reports_of_period(session, task_id, period.year, period.month)
            if revisions:
                latest[task_id] = revisions[-1]
        editable = {i: r for i, r in latest.items() if r.state in EDITABLE}
        locked = frozenset(i for i in latest if i not in editable)
        return cls(plan, department_id, period, tasks, leads, editable, locked)


def gather_entries(
    lines: Sequence[OfflineLine], context: UploadContext, period: tracking.Period, *, submitting: bool
) -> tuple[list[TaskEntry], list[CellProblem]]:
    """The lines grouped by task with their values checked, and every problem found, by cell."""
    entries: dict[int, TaskEntry] = {}
    seen: dict[tuple[int, int | None], int] = {}
    problems: list[CellProblem] = []
    for line in lines:
        task = _owned_task(line, context, period, problems)
        if task is None:
            continue
        target_id = _target_id(line, task, problems)
        if target_id == -1:
            continue
        if (task.id, target_id) in seen:
            problems.append(CellProblem(line.task.address, f"与第{seen[(task.id, target_id)]}行重复"))
            continue
        seen[(task.id, target_id)] = line.row
        entry = entries.setdefault(task.id, TaskEntry(task, line.row))
        if target_id is None:
            read_task_fields(line, entry, problems)
        else:
            read_target_value(line, targets_by_id(task)[target_id], entry, problems)
    if submitting:
        for entry in entries.values():
            problems.extend(_missing_for_submission(entry))
    return list(entries.values()), problems


def _owned_task(
    line: OfflineLine, context: UploadContext, period: tracking.Period, problems: list[CellProblem]
) -> Task | None:
    """The line's task when the uploader's department leads it and owes this period's report."""
    task_id = identifier(line.task)
    task = context.tasks.get(task_id) if task_id is not None else None
    where = line.task.address
    if task is None:
        problems.append(CellProblem(where, f"任务编号「{line.task.value}」不在本计划中（标识列请勿修改）"))
    elif context.leads.get(task.id) != context.department_id:
        problems.append(CellProblem(where, f"「{task.title}」不是本单位牵头的任务，不能报送"))
    elif period not in due_periods(task, context.plan):
        problems.append(CellProblem(where, f"「{task.title}」在{period.label()}没有报送任务"))
    elif task.id in context.locked:
        problems.append(CellProblem(where, f"「{task.title}」{period.label()}的进展已提交或已审核，不能再修改"))
    else:
        return task
    return None


def _target_id(line: OfflineLine, task: Task, problems: list[CellProblem]) -> int | None:
    """The line's numeric target of the task, None on the task's own line, -1 (with a problem) when wrong."""
    if line.target.value is None or str(line.target.value).strip() == "":
        return None
    target_id = identifier(line.target)
    target = targets_by_id(task).get(target_id) if target_id is not None else None
    if target is None or target.kind is TargetKind.QUALITATIVE:
        message = f"目标编号「{line.target.value}」不属于该任务（标识列请勿修改）"
        problems.append(CellProblem(line.target.address, message))
        return -1
    return target_id


def _missing_for_submission(entry: TaskEntry) -> list[CellProblem]:
    """What a filled task still lacks before it can be submitted, at the cell to fill."""
    if not entry.filled:
        return []
    fallback = f"第{entry.row}行"
    stored = {str(k): v for k, v in entry.values.items()}
    problems = [
        CellProblem(entry.cells.get(str(t.id), fallback), f"提交前请填写「{t.metric}」的累计完成值")
        for t in entry.task.targets
        if t.kind is not TargetKind.QUALITATIVE and str(t.id) not in stored
    ]
    if "完成百分比" in missing_values(entry.task.targets, stored, entry.percent):
        problems.append(CellProblem(entry.cells.get("percent", fallback), "提交前请填写完成百分比"))
    if not entry.texts.get("progress_text"):
        problems.append(CellProblem(entry.cells.get("progress_text", fallback), "提交前请填写进展情况"))
    return problems
