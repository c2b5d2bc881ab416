"""Reporting periods, horizons and the expected progress (序时进度) they imply."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from luoshi.vocabulary import ReportingCycle


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month; a quarterly period is named by the last month of its quarter."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, got {self.month}")

    @classmethod
    def of(cls, day: date) -> Period:
        """The month a date falls in."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read "2022-06" (year and month)."""
        year, _, month = text.partition("-")
        return cls(int(year), int(month))

    @property
    def first_day(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """The last day of the month."""
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def ordinal(self) -> int:
        """Months since year 0, so that periods can be subtracted."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Period:
        """The inverse of `ordinal`."""
        return cls(ordinal // 12, ordinal % 12 + 1)

    def label(self) -> str:
        """Chinese label such as 2022年6月."""
        return f"{self.year}年{self.month}月"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Horizon:
    """The months a target or task spans, first and last month included."""

    start: Period
    end: Period

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"horizon ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def years(cls, first: int, last: int | None = None) -> Horizon:
        """Whole calendar years, as the extraction states a horizon ({from, to})."""
        return cls(Period(first, 1), Period(last if last is not None else first, 12))

    @property
    def first_day(self) -> date:
        """The day the horizon opens."""
        return self.start.first_day

    @property
    def last_day(self) -> date:
        """The last day of the horizon (the deadline, 完成时限)."""
        return self.end.last_day

    def period_ends(self, cycle: ReportingCycle) -> tuple[Period, ...]:
        """The months that close a reporting period inside the horizon.

        Quarters close in March, June, September and December; the horizon's own last month
        always closes a period, so a deadline in May makes a short last quarter.
        """
        months = range(self.start.ordinal, self.end.ordinal + 1)
        ends = [
            Period.from_ordinal(m)
            for m in months
            if Period.from_ordinal(m).month % cycle.months == 0 or m == self.end.ordinal
        ]
        return tuple(ends)


def elapsed_periods(horizon: Horizon, cycle: ReportingCycle, as_of: date) -> int:
    """How many whole reporting periods of the horizon have ended by the end of `as_of`."""
    return sum(1 for p in horizon.period_ends(cycle) if p.last_day <= as_of)


def expected_progress(horizon: Horizon, cycle: ReportingCycle, as_of: date) -> float:
    """序时进度 in percent: the share of the horizon's whole periods that have ended by `as_of`."""
    ends = horizon.period_ends(cycle)
    return 100.0 * elapsed_periods(horizon, cycle, as_of) / len(ends)


def latest_due_period(horizon: Horizon, cycle: ReportingCycle, as_of: date, grace_days: int) -> Period | None:
    """The last period of the horizon whose report was due (its end plus the grace days) before `as_of`."""
    due = [p for p in horizon.period_ends(cycle) if (as_of - p.last_day).days > grace_days]
    return due[-1] if due else None
