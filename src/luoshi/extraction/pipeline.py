"""From bytes to an Extraction: reading, outline, quantities, tasks and report fields."""

from __future__ import annotations

import hashlib

from luoshi.extraction.model import Extraction, Report, Source
from luoshi.extraction.reading import read_document

EXTRACTOR_VERSION = "0.1.0"


def extract_report(data: bytes | str, *, name: str = "") -> Extraction:
    """Read one report and extract its plan; raises ReadError for what is not a report."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = read_document(data, name=name)
    source = Source(name=name, sha256=hashlib.sha256(raw).hexdigest(), encoding=doc.encoding, chars=doc.chars)
    return Extraction(source=source, report=Report(), warnings=doc.warnings, text=doc.text)
