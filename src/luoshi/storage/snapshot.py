"""Whole-database snapshots, generic over the metadata: read every table in one transaction, load into an empty one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, inspect, select, text, update

from luoshi.storage import models
from luoshi.storage.base import Base

Row = dict[str, Any]


def tables() -> list[Table]:
    """Every table, parents before children, so that loading in this order satisfies foreign keys."""
    assert models.__all__  # the models module fills the metadata; importing it here makes it complete
    return list(Base.metadata.sorted_tables)


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads all see one consistent state of the database."""
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with engine.connect().execution_options(**options) as connection, connection.begin():
            yield connection
        return
    with engine.connect() as connection:
        # pysqlite begins a transaction only before a write; an explicit BEGIN holds one snapshot
        # (WAL) or a shared lock for every table read here.
        connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.rollback()


def rows_of(connection: Connection, table: Table) -> Iterator[Row]:
    """A table's rows in primary-key order, as column-name dicts."""
    query = select(table).order_by(*table.primary_key.columns)
    for row in connection.execution_options(yield_per=500).execute(query):
        yield dict(row._mapping)


def table_names(connection: Connection) -> set[str]:
    """The tables that exist in the database."""
    return set(inspect(connection).get_table_names())


def non_empty_tables(connection: Connection) -> list[str]:
    """The luoshi tables that hold at least one row."""
    present = table_names(connection)
    return [
        t.name
        for t in tables()
        if t.name in present and connection.execute(select(func.count()).select_from(t)).scalar()
    ]


def load_rows(connection: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert rows keeping their keys; self-references are set after all rows exist (a parent may come later)."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    batch = [dict(row) for row in rows]
    if not batch:
        return 0
    connection.execute(table.insert(), [{**row, **dict.fromkeys(own)} for row in batch])
    for row in batch:
        links = {name: row[name] for name in own if row.get(name) is not None}
        if links:
            keys = [column == row[column.name] for column in table.primary_key.columns]
            connection.execute(update(table).where(*keys).values(**links))
    return len(batch)


def reset_sequences(connection: Connection) -> None:
    """After inserting explicit ids, let PostgreSQL's sequences continue after the largest one."""
    if connection.dialect.name != "postgresql":
        return  # SQLite takes the next rowid after the largest
    for table in tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and _integer(column)):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                        f'COALESCE(MAX("{column.name}"), 1), MAX("{column.name}") IS NOT NULL) FROM "{table.name}"'
                    ),
                    {"table": table.name, "column": column.name},
                )


def _integer(column: Any) -> bool:
    """True for an integer column (the kind PostgreSQL backs with a sequence)."""
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False
