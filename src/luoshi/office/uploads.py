"""Opening an uploaded workbook safely: a size limit, a real xlsx (zip) archive, a bounded unpacked size."""

from __future__ import annotations

import io
import warnings
import zipfile

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

# An office's breakdown table or progress template is tens of kilobytes; 5 MB leaves room for pictures.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A small zip can unpack to gigabytes (a zip bomb); what openpyxl reads is bounded too.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


class UploadError(ValueError):
    """An uploaded file that cannot be read as the expected workbook; Chinese and English messages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


def too_large(size: int, limit: int = MAX_UPLOAD_BYTES) -> UploadError | None:
    """The refusal of a file over the limit, checked before its bytes are read."""
    if size <= limit:
        return None
    return UploadError(
        f"文件过大（{size / 1048576:.1f} MB），上传的表格不能超过 {limit // 1048576} MB",
        f"the file is larger than {limit // 1048576} MB",
    )


def open_workbook(data: bytes, *, limit: int = MAX_UPLOAD_BYTES) -> Workbook:
    """The workbook in `data` with cached values instead of formulas, or UploadError saying why not."""
    if (refusal := too_large(len(data), limit)) is not None:
        raise refusal
    if not data:
        raise UploadError("文件为空", "the file is empty")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UploadError(_NOT_XLSX, "not an .xlsx workbook (a broken file, or .xls/.csv/.et)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UploadError("文件解压后过大，不像是正常的表格", "the workbook unpacks to too much data")
            if "xl/workbook.xml" not in archive.namelist():
                raise UploadError(_NOT_XLSX, "the zip holds no workbook")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (WPS, LibreOffice)
            return load_workbook(io.BytesIO(data), data_only=True)
    except UploadError:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged archive (KeyError, BadZipFile, XML errors)
        raise UploadError(_NOT_XLSX, "the workbook is damaged and cannot be read") from None


_NOT_XLSX = "文件已损坏或不是 .xlsx 表格（请在 Excel 或 WPS 中另存为 .xlsx 后上传）"
