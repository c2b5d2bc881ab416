"""Shared look of luoshi's Word documents: A4, Chinese fonts, headings and bordered tables."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.run import Run

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"


def set_up(document: Document) -> None:
    """A4 portrait with the margins of official documents and a Chinese body font."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.size = Pt(14)
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)


def title(document: Document, text: str, subtitle: str) -> None:
    """The centred title and the line under it (the period)."""
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(head.add_run(text), TITLE_FONT, 20, bold=True)
    sub = document.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(sub.add_run(subtitle), BODY_FONT, 14)


def heading(document: Document, text: str) -> None:
    """A numbered part heading (一、总体情况) in 黑体, as official documents set them."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    font(paragraph.add_run(text), HEADING_FONT, 16)


def body(document: Document, text: str) -> None:
    """A body paragraph with the two-character first-line indent of Chinese prose."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(28)
    font(paragraph.add_run(text), BODY_FONT, 14)


def table(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    centred: Sequence[int] = (),
) -> None:
    """A bordered table, its header repeated on every page, rows kept whole; widths in cm, `centred` 0-based."""
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for cell, name in zip(grid.rows[0].cells, header, strict=True):
        font(cell.paragraphs[0].add_run(name), HEADING_FONT, 11)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for values in rows:
        row = grid.add_row()
        _keep_whole(row)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            font(cell.paragraphs[0].add_run(value), BODY_FONT, 11)
            if index in centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word reads the cells' widths, LibreOffice the grid's: set both, and keep them fixed.
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def font(run: Run, name: str, size: float, *, bold: bool = False) -> Run:
    """Set a run's font for Latin and East Asian text alike (Word keeps them apart)."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    _east_asian(run._element.get_or_add_rPr(), name)
    return run


def _east_asian(rpr: object, name: str) -> None:
    """Name the East Asian font of a run's properties; python-docx only sets the Latin one."""
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), name)


def _repeat_header(row: object) -> None:
    """Mark a table row as a header row that Word repeats at the top of each page."""
    _row_flag(row, "w:tblHeader")


def _keep_whole(row: object) -> None:
    """Keep a row on one page: a red-list reason split over two pages is easily misread."""
    _row_flag(row, "w:cantSplit")


def _row_flag(row: object, tag: str) -> None:
    """Switch on a row property such as w:tblHeader or w:cantSplit."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(properties.makeelement(qn(tag), {qn("w:val"): "true"}))
