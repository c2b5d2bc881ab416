"""Checks of reported values against each target's kind and unit, with Chinese messages."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from luoshi.services.errors import InvalidValue
from luoshi.storage.models import Target
from luoshi.vocabulary import TargetKind

# Units that count whole things: a value in them is a whole number.
COUNT_UNITS = frozenset(
    {"个", "家", "人", "所", "件", "项", "座", "户", "名", "条", "宗", "辆", "间", "套", "场", "次"}
)
# Bounds of a growth rate in percent: it cannot fall below -100%, and more than tenfold is a typing error.
GROWTH_RANGE = (-100.0, 1000.0)


def check_values(targets: Sequence[Target], values: Mapping[int, float]) -> dict[str, float]:
    """The values keyed by target id (as stored), each checked; raises InvalidValue on the first bad one."""
    by_id = {t.id: t for t in targets}
    checked: dict[str, float] = {}
    for target_id, raw in values.items():
        target = by_id.get(target_id)
        if target is None:
            raise InvalidValue(f"目标{target_id}不属于该任务")
        checked[str(target_id)] = check_value(target, raw)
    return checked


def check_value(target: Target, raw: float) -> float:
    """One value to date for a target, or InvalidValue saying what is wrong with it."""
    name = f"「{target.metric}」"
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise InvalidValue(f"{name}的数值无效：{raw!r}")
    value = float(raw)
    if target.kind is TargetKind.QUALITATIVE:
        raise InvalidValue(f"{name}为定性目标，请填写完成百分比，而不是数值")
    if target.kind is TargetKind.GROWTH:
        low, high = GROWTH_RANGE
        if not low <= value <= high:
            raise InvalidValue(f"{name}为增长率（%），应在{low:g}%至{high:g}%之间，填写的是{value:g}")
        return value
    if value < 0:
        raise InvalidValue(f"{name}为数量或比率，不能为负数（填写的是{value:g}）")
    if target.kind is TargetKind.RATIO and (target.unit or "%") == "%" and value > 100:
        raise InvalidValue(f"{name}为比率（%），应在0至100之间，填写的是{value:g}")
    if target.unit in COUNT_UNITS and not value.is_integer():
        raise InvalidValue(f"{name}以“{target.unit}”计，应为整数（填写的是{value:g}）")
    return value


def check_fields(
    targets: Sequence[Target], values: Mapping[int, float | str], percent: float | str | None
) -> tuple[dict[int, float], float | None, dict[str, str]]:
    """Each field checked on its own: the values, the percent and a message per bad field.

    A value is a number, or the text typed in a form (blank: not filled in); the fields are named as
    the form names them: `value-<target id>` and `percent`.
    """
    by_id = {t.id: t for t in targets}
    parsed: dict[int, float] = {}
    errors: dict[str, str] = {}
    for target_id, raw in values.items():
        if isinstance(raw, str) and not raw.strip():
            continue
        target = by_id.get(target_id)
        try:
            if target is None:
                raise InvalidValue(f"目标{target_id}不属于该任务")
            parsed[target_id] = check_value(target, parse_number(raw, target.metric) if isinstance(raw, str) else raw)
        except InvalidValue as error:
            errors[f"value-{target_id}"] = str(error)
    done = None
    try:
        if isinstance(percent, str):
            percent = parse_number(percent, "完成百分比") if percent.strip() else None
        done = check_percent(percent)
    except InvalidValue as error:
        errors["percent"] = str(error)
    return parsed, done, errors


def parse_number(raw: str, name: str) -> float:
    """A number typed in a form (half- or full-width, with a stray % or thousands comma), or InvalidValue."""
    cleaned = raw.strip().replace(",", "").replace("，", "").rstrip("%％").translate(_FULL_WIDTH)
    try:
        return float(cleaned)
    except ValueError:
        raise InvalidValue(f"「{name}」应填写数字，填写的是{raw.strip()!r}") from None


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def check_percent(percent: float | None) -> float | None:
    """Percent done of a task without numbers: 0 to 100."""
    if percent is None:
        return None
    if isinstance(percent, bool) or not isinstance(percent, int | float) or not math.isfinite(percent):
        raise InvalidValue(f"完成百分比无效：{percent!r}")
    if not 0 <= percent <= 100:
        raise InvalidValue(f"完成百分比应在0至100之间，填写的是{percent:g}")
    return float(percent)


def missing_values(targets: Sequence[Target], values: Mapping[str, float], percent: float | None) -> list[str]:
    """What a report must still give before it is submitted: each numeric target's value, else percent done."""
    missing = [f"「{t.metric}」" for t in targets if t.kind is not TargetKind.QUALITATIVE and str(t.id) not in values]
    if needs_percent(targets) and percent is None:
        missing.append("完成百分比")
    return missing


def needs_percent(targets: Sequence[Target]) -> bool:
    """A task without numeric targets (or with a qualitative one) reports its percent done."""
    return not targets or any(t.kind is TargetKind.QUALITATIVE for t in targets)
