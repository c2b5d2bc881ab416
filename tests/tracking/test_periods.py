"""Expected progress (序时进度) and reporting periods, as a table of dates and percentages."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.tracking import Horizon, Period, expected_progress
from luoshi.tracking.periods import latest_due_period
from luoshi.vocabulary import ReportingCycle
from tests.tracking.cases import horizon

PROGRESS = [
    # horizon, cycle, as of, expected percent
    ("2022", "monthly", date(2021, 12, 31), 0.0),
    ("2022", "monthly", date(2022, 1, 30), 0.0),
    ("2022", "monthly", date(2022, 1, 31), 100 / 12),
    ("2022", "monthly", date(2022, 6, 29), 500 / 12),
    ("2022", "monthly", date(2022, 6, 30), 50.0),
    ("2022", "monthly", date(2022, 12, 31), 100.0),
    ("2022", "monthly", date(2030, 1, 1), 100.0),
    ("2022", "quarterly", date(2022, 3, 30), 0.0),
    ("2022", "quarterly", date(2022, 6, 30), 50.0),
    ("2022", "quarterly", date(2022, 8, 31), 50.0),
    ("2022-2026", "monthly", date(2022, 6, 30), 10.0),
    ("2022-2026", "quarterly", date(2023, 12, 31), 40.0),
    ("2022-01..2022-05", "quarterly", date(2022, 3, 31), 50.0),
    ("2022-01..2022-05", "quarterly", date(2022, 5, 31), 100.0),
    ("2022-02..2022-07", "quarterly", date(2022, 3, 31), 100 / 3),
    ("2024-01..2024-02", "monthly", date(2024, 2, 29), 100.0),
]


@pytest.mark.parametrize(("span", "cycle", "as_of", "expected"), PROGRESS)
def test_expected_progress(span: str, cycle: str, as_of: date, expected: float) -> None:
    assert expected_progress(horizon(span), ReportingCycle(cycle), as_of) == pytest.approx(expected)


DUE = [
    # as of, grace days, the last period whose report is due
    (date(2022, 1, 31), 5, None),
    (date(2022, 2, 5), 5, None),
    (date(2022, 2, 6), 5, Period(2022, 1)),
    (date(2022, 7, 1), 0, Period(2022, 6)),
    (date(2023, 3, 1), 5, Period(2022, 12)),
]


@pytest.mark.parametrize(("as_of", "grace", "due"), DUE)
def test_latest_due_period(as_of: date, grace: int, due: Period | None) -> None:
    assert latest_due_period(Horizon.years(2022), ReportingCycle.MONTHLY, as_of, grace) == due


def test_a_horizon_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Horizon(Period(2022, 6), Period(2022, 5))


@pytest.mark.parametrize("month", [0, 13])
def test_a_month_is_1_to_12(month: int) -> None:
    with pytest.raises(ValueError, match="month"):
        Period(2022, month)
