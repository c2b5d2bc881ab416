"""A department's offline progress template (离线填报表): the reports it owes for a period, to fill in Excel.

Each task the department leads whose reporting periods include the period is listed, with its
numeric targets; a draft or returned report of the period fills the cells in advance. A report
already submitted or approved is left out: it can no longer change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.errors import InvalidValue, NotFound
from luoshi.services.exports.common import load_plan
from luoshi.services.reporting.progress import EDITABLE
from luoshi.services.reporting.values import needs_percent
from luoshi.services.status.lamps import task_horizon
from luoshi.services.views.planview import target_text
from luoshi.storage import people, plans, progress, transaction
from luoshi.storage.models import Plan, ProgressReport, Task
from luoshi.vocabulary import ReportingCycle, TargetKind

FORMAT = "luoshi.offline/1"


@dataclass(frozen=True)
class OfflineTarget:
    """A numeric target of a task and its value to date, if one was saved."""

    target_id: int
    text: str
    unit: str
    kind: TargetKind
    value: float | None


@dataclass(frozen=True)
class OfflineTask:
    """A task owed for the period, with what an editable report of the period already holds."""

    task_id: int
    number: int
    title: str
    targets: tuple[OfflineTarget, ...]
    needs_percent: bool
    percent: float | None
    progress_text: str
    problems: str
    next_steps: str


@dataclass(frozen=True)
class OfflineSheet:
    """The template's content: whose, which plan and period, the tasks owed, and how many are already sent."""

    plan_id: int
    plan_title: str
    department: str
    period: str
    tasks: tuple[OfflineTask, ...]
    already_sent: int


def offline_sheet(
    *, sessions: sessionmaker[Session], department: str, period: str, plan_id: int | None = None
) -> OfflineSheet:
    """The reports `department` owes for `period` ("2022-06") in the plan (the newest when none is named)."""
    wanted = parse_period(period)
    with transaction(sessions) as session:
        plan = load_plan(session, plan_id)
        found = people.department_by_name(session, department)
        if found is None:
            raise NotFound(f"部门「{department}」不存在")
        numbers = {t.id: n for n, t in enumerate(plans.tasks_of_plan(session, plan.id), start=1)}
        tasks, sent = [], 0
        for task in plans.lead_tasks(session, plan.id).get(found.id, []):
            if wanted not in due_periods(task, plan):
                continue
            revisions = progress.reports_of_period(session, task.id, wanted.year, wanted.month)
            if revisions and revisions[-1].state not in EDITABLE:
                sent += 1
                continue
            tasks.append(_task(task, numbers[task.id], revisions[-1] if revisions else None))
        return OfflineSheet(plan.id, plan.title, department, str(wanted), tuple(tasks), sent)


def parse_period(text: str) -> tracking.Period:
    """A period written "2022-06", or InvalidValue."""
    try:
        return tracking.Period.parse(text)
    except ValueError:
        raise InvalidValue(f"报送期间应写作“年-月”，例如2022-06，而不是{text!r}") from None


def due_periods(task: Task, plan: Plan) -> tuple[tracking.Period, ...]:
    """The periods a task is reported for: each period end of its horizon."""
    return task_horizon(task, plan).period_ends(ReportingCycle(plan.cycle.value))


def _task(task: Task, number: int, report: ProgressReport | None) -> OfflineTask:
    """A task's lines, filled from its editable report of the period when there is one."""
    values = report.values if report is not None else {}
    targets = tuple(
        OfflineTarget(t.id, target_text(t), t.unit or "", t.kind, values.get(str(t.id)))
        for t in task.targets
        if t.kind is not TargetKind.QUALITATIVE
    )
    return OfflineTask(
        task_id=task.id,
        number=number,
        title=task.title,
        targets=targets,
        needs_percent=needs_percent(task.targets),
        percent=report.percent if report is not None else None,
        progress_text=report.progress_text if report is not None else "",
        problems=report.problems if report is not None else "",
        next_steps=report.next_steps if report is not None else "",
    )
