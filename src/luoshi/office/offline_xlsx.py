"""The offline progress template (.xlsx): a task line and one line per numeric target, identifiers locked."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, Protection
from openpyxl.worksheet.worksheet import Worksheet

from luoshi import tracking
from luoshi.office import sheets
from luoshi.office.offline_layout import (
    COLUMNS,
    HEADER_ROW,
    INSTRUCTIONS,
    META_SHEET,
    NOTE_ROW,
    PERCENT,
    SHEET_TITLE,
    TITLE_ROW,
    VALUE,
    WIDTHS,
)
from luoshi.office.offline_validation import add_validations
from luoshi.services.reporting.offline_reports import FORMAT, OfflineSheet, OfflineTask

EDITABLE = Protection(locked=False)


def write_offline_xlsx(sheet_data: OfflineSheet, path: Path) -> None:
    """Write the template: title, instructions, header, the lines; the sheet protected but for the cells to fill."""
    book, sheet = sheets.new_workbook(SHEET_TITLE, WIDTHS)
    label = tracking.Period.parse(sheet_data.period).label()
    sheets.title_row(sheet, TITLE_ROW, f"{sheet_data.department}{label}进展报送表", len(COLUMNS))
    _note_row(sheet, f"{sheet_data.plan_title}。{INSTRUCTIONS}")
    sheets.header_row(sheet, HEADER_ROW, COLUMNS)
    row = HEADER_ROW + 1
    for task in sheet_data.tasks:
        row = _task_lines(sheet, row, task)
    add_validations(sheet, sheet_data, HEADER_ROW + 1)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3).coordinate
    # No password: the lock guards against slips, not against the department itself.
    sheet.protection.sheet = True
    sheet.protection.formatRows = sheet.protection.formatColumns = False
    last = chr(ord("A") + len(COLUMNS) - 1)
    sheets.print_landscape(sheet, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", area=f"A1:{last}{max(row - 1, HEADER_ROW)}")
    _meta_sheet(book, sheet_data)
    book.save(path)


def _note_row(sheet: Worksheet, text: str) -> None:
    """The instructions across the table."""
    sheet.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=len(COLUMNS))
    cell = sheet.cell(row=NOTE_ROW, column=1, value=text)
    cell.font = Font(name=sheets.BODY_FONT, size=10)
    cell.alignment = sheets.WRAP
    sheet.row_dimensions[NOTE_ROW].height = 48


def _task_lines(sheet: Worksheet, row: int, task: OfflineTask) -> int:
    """The task's own line (percent, texts), then a line per numeric target; returns the next free row."""
    percent_hint = "（任务整体：填完成百分比和进展）" if task.needs_percent else "（任务整体：填进展情况）"
    values: list[sheets.Value] = [task.task_id, None, task.number, task.title, percent_hint]
    values += ["%" if task.needs_percent else "", "", None, task.percent, task.progress_text, task.problems]
    values += [task.next_steps]
    sheets.body_row(sheet, row, values, WIDTHS, centred=(1, 2, 3, 6, 7))
    editable = [PERCENT] if task.needs_percent else []
    _unlock(sheet, row, [*editable, 10, 11, 12])
    for target in task.targets:
        row += 1
        line: list[sheets.Value] = [task.task_id, target.target_id, None, task.title, target.text, target.unit]
        line += [target.kind.label, target.value, None, None, None, None]
        sheets.body_row(sheet, row, line, WIDTHS, centred=(1, 2, 3, 6, 7))
        _unlock(sheet, row, [VALUE])
    return row + 1


def _unlock(sheet: Worksheet, row: int, columns: list[int]) -> None:
    """Cells the department fills in: unlocked and white; the rest of the line is shaded."""
    for column in range(1, len(COLUMNS) + 1):
        cell = sheet.cell(row=row, column=column)
        if column in columns:
            cell.protection = EDITABLE
        else:
            cell.fill = sheets.GROUP_FILL


def _meta_sheet(book: Workbook, sheet_data: OfflineSheet) -> None:
    """The hidden sheet that says which plan, department and period the template is for."""
    meta = book.create_sheet(META_SHEET)
    for key, value in (
        ("format", FORMAT),
        ("plan_id", sheet_data.plan_id),
        ("department", sheet_data.department),
        ("period", sheet_data.period),
    ):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
