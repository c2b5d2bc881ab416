"""Bytes to normalised text: decoding, HTML to text, the disclosure header, normalisation.

`read_document` is the reader's one entry point; every offset the extraction reports points
into `Document.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from luoshi.extraction.decoding import decode
from luoshi.extraction.errors import ReadError
from luoshi.extraction.header import parse_header
from luoshi.extraction.htmltext import html_to_text, looks_like_html
from luoshi.extraction.normalising import normalise

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
    """Decode, convert HTML to text, normalise and read the header; raise ReadError for a non-report.

    Bytes are a file and must look like a report (at least MIN_HAN Chinese characters); a str is
    text a caller already holds (a paragraph in a test, a pasted excerpt) and needs only some Chinese.
    """
    if isinstance(data, str):
        raw, encoding = data, "unicode"
    else:
        if not data.strip():
            raise _empty()
        raw, encoding = decode(data)
    if not raw.strip():
        raise _empty()
    text = normalise(html_to_text(raw) if looks_like_html(raw) else raw)
    if not text:
        raise _empty()
    needed = MIN_HAN if isinstance(data, bytes) else 1
    if sum(1 for _ in islice(_HAN.finditer(text), needed)) < needed:
        raise ReadError("不是政府工作报告：文中几乎没有中文", "not a work report: the text has almost no Chinese")
    return Document(text=text, encoding=encoding, chars=len(raw), header=parse_header(text), warnings=_warnings(text))


def _empty() -> ReadError:
    """The error for an empty file or one holding only white space."""
    return ReadError("文件为空", "the file is empty")


def _warnings(text: str) -> tuple[str, ...]:
    """What a user should know about the text itself (damaged characters)."""
    damaged = text.count("\ufffd")
    if damaged:
        return (f"文本中有 {damaged} 个无法识别的字符（�） / {damaged} unreadable characters in the text",)
    return ()
