"""Summaries of many tasks (a section, a department) and a department's timeliness (报送及时率)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from luoshi.tracking import wording
from luoshi.tracking.model import Lamp
from luoshi.vocabulary import Colour, Flag


@dataclass(frozen=True)
class Summary:
    """Counts of task lamps by colour, and of the flags they carry."""

    total: int = 0
    done: int = 0
    not_started: int = 0
    green: int = 0
    yellow: int = 0
    red: int = 0
    late: int = 0
    overdue: int = 0

    def count(self, colour: Colour) -> int:
        """The number of lamps of one colour."""
        return int(getattr(self, colour.value))

    @property
    def reason(self) -> str:
        """共12项：已完成2项，绿灯6项，黄灯2项，红灯2项；未报送1项."""
        head = wording.summary(self.total, [(c.label, self.count(c)) for c in Colour])
        flags = [(Flag.OVERDUE.value, self.overdue), (Flag.LATE.value, self.late)]
        tail = "，".join(f"{word}{n}项" for word, n in flags if n)
        return f"{head}；{tail}" if tail else head


def summarise(lamps: Iterable[Lamp]) -> Summary:
    """Count the lamps of a section's or a department's tasks."""
    counts = {c: 0 for c in Colour}
    late = overdue = 0
    for lamp in lamps:
        counts[lamp.colour] += 1
        late += Flag.LATE in lamp.flags
        overdue += Flag.OVERDUE in lamp.flags
    return Summary(
        total=sum(counts.values()),
        done=counts[Colour.DONE],
        not_started=counts[Colour.NOT_STARTED],
        green=counts[Colour.GREEN],
        yellow=counts[Colour.YELLOW],
        red=counts[Colour.RED],
        late=late,
        overdue=overdue,
    )


@dataclass(frozen=True)
class Submission:
    """One report a department owed: when it was due and when it was approved, if it was."""

    due: date
    approved_on: date | None


@dataclass(frozen=True)
class Timeliness:
    """Reports approved on time out of those due: the department's timeliness."""

    expected: int
    on_time: int

    @property
    def rate(self) -> float | None:
        """Percent on time, or None when nothing was due yet."""
        return 100.0 * self.on_time / self.expected if self.expected else None

    @property
    def reason(self) -> str:
        """按时报送5次，应报送6次，及时率83.3%."""
        if self.rate is None:
            return "尚无应报送的进展"
        return f"按时报送{self.on_time}次，应报送{self.expected}次，及时率{wording.num(self.rate)}%"


def timeliness(submissions: Iterable[Submission], as_of: date) -> Timeliness:
    """Approved on or before the due date ÷ due by `as_of` (a report not yet due is not counted)."""
    due = [s for s in submissions if s.due < as_of]
    on_time = sum(1 for s in due if s.approved_on is not None and s.approved_on <= s.due)
    return Timeliness(expected=len(due), on_time=on_time)
