"""Properties of the status rules that must hold for every target, date and report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.tracking import (
    Horizon,
    Kind,
    Observation,
    Period,
    StatusRules,
    TargetSpec,
    expected_progress,
    judge_target,
)
from luoshi.vocabulary import Colour, Comparator, ReportingCycle

LAGGING = {Colour.YELLOW, Colour.RED}


@st.composite
def horizons(draw: st.DrawFn) -> Horizon:
    """A horizon of 1 to 60 months starting between 2021 and 2023."""
    start = Period(draw(st.integers(2021, 2023)), draw(st.integers(1, 12)))
    length = draw(st.integers(0, 59))
    return Horizon(start, Period.from_ordinal(start.ordinal + length))


dates = st.dates(date(2020, 6, 1), date(2029, 12, 31))
cycles = st.sampled_from(list(ReportingCycle))
rules = st.builds(
    StatusRules,
    cycle=cycles,
    yellow_points=st.sampled_from([5.0, 10.0]),
    red_points=st.sampled_from([20.0, 30.0]),
    not_started_periods=st.integers(1, 4),
)


@st.composite
def targets(draw: st.DrawFn, about_ratio: bool = True) -> TargetSpec:
    """Any target the rules judge; `about_ratio=False` leaves out 左右 ratios, which have no direction."""
    kind = draw(st.sampled_from([Kind.LEVEL, Kind.RATIO, Kind.GROWTH, Kind.PERCENT]))
    comparator = draw(st.sampled_from(list(Comparator)))
    if not about_ratio and kind is Kind.RATIO and comparator is Comparator.ABOUT:
        comparator = Comparator.AT_LEAST
    value = None if kind is Kind.PERCENT else draw(st.floats(0.5, 10000))
    return TargetSpec(kind, comparator, value, "%", draw(horizons()))


def observations(horizon: Horizon, last: Period) -> st.SearchStrategy[tuple[Observation, ...]]:
    """Reports for periods from the horizon's start up to `last`."""
    first = horizon.start.ordinal
    periods = st.integers(first, max(first, last.ordinal)).map(Period.from_ordinal)
    values = st.floats(-20, 20000, allow_nan=False)
    reports = st.lists(st.builds(Observation, periods, values), max_size=5, unique_by=lambda o: o.period)
    return reports.map(tuple)


def better(spec: TargetSpec, obs: Observation, delta: float) -> Observation:
    """The same report with more progress: lower for a ceiling, higher otherwise."""
    sign = -1 if spec.comparator is Comparator.AT_MOST and spec.kind is not Kind.PERCENT else 1
    return replace(obs, value=obs.value + sign * delta)


@settings(max_examples=300)
@given(horizons(), cycles, dates, dates)
def test_expected_progress_is_monotone_and_bounded(horizon: Horizon, cycle: ReportingCycle, a: date, b: date) -> None:
    early, late = sorted([a, b])
    p, q = expected_progress(horizon, cycle, early), expected_progress(horizon, cycle, late)
    assert 0 <= p <= q <= 100


@settings(max_examples=400)
@given(st.data(), targets(about_ratio=False), dates, rules, st.floats(0, 5000))
def test_more_progress_never_worsens_a_lamp(
    data: st.DataObject, spec: TargetSpec, as_of: date, rule: StatusRules, delta: float
) -> None:
    reports = data.draw(observations(spec.horizon, Period.of(as_of)))
    before = judge_target(spec, reports, as_of, rule)
    after = judge_target(spec, tuple(better(spec, o, delta) for o in reports), as_of, rule)
    assert after.colour.severity <= before.colour.severity


@settings(max_examples=400)
@given(st.data(), targets(), dates, st.integers(0, 2000), rules)
def test_a_later_date_never_improves_a_lagging_lamp(
    data: st.DataObject, spec: TargetSpec, as_of: date, days: int, rule: StatusRules
) -> None:
    reports = data.draw(observations(spec.horizon, Period.of(as_of)))
    before = judge_target(spec, reports, as_of, rule)
    after = judge_target(spec, reports, as_of + timedelta(days=days), rule)
    if before.colour in LAGGING:
        assert after.colour.severity >= before.colour.severity
