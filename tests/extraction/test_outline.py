"""The heading tree: one parametrised test over the outline case table."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.extraction.outline import build_sections
from luoshi.extraction.reading import normalise
from tests.extraction.caseutil import case_id, load_cases


@pytest.mark.parametrize("case", load_cases("outline.yaml"), ids=case_id)
def test_sections(case: dict[str, Any]) -> None:
    sections = build_sections(normalise(case["text"]))
    got = [[s.id, s.parent, s.number, s.title, s.kind] for s in sections]
    expected = [[str(row[0]), row[1], row[2], normalise(str(row[3])), row[4]] for row in case["sections"]]
    assert got == expected


def test_spans_nest() -> None:
    text = normalise("一、工作回顾\n正文。\n二、2022年工作安排\n(一)稳定增长。\n正文。\n(二)改善民生。\n")
    sections = {s.id: s for s in build_sections(text)}
    assert sections["2"].start < sections["2.1"].start < sections["2.1"].end <= sections["2.2"].start
    assert sections["2.2"].end == sections["2"].end == len(text)
    assert sections["1"].end == sections["2"].start
