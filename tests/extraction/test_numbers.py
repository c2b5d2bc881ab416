"""Numbers and units as written: one parametrised test over the numbers case table."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.extraction.numbers import chinese_to_number, find_amounts
from luoshi.extraction.reading import normalise
from tests.extraction.caseutil import case_id, load_cases


@pytest.mark.parametrize("case", load_cases("numbers.yaml"), ids=case_id)
def test_amounts(case: dict[str, Any]) -> None:
    text = normalise(case["text"])
    got = [[a.value, a.unit] + ([a.high] if a.high is not None else []) for a in find_amounts(text)]
    assert got == [[float(v[0]), v[1], *map(float, v[2:])] for v in case["amounts"]]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三千五百", 3500),
        ("一百零五", 105),
        ("千", 1000),
        ("万", None),
    ],
)
def test_chinese_numerals(numeral: str, value: float | None) -> None:
    assert chinese_to_number(numeral) == value


def test_offsets_point_at_the_amount() -> None:
    text = "城镇新增就业7500人,新建两所幼儿园。"
    spans = [text[a.start : a.end] for a in find_amounts(text)]
    assert spans == ["7500人", "两所"]
