"""The 34 provincial reports: plan year, top sections and the GDP growth target, read by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from luoshi.extraction import extract_report
from luoshi.extraction.model import Target, YearSpan
from tests.extraction.caseutil import load_cases

CASES = load_cases("provinces.yaml")
# The metric of the GDP growth target as reports write it (地区生产总值, 全市生产总值, 经济增长).
GDP_METRICS = ("生产总值", "经济", "经济增长", "GDP")
NOT_GDP = ("单位", "人均", "占", "比重", "海洋", "能耗", "比例", "产业", "增加值")


def _is_gdp(t: Target) -> bool:
    return t.metric.endswith(GDP_METRICS) and not any(w in t.metric for w in NOT_GDP)


def test_every_provincial_report_has_a_case(shared_dir: Path) -> None:
    files = sorted(p.stem for p in (shared_dir / "corpus" / "provinces").glob("*.txt"))
    assert files == sorted(c["file"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_plan_year_sections_and_gdp_target(case: dict[str, Any], shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "provinces" / f"{case['file']}.txt"
    ex = extract_report(path.read_bytes(), name=path.name)
    year = case["plan_year"]
    assert ex.report.plan_year == year
    assert [[int(s.id), s.kind.value] for s in ex.sections if s.parent is None] == case["tops"]
    gdp = [t for t in ex.targets if t.kind == "growth" and _is_gdp(t) and t.horizon == YearSpan(year, year)]
    assert gdp, "no GDP growth target for the plan year"
    first = [t for t in gdp if t.start == gdp[0].start]  # a range is two targets at one place
    assert [[t.value, t.comparator.value if t.comparator else None] for t in first] == case["gdp"]
