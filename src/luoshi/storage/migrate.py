"""Alembic, driven from code: the migrations ship inside the package and `luoshi init` calls them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from luoshi.storage.engine import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the database URL, with no alembic.ini needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser treats % as interpolation; a password may contain one.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(url: str, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision` (the latest by default); safe to repeat."""
    engine = make_engine(url)
    try:
        _run(engine, url, lambda config: command.upgrade(config, revision))
    finally:
        engine.dispose()


def downgrade_database(url: str, revision: str = "base") -> None:
    """Take the database at `url` down to `revision` (empty by default)."""
    engine = make_engine(url)
    try:
        _run(engine, url, lambda config: command.downgrade(config, revision))
    finally:
        engine.dispose()


def _run(engine: Engine, url: str, step: Callable[[Config], None]) -> None:
    """Run one Alembic command over a connection of our engine, so the SQLite pragmas apply."""
    config = alembic_config(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config)
