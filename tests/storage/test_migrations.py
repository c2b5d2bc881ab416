"""Migrations build an empty database on each backend, repeat safely, match the models and undo."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from luoshi.storage import downgrade_database, make_engine, upgrade_database
from luoshi.storage.base import Base
from tests.databases import fresh_database

TABLES = {
    "attachment",
    "api_token",
    "audit_event",
    "department",
    "login_attempt",
    "milestone",
    "plan",
    "progress_report",
    "report",
    "section",
    "target",
    "task",
    "task_department",
    "user_account",
    "web_session",
}


def _state(url: str) -> tuple[set[str], str | None, list[object]]:
    """The tables, the recorded revision, and any difference between the models and the database."""
    engine = make_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn)
        state = set(inspect(conn).get_table_names()), context.get_current_revision(), compare_metadata(
            context, Base.metadata
        )
    engine.dispose()
    return state


def test_upgrade_builds_an_empty_database(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url)
        tables, revision, diff = _state(url)
        assert tables == TABLES | {"alembic_version"}
        assert revision == "0004"
        assert diff == []


def test_upgrade_twice_changes_nothing(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url)
        upgrade_database(url)
        assert _state(url)[1] == "0004"


def test_downgrade_removes_every_table(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url)
        downgrade_database(url)
        tables, revision, _ = _state(url)
        assert tables == {"alembic_version"}
        assert revision is None
        upgrade_database(url)
        assert _state(url)[1] == "0004"
