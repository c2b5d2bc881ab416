"""A task's progress over its reporting periods against its pace (序时进度), for the task page's chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.status.lamps import status_rules, task_horizon
from luoshi.storage import progress, transaction
from luoshi.storage.models import ProgressReport, Target, Task
from luoshi.vocabulary import Comparator, ReportingCycle, TargetKind

# Targets whose completion is value ÷ target; growth rates and ceilings are judged otherwise.
_COMPLETABLE = (TargetKind.LEVEL, TargetKind.RATIO)
_UPWARD = (Comparator.AT_LEAST, Comparator.EQUAL, Comparator.ABOUT, None)


@dataclass(frozen=True)
class HistoryPoint:
    """One period: the pace expected by its end and the percent done in the latest approved report by then."""

    period: str
    expected: float
    done: float | None


def task_history(*, sessions: sessionmaker[Session], task_id: int, as_of: date) -> tuple[HistoryPoint, ...]:
    """The periods of the task's horizon that have begun by `as_of`, each with its pace and progress."""
    with transaction(sessions) as session:
        task = session.get_one(Task, task_id)
        horizon = task_horizon(task, task.plan)
        cycle = status_rules(task.plan).cycle
        numeric = [t for t in task.targets if t.kind is not TargetKind.QUALITATIVE]
        measured = [t for t in numeric if t.kind in _COMPLETABLE and t.comparator in _UPWARD and t.value]
        reports = list(progress.approved_reports(session, task.id))
        points = []
        for period in horizon.period_ends(cycle):
            if period.first_day > as_of:
                break
            report = _latest_by(reports, period)
            done = _done(report, measured, by_percent=not numeric) if report is not None else None
            points.append(HistoryPoint(period.label(), round(_pace(horizon, cycle, period), 1), done))
    return tuple(points)


def _pace(horizon: tracking.Horizon, cycle: ReportingCycle, period: tracking.Period) -> float:
    """序时进度 at the end of a period."""
    return tracking.expected_progress(horizon, cycle, period.last_day)


def _latest_by(reports: Sequence[ProgressReport], period: tracking.Period) -> ProgressReport | None:
    """The latest approved report of a month up to the period's end."""
    due = [r for r in reports if (r.period_year, r.period_month) <= (period.year, period.month)]
    return due[-1] if due else None


def _done(report: ProgressReport, measured: Sequence[Target], *, by_percent: bool) -> float | None:
    """Percent done as the lamp sees it: the weakest target's completion, or, for a task without numbers, the
    percent reported (a growth or ceiling target has no completion, and a percent does not stand for it)."""
    if by_percent:
        return round(report.percent, 1) if report.percent is not None else None
    completions = [
        100.0 * float(report.values[str(t.id)]) / float(t.value or 1)
        for t in measured
        if report.values.get(str(t.id)) is not None
    ]
    return round(min(completions), 1) if completions else None
