"""Frozen values the status rules take and give: target specs, observations and lamps (the rules: settings.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from luoshi.tracking.periods import Horizon, Period
from luoshi.vocabulary import Colour, Comparator, Flag


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
