"""The bulletin's tables as rows of text, shared by its Word and workbook forms."""

from __future__ import annotations

from luoshi import tracking
from luoshi.services.exports.bulletin import COLOURS, Bulletin
from luoshi.tracking import wording

COUNT_HEADER = ("总数", *(c.label for c in COLOURS), "未报送")
RED_HEADER = ("序号", "任务", "所属板块", "牵头单位", "原因")
RANK_HEADER = ("排名", "责任单位", "应报送", "按时报送", "及时率")
NO_FONT = "（本机未找到中文字体，图表从略。）"
CHART_TITLE = "各板块任务进展情况"


def count_cells(summary: tracking.Summary) -> list[str]:
    """A summary as the cells after its name: total, one count per lamp, late."""
    return [str(summary.total), *(str(summary.count(c)) for c in COLOURS), str(summary.late)]


def red_cells(bulletin: Bulletin) -> list[list[str]]:
    """The red list's rows."""
    return [[str(r.number), r.title, r.section, r.lead, r.reason] for r in bulletin.red]


def rank_cells(bulletin: Bulletin) -> list[list[str]]:
    """The ranking's rows; a department that owed nothing yet shows a dash."""
    return [
        [
            str(r.rank),
            r.department,
            str(r.timeliness.expected),
            str(r.timeliness.on_time),
            "—" if r.timeliness.rate is None else f"{wording.num(r.timeliness.rate)}%",
        ]
        for r in bulletin.ranking
    ]


def overview_text(bulletin: Bulletin) -> str:
    """The opening sentence: as of when, how many tasks, and their lamps."""
    return f"{bulletin.as_of_text}，{bulletin.plan_title}{bulletin.total.reason}。"
