"""Reported values against the target's kind and unit, with Chinese messages (a table of cases)."""

from __future__ import annotations

import math

import pytest

from luoshi.services.errors import InvalidValue
from luoshi.services.reporting.values import check_percent, check_value, check_values, missing_values
from luoshi.storage.models import Target
from luoshi.vocabulary import TargetKind

K = TargetKind


def _target(kind: TargetKind, unit: str | None, metric: str = "指标", target_id: int = 1) -> Target:
    return Target(id=target_id, metric=metric, kind=kind, unit=unit, value=None if kind is K.QUALITATIVE else 1)


# kind, unit, value → the stored value, or a part of the message
CASES = [
    (K.GROWTH, "%", 8.5, 8.5),
    (K.GROWTH, "%", -3.2, -3.2),
    (K.GROWTH, "%", -120, "增长率（%），应在-100%至1000%之间"),
    (K.GROWTH, "%", 5000, "增长率"),
    (K.LEVEL, "人", 7500, 7500.0),
    (K.LEVEL, "人", -1, "不能为负数"),
    (K.LEVEL, "人", 12.5, "以“人”计，应为整数"),
    (K.LEVEL, "万人", 1.2, 1.2),
    (K.LEVEL, "亿元", 0, 0.0),
    (K.RATIO, "%", 96.5, 96.5),
    (K.RATIO, "%", 101, "比率（%），应在0至100之间"),
    (K.RATIO, "%", -0.1, "不能为负数"),
    (K.QUALITATIVE, None, 50, "定性目标，请填写完成百分比"),
    (K.LEVEL, "个", math.nan, "数值无效"),
    (K.LEVEL, "个", True, "数值无效"),
]


@pytest.mark.parametrize(("kind", "unit", "value", "expected"), CASES)
def test_values(kind: TargetKind, unit: str | None, value: float, expected: float | str) -> None:
    target = _target(kind, unit, "城镇新增就业")
    if isinstance(expected, str):
        with pytest.raises(InvalidValue, match=expected) as error:
            check_value(target, value)
        assert "「城镇新增就业」" in str(error.value)
    else:
        assert check_value(target, value) == expected


@pytest.mark.parametrize(("percent", "ok"), [(0, True), (100, True), (62.5, True), (-1, False), (100.1, False)])
def test_percent(percent: float, ok: bool) -> None:
    if ok:
        assert check_percent(percent) == percent
    else:
        with pytest.raises(InvalidValue, match="0至100"):
            check_percent(percent)


def test_a_value_for_another_tasks_target_is_refused() -> None:
    with pytest.raises(InvalidValue, match="目标9不属于该任务"):
        check_values([_target(K.LEVEL, "人")], {9: 1})
    assert check_values([_target(K.LEVEL, "人")], {1: 3}) == {"1": 3.0}


@pytest.mark.parametrize(
    ("kinds", "given", "percent", "missing"),
    [
        ([K.LEVEL, K.RATIO], {"1": 1.0}, None, ["「指标2」"]),
        ([K.LEVEL], {"1": 1.0}, None, []),
        ([], {}, None, ["完成百分比"]),
        ([], {}, 30.0, []),
        ([K.QUALITATIVE], {}, None, ["完成百分比"]),
    ],
)
def test_missing(kinds: list[TargetKind], given: dict[str, float], percent: float | None, missing: list[str]) -> None:
    targets = [_target(k, "%", f"指标{i + 1}", i + 1) for i, k in enumerate(kinds)]
    assert missing_values(targets, given, percent) == missing
