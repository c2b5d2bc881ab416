"""From bytes to an Extraction: reading, outline, report fields, facts and targets, tasks."""

from __future__ import annotations

import hashlib

from luoshi.extraction.model import Extraction, Source
from luoshi.extraction.outline import build_sections
from luoshi.extraction.reading import read_document
from luoshi.extraction.report import delivered_plan_year, read_report
from luoshi.extraction.statements import extract_statements
from luoshi.extraction.tasks import extract_tasks

EXTRACTOR_VERSION = "0.1.0"


def extract_report(data: bytes | str, *, name: str = "") -> Extraction:
    """Read one report and extract its plan; raises ReadError for what is not a report."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = read_document(data, name=name)
    text = doc.text
    source = Source(name=name, sha256=hashlib.sha256(raw).hexdigest(), encoding=doc.encoding, chars=doc.chars)
    sections = build_sections(text, delivered_plan_year(text))
    report, timeline = read_report(text, doc.header, sections)
    facts, targets = extract_statements(text, sections, timeline)
    tasks = extract_tasks(text, sections, targets, timeline.plan_year)
    warnings = list(doc.warnings)
    if not sections:
        warnings.append("未找到章节标题（一、（一）等），按全文处理")
    if timeline.plan_year is None:
        warnings.append("未能确定计划年度")
    return Extraction(
        source=source,
        report=report,
        sections=sections,
        facts=facts,
        targets=targets,
        tasks=tasks,
        warnings=tuple(warnings),
        text=text,
    )
