"""What offices type into spreadsheet cells, read leniently: dates in their usual forms, lists of names."""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime

# 2022年6月30日, 2022-06-30, 2022/6/30, 2022.6.30; 2022年6月底 and 2022年底 are the month's or year's end.
_FULL = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$")
_MONTH_END = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(底|末)?$")
_YEAR_END = re.compile(r"^(\d{4})\s*年?\s*(底|末|年底|年末)$")
# Offices separate names with 、 mostly, but also commas, semicolons, slashes and line breaks.
_NAME_SEPARATORS = re.compile(r"[、，,；;／/\s]+")


class CellError(ValueError):
    """A cell's content cannot be read; the message is Chinese and says what is expected."""


def cell_text(value: object) -> str:
    """A cell as trimmed text ('' for empty); whole floats lose their '.0' (Excel stores 3 as 3.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def same_text(a: str, b: str) -> bool:
    """Equal but for whitespace and line breaks, which spreadsheet programs add and drop freely."""
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def parse_date(value: object) -> date:
    """A date cell or a date written as offices write it; CellError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    try:
        if found := _FULL.match(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _MONTH_END.match(text):
            year, month = int(found[1]), int(found[2])
            return date(year, month, calendar.monthrange(year, month)[1])
        if found := _YEAR_END.match(text):
            return date(int(found[1]), 12, 31)
    except ValueError:
        raise CellError(f"日期「{text}」不存在") from None
    raise CellError(f"日期「{text}」无法识别，应写作2022年6月30日、2022-06-30或2022年底")


def split_names(text: str) -> list[str]:
    """Names in a cell, in order, each once."""
    names: list[str] = []
    for name in _NAME_SEPARATORS.split(text):
        if name and name not in names:
            names.append(name)
    return names


def closest_names(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Registry names a mistyped or shortened name probably meant (财政局 → 区财政局)."""
    pool = list(known)
    containing = [k for k in pool if name in k or k in name]
    similar = difflib.get_close_matches(name, pool, n=limit, cutoff=0.5)
    return list(dict.fromkeys([*containing, *similar]))[:limit]
