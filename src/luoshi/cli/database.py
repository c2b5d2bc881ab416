"""The command line's composition root: which database a command works on and how it is opened.

--database, else LUOSHI_DATABASE_URL, else sqlite:///luoshi.db. Every command opens its database
here, and what the database or the services refuse becomes a one-line bilingual error. This is the
only module of the command line that imports luoshi.storage.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.cli.common import UserError
from luoshi.config import ConfigError, load_settings
from luoshi.services.errors import ConflictError, NotFound, PermissionDenied, ServiceError
from luoshi.services.exports.common import ExportError
from luoshi.services.plans.contract import ContractError
from luoshi.storage import make_engine, session_factory, upgrade_database

NOT_INITIALISED = ("数据库尚未初始化，请先运行 luoshi init", "the database is not initialised: run luoshi init")


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """--database URL, defaulting to LUOSHI_DATABASE_URL or ./luoshi.db."""
    parser.add_argument(
        "--database",
        metavar="URL",
        help="数据库 / database URL (default: LUOSHI_DATABASE_URL or sqlite:///luoshi.db)",
    )


def database_url(args: argparse.Namespace) -> str:
    """The URL given on the command line, else the settings'; refused when it is not one luoshi supports."""
    try:
        if args.database:
            return load_settings({"LUOSHI_DATABASE_URL": args.database}).database_url
        return load_settings().database_url
    except ConfigError as error:
        raise UserError("数据库地址无效", str(error)) from None


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL, or None for PostgreSQL and in-memory SQLite."""
    if not url.startswith("sqlite:///") or ":memory:" in url:
        return None
    return Path(url.removeprefix("sqlite:///"))


@contextmanager
def database_engine(args: argparse.Namespace, *, upgrade: bool = False) -> Iterator[Engine]:
    """An engine on the command's database, disposed afterwards.

    With `upgrade` the schema is created or brought up to date first (`luoshi init`, `demo`, `token`);
    otherwise a missing SQLite file is refused (and not created) and so is a database `luoshi init`
    has not prepared.
    """
    url = database_url(args)
    if upgrade:
        _upgrade(url)
    elif (path := sqlite_file(url)) is not None and not path.is_file():
        raise UserError("数据库文件不存在，请先运行 luoshi init", "no such database file", url)
    engine = make_engine(url)
    try:
        with database_errors():
            if not inspect(engine).has_table("plan"):
                raise UserError(*NOT_INITIALISED)
            yield engine
    finally:
        engine.dispose()


@contextmanager
def open_database(args: argparse.Namespace, *, upgrade: bool = False) -> Iterator[sessionmaker[Session]]:
    """Sessions on the command's database (see `database_engine`), the services' refusals as user errors."""
    with database_engine(args, upgrade=upgrade) as engine, service_errors():
        yield session_factory(engine)


def _upgrade(url: str) -> None:
    """Create or upgrade the schema; a server that refuses or a file that cannot be written is a user error."""
    try:
        upgrade_database(url)
    except Exception as error:
        raise UserError("无法初始化数据库", f"cannot initialise the database: {error}") from None


@contextmanager
def database_errors() -> Iterator[None]:
    """A database that cannot be reached or read (or has an older schema) becomes a one-line user error."""
    try:
        yield
    except (OperationalError, ProgrammingError) as error:
        first_line = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
        raise UserError("无法连接或读取数据库", "the database cannot be reached or read", first_line) from None


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn what the services refuse into one-line bilingual errors."""
    try:
        yield
    except ConflictError as error:
        raise UserError(str(error), "the record changed meanwhile (conflict)") from None
    except PermissionDenied as error:
        raise UserError(str(error), "permission denied") from None
    except NotFound as error:
        raise UserError(str(error), "not found") from None
    except (ServiceError, ContractError, ExportError) as error:
        raise UserError(str(error), "refused") from None
