"""The demo's made-up progress: values to date that follow a profile (ahead, on pace, lagging, far behind)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from luoshi import tracking
from luoshi.services.reporting.progress import ProgressDraft
from luoshi.services.reporting.values import COUNT_UNITS
from luoshi.storage.models import Target, Task
from luoshi.vocabulary import Comparator, ReportingCycle, TargetKind


@dataclass(frozen=True)
class Profile:
    """How a task fares: its share of the target against the pace, and its growth against the target."""

    name: str
    pace: Callable[[float], float]  # share of the target reached, from the share of time elapsed
    growth_gap: float  # points above (or below) a growth target
    ceiling_factor: float  # the latest value as a share of a ceiling (以内) target


PROFILES = (
    Profile("on_pace", lambda f: f, 0.4, 0.9),
    Profile("ahead", lambda f: min(1.02, f * 1.3), 0.8, 0.8),
    Profile("lagging", lambda f: max(0.0, f - 0.2), -0.6, 0.95),
    Profile("on_pace", lambda f: f * 0.97, 0.2, 0.9),
    Profile("far_behind", lambda f: f * 0.4, -2.5, 1.1),
)


def draft_for(
    task: Task, period: tracking.Period, profile: Profile, *, horizon_of: Callable[[Task], tracking.Horizon]
) -> ProgressDraft:
    """A month's report of a task following its profile, with words a department would write."""
    horizon = horizon_of(task)
    share = tracking.expected_progress(horizon, ReportingCycle.MONTHLY, period.last_day) / 100
    values = {t.id: _value(t, share, profile) for t in task.targets if t.kind is not TargetKind.QUALITATIVE}
    percent = round(min(100.0, profile.pace(share) * 100), 1)
    return ProgressDraft(
        task_id=task.id,
        period=str(period),
        values=values,
        percent=percent,
        progress_text=f"{period.label()}，{task.title}按计划推进，累计完成年度任务约{percent:g}%。",
        problems="项目用地报批进度偏慢。" if profile.name in ("lagging", "far_behind") else "无。",
        next_steps="加强统筹调度，倒排工期，确保完成年度目标。",
    )


def _value(target: Target, share: float, profile: Profile) -> float:
    """The value to date of one target for the profile."""
    goal = target.value or 0.0
    if target.kind is TargetKind.GROWTH:
        return round(goal + profile.growth_gap, 1)
    if target.comparator is Comparator.AT_MOST:
        return round(goal * profile.ceiling_factor if goal else (1.0 if profile.ceiling_factor > 1 else 0.0), 2)
    value = goal * profile.pace(share)
    if target.kind is TargetKind.RATIO and (target.unit or "%") == "%":
        value = min(value, 100.0)
    return float(round(value)) if target.unit in COUNT_UNITS else round(value, 2)
