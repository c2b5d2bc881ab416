"""The progress bulletin: lamps at the period's end, red list, timeliness ranking, its Word and workbook files."""

from __future__ import annotations

import warnings
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.office import chart
from luoshi.office.bulletin import NO_FONT
from luoshi.office.bulletin_docx import write_bulletin_docx
from luoshi.office.bulletin_xlsx import write_bulletin_xlsx
from luoshi.services.exports.bulletin import Bulletin, parse_period, plan_bulletin
from luoshi.services.exports.common import ExportError
from luoshi.services.plans.importing import import_report
from tests.office.builders import Built
from tests.services.test_import_report import request as small_request

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PART_FIVE = "五、报送及时率排名"


@pytest.mark.parametrize(("text", "period"), [("2022-06", (2022, 6)), ("2022-6", (2022, 6)), (" 2023-12 ", (2023, 12))])
def test_a_period_reads_as_year_and_month(text: str, period: tuple[int, int]) -> None:
    assert parse_period(text) == tracking.Period(*period)


@pytest.mark.parametrize("text", ["2022-13", "2022-00", "2022/06", "六月", "", "2022-06-30"])
def test_a_bad_period_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(ExportError, match="统计期间格式不正确"):
        parse_period(text)


def test_a_period_before_the_plan_is_refused(sessions: sessionmaker[Session], built: Built) -> None:
    with pytest.raises(ExportError, match="早于计划年度"):
        plan_bulletin(sessions=sessions, period="2020-12", plan_id=built.plan_id)


@pytest.fixture
def june(sessions: sessionmaker[Session], built: Built) -> Bulletin:
    """The bulletin of June 2022 for the built plan."""
    return plan_bulletin(sessions=sessions, period="2022-06", plan_id=built.plan_id)


def test_counts_add_up_across_sections_and_departments(june: Bulletin, built: Built) -> None:
    assert june.total.total == len(built.task_ids)
    assert sum(s.total for _, s in june.by_section) == june.total.total
    assert sum(s.red for _, s in june.by_department) == june.total.red == len(june.red)
    assert june.by_department[-1][0] == "未分配"
    assert june.as_of_text == "截至2022年6月30日"


def test_the_red_list_gives_each_task_its_reason(june: Bulletin) -> None:
    assert june.red, "the built plan has tasks far behind their pace"
    for task in june.red:
        assert task.reason.startswith("完成") and "滞后" in task.reason
        assert task.lead and task.section
    assert [t.number for t in june.red] == sorted(t.number for t in june.red)


def test_the_ranking_puts_the_most_timely_first_and_ties_share_a_rank(june: Bulletin) -> None:
    rates = [r.timeliness.rate or 0.0 for r in june.ranking]
    assert rates == sorted(rates, reverse=True)
    assert june.ranking[0].rank == 1
    for before, after in zip(june.ranking, june.ranking[1:], strict=False):
        tied = before.timeliness.rate == after.timeliness.rate
        assert (after.rank == before.rank) if tied else (after.rank > before.rank)
    # Six monthly reports were owed by each task up to June; one task has no lead and is not ranked.
    assert sum(r.timeliness.expected for r in june.ranking) == 6 * (june.total.total - 1)


def test_the_word_document_has_every_part(june: Bulletin, tmp_path: Path) -> None:
    path = tmp_path / "通报.docx"
    write_bulletin_docx(june, path)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == june.title and texts[1] == "（2022年6月）"
    parts = [t for t in texts if t[:2] in {"一、", "二、", "三、", "四、", "五、"}]
    assert parts == [
        "一、总体情况",
        "二、各板块进展情况",
        "三、各责任单位进展情况",
        "四、红灯任务清单",
        "五、报送及时率排名",
    ]
    overview, sections, departments, red, ranking = document.tables
    assert [c.text for c in overview.rows[1].cells][:2] == ["全部任务", str(june.total.total)]
    assert len(sections.rows) == len(june.by_section) + 1
    assert len(departments.rows) == len(june.by_department) + 1
    assert len(red.rows) == len(june.red) + 1 and len(ranking.rows) == len(june.ranking) + 1
    assert red.rows[0]._tr.xml.count("w:tblHeader") == 1
    assert len(document.inline_shapes) == 1


def test_the_workbook_has_a_sheet_per_table_and_the_chart(june: Bulletin, tmp_path: Path) -> None:
    path = tmp_path / "通报.xlsx"
    write_bulletin_xlsx(june, path)
    book = load_workbook(path)
    assert book.sheetnames == ["总体情况", "各板块", "各单位", "红灯清单", "及时率排名"]
    overview = book["总体情况"]
    assert overview["A4"].value == "全部任务" and overview["B4"].value == june.total.total
    assert len(overview._images) == 1
    red = book["红灯清单"]
    assert red.max_row == 3 + len(june.red) and red["E4"].value == june.red[0].reason
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$3:$3"


def test_without_a_chinese_font_the_chart_is_left_out_with_a_note(
    june: Bulletin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chart, "cjk_font", lambda: None)
    write_bulletin_docx(june, tmp_path / "通报.docx")
    document = docx.Document(str(tmp_path / "通报.docx"))
    assert NO_FONT in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 0
    write_bulletin_xlsx(june, tmp_path / "通报.xlsx")
    assert load_workbook(tmp_path / "通报.xlsx")["总体情况"]["A6"].value == NO_FONT


def test_the_chart_draws_every_chinese_label(june: Bulletin) -> None:
    if chart.cjk_font() is None:
        pytest.skip("no Chinese font on this machine (scripts/ensure-system-packages.sh installs fonts-noto-cjk)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = chart.lamp_chart_png(june.by_section, "各板块任务进展情况")
    assert png is not None and png.startswith(PNG_MAGIC)
    assert not [w for w in caught if "missing from" in str(w.message)]


def test_a_quiet_period_says_there_is_no_red_task(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    import_report(sessions=sessions, request=small_request())
    quiet = plan_bulletin(sessions=sessions, period="2022-01")
    assert quiet.red == () and quiet.ranking == ()  # nothing assigned yet: no department to rank
    write_bulletin_docx(quiet, tmp_path / "通报.docx")
    document = docx.Document(str(tmp_path / "通报.docx"))
    assert "本期无红灯任务。" in [p.text for p in document.paragraphs]
    assert len(document.tables[-1].rows) == 1  # the ranking's header only
