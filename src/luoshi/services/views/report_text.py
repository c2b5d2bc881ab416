"""The report reader: the report's stored normalised text in paragraphs, targets and facts marked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.errors import NotFound
from luoshi.storage import plans, transaction


@dataclass(frozen=True)
class Mark:
    """A marked span of the text: a target (目标) linked to its plan item, or a fact (成绩)."""

    start: int
    end: int
    kind: str  # "target" or "fact"
    label: str
    target_id: int | None = None
    task_id: int | None = None


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph: plain text, or text under a mark."""

    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class Paragraph:
    """A line of the report; `task_id` names the task whose text starts here (an anchor for its page)."""

    pieces: tuple[Piece, ...]
    task_id: int | None = None


@dataclass(frozen=True)
class ReportText:
    """The report as the reader shows it: the page's preamble (site chrome, header) apart from the body."""

    report_id: int
    title: str
    header: Mapping[str, Any]
    preamble: tuple[Paragraph, ...]
    paragraphs: tuple[Paragraph, ...]
    targets: int
    facts: int


def report_text(*, sessions: sessionmaker[Session], plan_id: int) -> ReportText:
    """The text of a plan's report with its targets and facts marked, or NotFound."""
    with transaction(sessions) as session:
        report = plans.report_of_plan(session, plan_id)
        if report is None:
            raise NotFound("该计划没有关联的报告")
        # The quote offsets point into the text stored with the extraction, never into a new reading.
        if report.text is None:
            raise NotFound("该报告的原文未能保存（源文件无法读取），请重新导入")
        text = report.text
        extraction, report_id, title = report.extraction, report.id, report.title or report.name
        linked = {(t.quote_start, t.quote_end): (t.id, t.task_id) for t in plans.targets_of_plan(session, plan_id)}
        starts = {t.quote_start: t.id for t in plans.tasks_of_plan(session, plan_id) if t.quote_start is not None}
    marks = _marks(text, extraction, linked)
    lines = list(_paragraphs(text, marks, starts))
    body = _body_start(lines, text, extraction)
    return ReportText(
        report_id=report_id,
        title=title,
        header=extraction.get("report", {}),
        preamble=tuple(p for start, p in lines if start < body),
        paragraphs=tuple(p for start, p in lines if start >= body),
        targets=sum(m.kind == "target" for m in marks),
        facts=sum(m.kind == "fact" for m in marks),
    )


def _body_start(lines: list[tuple[int, Paragraph]], text: str, extraction: Mapping[str, Any]) -> int:
    """Where the report proper begins: its title line last seen before the first heading, else the top."""
    title = (extraction.get("report") or {}).get("title")
    sections = [s.get("start") for s in extraction.get("sections", []) if isinstance(s.get("start"), int)]
    first_heading = min(sections, default=len(text))
    candidates = [
        start for start, p in lines if start < first_heading and "".join(x.text for x in p.pieces).strip() == title
    ]
    return candidates[-1] if candidates else 0


def _marks(
    text: str, extraction: Mapping[str, Any], linked: Mapping[tuple[Any, Any], tuple[int, int | None]]
) -> list[Mark]:
    """Marks for every quote that still matches the text, without overlaps (the earlier one wins)."""
    found: list[Mark] = []
    for kind, key in (("target", "targets"), ("fact", "facts")):
        for item in extraction.get(key, []):
            start, end = item.get("start"), item.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != item.get("quote"):
                continue
            target_id, task_id = linked.get((start, end), (None, None)) if kind == "target" else (None, None)
            label = f"{'目标' if kind == 'target' else '成绩'}：{item.get('metric', '')}"
            found.append(Mark(start, end, kind, label, target_id, task_id))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mark] = []
    for mark in found:
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def _paragraphs(text: str, marks: Iterable[Mark], starts: Mapping[int, int]) -> Iterable[tuple[int, Paragraph]]:
    """Split the text at line ends, each line (with its offset) cut into plain and marked pieces."""
    pending = list(marks)
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        pieces: list[Piece] = []
        cursor = offset
        while pending and pending[0].start < end:
            mark = pending.pop(0)
            if mark.start > cursor:
                pieces.append(Piece(text[cursor : mark.start]))
            pieces.append(Piece(text[mark.start : min(mark.end, end)], mark))
            cursor = min(mark.end, end)
        if cursor < end:
            pieces.append(Piece(text[cursor:end]))
        if pieces:
            anchor = next((task_id for at, task_id in starts.items() if offset <= at <= end), None)
            yield offset, Paragraph(tuple(pieces), anchor)
        offset = end + 1
