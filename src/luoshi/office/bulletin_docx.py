"""The progress bulletin (督查通报) as a Word document."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.shared import Cm

from luoshi import tracking
from luoshi.office import documents
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


def write_bulletin_docx(bulletin: Bulletin, path: Path) -> None:
    """The bulletin as an official-looking Word document."""
    document = docx.Document()
    documents.set_up(document)
    documents.title(document, bulletin.title, f"（{bulletin.period.label()}）")
    documents.heading(document, "一、总体情况")
    documents.body(document, overview_text(bulletin))
    _named_counts(document, "范围", [("全部任务", bulletin.total)])
    _chart(document, bulletin)
    documents.heading(document, "二、各板块进展情况")
    _named_counts(document, "板块", bulletin.by_section)
    documents.heading(document, "三、各责任单位进展情况")
    _named_counts(document, "牵头单位", bulletin.by_department)
    documents.heading(document, "四、红灯任务清单")
    _red(document, bulletin)
    documents.heading(document, "五、报送及时率排名")
    documents.table(document, RANK_HEADER, rank_cells(bulletin), (1.5, 6.5, 2.2, 2.2, 2.6), centred=(0, 2, 3, 4))
    document.save(str(path))


def _named_counts(document: DocxDocument, name: str, rows: Sequence[tuple[str, tracking.Summary]]) -> None:
    """A table of lamp counts, one row per name."""
    cells = [[label, *count_cells(summary)] for label, summary in rows]
    widths = (4.4, *([1.6] * len(COUNT_HEADER)))
    centred = range(1, len(COUNT_HEADER) + 1)
    documents.table(document, (name, *COUNT_HEADER), cells, widths, centred)


def _chart(document: DocxDocument, bulletin: Bulletin) -> None:
    """The chart under the overview, or a note saying why it is missing."""
    png = lamp_chart_png(bulletin.by_section, CHART_TITLE)
    if png is None:
        documents.body(document, NO_FONT)
        return
    document.add_picture(io.BytesIO(png), width=Cm(15.5))


def _red(document: DocxDocument, bulletin: Bulletin) -> None:
    """The red list, or a sentence saying there is none."""
    if not bulletin.red:
        documents.body(document, "本期无红灯任务。")
        return
    widths = (1.2, 3.4, 3.0, 2.6, 5.4)
    documents.table(document, RED_HEADER, red_cells(bulletin), widths, centred=(0,))
