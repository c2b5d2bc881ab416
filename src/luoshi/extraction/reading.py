"""Bytes to normalised text: decoding, HTML to text, the disclosure header, normalisation.

PROVISIONAL minimal version: to be replaced by the full reader (encodings, HTML, line joins).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


class ReadError(ValueError):
    """A file that cannot be read as a report; carries a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class Document:
    """A decoded, normalised report text; every offset of the extraction points into `text`."""

    text: str
    encoding: str
    chars: int
    header: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def read_document(data: bytes | str, *, name: str = "") -> Document:
    """Decode and normalise a report."""
    if isinstance(data, bytes):
        raw = data.decode("utf-8-sig")
        encoding = "utf-8"
    else:
        raw, encoding = data, "unicode"
    text = normalise(raw)
    if not text.strip():
        raise ReadError("文件为空", "the file is empty")
    return Document(text=text, encoding=encoding, chars=len(raw))


def normalise(raw: str) -> str:
    """NFKC, unify line ends, drop private-use glyphs, join letter-spaced words, strip lines."""
    text = unicodedata.normalize("NFKC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c for c in text if unicodedata.category(c) != "Co")
    text = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff] [\u4e00-\u9fff])|(?<=[\u4e00-\u9fff] [\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)
    return "\n".join(line.strip() for line in text.split("\n"))
