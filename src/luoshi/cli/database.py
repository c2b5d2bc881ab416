"""What the tracking commands share: the --database option, opening it, and service errors as user errors."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.cli.common import UserError
from luoshi.config import ConfigError, load_settings
from luoshi.services.errors import NotFound, PermissionDenied, ServiceError
from luoshi.services.plans.contract import ContractError
from luoshi.storage import ConflictError, make_engine, session_factory


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


@contextmanager
def open_database(args: argparse.Namespace, *, initialised: bool = True) -> Iterator[sessionmaker[Session]]:
    """Sessions on the database; unless told otherwise, refuse one that `luoshi init` has not prepared."""
    url = database_url(args)
    engine = make_engine(url)
    try:
        if initialised and not _has_schema(engine):
            raise UserError(
                "数据库尚未初始化，请先运行 luoshi init", "the database is not initialised: run luoshi init"
            )
        with service_errors():
            yield session_factory(engine)
    finally:
        engine.dispose()


def _has_schema(engine: Engine) -> bool:
    """True once the migrations have run (the plan table exists)."""
    try:
        return inspect(engine).has_table("plan")
    except OperationalError as error:
        raise UserError("无法连接数据库", f"cannot connect to the database: {error.orig}") from None


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
    except (ServiceError, ContractError) as error:
        raise UserError(str(error), "refused") from None
