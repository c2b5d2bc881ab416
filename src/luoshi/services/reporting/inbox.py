"""A department's inbox (报送): the tasks it leads with this period's report, and the reports sent back to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.actors import Actor
from luoshi.services.errors import PermissionDenied
from luoshi.services.reporting.progress import ProgressPublic, public
from luoshi.services.status.lamps import task_horizon
from luoshi.storage import plans, progress, transaction
from luoshi.storage.models import Task
from luoshi.vocabulary import PlanStatus, ReportingCycle, ReportState, UserRole


@dataclass(frozen=True)
class InboxItem:
    """A task the department leads and its report for the period now open (None: not started)."""

    task_id: int
    plan_id: int
    title: str
    period: str | None
    report: ProgressPublic | None

    @property
    def state_word(self) -> str:
        """未填报, 草稿, 已提交, 已审核 or 已退回."""
        return self.report.state.label if self.report else "未填报"

    @property
    def needs_work(self) -> bool:
        """True while the department still has to write or resubmit this period's report."""
        return self.period is not None and (self.report is None or self.report.state in _OPEN)


_OPEN = (ReportState.DRAFT, ReportState.RETURNED)


@dataclass(frozen=True)
class Inbox:
    """What is due now, and every report returned with the reviewer's comment."""

    due: tuple[InboxItem, ...]
    returned: tuple[InboxItem, ...]


def department_inbox(*, sessions: sessionmaker[Session], actor: Actor, as_of: date) -> Inbox:
    """The inbox of the actor's department over its published plans, judged on `as_of`."""
    if actor.role is not UserRole.DEPARTMENT or actor.department_id is None:
        raise PermissionDenied("报送收件箱只对责任单位用户开放")
    due: list[InboxItem] = []
    returned: list[InboxItem] = []
    with transaction(sessions) as session:
        for plan in plans.plans(session):
            if plan.status is not PlanStatus.PUBLISHED:
                continue
            for task in plans.lead_tasks(session, plan.id).get(actor.department_id, []):
                due.append(_item(session, task, open_period(task, as_of)))
                returned.extend(_returned(session, task))
    return Inbox(tuple(due), tuple(returned))


def open_period(task: Task, as_of: date) -> tracking.Period | None:
    """The latest period of the task's horizon that has begun by `as_of` (None before the task starts)."""
    ends = task_horizon(task, task.plan).period_ends(ReportingCycle(task.plan.cycle.value))
    begun = [p for p in ends if p.first_day <= as_of]
    return begun[-1] if begun else None


def _item(session: Session, task: Task, period: tracking.Period | None) -> InboxItem:
    """The task with the latest revision of its report for the period."""
    report = None
    if period is not None:
        revisions = progress.reports_of_period(session, task.id, period.year, period.month)
        report = public(revisions[-1]) if revisions else None
    return InboxItem(task.id, task.plan_id, task.title, str(period) if period else None, report)


def _returned(session: Session, task: Task) -> list[InboxItem]:
    """The task's reports that are waiting, returned, for the department to correct them."""
    found = [r for r in progress.reports_of_task(session, task.id) if r.state is ReportState.RETURNED]
    return [InboxItem(task.id, task.plan_id, task.title, str(public(r).period), public(r)) for r in found]
