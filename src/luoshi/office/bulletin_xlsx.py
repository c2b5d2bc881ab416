"""The progress bulletin (督查通报) as a workbook: an overview sheet with the chart, then one sheet per table."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.office import sheets
from luoshi.office.bulletin import (
    CHART_TITLE,
    COUNT_HEADER,
    NO_FONT,
    RANK_HEADER,
    RED_HEADER,
    count_cells,
    overview_text,
    rank_cells,
    red_cells,
)
from luoshi.office.chart import lamp_chart_png
from luoshi.services.exports.bulletin import Bulletin

COUNT_WIDTHS = (30.0, *([9.0] * len(COUNT_HEADER)))
RED_WIDTHS = (7.0, 30.0, 28.0, 22.0, 44.0)
RANK_WIDTHS = (7.0, 30.0, 10.0, 10.0, 10.0)
CHART_WIDTH_PX = 640
ROW_PX = 20  # a default row is 15 points, 20 pixels


@dataclass(frozen=True)
class SheetTable:
    """A sheet's table: its tab name, caption, header, rows, widths and centred columns (1-based)."""

    name: str
    caption: str
    header: tuple[str, ...]
    rows: list[list[str]]
    widths: tuple[float, ...]
    centred: tuple[int, ...]


def write_bulletin_xlsx(bulletin: Bulletin, path: Path) -> None:
    """Write the workbook: the overview with its chart first, then the four tables."""
    book = Workbook()
    first = book.active
    assert first is not None  # a new workbook always has its first sheet
    tables = _tables(bulletin)
    for index, table in enumerate(tables):
        sheet = first if index == 0 else book.create_sheet()
        _write(sheet, bulletin, table)
    _add_chart(first, bulletin, below=3 + len(tables[0].rows))
    book.save(path)


def _tables(bulletin: Bulletin) -> list[SheetTable]:
    """The overview and the four tables of the bulletin."""
    counts = tuple(range(2, len(COUNT_HEADER) + 2))
    return [
        SheetTable(
            "总体情况",
            overview_text(bulletin),
            ("范围", *COUNT_HEADER),
            [["全部任务", *count_cells(bulletin.total)]],
            COUNT_WIDTHS,
            counts,
        ),
        SheetTable(
            "各板块",
            "各板块进展情况",
            ("板块", *COUNT_HEADER),
            [[n, *count_cells(s)] for n, s in bulletin.by_section],
            COUNT_WIDTHS,
            counts,
        ),
        SheetTable(
            "各单位",
            "各责任单位进展情况",
            ("牵头单位", *COUNT_HEADER),
            [[n, *count_cells(s)] for n, s in bulletin.by_department],
            COUNT_WIDTHS,
            counts,
        ),
        SheetTable("红灯清单", "红灯任务清单", RED_HEADER, red_cells(bulletin), RED_WIDTHS, (1,)),
        SheetTable(
            "及时率排名",
            "报送及时率排名",
            RANK_HEADER,
            rank_cells(bulletin),
            (7.0, 30.0, 10.0, 10.0, 10.0),
            (1, 3, 4, 5),
        ),
    ]


def _write(sheet: Worksheet, bulletin: Bulletin, table: SheetTable) -> None:
    """A titled, printable table on a sheet: title, caption, header (repeated on each page), rows."""
    sheet.title = table.name
    columns = len(table.header)
    sheets.set_widths(sheet, table.widths)
    sheets.title_row(sheet, 1, f"{bulletin.title}（{bulletin.period.label()}）", columns)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    sheet.cell(row=2, column=1, value=table.caption).alignment = sheets.WRAP
    sheet.row_dimensions[2].height = sheets.fit_height([table.caption], [sum(table.widths)])
    sheets.header_row(sheet, 3, table.header)
    for offset, values in enumerate(table.rows):
        sheets.body_row(sheet, 4 + offset, [_number(v) for v in values], table.widths, centred=table.centred)
    last = chr(ord("A") + columns - 1)
    sheets.print_landscape(sheet, title_rows="3:3", area=f"A1:{last}{3 + len(table.rows)}")


def _add_chart(sheet: Worksheet, bulletin: Bulletin, below: int) -> None:
    """The chart two rows under the overview table, inside the print area; or a note when no font."""
    anchor = below + 2
    png = lamp_chart_png(bulletin.by_section, CHART_TITLE)
    if png is None:
        sheet.cell(row=anchor, column=1, value=NO_FONT)
        return
    image = Image(io.BytesIO(png))
    scale = CHART_WIDTH_PX / image.width
    image.width, image.height = CHART_WIDTH_PX, round(image.height * scale)
    sheet.add_image(image, f"A{anchor}")
    last_row = anchor + math.ceil(image.height / ROW_PX) + 1
    sheet.print_area = f"A1:{chr(ord('A') + len(COUNT_HEADER))}{last_row}"
    # The overview is one page: the table and the whole chart together.
    sheet.page_setup.fitToHeight = 1


def _number(value: str) -> str | int:
    """Counts as numbers, so a spreadsheet can sum them; everything else as text."""
    return int(value) if value.isdigit() else value
