"""Shared look of luoshi's workbooks: fonts, borders, wrapped cells, A4 landscape print set-up."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | None

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
# Points per line of 11-point text; Excel and LibreOffice both fit this comfortably.
LINE_HEIGHT = 15.0


def new_workbook(title: str, widths: Sequence[float]) -> tuple[Workbook, Worksheet]:
    """A new workbook and its first sheet, named and with its column widths set."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = title
    set_widths(sheet, widths)
    return book, sheet


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in Excel's character units, first column A."""
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def text_width(text: str) -> float:
    """Width in Excel character units: a CJK character takes about two, anything else one."""
    # 1.85 rather than 2: between Excel's 宋体 (2.1) and LibreOffice's Noto Sans CJK (1.7).
    return sum(1.85 if ord(ch) > 0x2E80 else 1.0 for ch in text)


def fit_height(values: Sequence[str], widths: Sequence[float]) -> float:
    """A row height that shows every wrapped value whole; Excel does not grow rows a program wrote."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        usable = max(width - 1.5, 1.0)
        for paragraph in str(value).split("\n"):
            lines = max(lines, math.ceil(text_width(paragraph) / usable) or 1)
    return LINE_HEIGHT * lines + 4


def print_landscape(sheet: Worksheet, *, title_rows: str, area: str) -> None:
    """A4 landscape, fit to the page width, the header rows repeated on every page, page numbers."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = title_rows
    sheet.print_area = area
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    footer = sheet.oddFooter
    if footer is not None:
        footer.center.text = "第 &P 页，共 &N 页"


def title_row(sheet: Worksheet, row: int, text: str, columns: int) -> None:
    """A merged, centred title line across the table."""
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell = sheet.cell(row=row, column=1, value=text)
    cell.font = Font(name=TITLE_FONT, size=16, bold=True)
    cell.alignment = CENTRE
    sheet.row_dimensions[row].height = 36


def header_row(sheet: Worksheet, row: int, names: Sequence[str]) -> None:
    """Bold, shaded, bordered column names."""
    for column, name in enumerate(names, start=1):
        cell = sheet.cell(row=row, column=column, value=name)
        cell.font = Font(name=TITLE_FONT, size=11, bold=True)
        cell.fill, cell.border, cell.alignment = HEADER_FILL, BORDER, CENTRE
    sheet.row_dimensions[row].height = 24


def body_row(
    sheet: Worksheet, row: int, values: Sequence[Value], widths: Sequence[float], centred: Sequence[int] = ()
) -> None:
    """A bordered row of wrapped values, tall enough to show them; columns in `centred` (1-based) centred."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text from a report or a user, never a formula to evaluate
        cell.font = Font(name=BODY_FONT, size=11)
        cell.border = BORDER
        cell.alignment = CENTRE if column in centred else WRAP
    sheet.row_dimensions[row].height = fit_height([str(v if v is not None else "") for v in values], widths)


def group_row(sheet: Worksheet, row: int, text: str, columns: int) -> None:
    """A merged heading row (a section of the plan) across the table."""
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    for column in range(1, columns + 1):
        cell = sheet.cell(row=row, column=column)
        cell.border, cell.fill = BORDER, GROUP_FILL
    cell = sheet.cell(row=row, column=1, value=text)
    cell.font = Font(name=TITLE_FONT, size=11, bold=True)
    cell.alignment = WRAP
    sheet.row_dimensions[row].height = 22
