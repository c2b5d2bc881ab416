"""Restore an archive (see operations/archive.py) into an empty SQLite or PostgreSQL database, all or nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table

from luoshi.services.operations.archive import FILE_REF, BackupError, BackupSummary, data_name, open_archive
from luoshi.storage import make_engine, portable, snapshot, upgrade_database
from luoshi.storage.revisions import database_revision, head_revision


def restore(*, url: str, path: Path) -> BackupSummary:
    """Check the archive whole, migrate a blank database, refuse a non-empty one, then load in one transaction."""
    archive, manifest = open_archive(path)
    with archive:
        _check_revision(manifest)
        _check_tables(manifest)
        engine = make_engine(url)
        try:
            _prepare(engine, url)
            with engine.begin() as connection:
                _check_target(connection)
                rows = {t.name: _load_table(connection, t, archive) for t in snapshot.tables()}
                snapshot.reset_sequences(connection)
        finally:
            engine.dispose()
    files = sum(1 for name in manifest["files"] if name.startswith("files/"))
    return BackupSummary(manifest["revision"], rows, files)


def _check_revision(manifest: dict[str, Any]) -> None:
    """The archive's schema must be the one this code's tables describe."""
    revision, head = manifest["revision"], head_revision()
    if revision != head:
        raise BackupError(f"备份的数据库结构版本 {revision} 与程序版本 {head} 不一致，请使用相同版本的落实恢复")


def _check_tables(manifest: dict[str, Any]) -> None:
    """Every table of the schema has its data file in the archive."""
    missing = [t.name for t in snapshot.tables() if data_name(t.name) not in manifest["files"]]
    if missing:
        raise BackupError(f"备份文件不完整：缺少表 {'、'.join(missing)}")


def _prepare(engine: Engine, url: str) -> None:
    """Create the tables in a blank database (one without any table); a database with tables is left as it is."""
    with engine.connect() as connection:
        blank = not snapshot.table_names(connection)
    if blank:
        upgrade_database(url)


def _check_target(connection: Connection) -> None:
    """The target must be at this code's revision and hold no rows at all."""
    revision = database_revision(connection)
    if revision != head_revision():
        raise BackupError(
            f"目标数据库结构版本 {revision or '未知'} 与程序版本 {head_revision()} 不一致，请使用空白数据库"
        )
    filled = snapshot.non_empty_tables(connection)
    if filled:
        raise BackupError(f"目标数据库不为空（{'、'.join(filled)} 中已有数据），只能恢复到空数据库")


def _load_table(connection: Connection, table: Table, archive: zipfile.ZipFile) -> int:
    """Insert a table's rows from its JSON, binary values read back from their files."""
    records = json.loads(archive.read(data_name(table.name)))
    return snapshot.load_rows(connection, table, (_stored_row(table, r, archive) for r in records))


def _stored_row(table: Table, record: dict[str, Any], archive: zipfile.ZipFile) -> dict[str, Any]:
    """A portable row back in the column types, refused when it does not fit the table."""
    unknown = set(record) - set(table.columns.keys())
    if unknown:
        raise BackupError(f"备份中表 {table.name} 含有未知字段：{'、'.join(sorted(unknown))}")
    row: dict[str, Any] = {}
    for column in table.columns:
        value = record.get(column.name)
        if isinstance(value, dict) and portable.is_binary(column) and FILE_REF in value:
            row[column.name] = archive.read(value[FILE_REF])
        else:
            row[column.name] = portable.from_portable(column, value)
    return row
