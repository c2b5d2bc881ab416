"""Reading a task breakdown table (重点任务分解表) back from an .xlsx an office edited in Excel, WPS or LibreOffice."""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl.worksheet.worksheet import Worksheet

from luoshi.office.uploads import UploadError, open_workbook
from luoshi.services.exports.breakdown import COLUMNS
from luoshi.services.exports.breakdown_rows import SheetLine
from luoshi.services.exports.cell_values import cell_text

# The header is on row 2 of an exported table; an office may add a line or two above it.
HEADER_SEARCH_ROWS = 10


def read_breakdown_xlsx(data: bytes) -> tuple[SheetLine, ...]:
    """The body rows of the first sheet holding the table's header, or UploadError when there is none."""
    book = open_workbook(data)
    for sheet in book.worksheets:
        header = _header_row(sheet)
        if header is not None:
            lines = tuple(_lines(sheet, header))
            if not lines:
                raise UploadError("分解表中没有任务行", "the table has no rows")
            return lines
    names = "、".join(COLUMNS)
    raise UploadError(
        f"不是重点任务分解表：找不到表头（{names}），请上传 luoshi 导出的分解表",
        "not a task breakdown table: its header row is missing",
    )


def _header_row(sheet: Worksheet) -> int | None:
    """The row whose first cells are the table's column names."""
    for index, row in enumerate(sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=len(COLUMNS), values_only=True)):
        if tuple(cell_text(v) for v in row) == COLUMNS:
            return index + 1
    return None


def _lines(sheet: Worksheet, header: int) -> Iterator[SheetLine]:
    """Task and indicator rows under the header; blank rows and merged section headings are skipped."""
    for index, row in enumerate(sheet.iter_rows(min_row=header + 1, max_col=len(COLUMNS), values_only=True)):
        cells = list(row) + [None] * (len(COLUMNS) - len(row))
        texts = [cell_text(v) for v in cells]
        if not any(texts) or not any(texts[1:]):
            continue  # a blank row, or a section heading (text in the first, merged cell only)
        yield SheetLine(header + 1 + index, texts[0], texts[1], texts[2], texts[3], texts[4], cells[5])
