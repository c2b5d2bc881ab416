"""The Chinese words of the reasons a lamp carries."""

from __future__ import annotations

from datetime import date

from luoshi.vocabulary import ReportingCycle


def num(x: float, digits: int = 1) -> str:
    """A number as a reason shows it: `digits` decimals at most, no trailing zeros."""
    text = f"{round(x, digits):.{digits}f}".rstrip("0").removesuffix(".")
    return "0" if text == "-0" else text


def points(unit: str) -> str:
    """How a difference is counted: percentage points for percentages, else the unit itself."""
    return "个百分点" if unit == "%" else unit


def day(d: date) -> str:
    """A date as 2022年6月30日."""
    return f"{d.year}年{d.month}月{d.day}日"


def pace(completion: float, expected: float) -> str:
    """完成62%，序时进度75%，滞后13个百分点 (or 超前 / 持平)."""
    gap = round(expected - completion, 1)
    head = f"完成{num(completion)}%，序时进度{num(expected)}%"
    if gap > 0:
        return f"{head}，滞后{num(gap)}个百分点"
    if gap < 0:
        return f"{head}，超前{num(-gap)}个百分点"
    return f"{head}，与序时进度持平"


def done(completion: float) -> str:
    """完成105%，已完成目标."""
    return f"完成{num(completion)}%，已完成目标"


def overdue(detail: str) -> str:
    """已逾期，<detail>."""
    return f"已逾期，{detail}"


def not_started(periods: int, cycle: ReportingCycle) -> str:
    """已过3个月仍未启动."""
    return f"已过{periods}{cycle.counter}仍未启动"


def before_start(start_label: str) -> str:
    """未到开始时间（2023年1月起）."""
    return f"未到开始时间（{start_label}起）"


NO_DATA = "暂无报送数据"


def growth(g: float, target: float) -> str:
    """增长7.5%，目标9%，低于目标1.5个百分点 (下降 for a fall)."""
    head = f"增长{num(g)}%" if g >= 0 else f"下降{num(-g)}%"
    gap = round(g - target, 1)
    head = f"{head}，目标{num(target)}%"
    if gap < 0:
        return f"{head}，低于目标{num(-gap)}个百分点"
    if gap > 0:
        return f"{head}，高于目标{num(gap)}个百分点"
    return f"{head}，达到目标"


def ceiling(latest: float, target: float, unit: str, *, growth_rate: bool = False) -> str:
    """最新值2.8%，在目标3%以内 / 最新值3.2%，超出目标3%以内0.2个百分点."""
    head = f"{'增长' if growth_rate else '最新值'}{num(latest, 2)}{unit}，目标{num(target, 2)}{unit}以内"
    over = latest - target
    if over > 0:
        return f"{head}，超出{num(over, 2)}{points(unit)}"
    return head


def about(latest: float, target: float, unit: str, tolerance: float) -> str:
    """最新值57%，目标58%左右，偏差1个百分点（允许0.5个百分点）."""
    gap = abs(latest - target)
    return (
        f"最新值{num(latest, 2)}{unit}，目标{num(target, 2)}{unit}左右，"
        f"偏差{num(gap, 2)}{points(unit)}（允许{num(tolerance, 2)}{points(unit)}）"
    )


def milestone_done(title: str) -> str:
    """节点「完成立项」已完成."""
    return f"节点「{title}」已完成"


def milestone_pending(title: str, due: date) -> str:
    """节点「完成立项」2022年6月30日到期."""
    return f"节点「{title}」{day(due)}到期"


def milestone_missed(title: str, due: date) -> str:
    """节点「完成立项」应于2022年6月30日完成，已逾期."""
    return f"节点「{title}」应于{day(due)}完成，已逾期"


def summary(total: int, counts: list[tuple[str, int]]) -> str:
    """共12项：已完成2项，绿灯6项… (zero counts left out)."""
    parts = [f"{word}{n}项" for word, n in counts if n]
    return f"共{total}项" + ("：" + "，".join(parts) if parts else "")
