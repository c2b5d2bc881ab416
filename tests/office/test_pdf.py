"""The office files as a user sees them: converted to PDF by LibreOffice, the first pages rendered to PNG.

The PNGs land in tests/artifacts/ (git-ignored) to be looked at; the checks read the PDFs' text and page sizes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.office.breakdown import write_breakdown_xlsx
from luoshi.office.bulletin_docx import write_bulletin_docx
from luoshi.office.bulletin_xlsx import write_bulletin_xlsx
from luoshi.services.exports.breakdown import plan_breakdown
from luoshi.services.exports.bulletin import plan_bulletin
from luoshi.storage import make_engine, session_factory
from tests.databases import Prepared
from tests.office.builders import build_plan
from tests.office.rendering import a4_orientation, first_page_png, page_text, pdf_info, require_tools, to_pdf


@pytest.fixture(scope="module")
def pdfs(prepared: Prepared, artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The breakdown table and both bulletins as PDF in tests/artifacts/, each with its first page as PNG:
    converted once for these tests, from SQLite (the files do not depend on the database)."""
    require_tools()
    folder = tmp_path_factory.mktemp("pdf")
    url, built = prepared.sqlite_copy(folder, build_plan)
    engine = make_engine(url)
    sessions = session_factory(engine)
    breakdown = plan_breakdown(sessions=sessions, plan_id=built.plan_id)
    bulletin = plan_bulletin(sessions=sessions, period="2022-06", plan_id=built.plan_id)
    files = {
        "breakdown": artifacts / "breakdown.xlsx",
        "bulletin-docx": artifacts / "bulletin.docx",
        "bulletin-xlsx": artifacts / "bulletin-sheets.xlsx",
    }
    write_breakdown_xlsx(breakdown, files["breakdown"])
    write_bulletin_docx(bulletin, files["bulletin-docx"])
    write_bulletin_xlsx(bulletin, files["bulletin-xlsx"])
    engine.dispose()
    converted = to_pdf(list(files.values()), artifacts, folder / "profile")
    for pdf in converted:
        first_page_png(pdf)
    return dict(zip(files, converted, strict=True))


def test_the_breakdown_prints_landscape_with_its_header_on_every_page(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["breakdown"]
    assert a4_orientation(pdf) == "landscape"
    pages = int(pdf_info(pdf)["Pages"])
    assert pages >= 2
    first = page_text(pdf, 1)
    assert "重点任务分解表" in first and "★1" in first and "主要预期目标" in first
    for page in range(2, pages + 1):
        text = page_text(pdf, page)
        assert "目标任务" in text and "牵头单位" in text and "完成时限" in text, f"no header on page {page}"
    assert f"第 {pages} 页" in page_text(pdf, pages)


def test_the_bulletin_document_reads_in_chinese_on_a4(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["bulletin-docx"]
    assert a4_orientation(pdf) == "portrait"
    text = "".join(page_text(pdf, p) for p in range(1, int(pdf_info(pdf)["Pages"]) + 1))
    for part in ("督查通报", "一、总体情况", "四、红灯任务清单", "五、报送及时率排名", "截至2022年6月30日"):
        assert part in text.replace(" ", "")


def test_the_bulletin_workbook_prints_its_overview_on_one_page(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["bulletin-xlsx"]
    assert a4_orientation(pdf) == "landscape"
    first = page_text(pdf, 1)
    assert "全部任务" in first and "第 1 页" in first
    assert "各板块进展情况" in page_text(pdf, 2)
