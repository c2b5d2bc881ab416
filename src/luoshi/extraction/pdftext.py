"""A PDF's text layer to text, with PDFium (pypdfium2): its characters and where they stand.

PDFium (the PDF engine of Chromium) is used for the characters, their boxes and type sizes, and for
telling an encrypted or damaged file; pdflayout.py makes lines and paragraphs of them. Why PDFium
and not a pure-Python library: docs/reading.md. PDFium is not thread-safe, so one lock guards it.
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from luoshi.extraction.errors import ReadError
from luoshi.extraction.libraries import library
from luoshi.extraction.pdflayout import Char, Page, layout_text, page_lines

# A work report has tens of pages; a PDF with more than this is something else.
MAX_PAGES = 1000
# Acrobat's rule: %%EOF stands in the last 1024 bytes of a complete file.
_EOF_MARK = b"%%EOF"
_EOF_WINDOW = 1024
# A text layer this share of whose characters PDFium cannot map to Unicode is unreadable.
_MAX_UNMAPPED_SHARE = 0.5

_LOCK = threading.Lock()


def _pdfium() -> tuple[Any, Any]:
    """PDFium's Python module and its raw C functions, loaded when the first PDF is read."""
    return (
        library("pypdfium2", package="pypdfium2", what=" PDF "),
        library("pypdfium2.raw", package="pypdfium2", what=" PDF "),
    )


@dataclass(frozen=True)
class PdfText:
    """A PDF's text (paragraphs separated by blank lines) and what a reader should know about it."""

    text: str
    pages: int
    image_pages: tuple[int, ...]  # 1-based: pages with an image and no text (scanned)
    warnings: tuple[str, ...]


def scanned_error() -> ReadError:
    """The error for a PDF whose pages are images (a scan) without a text layer."""
    return ReadError(
        "PDF 没有文字层（扫描件），无法提取文字；请提供文字版 PDF，或先做文字识别（OCR）",
        "the PDF has no text layer (a scan): provide a PDF with text, or run OCR on it first",
    )


def pdf_text(data: bytes) -> PdfText:
    """Read a PDF's text layer; raise ReadError for an encrypted, damaged or unreadable file."""
    complete = _EOF_MARK in data[-_EOF_WINDOW:]
    with _LOCK:
        document = _open(data, complete=complete)
        try:
            count = len(document)
            if count > MAX_PAGES:
                raise ReadError(
                    f"PDF 有 {count} 页，不像一份政府工作报告", f"the PDF has {count} pages: not a work report"
                )
            pages, image_pages, unreadable, unmapped, total = _read_pages(document)
        finally:
            document.close()
    if total and unmapped > _MAX_UNMAPPED_SHARE * total:
        raise ReadError(
            "PDF 中的文字缺少编码信息（字体没有文字映射），无法提取；请提供其他版本，或先做文字识别（OCR）",
            "the PDF's text cannot be mapped to characters (its fonts lack a ToUnicode map): try another copy, or OCR",
        )
    warnings = []
    if not complete:
        warnings.append("PDF 文件可能不完整（缺少结束标记），内容可能缺失 / the PDF may be incomplete (no %%EOF)")
    if image_pages and len(image_pages) < count:
        listed = "、".join(map(str, image_pages))
        warnings.append(
            f"第 {listed} 页是扫描图像（没有文字层），未读取 / "
            f"page(s) {', '.join(map(str, image_pages))} are scanned images without text and were not read"
        )
    if unreadable:
        warnings.append(
            f"第 {'、'.join(map(str, unreadable))} 页无法读取 / "
            f"page(s) {', '.join(map(str, unreadable))} could not be read"
        )
    return PdfText(layout_text(pages), count, tuple(image_pages), tuple(warnings))


def _open(data: bytes, *, complete: bool) -> Any:
    """The PDFium document, or the ReadError saying why it cannot be opened."""
    pdfium, pdfium_c = _pdfium()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError(
                "PDF 文件已加密，需要密码才能打开；请提供未加密的文件",
                "the PDF is encrypted and needs a password: provide an unencrypted copy",
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError(
                "PDF 文件使用了不支持的加密方式，无法打开",
                "the PDF uses an unsupported encryption and cannot be opened",
            ) from None
        if not complete:
            raise ReadError(
                "PDF 文件不完整（可能下载中断），无法打开", "the PDF is incomplete (an interrupted download?)"
            ) from None
        raise ReadError("PDF 文件已损坏，无法打开", "the PDF is damaged and cannot be opened") from None


def _read_pages(document: Any) -> tuple[list[Page], list[int], list[int], int, int]:
    """Each page's lines; the pages that are images only; pages that failed; unmapped and all characters."""
    pdfium = _pdfium()[0]
    pages: list[Page] = []
    image_pages: list[int] = []
    unreadable: list[int] = []
    unmapped = total = 0
    for number in range(1, len(document) + 1):
        try:
            page = document[number - 1]
        except pdfium.PdfiumError:
            unreadable.append(number)
            continue
        try:
            chars, page_unmapped, page_total = _page_chars(page)
            unmapped += page_unmapped
            total += page_total
            if not any(not c.text.isspace() for c in chars) and _has_image(page):
                image_pages.append(number)
            pages.append(Page(height=_display_size(page)[1], lines=page_lines(chars)))
        finally:
            page.close()
    return pages, image_pages, unreadable, unmapped, total


def _page_chars(page: Any) -> tuple[list[Char], int, int]:
    """A page's characters in display coordinates (the page's rotation applied), PDFium's own spaces left out."""
    pdfium_c = _pdfium()[1]
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        transform = _display_transform(page)
        rect = pdfium_c.FS_RECTF()
        matrix = pdfium_c.FS_MATRIX()
        x, y = ctypes.c_double(), ctypes.c_double()
        chars: list[Char] = []
        unmapped = 0
        count = pdfium_c.FPDFText_CountChars(raw)
        for index in range(count):
            if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
                continue
            if pdfium_c.FPDFText_HasUnicodeMapError(raw, index) == 1:
                unmapped += 1
                continue
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            text = _char(code)
            if text is None or not (
                pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(rect))
                and pdfium_c.FPDFText_GetCharOrigin(raw, index, ctypes.byref(x), ctypes.byref(y))
                and pdfium_c.FPDFText_GetMatrix(raw, index, ctypes.byref(matrix))
            ):
                continue
            # The size set with the font, scaled by the text and page matrices (Chromium sets 16 and scales by 0.75).
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            size = float(pdfium_c.FPDFText_GetFontSize(raw, index)) * scale
            x0, x1 = transform.span(rect.left, rect.right, rect.bottom, rect.top)
            baseline = transform.point(x.value, y.value)[1]
            run = ctypes.cast(pdfium_c.FPDFText_GetTextObject(raw, index), ctypes.c_void_p).value or 0
            chars.append(Char(text, x0, x1, baseline, size if size > 0 else rect.top - rect.bottom, run))
        return chars, unmapped, count
    finally:
        textpage.close()


def _char(code: int) -> str | None:
    """The character of a code PDFium gives, or None for what is no text (controls, NUL, surrogates)."""
    if code < 0x20 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return None
    return chr(code)


def _display_size(page: Any) -> tuple[float, float]:
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    return (height, width) if page.get_rotation() in (90, 270) else (width, height)


@dataclass(frozen=True)
class _Display:
    """Page space to display space (y up, origin bottom-left) for a page's crop box and /Rotate (clockwise)."""

    left: float
    bottom: float
    width: float
    height: float
    rotation: int

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, self.width - x
        if self.rotation == 180:
            return self.width - x, self.height - y
        if self.rotation == 270:
            return self.height - y, x
        return x, y

    def span(self, x0: float, x1: float, y0: float, y1: float) -> tuple[float, float]:
        """The left and right display edges of a box."""
        xs = [self.point(x, y)[0] for x, y in ((x0, y0), (x1, y1))]
        return min(xs), max(xs)


def _display_transform(page: Any) -> _Display:
    left, bottom, right, top = (float(v) for v in page.get_cropbox())
    return _Display(left, bottom, right - left, top - bottom, int(page.get_rotation()))


def _has_image(page: Any) -> bool:
    """Whether a page shows an image (a scanned page is one image)."""
    pdfium_c = _pdfium()[1]
    images: Iterator[Any] = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
    return next(images, None) is not None
