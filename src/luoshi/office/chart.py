"""The bulletin's chart: lamps per section as stacked horizontal bars, a PNG drawn with matplotlib's Agg."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from luoshi import tracking
from luoshi.office.fonts import cjk_font
from luoshi.vocabulary import Colour

# Lamp colours as offices print them: blue for done, grey for not yet started.
PALETTE = {
    Colour.DONE: "#2f6fb0",
    Colour.GREEN: "#3a9a48",
    Colour.YELLOW: "#e8b730",
    Colour.RED: "#d23a2e",
    Colour.NOT_STARTED: "#a0a0a0",
}
DPI = 150
LEGEND_INCHES = 0.4


def lamp_chart_png(rows: Sequence[tuple[str, tracking.Summary]], title: str) -> bytes | None:
    """Stacked bars of lamp counts, one bar per row; None when no Chinese font can be found."""
    font = cjk_font()
    if font is None or not rows:
        return None
    return _draw(rows, title, font)


def _draw(rows: Sequence[tuple[str, tracking.Summary]], title: str, font: Path) -> bytes:
    """Draw on a figure of its own (not pyplot's global one), so concurrent exports do not mix."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import MaxNLocator

    text = FontProperties(fname=str(font), size=9)
    figure = Figure(figsize=(8, 0.45 * len(rows) + 2.0), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    names = [name for name, _ in rows][::-1]
    left = [0] * len(rows)
    for colour, fill in PALETTE.items():
        counts = [summary.count(colour) for _, summary in rows][::-1]
        bars = axes.barh(names, counts, left=left, color=fill, label=colour.label, height=0.6)
        axes.bar_label(bars, labels=[str(n) if n else "" for n in counts], label_type="center", color="white")
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_yticks(range(len(names)), names, fontproperties=text)
    axes.set_xlabel("任务数（项）", fontproperties=text)
    axes.set_title(title, fontproperties=FontProperties(fname=str(font), size=12))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(max(left), 1) * 1.04)
    # The legend sits in a strip of its own below the axes, whatever the number of bars.
    figure.legend(prop=text, loc="lower center", ncols=len(PALETTE), frameon=False)
    figure.tight_layout(rect=(0, LEGEND_INCHES / figure.get_figheight(), 1, 1))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
