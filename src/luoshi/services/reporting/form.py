"""The progress report form (报送表): what the form shows, and each field's own check with its message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.actors import Actor
from luoshi.services.audited import load
from luoshi.services.errors import InvalidValue, PermissionDenied
from luoshi.services.reporting.attachments import AttachmentPublic, attachments_of
from luoshi.services.reporting.inbox import open_period
from luoshi.services.reporting.progress import ProgressPublic, public
from luoshi.services.reporting.values import check_fields
from luoshi.services.status.lamps import task_horizon
from luoshi.storage import plans, progress, transaction
from luoshi.storage.models import ProgressReport, Target, Task
from luoshi.vocabulary import ReportingCycle, TargetKind, UserRole


@dataclass(frozen=True)
class FieldTarget:
    """A target as the form asks for it: its value to date, in its unit."""

    id: int
    metric: str
    kind: str
    unit: str | None
    goal: str


@dataclass(frozen=True)
class ReportForm:
    """A task's report for one period: the targets to fill in, the stored report if any, its attachments."""

    task_id: int
    plan_id: int
    title: str
    lead_id: int | None
    period: str | None
    periods: tuple[str, ...]
    targets: tuple[FieldTarget, ...]
    needs_percent: bool
    report: ProgressPublic | None
    attachments: tuple[AttachmentPublic, ...]


def report_form(
    *, sessions: sessionmaker[Session], actor: Actor, task_id: int, as_of: date, period: str | None = None
) -> ReportForm:
    """The form of a period (default: the one open on `as_of`); a department sees only tasks it leads."""
    with transaction(sessions) as session:
        task = load(session, Task, task_id, "任务")
        lead = plans.lead_department_id(session, task.id)
        _may_see(actor, lead)
        chosen = _period(task, period, as_of)
        revisions = progress.reports_of_period(session, task.id, chosen.year, chosen.month) if chosen else []
        report = public(revisions[-1]) if revisions else None
        form = _form(task, lead, chosen, report, as_of)
    files = attachments_of(sessions=sessions, actor=actor, report_id=report.id) if report else []
    return ReportForm(**{**vars(form), "attachments": tuple(files)})


def report_by_id(*, sessions: sessionmaker[Session], actor: Actor, report_id: int, as_of: date) -> ReportForm:
    """The form of the period of a stored report, showing that very revision."""
    with transaction(sessions) as session:
        row = load(session, ProgressReport, report_id, "进展报送")
        task = load(session, Task, row.task_id, "任务")
        lead = plans.lead_department_id(session, task.id)
        _may_see(actor, lead)
        form = _form(task, lead, tracking.Period(row.period_year, row.period_month), public(row), as_of)
    files = attachments_of(sessions=sessions, actor=actor, report_id=report_id)
    return ReportForm(**{**vars(form), "attachments": tuple(files)})


def field_errors(
    *, sessions: sessionmaker[Session], task_id: int, values: Mapping[int, str], percent: str
) -> tuple[dict[int, float], float | None, dict[str, str]]:
    """Parse and check each field of the form on its own: the values, the percent and a message per bad field."""
    with transaction(sessions) as session:
        return check_fields(load(session, Task, task_id, "任务").targets, values, percent)


def _may_see(actor: Actor, lead: int | None) -> None:
    """A department works only on the tasks it leads."""
    if actor.role is UserRole.DEPARTMENT and (lead is None or lead != actor.department_id):
        raise PermissionDenied("只能查看和报送本单位牵头的任务")


def _period(task: Task, period: str | None, as_of: date) -> tracking.Period | None:
    """The period asked for (checked to be one of the task's), else the one open on `as_of`."""
    if period is None:
        return open_period(task, as_of)
    try:
        return tracking.Period.parse(period)
    except ValueError:
        raise InvalidValue(f"报送期间应写作“年-月”，例如2022-06，而不是{period!r}") from None


def _form(
    task: Task, lead: int | None, period: tracking.Period | None, report: ProgressPublic | None, as_of: date
) -> ReportForm:
    """The form's fields (attachments are added by the caller, outside this transaction)."""
    ends = task_horizon(task, task.plan).period_ends(ReportingCycle(task.plan.cycle.value))
    targets = tuple(_field(t) for t in task.targets if t.kind is not TargetKind.QUALITATIVE)
    needs_percent = not task.targets or any(t.kind is TargetKind.QUALITATIVE for t in task.targets)
    return ReportForm(
        task_id=task.id,
        plan_id=task.plan_id,
        title=task.title,
        lead_id=lead,
        period=str(period) if period else None,
        periods=tuple(str(p) for p in ends if p.first_day <= as_of),
        targets=targets,
        needs_percent=needs_percent,
        report=report,
        attachments=(),
    )


def _field(target: Target) -> FieldTarget:
    """A numeric target as a form field."""
    signs = {">=": "≥", "<=": "≤", "~": "约", "=": ""}
    comparator = signs.get(target.comparator.value if target.comparator else "=", "")
    goal = f"{comparator}{target.value:g}{target.unit or ''}" if target.value is not None else "—"
    return FieldTarget(target.id, target.metric, target.kind.value, target.unit, goal)
