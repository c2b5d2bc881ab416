"""Section and department summaries by counts, and a department's timeliness."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.tracking import Lamp, Submission, summarise, timeliness
from luoshi.vocabulary import Colour, Flag

LATE = frozenset({Flag.LATE})
OVERDUE = frozenset({Flag.OVERDUE})


def test_summary_counts_colours_and_flags() -> None:
    lamps = [
        Lamp(Colour.DONE, ""),
        Lamp(Colour.GREEN, ""),
        Lamp(Colour.GREEN, "", LATE),
        Lamp(Colour.YELLOW, ""),
        Lamp(Colour.RED, "", OVERDUE | LATE),
    ]
    s = summarise(lamps)
    assert (s.total, s.done, s.green, s.yellow, s.red, s.not_started) == (5, 1, 2, 1, 1, 0)
    assert (s.late, s.overdue) == (2, 1)
    assert s.reason == "共5项：已完成1项，绿灯2项，黄灯1项，红灯1项；逾期1项，未报送2项"


def test_empty_summary() -> None:
    assert summarise([]).reason == "共0项"


AS_OF = date(2022, 7, 20)
TIMELINESS = [
    # (due, approved on) pairs, expected, on time, rate, reason
    ([], 0, 0, None, "尚无应报送的进展"),
    ([(date(2022, 6, 5), date(2022, 6, 3))], 1, 1, 100.0, "按时报送1次，应报送1次，及时率100%"),
    (
        [
            (date(2022, 5, 5), date(2022, 5, 5)),
            (date(2022, 6, 5), date(2022, 6, 9)),
            (date(2022, 7, 5), None),
            (date(2022, 8, 5), None),
        ],
        3,
        1,
        100 / 3,
        "按时报送1次，应报送3次，及时率33.3%",
    ),
]


@pytest.mark.parametrize(("pairs", "expected", "on_time", "rate", "reason"), TIMELINESS)
def test_timeliness(
    pairs: list[tuple[date, date | None]], expected: int, on_time: int, rate: float | None, reason: str
) -> None:
    t = timeliness([Submission(d, a) for d, a in pairs], AS_OF)
    assert (t.expected, t.on_time) == (expected, on_time)
    assert t.rate == (None if rate is None else pytest.approx(rate))
    assert t.reason == reason
