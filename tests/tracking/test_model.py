"""Validation of the frozen inputs: bad settings and targets fail at construction."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.tracking import Horizon, Kind, Lamp, StatusRules, TargetSpec
from luoshi.vocabulary import Colour, Comparator, Flag

BAD_RULES: list[dict[str, Any]] = [
    {"yellow_points": 40, "red_points": 30},
    {"yellow_points": -1},
    {"growth_yellow_points": -0.5},
    {"approx_tolerance_points": -1},
    {"not_started_periods": 0},
    {"report_grace_days": -1},
]


@pytest.mark.parametrize("values", BAD_RULES)
def test_bad_rules_fail_fast(values: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        StatusRules(**values)


BAD_TARGETS = [
    (Kind.LEVEL, None),
    (Kind.GROWTH, None),
    (Kind.LEVEL, 0.0),
    (Kind.RATIO, -3.0),
]


@pytest.mark.parametrize(("kind", "value"), BAD_TARGETS)
def test_bad_targets_fail_fast(kind: Kind, value: float | None) -> None:
    with pytest.raises(ValueError):
        TargetSpec(kind, Comparator.AT_LEAST, value, "%", Horizon.years(2022))


def test_a_lamp_text_appends_flags_not_already_said() -> None:
    lamp = Lamp(Colour.RED, "已逾期，完成90%", frozenset({Flag.OVERDUE, Flag.LATE}))
    assert lamp.text == "已逾期，完成90%；未报送"


def test_severity_orders_done_to_red() -> None:
    order = sorted(Colour, key=lambda c: c.severity)
    assert order == [Colour.DONE, Colour.NOT_STARTED, Colour.GREEN, Colour.YELLOW, Colour.RED]
