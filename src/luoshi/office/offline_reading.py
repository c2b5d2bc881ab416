"""Reading a filled offline progress template back, as Excel, WPS or LibreOffice saved it."""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.office.offline_layout import (
    COLUMNS,
    HEADER_ROW,
    META_KEYS,
    META_SHEET,
    NEXT_STEPS,
    PERCENT,
    PROBLEMS,
    PROGRESS,
    SHEET_TITLE,
    TARGET_ID,
    TASK_ID,
    VALUE,
)
from luoshi.office.uploads import UploadError, open_workbook
from luoshi.services.exports.cell_values import cell_text
from luoshi.services.reporting.offline_lines import Cell, OfflineLine
from luoshi.services.reporting.offline_reports import FORMAT
from luoshi.services.reporting.offline_upload import OfflineUpload

_WRONG = (
    "不是 luoshi 的离线报送表，请先用 luoshi offline-template 下载本单位的报送表",
    "not an offline progress template",
)


def read_offline_xlsx(data: bytes) -> OfflineUpload:
    """The template's metadata and filled lines, or UploadError when the file is not such a template."""
    book = open_workbook(data)
    meta = _meta(book)
    sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else None
    if sheet is None or tuple(cell_text(c.value) for c in sheet[HEADER_ROW][: len(COLUMNS)]) != COLUMNS:
        raise UploadError(*_WRONG)
    try:
        plan_id = int(meta["plan_id"])
    except ValueError:
        raise UploadError(*_WRONG) from None
    return OfflineUpload(plan_id, meta["department"], meta["period"], tuple(_lines(sheet)))


def _meta(book: Workbook) -> dict[str, str]:
    """The hidden sheet's keys and values, checked to be this template's."""
    if META_SHEET not in book.sheetnames:
        raise UploadError(*_WRONG)
    rows = book[META_SHEET].iter_rows(max_col=2, values_only=True)
    meta = {cell_text(key): cell_text(value) for key, value in rows}
    if meta.get("format") != FORMAT or any(not meta.get(k) for k in META_KEYS):
        raise UploadError(*_WRONG)
    return meta


def _lines(sheet: Worksheet) -> Iterator[OfflineLine]:
    """Every line under the header that names a task."""
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=len(COLUMNS)):
        cells = list(row)
        if len(cells) < len(COLUMNS) or cells[TASK_ID - 1].value in (None, ""):
            continue
        yield OfflineLine(
            row=cells[0].row or 0,
            task=_cell(cells[TASK_ID - 1]),
            target=_cell(cells[TARGET_ID - 1]),
            value=_number_cell(cells[VALUE - 1]),
            percent=_number_cell(cells[PERCENT - 1]),
            progress_text=_cell(cells[PROGRESS - 1]),
            problems=_cell(cells[PROBLEMS - 1]),
            next_steps=_cell(cells[NEXT_STEPS - 1]),
        )


def _cell(cell: SheetCell | object) -> Cell:
    """A cell's address and value."""
    assert isinstance(cell, SheetCell)  # iter_rows over a sheet's own range yields real cells
    return Cell(cell.coordinate, cell.value)


def _number_cell(cell: SheetCell | object) -> Cell:
    """A value cell; typed as 8.5% in Excel it holds 0.085 with a percent format, which means 8.5 here."""
    read = _cell(cell)
    assert isinstance(cell, SheetCell)
    if isinstance(read.value, int | float) and not isinstance(read.value, bool) and "%" in (cell.number_format or ""):
        return Cell(read.address, round(read.value * 100, 10))
    return read
