"""What the database itself enforces, on each backend: keys, uniqueness, checks, the append-only audit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import transaction
from luoshi.storage.models import AuditEvent, Report
from tests.storage.builders import plan_with_task

# Each row breaks one rule; the statement runs on a database holding one plan (id 1) with one task.
REFUSED: list[tuple[str, str, dict[str, Any]]] = [
    (
        "task-of-a-missing-plan",
        "INSERT INTO task (plan_id, position, title, text, version) VALUES (999, 0, 't', '', 1)",
        {},
    ),
    (
        "section-of-a-missing-parent",
        "INSERT INTO section (plan_id, parent_id, key, number, title, kind, position, version)"
        " VALUES (1, 999, '9', '', 't', 'plan', 0, 1)",
        {},
    ),
    (
        "unknown-plan-status",
        "UPDATE plan SET status = 'archived' WHERE id = 1",
        {},
    ),
    (
        "thresholds-out-of-order",
        "UPDATE plan SET yellow_points = 40, red_points = 30 WHERE id = 1",
        {},
    ),
    (
        "target-with-no-owner",
        "INSERT INTO target (plan_id, position, metric, kind, per_year, quote, version)"
        " VALUES (1, 0, 'm', 'level', false, '', 1)",
        {},
    ),
    (
        "department-user-without-department",
        "INSERT INTO user_account (username, display_name, role, password_hash, disabled, created_at,"
        " version)"
        " VALUES ('u', '', 'department', 'x', false, CURRENT_TIMESTAMP, 1)",
        {},
    ),
    (
        "report-month-13",
        'INSERT INTO progress_report (task_id, period_year, period_month, state, "values", progress_text,'
        " problems, next_steps, created_at, version)"
        " VALUES (1, 2022, 13, 'draft', '{}', '', '', '', CURRENT_TIMESTAMP, 1)",
        {},
    ),
    (
        "two-reports-for-one-period",
        'INSERT INTO progress_report (task_id, period_year, period_month, state, "values", progress_text,'
        " problems, next_steps, created_at, version)"
        " VALUES (1, 2022, 6, 'draft', '{}', '', '', '', CURRENT_TIMESTAMP, 1),"
        " (1, 2022, 6, 'draft', '{}', '', '', '', CURRENT_TIMESTAMP, 1)",
        {},
    ),
]


@pytest.mark.parametrize(("name", "sql", "params"), REFUSED, ids=[r[0] for r in REFUSED])
def test_the_database_refuses(
    sessions: sessionmaker[Session], engine: Engine, name: str, sql: str, params: dict[str, Any]
) -> None:
    with transaction(sessions) as s:
        assert plan_with_task(s).plan_id == 1
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text(sql), params)


def test_sqlite_connections_have_foreign_keys_and_wal(engine: Engine, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite pragmas")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_the_same_report_twice_is_refused(sessions: sessionmaker[Session]) -> None:
    def report() -> Report:
        return Report(name="a.txt", sha256="a" * 64, source=b"x", extraction={}, extractor_version="0.1.0")

    with transaction(sessions) as s:
        s.add(report())
    with pytest.raises(IntegrityError), transaction(sessions) as s:
        s.add(report())


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_event SET action = 'forged'", "DELETE FROM audit_event"], ids=["update", "delete"]
)
def test_the_audit_trail_is_append_only(sessions: sessionmaker[Session], engine: Engine, sql: str) -> None:
    with transaction(sessions) as s:
        s.add(AuditEvent(actor_name="admin", action="create", table_name="plan", record_id=1, after={"a": 1}))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(sql))
    with transaction(sessions) as s:
        assert s.query(AuditEvent).one().action == "create"
