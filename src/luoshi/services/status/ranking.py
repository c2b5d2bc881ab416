"""The timeliness ranking (报送及时率排名) of a bulletin: the reports lead departments owed up to a period.

What is owed and when it counts as on time is services/timeliness.py's rule; this module ranks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from luoshi import tracking
from luoshi.services.status.lamps import UNASSIGNED
from luoshi.services.status.timeliness import first_approvals, owed_submissions
from luoshi.storage import plans, progress
from luoshi.storage.models import Plan


@dataclass(frozen=True)
class RankedDepartment:
    """A department's place in the ranking; equal rates share a rank."""

    rank: int
    department: str
    timeliness: tracking.Timeliness


def rank_departments(session: Session, plan: Plan, period: tracking.Period) -> tuple[RankedDepartment, ...]:
    """Lead departments ranked by the share of reports approved on time, up to and including `period`."""
    leads = plans.lead_department_names(session, plan.id)
    approvals = first_approvals(progress.approved_revisions_of_plan(session, plan.id))
    owed: dict[str, list[tracking.Submission]] = defaultdict(list)
    for task in plans.tasks_of_plan(session, plan.id):
        owed[leads.get(task.id, UNASSIGNED)].extend(owed_submissions(plan, task, approvals, up_to=period))
    # Counted the day after the period's reports fall due, so the period itself is in.
    as_of = period.last_day + timedelta(days=plan.report_grace_days + 1)
    scores = {name: tracking.timeliness(subs, as_of) for name, subs in owed.items() if name != UNASSIGNED}
    return _ranked(scores)


def _ranked(scores: dict[str, tracking.Timeliness]) -> tuple[RankedDepartment, ...]:
    """Best rate first (departments owing nothing yet last), then more reports owed, then name."""
    order = sorted(
        scores.items(),
        key=lambda item: (-(item[1].rate if item[1].rate is not None else -1), -item[1].expected, item[0]),
    )
    ranked: list[RankedDepartment] = []
    for position, (name, score) in enumerate(order, start=1):
        tied = ranked and ranked[-1].timeliness.rate == score.rate
        ranked.append(RankedDepartment(ranked[-1].rank if tied else position, name, score))
    return tuple(ranked)
