"""A task's lamp: its targets, its percent done when it has no numbers, and its milestones, worst first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from luoshi.tracking import wording
from luoshi.tracking.model import Kind, Lamp, Milestone, Observation, TargetSpec
from luoshi.tracking.periods import Horizon
from luoshi.tracking.settings import StatusRules
from luoshi.tracking.targets import judge_target
from luoshi.vocabulary import Colour, Comparator, Flag

T = TypeVar("T")


@dataclass(frozen=True)
class TaskSpec:
    """What a task is judged against: its horizon (to its deadline), targets and milestones."""

    horizon: Horizon
    targets: tuple[TargetSpec, ...] = ()
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class TaskProgress:
    """Approved progress of a task: observations per target, percent done, milestone completion dates."""

    values: tuple[tuple[Observation, ...], ...] = ()
    percent: tuple[Observation, ...] = ()
    milestones_done: tuple[date | None, ...] = ()


def judge_milestone(milestone: Milestone, done_on: date | None, as_of: date) -> Lamp:
    """Done once completed, green until due, red (逾期) once missed."""
    if done_on is not None and done_on <= as_of:
        return Lamp(Colour.DONE, wording.milestone_done(milestone.title))
    if as_of > milestone.due:
        missed = wording.milestone_missed(milestone.title, milestone.due)
        return Lamp(Colour.RED, missed, frozenset({Flag.OVERDUE}))
    return Lamp(Colour.GREEN, wording.milestone_pending(milestone.title, milestone.due))


def judge_task(task: TaskSpec, progress: TaskProgress, as_of: date, rules: StatusRules | None = None) -> Lamp:
    """The worst lamp of a task's targets and milestones; without targets, its percent done counts."""
    lamps = [judge_target(spec, _at(progress.values, i, ()), as_of, rules) for i, spec in enumerate(task.targets)]
    if not task.targets:
        percent = TargetSpec(Kind.PERCENT, Comparator.AT_LEAST, None, "%", task.horizon)
        lamps.append(judge_target(percent, progress.percent, as_of, rules))
    done = progress.milestones_done
    lamps += [judge_milestone(m, _at(done, i, None), as_of) for i, m in enumerate(task.milestones)]
    return worst(lamps)


def worst(lamps: list[Lamp]) -> Lamp:
    """The roll-up: the most severe lamp (its reason first met wins ties), carrying every flag."""
    if not lamps:
        return Lamp(Colour.NOT_STARTED, "无考核内容")
    top = max(lamps, key=lambda lamp: lamp.colour.severity)
    flags = frozenset().union(*(lamp.flags for lamp in lamps))
    return Lamp(top.colour, top.reason, flags)


def _at(items: tuple[T, ...], index: int, default: T) -> T:
    """The item at `index`, or the default when progress lists fewer items than the spec."""
    return items[index] if index < len(items) else default
