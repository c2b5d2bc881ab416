"""Facts and targets read from single paragraphs: one parametrised test over the case table."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.extraction import extract_report
from luoshi.extraction.model import Fact, Target
from tests.extraction.caseutil import case_id, load_cases

HEADINGS = {
    "review": "一、2021年工作回顾",
    "review5": "一、过去五年工作回顾\n{paragraph}\n二、2022年工作安排",
    "programme": "一、2021年工作回顾\n二、今后五年奋斗目标",
    "plan": "一、2021年工作回顾\n二、2022年工作安排",
}


def _report(kind: str, paragraph: str) -> str:
    """A report whose last heading holds the paragraph (or, with {paragraph}, the heading before it)."""
    body = HEADINGS[kind]
    body = body.format(paragraph=paragraph) if "{paragraph}" in body else f"{body}\n{paragraph}"
    return f"政府工作报告\n各位代表:\n{body}\n"


def _field(item: Fact | Target, name: str) -> Any:
    value = getattr(item, name)
    if name in ("horizon", "period"):
        return [value.start, value.end] if value else None
    return value


def _matches(item: Fact | Target, want: dict[str, Any]) -> bool:
    return all(_field(item, k) == v for k, v in want.items())


@pytest.mark.parametrize("case", load_cases("quantities.yaml"), ids=case_id)
def test_quantities(case: dict[str, Any]) -> None:
    ex = extract_report(_report(case["section"], case["text"]))
    for group in ("facts", "targets"):
        got = [t for t in getattr(ex, group) if t.kind != "qualitative"]
        wanted = case.get(group, [])
        for want in wanted:
            assert any(_matches(item, want) for item in got), f"{group}: nothing matches {want}; got " + repr(
                [{k: _field(i, k) for k in want} for i in got]
            )
        if case.get("only"):
            assert len(got) == len(wanted), [f"{i.value}{i.unit} {i.metric}" for i in got]
    if "qualitative" in case:
        assert [t.quote for t in ex.targets if t.kind == "qualitative"] == case["qualitative"]


def test_quotes_are_the_text_at_their_offsets() -> None:
    ex = extract_report(_report("plan", "全年力争新引进项目30个以上、总投资120亿元以上。城镇新增就业7500人。"))
    assert ex.targets
    for t in ex.targets:
        assert ex.text[t.start : t.end] == t.quote


def test_qualitative_targets_of_the_main_targets_passage() -> None:
    ex = extract_report(
        _report(
            "plan",
            "主要预期目标是:地区生产总值增长9%;居民人均可支配收入增长与经济增长基本同步;"
            "节能减排约束性指标完成市下达年度计划。",
        )
    )
    quotes = [t.quote for t in ex.targets if t.kind == "qualitative"]
    assert quotes == ["居民人均可支配收入增长与经济增长基本同步", "节能减排约束性指标完成市下达年度计划"]
    assert [t.value for t in ex.targets if t.kind != "qualitative"] == [9]
