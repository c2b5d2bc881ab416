"""The lamp of one target (or of a task's percent done) on a date, from its approved observations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from luoshi.tracking import wording
from luoshi.tracking.model import Kind, Lamp, Observation, TargetSpec
from luoshi.tracking.periods import Period, elapsed_periods, expected_progress, latest_due_period
from luoshi.tracking.settings import StatusRules
from luoshi.vocabulary import Colour, Comparator, Flag

# Comparisons of rates and differences tolerate float noise far below what a report states.
_EPS = 1e-9


@dataclass(frozen=True)
class _Context:
    """What every rule needs: the target, the observations seen by the date, the date and the rules."""

    spec: TargetSpec
    seen: tuple[Observation, ...]
    as_of: date
    rules: StatusRules

    @property
    def latest(self) -> Observation | None:
        return self.seen[-1] if self.seen else None

    @property
    def ended(self) -> bool:
        return self.as_of > self.spec.horizon.last_day


_Rule = Callable[[_Context], Lamp]


def judge_target(
    spec: TargetSpec, observations: tuple[Observation, ...], as_of: date, rules: StatusRules | None = None
) -> Lamp:
    """Judge a target on `as_of` from its approved observations (only approved reports count)."""
    rules = rules or StatusRules()
    if as_of < spec.horizon.first_day:
        return Lamp(Colour.NOT_STARTED, wording.before_start(spec.horizon.start.label()))
    now = Period.of(as_of)
    seen = tuple(sorted((o for o in observations if o.period <= now), key=lambda o: o.period))
    ctx = _Context(spec, seen, as_of, rules)
    lamp = _rule_for(spec)(ctx)
    if ctx.ended and lamp.colour is Colour.RED:
        lamp = Lamp(Colour.RED, wording.overdue(lamp.reason), lamp.flags | {Flag.OVERDUE})
    if lamp.colour is not Colour.DONE and _late(ctx):
        lamp = replace(lamp, flags=lamp.flags | {Flag.LATE})
    return lamp


def _rule_for(spec: TargetSpec) -> _Rule:
    """Pick the rule by kind and comparator (see the package docstring for the `~` choices)."""
    if spec.kind in (Kind.PERCENT, Kind.QUALITATIVE):
        return _pace
    if spec.comparator is Comparator.AT_MOST:
        return _ceiling
    if spec.kind is Kind.GROWTH:
        return _growth
    if spec.kind is Kind.RATIO and spec.comparator is Comparator.ABOUT:
        return _about
    return _pace


def _late(ctx: _Context) -> bool:
    """True when the last period whose report is due has no approved report, nor any later one."""
    due = latest_due_period(ctx.spec.horizon, ctx.rules.cycle, ctx.as_of, ctx.rules.report_grace_days)
    return due is not None and not any(o.period >= due for o in ctx.seen)


def _pace(ctx: _Context) -> Lamp:
    """Level, ratio and percent done: completion against the expected progress (序时进度)."""
    target = 100.0 if ctx.spec.value is None or ctx.spec.kind is Kind.PERCENT else ctx.spec.value
    value = ctx.latest.value if ctx.latest else 0.0
    completion = round(100.0 * value / target, 1)
    if completion >= 100:
        return Lamp(Colour.DONE, wording.done(completion))
    if ctx.ended:
        return Lamp(Colour.RED, f"完成{wording.num(completion)}%")
    horizon, cycle = ctx.spec.horizon, ctx.rules.cycle
    elapsed = elapsed_periods(horizon, cycle, ctx.as_of)
    if not any(o.value > 0 for o in ctx.seen) and elapsed >= ctx.rules.not_started_periods:
        return Lamp(Colour.RED, wording.not_started(elapsed, cycle))
    expected = round(expected_progress(horizon, cycle, ctx.as_of), 1)
    gap = round(expected - completion, 1)
    if gap <= ctx.rules.yellow_points:
        colour = Colour.GREEN
    elif gap <= ctx.rules.red_points:
        colour = Colour.YELLOW
    else:
        colour = Colour.RED
    return Lamp(colour, wording.pace(completion, expected))


def _ceiling(ctx: _Context) -> Lamp:
    """A `<=` target: green while the latest value stays within it, red above."""
    if ctx.latest is None:
        return _no_data(ctx)
    target = ctx.spec.value or 0.0
    latest = ctx.latest.value
    reason = wording.ceiling(latest, target, ctx.spec.unit, growth_rate=ctx.spec.kind is Kind.GROWTH)
    if latest <= target + _EPS:
        return Lamp(Colour.DONE if ctx.ended else Colour.GREEN, reason)
    return Lamp(Colour.RED, reason)


def _growth(ctx: _Context) -> Lamp:
    """A growth target: the latest cumulative year-on-year growth g against the target G."""
    if ctx.latest is None:
        return _no_data(ctx)
    target = ctx.spec.value or 0.0
    g = round(ctx.latest.value, 1)
    reason = wording.growth(g, target)
    if g >= target - _EPS:
        return Lamp(Colour.DONE if ctx.ended else Colour.GREEN, reason)
    if g >= target - ctx.rules.growth_yellow_points - _EPS and not ctx.ended:
        return Lamp(Colour.YELLOW, reason)
    return Lamp(Colour.RED, reason)


def _about(ctx: _Context) -> Lamp:
    """A ratio stated with 左右: green while within the tolerance of the target, red outside."""
    if ctx.latest is None:
        return _no_data(ctx)
    target = ctx.spec.value or 0.0
    tolerance = ctx.rules.approx_tolerance_points
    reason = wording.about(ctx.latest.value, target, ctx.spec.unit, tolerance)
    if abs(ctx.latest.value - target) <= tolerance + _EPS:
        return Lamp(Colour.DONE if ctx.ended else Colour.GREEN, reason)
    return Lamp(Colour.RED, reason)


def _no_data(ctx: _Context) -> Lamp:
    """No approved value yet: not judged while the horizon runs, red once it has ended."""
    return Lamp(Colour.RED if ctx.ended else Colour.NOT_STARTED, wording.NO_DATA)
