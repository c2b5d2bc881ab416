"""Lamps of stored tasks: plan settings, targets and approved reports passed to the pure tracking rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.storage import plans, progress, transaction
from luoshi.storage.models import Plan, ProgressReport, Target, Task
from luoshi.vocabulary import Comparator, Flag, TargetKind

UNASSIGNED = "未分配"
# A stored report, or the plain columns of one that a whole plan's status reads (progress.ReportValues).
Reported = ProgressReport | progress.ReportValues


@dataclass(frozen=True)
class TaskStatus:
    """A task's lamp as pages and the API show it."""

    task_id: int
    colour: str
    reason: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class PlanOverview:
    """Every task's lamp and the counts by section and by lead department."""

    tasks: tuple[TaskStatus, ...]
    by_section: dict[str, tracking.Summary]
    by_department: dict[str, tracking.Summary]


def task_status(*, sessions: sessionmaker[Session], task_id: int, as_of: date) -> TaskStatus:
    """Judge one task on a date from its approved reports."""
    with transaction(sessions) as session:
        task = session.get_one(Task, task_id)
        return _status(task.id, _judge(task, progress.approved_reports(session, task.id), as_of))


def plan_status(*, sessions: sessionmaker[Session], plan_id: int, as_of: date) -> PlanOverview:
    """Judge every task of a plan and summarise them by section title and by lead department."""
    with transaction(sessions) as session:
        plan = session.get_one(Plan, plan_id)
        titles = {s.id: s.title for s in plan.sections}
        leads = plans.lead_department_names(session, plan_id)
        reports = progress.approved_reports_of_plan(session, plan_id)
        tasks = plans.tasks_of_plan(session, plan_id)
        judged = [(t, _judge(t, reports.get(t.id, []), as_of)) for t in tasks]
    sections: dict[str, list[tracking.Lamp]] = defaultdict(list)
    departments: dict[str, list[tracking.Lamp]] = defaultdict(list)
    for task, lamp in judged:
        sections[titles.get(task.section_id or 0, UNASSIGNED)].append(lamp)
        departments[leads.get(task.id, UNASSIGNED)].append(lamp)
    return PlanOverview(
        tasks=tuple(_status(task.id, lamp) for task, lamp in judged),
        by_section={k: tracking.summarise(v) for k, v in sections.items()},
        by_department={k: tracking.summarise(v) for k, v in departments.items()},
    )


def _judge(task: Task, reports: Sequence[Reported], as_of: date) -> tracking.Lamp:
    """The worst-of lamp of a stored task from its approved reports."""
    plan = task.plan
    horizon = task_horizon(task, plan)
    spec = tracking.TaskSpec(
        horizon=horizon,
        targets=tuple(target_spec(t, horizon) for t in task.targets),
        milestones=tuple(tracking.Milestone(m.title, m.due) for m in task.milestones),
    )
    task_progress = tracking.TaskProgress(
        values=tuple(_observations(reports, t) for t in task.targets),
        percent=tuple(_observation(r, r.percent) for r in reports if r.percent is not None),
        milestones_done=tuple(m.done_on for m in task.milestones),
    )
    return tracking.judge_task(spec, task_progress, as_of, status_rules(plan))


def status_rules(plan: Plan) -> tracking.StatusRules:
    """The plan's settings as the tracking rules take them: one stored column per declared setting."""
    return tracking.StatusRules(**{s.name: getattr(plan, s.name) for s in tracking.PLAN_SETTINGS})


def task_horizon(task: Task, plan: Plan) -> tracking.Horizon:
    """From the task's first year (the plan year by default) to its deadline, else its last year's end."""
    first = task.horizon_start or plan.plan_year
    if task.deadline is not None:
        return tracking.Horizon(tracking.Period(first, 1), tracking.Period.of(task.deadline))
    return tracking.Horizon.years(first, task.horizon_end or first)


def target_spec(target: Target, default: tracking.Horizon) -> tracking.TargetSpec:
    """A stored target as the tracking rules take it; a target without a comparator counts as `>=`."""
    horizon = default
    if target.horizon_start is not None:
        horizon = tracking.Horizon.years(target.horizon_start, target.horizon_end)
    qualitative = target.kind is TargetKind.QUALITATIVE
    comparator = target.comparator.value if target.comparator else ">="
    return tracking.TargetSpec(
        kind=tracking.Kind(target.kind.value),
        comparator=Comparator(comparator),
        value=None if qualitative else target.value,
        unit=target.unit or "",
        horizon=horizon,
    )


def _observations(reports: Sequence[Reported], target: Target) -> tuple[tracking.Observation, ...]:
    """The target's values in the approved reports; a qualitative target is followed by percent done."""
    if target.kind is TargetKind.QUALITATIVE:
        return tuple(_observation(r, r.percent) for r in reports if r.percent is not None)
    key = str(target.id)
    return tuple(_observation(r, float(r.values[key])) for r in reports if r.values.get(key) is not None)


def _observation(report: Reported, value: float | None) -> tracking.Observation:
    """One report's value as an observation of its period."""
    return tracking.Observation(tracking.Period(report.period_year, report.period_month), float(value or 0.0))


def _status(task_id: int, lamp: tracking.Lamp) -> TaskStatus:
    """A task's lamp as the outgoing schema: plain strings, flags in a fixed order."""
    flags = tuple(f.value for f in Flag if f in lamp.flags)
    return TaskStatus(task_id, lamp.colour.value, lamp.reason, flags)
