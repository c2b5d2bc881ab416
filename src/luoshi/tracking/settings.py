"""A plan's settings, each declared once: the fields of `StatusRules` with their type, default,
bounds, Chinese label and help. The settings service's checks, the editor's form, the API's schema
and the lamps' rules of a stored plan are all made from `PLAN_SETTINGS`; the plan table keeps a
column per setting with its default, and docs/status-rules.md lists them (tests hold both to this
module).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, get_type_hints

from luoshi.vocabulary import ReportingCycle

_DECLARED = "luoshi.setting"


class SettingError(ValueError):
    """A setting's value that the rules cannot take; the message (Chinese) names the setting."""


@dataclass(frozen=True)
class PlanSetting:
    """One setting of a plan: what the rules, the form, the API schema and the checks know of it.

    Numbers lie in [minimum, maximum], or in (minimum, maximum] when `above_minimum`; `unit` is the
    measure word a message puts after a number (个百分点, 期, 天); a choice lists its values' labels.
    """

    name: str
    kind: type
    default: Any
    label: str
    hint: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    above_minimum: bool = False
    step: float = 1
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def unit_label(self) -> str:
        """The unit as a form's label shows it: 百分点, 期, 天."""
        return self.unit.removeprefix("个")

    @property
    def range_text(self) -> str:
        """The allowed values as docs/status-rules.md writes them: (0, 100], [1, 12] or monthly, quarterly."""
        if self.choices:
            return ", ".join(value for value, _ in self.choices)
        opening = "(" if self.above_minimum else "["
        return f"{opening}{self.minimum:g}, {self.maximum:g}]"

    def show(self, value: Any) -> str:
        """A value as a form field holds it: 10 rather than 10.0, a choice by its stored value."""
        if isinstance(value, Enum):
            return str(value.value)
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def choice_label(self, value: Any) -> str:
        """The Chinese label of a choice (按月), or the value itself."""
        shown = self.show(value)
        return dict(self.choices).get(shown, shown)

    def read(self, value: object) -> Any:
        """The value in the setting's type, from itself or from the text a form sends; SettingError if neither."""
        if value is None or (isinstance(value, str) and not value.strip()):
            raise SettingError(f"请填写{self.label}")
        if self.choices:
            try:
                return self.kind(value.strip() if isinstance(value, str) else value)
            except ValueError:
                words = "或".join(label for _, label in self.choices)
                raise SettingError(f"{self.label}应为{words}") from None
        if self.kind is int:
            return _whole(value, self.label)
        return _number(value, self.label)

    def problem(self, value: Any) -> str | None:
        """Why the value does not fit this setting (type or bounds), in Chinese; None when it fits."""
        if self.choices:
            return None if isinstance(value, self.kind) else f"{self.label}应为{'或'.join(x for _, x in self.choices)}"
        whole = self.kind is int
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            return f"{self.label}应为{'整数' if whole else '数字'}"
        low, high = self.minimum, self.maximum
        assert low is not None and high is not None  # every number is bounded
        if not math.isfinite(value) or value > high or value < low or (self.above_minimum and value == low):
            if self.above_minimum:
                return f"{self.label}应大于{low:g}且不超过{high:g}{self.unit}"
            return f"{self.label}应在{low:g}至{high:g}{self.unit}之间"
        return None


def declare(
    label: str,
    hint: str,
    *,
    unit: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
    above_minimum: bool = False,
    step: float = 1,
    choices: Mapping[Any, str] | None = None,
) -> dict[str, Any]:
    """The metadata that makes a field of StatusRules a plan setting (its name, type and default are the field's)."""
    declared = {
        "label": label,
        "hint": hint,
        "unit": unit,
        "minimum": minimum,
        "maximum": maximum,
        "above_minimum": above_minimum,
        "step": step,
        "choices": tuple((str(k.value), v) for k, v in (choices or {}).items()),
    }
    return {_DECLARED: declared}


@dataclass(frozen=True)
class StatusRules:
    """The plan's settings for judging; the defaults are the thresholds of many 督查 offices."""

    cycle: ReportingCycle = field(
        default=ReportingCycle.MONTHLY,
        metadata=declare(
            "报送周期",
            "责任单位每月或每季度报送一次进展；计划发布后不能更改。",
            choices={ReportingCycle.MONTHLY: "按月", ReportingCycle.QUARTERLY: "按季度"},
        ),
    )
    yellow_points: float = field(
        default=10.0,
        metadata=declare(
            "黄灯阈值",
            "完成进度落后序时进度超过这么多个百分点，亮黄灯。",
            unit="个百分点",
            minimum=0,
            maximum=100,
            above_minimum=True,
            step=0.5,
        ),
    )
    red_points: float = field(
        default=30.0,
        metadata=declare(
            "红灯阈值",
            "完成进度落后序时进度超过这么多个百分点，亮红灯；应大于黄灯阈值。",
            unit="个百分点",
            minimum=0,
            maximum=100,
            above_minimum=True,
            step=0.5,
        ),
    )
    growth_yellow_points: float = field(
        default=1.0,
        metadata=declare(
            "增长率黄灯阈值",
            "增长率低于目标不超过这么多个百分点亮黄灯，低得更多亮红灯。",
            unit="个百分点",
            minimum=0,
            maximum=100,
            above_minimum=True,
            step=0.1,
        ),
    )
    not_started_periods: int = field(
        default=3,
        metadata=declare(
            "未启动判红期数",
            "任务开始后这么多期仍没有进展，亮红灯。",
            unit="期",
            minimum=1,
            maximum=12,
        ),
    )
    approx_tolerance_points: float = field(
        default=0.5,
        metadata=declare(
            "“左右”允许偏差",
            "以“左右”表述的比率目标，最新值与目标相差不超过这么多个百分点为绿灯，否则为红灯。",
            unit="个百分点",
            minimum=0,
            maximum=10,
            step=0.1,
        ),
    )
    report_grace_days: int = field(
        default=5,
        metadata=declare(
            "报送宽限天数",
            "每期结束后这么多天内报送并通过审核，算按时报送（及时率）。",
            unit="天",
            minimum=0,
            maximum=60,
        ),
    )

    def __post_init__(self) -> None:
        problem = settings_problem({s.name: getattr(self, s.name) for s in PLAN_SETTINGS})
        if problem is not None:
            raise SettingError(problem)


def _declarations() -> tuple[PlanSetting, ...]:
    """PlanSetting of every field of StatusRules, in their order."""
    types = get_type_hints(StatusRules)
    made = []
    for item in fields(StatusRules):
        made.append(PlanSetting(item.name, types[item.name], item.default, **item.metadata[_DECLARED]))
    return tuple(made)


PLAN_SETTINGS: tuple[PlanSetting, ...] = _declarations()
SETTINGS_BY_NAME: Mapping[str, PlanSetting] = {s.name: s for s in PLAN_SETTINGS}
# Pairs of settings where the first must stay below the second (a lamp turns yellow before it turns red).
BELOW: tuple[tuple[str, str], ...] = (("yellow_points", "red_points"),)


def settings_problem(values: Mapping[str, Any]) -> str | None:
    """The first reason, in Chinese, why these values are not a plan's settings; None when they are."""
    for declared in PLAN_SETTINGS:
        problem = declared.problem(values.get(declared.name))
        if problem is not None:
            return problem
    for lower, upper in BELOW:
        if not values[lower] < values[upper]:
            return f"{SETTINGS_BY_NAME[lower].label}应小于{SETTINGS_BY_NAME[upper].label}"
    return None


def rules_from(values: Mapping[str, object]) -> StatusRules:
    """The rules of a plan's settings given as values or as a form's text; SettingError names the first bad one."""
    return StatusRules(**{s.name: s.read(values.get(s.name)) for s in PLAN_SETTINGS})


def _number(value: object, label: str) -> float:
    """A finite number, from a number or its text."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SettingError(f"{label}应为数字")
    try:
        number = float(value)
    except ValueError:
        raise SettingError(f"{label}应为数字") from None
    if not math.isfinite(number):
        raise SettingError(f"{label}应为数字")
    return number


def _whole(value: object, label: str) -> int:
    """A whole number, from an int or its text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.lstrip("-").isdigit() and len(text) < 10):
        raise SettingError(f"{label}应为整数")
    return int(text)
