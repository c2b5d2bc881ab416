"""Which database a command works on: --database, else LUOSHI_DATABASE_URL, else sqlite:///luoshi.db."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from luoshi.cli.common import UserError
from luoshi.config import ConfigError, load_settings, settings
from luoshi.storage import make_engine


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """The --database option."""
    parser.add_argument("--database", help="database URL (default: LUOSHI_DATABASE_URL or sqlite:///luoshi.db)")


def database_url(given: str | None) -> str:
    """The URL to use, checked like the setting (SQLite or PostgreSQL through psycopg)."""
    try:
        return load_settings({"LUOSHI_DATABASE_URL": given}).database_url if given else settings().database_url
    except ConfigError as error:
        raise UserError("数据库地址无效", str(error)) from None


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL, or None for PostgreSQL and in-memory SQLite."""
    if not url.startswith("sqlite:///") or ":memory:" in url:
        return None
    return Path(url.removeprefix("sqlite:///"))


@contextmanager
def existing_database(given: str | None) -> Iterator[Engine]:
    """An engine on a database that must already exist (SQLite would silently create an empty file)."""
    url = database_url(given)
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        raise UserError("数据库文件不存在，请先运行 luoshi init", "no such database file", url)
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def database_errors() -> Iterator[None]:
    """A database that cannot be reached or read becomes a one-line user error instead of a traceback."""
    try:
        yield
    except OperationalError as error:
        first_line = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
        raise UserError("无法连接或读取数据库", "the database cannot be reached or read", first_line) from None
