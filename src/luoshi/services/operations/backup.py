"""Back up a whole database into a portable archive from one consistent read (see services/operations/archive.py)."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table

from luoshi import __version__
from luoshi.services.operations.archive import (
    FILE_REF,
    FORMAT,
    MANIFEST,
    BackupError,
    BackupSummary,
    data_name,
    file_name,
    sha256,
)
from luoshi.storage import portable, snapshot
from luoshi.storage.revisions import database_revision, head_revision


def back_up(*, engine: Engine, path: Path) -> BackupSummary:
    """Write the archive of the database to `path` (replaced only once complete)."""
    if not path.parent.is_dir():
        raise BackupError(f"备份目录不存在：{path.parent}")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            summary = _write(engine, archive)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return summary


def _write(engine: Engine, archive: zipfile.ZipFile) -> BackupSummary:
    """Every table and binary value, then the manifest with their hashes, all from one read transaction."""
    hashes: dict[str, str] = {}
    rows: dict[str, int] = {}
    with snapshot.read_transaction(engine) as connection:
        revision = _checked_revision(connection)
        for table in snapshot.tables():
            rows[table.name] = _write_table(connection, table, archive, hashes)
    manifest = {
        "format": FORMAT,
        "revision": revision,
        "created_at": datetime.now(UTC).isoformat(),
        "luoshi_version": __version__,
        "dialect": engine.dialect.name,
        "rows": rows,
        "files": hashes,
    }
    archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    files = sum(1 for name in hashes if name.startswith("files/"))
    return BackupSummary(revision, rows, files)


def _checked_revision(connection: Connection) -> str:
    """The database's schema revision, which must be the one this code's tables describe."""
    revision, head = database_revision(connection), head_revision()
    if revision is None:
        raise BackupError("数据库尚未初始化，没有可备份的内容")
    if revision != head:
        raise BackupError(f"数据库结构版本 {revision} 与程序版本 {head} 不一致，请先升级数据库")
    return revision


def _write_table(connection: Connection, table: Table, archive: zipfile.ZipFile, hashes: dict[str, str]) -> int:
    """A table's rows as one JSON file; each binary value in a file of its own."""
    records = []
    for row in snapshot.rows_of(connection, table):
        records.append(_portable_row(table, row, archive, hashes))
    data = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()
    archive.writestr(data_name(table.name), data)
    hashes[data_name(table.name)] = sha256(data)
    return len(records)


def _portable_row(
    table: Table, row: dict[str, Any], archive: zipfile.ZipFile, hashes: dict[str, str]
) -> dict[str, Any]:
    """A row in portable JSON, its binary values written out and referenced by name."""
    key = tuple(row[c.name] for c in table.primary_key.columns)
    record: dict[str, Any] = {}
    for column in table.columns:
        value = row[column.name]
        if portable.is_binary(column) and value is not None:
            name = file_name(table.name, column.name, key)
            archive.writestr(name, bytes(value))
            hashes[name] = sha256(bytes(value))
            record[column.name] = {FILE_REF: name}
        else:
            record[column.name] = portable.to_portable(column, value)
    return record
