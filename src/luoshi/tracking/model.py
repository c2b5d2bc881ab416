"""Frozen values the status rules take and give: target specs, observations, rules and lamps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from luoshi.tracking.periods import Horizon, Period
from luoshi.vocabulary import Colour, Comparator, Flag, ReportingCycle


class Kind(Enum):
    """What a target measures, as in the extraction contract; `percent` is a task without numbers."""

    LEVEL = "level"
    RATIO = "ratio"
    GROWTH = "growth"
    QUALITATIVE = "qualitative"
    PERCENT = "percent"


@dataclass(frozen=True)
class TargetSpec:
    """One target as the status rules need it; `value` is None only for qualitative and percent."""

    kind: Kind
    comparator: Comparator
    value: float | None
    unit: str
    horizon: Horizon

    def __post_init__(self) -> None:
        numeric = self.kind in (Kind.LEVEL, Kind.RATIO, Kind.GROWTH)
        if numeric and self.value is None:
            raise ValueError(f"a {self.kind.value} target needs a value")
        # Completion divides by the value; only a ceiling (事故为零, 以内) may be zero.
        paced = self.kind in (Kind.LEVEL, Kind.RATIO) and self.comparator is not Comparator.AT_MOST
        if paced and self.value is not None and self.value <= 0:
            raise ValueError(f"a {self.kind.value} target needs a positive value, got {self.value}")


@dataclass(frozen=True)
class Observation:
    """An approved value for a period: value to date, cumulative growth, or percent done."""

    period: Period
    value: float


@dataclass(frozen=True)
class Milestone:
    """A dated checkpoint (节点) of a task."""

    title: str
    due: date


@dataclass(frozen=True)
class StatusRules:
    """The plan's settings for judging; the defaults are the thresholds of many 督查 offices."""

    cycle: ReportingCycle = ReportingCycle.MONTHLY
    yellow_points: float = 10.0
    red_points: float = 30.0
    growth_yellow_points: float = 1.0
    not_started_periods: int = 3
    approx_tolerance_points: float = 0.5
    report_grace_days: int = 5

    def __post_init__(self) -> None:
        if not 0 <= self.yellow_points <= self.red_points:
            raise ValueError("thresholds must satisfy 0 <= yellow_points <= red_points")
        if self.growth_yellow_points < 0 or self.approx_tolerance_points < 0:
            raise ValueError("growth and tolerance points must not be negative")
        if self.not_started_periods < 1 or self.report_grace_days < 0:
            raise ValueError("not_started_periods must be >= 1 and report_grace_days >= 0")


@dataclass(frozen=True)
class Lamp:
    """A judged status: its colour, the reason in Chinese words, and its flags."""

    colour: Colour
    reason: str
    flags: frozenset[Flag] = frozenset()

    @property
    def text(self) -> str:
        """The reason followed by the flags, as a status line shows it."""
        words = [f.value for f in Flag if f in self.flags and f.value not in self.reason]
        return "；".join([self.reason, *words])
