"""Cells as offices type them: dates in their usual forms, lists of department names, near-miss names."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from luoshi.services.exports.cell_values import CellError, cell_text, closest_names, parse_date, split_names

DATES = [
    ("2022年6月30日", date(2022, 6, 30)),
    ("2022-06-30", date(2022, 6, 30)),
    ("2022/6/30", date(2022, 6, 30)),
    ("2022.6.30", date(2022, 6, 30)),
    ("2022年6月底", date(2022, 6, 30)),
    ("2022年2月", date(2022, 2, 28)),
    ("2022年底", date(2022, 12, 31)),
    (datetime(2022, 9, 1, 0, 0), date(2022, 9, 1)),
    (date(2022, 9, 1), date(2022, 9, 1)),
]


@pytest.mark.parametrize(("cell", "expected"), DATES)
def test_dates_in_the_forms_offices_write(cell: object, expected: date) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize(("cell", "message"), [("2022年2月30日", "不存在"), ("尽快", "无法识别"), (None, "无法识别")])
def test_a_date_that_cannot_be_read_says_so(cell: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_date(cell)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("区财政局、区审计局", ["区财政局", "区审计局"]),
        ("区财政局，区审计局;区财政局", ["区财政局", "区审计局"]),
        ("区财政局\n区审计局 ", ["区财政局", "区审计局"]),
        ("", []),
    ],
)
def test_names_in_a_cell(text: str, names: list[str]) -> None:
    assert split_names(text) == names


def test_near_names_are_suggested() -> None:
    known = ["区财政局", "区审计局", "区教育局"]
    assert closest_names("财政局", known)[0] == "区财政局"
    assert closest_names("区财政厅", known)[0] == "区财政局"
    assert closest_names("公安分局", known) == []


@pytest.mark.parametrize(("value", "text"), [(3.0, "3"), (2.5, "2.5"), (None, ""), (" 甲 ", "甲")])
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text
