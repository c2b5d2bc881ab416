"""The backup archive format (luoshi.backup/1): a zip of JSON per table, binary files and a checked manifest.

manifest.json                    format, schema revision, time, row counts, sha256 of every other file
data/<table>.json                the table's rows in primary-key order, values in portable JSON
files/<table>/<column>/<key>     the bytes of a binary column (report sources, attachments);
                                 the row holds {"$file": "<that path>"} in its place
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "luoshi.backup/1"
MANIFEST = "manifest.json"
FILE_REF = "$file"


class BackupError(ValueError):
    """A backup or restore cannot be done; the message says why, in Chinese, fit for a user."""


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds or a restore loaded."""

    revision: str
    rows: dict[str, int]
    files: int

    @property
    def total_rows(self) -> int:
        """Rows in all tables."""
        return sum(self.rows.values())


def data_name(table: str) -> str:
    """Where a table's rows live in the archive."""
    return f"data/{table}.json"


def file_name(table: str, column: str, key: tuple[Any, ...]) -> str:
    """Where a binary value lives in the archive, named by its row's primary key."""
    return f"files/{table}/{column}/{'-'.join(str(k) for k in key)}"


def sha256(data: bytes) -> str:
    """The hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def open_archive(path: Path) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    """Open an archive and check it whole: a zip, our format, every file present with its hash."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"找不到备份文件：{path}") from None
    except (zipfile.BadZipFile, OSError):
        raise BackupError(f"不是落实备份文件（无法作为 zip 打开）：{path}") from None
    try:
        manifest = _manifest(archive)
        _check_files(archive, manifest)
    except BaseException:
        archive.close()
        raise
    return archive, manifest


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest, which must name our format."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("不是落实备份文件（缺少 manifest.json）") from None
    except (ValueError, zipfile.BadZipFile):
        raise BackupError("备份文件已损坏（manifest.json 无法读取）") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"不是落实备份文件（格式应为 {FORMAT}）")
    if not isinstance(manifest.get("files"), dict) or not isinstance(manifest.get("revision"), str):
        raise BackupError("备份文件已损坏（manifest.json 缺少文件清单或版本）")
    return manifest


def _check_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    """Every listed file is there with the listed sha256, before anything is written anywhere."""
    for name, digest in manifest["files"].items():
        try:
            data = archive.read(name)
        except KeyError:
            raise BackupError(f"备份文件已损坏：缺少 {name}") from None
        except (zipfile.BadZipFile, OSError):
            raise BackupError(f"备份文件已损坏：{name} 无法读取") from None
        if sha256(data) != digest:
            raise BackupError(f"备份文件已损坏：{name} 的校验值不符")
