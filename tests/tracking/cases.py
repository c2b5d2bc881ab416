"""Builders that turn the plain values of a case table into the tracking package's dataclasses."""

from __future__ import annotations

from typing import Any

from luoshi.tracking import (
    Horizon,
    Kind,
    Milestone,
    Observation,
    Period,
    StatusRules,
    TargetSpec,
    TaskProgress,
    TaskSpec,
)
from luoshi.vocabulary import Comparator, ReportingCycle


def horizon(text: str) -> Horizon:
    """ "2022", "2022-2026" (whole years) or "2022-01..2022-06" (months)."""
    if ".." in text:
        first, last = text.split("..")
        return Horizon(Period.parse(first), Period.parse(last))
    first, _, last = text.partition("-")
    return Horizon.years(int(first), int(last) if last else None)


def target(raw: dict[str, Any]) -> TargetSpec:
    """A target spec from a table row."""
    value = raw.get("value")
    return TargetSpec(
        kind=Kind(raw["kind"]),
        comparator=Comparator(raw["comparator"]),
        value=None if value is None else float(value),
        unit=str(raw.get("unit", "")),
        horizon=horizon(str(raw["horizon"])),
    )


def observations(raw: dict[str, float] | None) -> tuple[Observation, ...]:
    """{"2022-06": 3750, …} as observations."""
    return tuple(Observation(Period.parse(k), float(v)) for k, v in (raw or {}).items())


def rules(raw: dict[str, Any] | None) -> StatusRules:
    """Plan settings from a table row; the cycle by its name."""
    values = dict(raw or {})
    if "cycle" in values:
        values["cycle"] = ReportingCycle(values["cycle"])
    return StatusRules(**values)


def task(raw: dict[str, Any]) -> tuple[TaskSpec, TaskProgress]:
    """A task spec and its progress from a table row."""
    milestones = raw.get("milestones", [])
    spec = TaskSpec(
        horizon=horizon(str(raw["horizon"])),
        targets=tuple(target(t) for t in raw.get("targets", [])),
        milestones=tuple(Milestone(m["title"], m["due"]) for m in milestones),
    )
    progress = TaskProgress(
        values=tuple(observations(v) for v in raw.get("values", [])),
        percent=observations(raw.get("percent")),
        milestones_done=tuple(m.get("done_on") for m in milestones),
    )
    return spec, progress
