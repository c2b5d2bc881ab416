"""The task breakdown table: rows from the stored plan, and the workbook a supervision office prints."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from luoshi.office.breakdown import write_breakdown_xlsx
from luoshi.services.exports.breakdown import (
    COLUMNS,
    INDICATORS_HEADING,
    Breakdown,
    BreakdownGroup,
    BreakdownRow,
    plan_breakdown,
)
from luoshi.services.exports.common import ExportError
from luoshi.services.plans.importing import import_report
from luoshi.services.views.planview import plan_table
from tests.office.builders import Built
from tests.services.test_import_report import EXTRACTION
from tests.services.test_import_report import request as small_request


def test_main_indicators_come_first_each_marked(sessions: sessionmaker[Session], built: Built) -> None:
    table = plan_breakdown(sessions=sessions, plan_id=built.plan_id)
    first = table.groups[0]
    assert first.heading == INDICATORS_HEADING
    # The year's seven 主要预期目标 of the 2022 工作安排, not the five-year programme's.
    assert [r.number for r in first.rows] == [f"★{i}" for i in range(1, 8)]
    assert first.rows[0].text == "地区生产总值增长9%"
    assert all(r.deadline == "2022年底" and r.indicator for r in first.rows)


def test_tasks_are_numbered_continuously_under_their_sections(sessions: sessionmaker[Session], built: Built) -> None:
    table = plan_breakdown(sessions=sessions, plan_id=built.plan_id)
    tasks = [r for g in table.groups[1:] for r in g.rows]
    assert [r.number for r in tasks] == [str(i) for i in range(1, len(built.task_ids) + 1)]
    assert [g.heading for g in table.groups[1:3]] == ["(一)全面筑牢疫情防控常态化防线", "(二)推动经济社会发展提质增效"]


def test_assigned_departments_show_and_unassigned_stay_blank(sessions: sessionmaker[Session], built: Built) -> None:
    tasks = [r for g in plan_breakdown(sessions=sessions).groups[1:] for r in g.rows]
    assert all(r.lead for r in tasks[:-1])
    assert (tasks[-1].lead, tasks[-1].cooperating, tasks[-1].leader) == ("", "", "")


def test_the_sheet_words_the_rows_plan_show_and_the_editor_read(sessions: sessionmaker[Session], built: Built) -> None:
    shown = plan_table(sessions=sessions, plan_id=built.plan_id)
    sheet = [r for g in plan_breakdown(sessions=sessions, plan_id=built.plan_id).groups[1:] for r in g.rows]
    assert [(r.number, r.task_id, r.lead, r.cooperating) for r in sheet] == [
        (str(t.number), t.task_id, t.lead or "", "、".join(t.cooperating)) for t in shown.tasks
    ]
    # The editor and `luoshi plan show` see every section target; the sheet the year's, in the report's words.
    assert len(shown.indicators) > 7 and [i.year_plan for i in shown.indicators].count(True) == 7


@pytest.mark.parametrize(("plan_id", "message"), [(999, "找不到计划 999"), (None, "数据库中还没有计划")])
def test_a_missing_plan_is_refused(sessions: sessionmaker[Session], plan_id: int | None, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        plan_breakdown(sessions=sessions, plan_id=plan_id)


def test_the_workbook_prints_as_offices_expect(sessions: sessionmaker[Session], built: Built, tmp_path: Path) -> None:
    path = tmp_path / "分解表.xlsx"
    table = plan_breakdown(sessions=sessions, plan_id=built.plan_id)
    write_breakdown_xlsx(table, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["A1"].value == "江城区九届人大一次会议政府工作报告重点任务分解表"
    assert tuple(c.value for c in sheet[2]) == COLUMNS
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.freeze_panes == "A3"
    assert sheet["A4"].value == "★1" and sheet["B4"].alignment.wrap_text


def test_every_section_row_is_merged_across_the_table(
    sessions: sessionmaker[Session], built: Built, tmp_path: Path
) -> None:
    path = tmp_path / "分解表.xlsx"
    table = plan_breakdown(sessions=sessions, plan_id=built.plan_id)
    write_breakdown_xlsx(table, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    merged = {str(r) for r in sheet.merged_cells.ranges}
    headings = [r for r in range(3, sheet.max_row + 1) if f"A{r}:F{r}" in merged]
    assert [sheet.cell(r, 1).value for r in headings] == [g.heading for g in table.groups]
    stars = [c.value for c in sheet["A"] if isinstance(c.value, str) and c.value.startswith("★")]
    assert len(stars) == 7
    assert sheet.max_row == 2 + len(table.groups) + len(table.rows)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    row = BreakdownRow(number="1", text='=HYPERLINK("http://x")', leader="", lead="", cooperating="", deadline="")
    write_breakdown_xlsx(
        Breakdown(title="测试计划", groups=(BreakdownGroup("（一）测试", (row,)),)), tmp_path / "t.xlsx"
    )
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    assert (sheet["B4"].value, sheet["B4"].data_type) == ('=HYPERLINK("http://x")', "s")


# Main indicators of the small test report: the year plan's own targets; without any, the programme's.
INDICATOR_CASES = [
    ("3", [("★1", "地区生产总值增长8%左右", "2022年底")]),
    ("2", [("★1", "地区生产总值年均增长9%以上", "2026年底"), ("★2", "地区生产总值增长8%左右", "2022年底")]),
]


@pytest.mark.parametrize(("year_target_section", "indicators"), INDICATOR_CASES)
def test_the_main_indicators_are_the_year_plans_else_the_programmes(
    sessions: sessionmaker[Session], year_target_section: str, indicators: list[tuple[str, str, str]]
) -> None:
    extraction = copy.deepcopy(EXTRACTION)
    extraction["targets"][1]["section"] = year_target_section
    import_report(sessions=sessions, request=small_request(extraction))
    table = plan_breakdown(sessions=sessions)
    assert [(r.number, r.text, r.deadline) for r in table.groups[0].rows] == indicators
    assert [r.number for r in table.rows[len(indicators) :]] == ["1", "2", "3"]
