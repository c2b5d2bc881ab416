"""Bytes to normalised text: the format, decoding, HTML/Word/PDF to text, normalisation, the header.

`read_document` is the reader's one entry point; every offset the extraction reports points
into `Document.text`. The format is told by the bytes (formats.py): a PDF (pdftext.py) or a
Word document (docxtext.py) becomes paragraphs one to a line, like an HTML page (htmltext.py);
anything else is decoded as text (decoding.py). The same normalisation follows for all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from luoshi.extraction.decoding import decode
from luoshi.extraction.docxtext import docx_text
from luoshi.extraction.errors import ReadError
from luoshi.extraction.formats import sniff
from luoshi.extraction.header import parse_header
from luoshi.extraction.htmltext import html_to_text, looks_like_html
from luoshi.extraction.normalising import normalise
from luoshi.extraction.pdftext import pdf_text, scanned_error

__all__ = ["Document", "ReadError", "normalise", "read_document"]

# A work report has thousands of Chinese characters; a file with fewer than this is not a report.
MIN_HAN = 200
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True)
class Document:
    """A decoded, normalised report text; every offset of the extraction points into `text`."""

    text: str
    encoding: str
    chars: int
    header: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def read_document(data: bytes | str, *, name: str = "") -> Document:
    """Read a file's bytes (text, HTML, .docx or PDF) or a text; raise ReadError for a non-report.

    Bytes are a file and must look like a report (at least MIN_HAN Chinese characters); a str is
    text a caller already holds (a paragraph in a test, a pasted excerpt) and needs only some Chinese.
    `encoding` names what was read: a text encoding, or "docx" or "pdf".
    """
    warnings: tuple[str, ...] = ()
    scanned = False
    if isinstance(data, str):
        raw, encoding = data, "unicode"
    else:
        if not data.strip():
            raise _empty()
        kind = sniff(data)
        if kind == "pdf":
            pdf = pdf_text(data)
            raw, encoding, warnings, scanned = pdf.text, "pdf", pdf.warnings, bool(pdf.image_pages)
        elif kind == "docx":
            raw, encoding = docx_text(data), "docx"
        else:
            raw, encoding = decode(data)
    if not raw.strip():
        raise scanned_error() if scanned else _empty(encoding)
    markup = encoding not in ("pdf", "docx") and looks_like_html(raw)
    text = normalise(html_to_text(raw) if markup else raw)
    needed = MIN_HAN if isinstance(data, bytes) else 1
    found = _han_count(text, needed)
    if found < needed and scanned:
        raise scanned_error()
    if not text:
        raise _empty(encoding)
    if found < needed:
        raise ReadError("不是政府工作报告：文中几乎没有中文", "not a work report: the text has almost no Chinese")
    return Document(
        text=text,
        encoding=encoding,
        chars=len(raw),
        header=parse_header(text),
        warnings=warnings + _warnings(text),
    )


def _han_count(text: str, enough: int) -> int:
    """How many Chinese characters `text` has, counting no further than `enough`."""
    return sum(1 for _ in islice(_HAN.finditer(text), enough))


def _empty(encoding: str = "") -> ReadError:
    """The error for an empty file or one holding only white space (or a document without text)."""
    if encoding == "pdf":
        return ReadError("PDF 中没有文字", "the PDF contains no text")
    if encoding == "docx":
        return ReadError("Word 文档中没有文字", "the Word document contains no text")
    return ReadError("文件为空", "the file is empty")


def _warnings(text: str) -> tuple[str, ...]:
    """What a user should know about the text itself (damaged characters)."""
    damaged = text.count("\ufffd")
    if damaged:
        return (f"文本中有 {damaged} 个无法识别的字符（�） / {damaged} unreadable characters in the text",)
    return ()
