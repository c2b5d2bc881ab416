"""Bytes to text: detect UTF-8 (with or without BOM), UTF-16 (LE/BE, with or without BOM) or GB18030."""

from __future__ import annotations

import codecs
import re

from luoshi.extraction.errors import ReadError

# A BOM is the strongest evidence; longest first so that UTF-32 is not taken for UTF-16.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Share of control characters above which a decoded text is taken for a binary file.
_MAX_CONTROL_SHARE = 0.01
# Share of plausible characters (CJK, ASCII, common punctuation) a BOM-less UTF-16 guess needs.
_MIN_PLAUSIBLE_UTF16 = 0.9
# Share of NUL bytes on one side of the byte pairs that marks UTF-16 (the rest come from CJK like 一 U+4E00).
_NUL_SIDE_SHARE = 0.8

# A UTF-8 file may have this many bad bytes (or this share of its characters) and still be UTF-8.
_MAX_BAD_UTF8 = 3
_MAX_BAD_UTF8_SHARE = 0.001

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _not_text() -> ReadError:
    """The error for a binary file (an image, an archive, a word-processor file)."""
    return ReadError(
        "无法识别的文件：不是文本、网页、Word（.docx）或 PDF", "not a text, HTML, Word (.docx) or PDF file"
    )


def decode(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes and name the encoding found; raise ReadError when it is not text."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _check_text(_strict(data[len(bom) :], codec, name), name)
    if b"\x00" in data:
        found = _utf16_by_nuls(data)
        if found is None:
            raise _not_text()
        return _check_text(*found)
    try:
        return _check_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return _check_text(damaged, "utf-8")
    found = _utf16_by_content(data)
    if found is not None:
        return _check_text(*found)
    try:
        return _check_text(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        raise ReadError(
            "无法识别文件编码（支持 UTF-8、GB18030/GBK、UTF-16）",
            "unknown encoding (UTF-8, GB18030/GBK and UTF-16 are supported)",
        ) from None


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (a truncated download, one flipped byte), bad ones shown as U+FFFD.

    Without this, GB18030 would decode such a file without error, into nonsense.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    return text if bad <= max(_MAX_BAD_UTF8, _MAX_BAD_UTF8_SHARE * len(text)) else None


def _strict(data: bytes, codec: str, name: str) -> str:
    """Decode strictly, turning a failure into a ReadError that names the encoding."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise ReadError(f"文件不是有效的 {name} 编码", f"the file is not valid {name}") from None


def _utf16_by_nuls(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 whose NUL bytes sit mostly at odd (LE) or even (BE) offsets."""
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    # ASCII characters (digits, line ends) put a NUL in the high byte; a CJK character rarely has one.
    if odd >= _NUL_SIDE_SHARE * (odd + even):
        return _plausible_utf16(data, "utf-16-le")
    if even >= _NUL_SIDE_SHARE * (odd + even):
        return _plausible_utf16(data, "utf-16-be")
    return None


def _utf16_by_content(data: bytes) -> tuple[str, str] | None:
    """Try BOM-less UTF-16 without NULs (pure CJK text): accept an order that yields plausible text."""
    if len(data) % 2 or len(data) < 4:
        return None
    return _plausible_utf16(data, "utf-16-le") or _plausible_utf16(data, "utf-16-be")


def _plausible_utf16(data: bytes, codec: str) -> tuple[str, str] | None:
    """The text in `codec` if it decodes and looks like Chinese text, else None."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    plausible = sum(1 for c in text if _is_plausible(c))
    return (text, codec) if plausible >= _MIN_PLAUSIBLE_UTF16 * len(text) else None


def _is_plausible(char: str) -> bool:
    """Whether a character is common in a Chinese report (CJK ideograph, ASCII, CJK punctuation)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x20 <= code < 0x7F
        or char in "\n\r\t"
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2010 <= code <= 0x206F
    )


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    """Reject a decoded text that is full of control characters (a binary file that happened to decode)."""
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise _not_text()
    return text, encoding
