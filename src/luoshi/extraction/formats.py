"""What kind of file a report is, told by its first bytes (never by its name).

A `.txt` that is really a PDF is read as a PDF, and a `.pdf` that is really the HTML error page of a
failed download is read as HTML (and refused as no report). Formats luoshi cannot read but a user
can convert (an old `.doc`, RTF, OpenDocument) are refused with a message saying how.
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from luoshi.extraction.errors import ReadError

Format = Literal["text", "pdf", "docx"]

# The PDF header may follow some junk; readers look for it in the first 1024 bytes.
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# An OLE2 compound file: Word 97–2003 (.doc), Excel (.xls), WPS (.wps), and password-protected .docx.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF_MAGIC = b"{\\rtf"
DOCX_MAIN_PART = "word/document.xml"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes) -> Format:
    """The format of a file's bytes; raise ReadError for a document format that must be converted first."""
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        raise _ole_error(data)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(_RTF_MAGIC):
        raise ReadError(
            "RTF 文档无法直接读取，请在 Word 或 WPS 中另存为 .docx", "an RTF file: save it as .docx and try again"
        )
    return "text"


def docx_damaged() -> ReadError:
    """The error for a Word document (or a zip archive) that is damaged or cut short."""
    return ReadError(
        "Word 文档已损坏或不完整，无法打开", "the Word document is damaged or incomplete and cannot be opened"
    )


def _zip_kind(data: bytes) -> Format:
    """A zip archive is a Word document when it holds word/document.xml; any other archive is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names and DOCX_MAIN_PART not in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise docx_damaged() from None
    if DOCX_MAIN_PART in names:
        return "docx"
    if mimetype.startswith(_ODT_MIMETYPE):
        raise ReadError(
            "OpenDocument 文本（.odt）无法直接读取，请另存为 .docx", "an OpenDocument text (.odt): save it as .docx"
        )
    raise ReadError(
        "压缩文件中没有 Word 正文（word/document.xml），不是 .docx 文档",
        "a zip archive without word/document.xml: not a Word document (.docx)",
    )


def _ole_error(data: bytes) -> ReadError:
    """The message for an OLE2 compound file: a password-protected .docx, another old Office file, or a .doc."""
    if _stream_named("EncryptedPackage", data):
        return ReadError(
            "Word 文档设有打开密码，请去掉密码后另存为 .docx",
            "the Word document is password-protected: remove the password and save it as .docx",
        )
    if any(_stream_named(name, data) for name in _OTHER_OFFICE_STREAMS):
        return ReadError(
            "旧版 Office 文件（不是 Word 文档），无法读取；报告请用 .docx、PDF、网页或文本",
            "an old Office file that is not a Word document: a report must be .docx, PDF, HTML or text",
        )
    # WordDocument (Word 97–2003), WPS's own streams, or a header only: all are saved as .docx the same way.
    return ReadError(
        "旧版 Word 文档（.doc）无法读取，请在 Word 或 WPS 中另存为 .docx（Word 2007 及以上格式）后再试",
        "an old binary Word document (.doc): save it as .docx (Word 2007 or later) and try again",
    )


# Streams of the old Excel and PowerPoint files, as their OLE2 directory names them.
_OTHER_OFFICE_STREAMS = ("Workbook", "Book", "PowerPoint Document")


def _stream_named(name: str, data: bytes) -> bool:
    """Whether an OLE2 directory entry of this name appears (names are UTF-16-LE, NUL-terminated)."""
    return (name + "\0").encode("utf-16-le") in data
