"""The task breakdown table (重点任务分解表) as an .xlsx workbook."""

from __future__ import annotations

from pathlib import Path

from luoshi.office import sheets
from luoshi.services.exports.breakdown import COLUMNS, Breakdown

WIDTHS = (8.0, 72.0, 11.0, 20.0, 28.0, 14.0)
SHEET_TITLE = "重点任务分解表"
FIRST_BODY_ROW = 3


def write_breakdown_xlsx(breakdown: Breakdown, path: Path) -> None:
    """Write the table: a title row, the header row (repeated on every printed page), groups and rows."""
    book, sheet = sheets.new_workbook(SHEET_TITLE, WIDTHS)
    sheets.title_row(sheet, 1, f"{breakdown.title}分解表", len(COLUMNS))
    sheets.header_row(sheet, 2, COLUMNS)
    row = FIRST_BODY_ROW
    for group in breakdown.groups:
        sheets.group_row(sheet, row, group.heading, len(COLUMNS))
        row += 1
        for line in group.rows:
            sheets.body_row(sheet, row, line.cells(), WIDTHS, centred=(1, 3, 6))
            row += 1
    sheet.freeze_panes = "A3"
    last = chr(ord("A") + len(COLUMNS) - 1)
    sheets.print_landscape(sheet, title_rows="2:2", area=f"A1:{last}{max(row - 1, 2)}")
    book.save(path)
