"""Migrations build an empty database on each backend, repeat safely, match the models and undo."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from luoshi.extraction import EXTRACTOR_VERSION
from luoshi.extraction.reading import read_document
from luoshi.samples import sample_bytes
from luoshi.storage import downgrade_database, make_engine, upgrade_database
from luoshi.storage.base import Base
from tests.databases import fresh_database

HEAD = "0006"
TABLES = {
    "attachment",
    "attachment_blob",
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
        state = (
            set(inspect(conn).get_table_names()),
            context.get_current_revision(),
            compare_metadata(context, Base.metadata),
        )
    engine.dispose()
    return state


def test_upgrade_builds_an_empty_database(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url)
        tables, revision, diff = _state(url)
        assert tables == TABLES | {"alembic_version"}
        assert revision == HEAD
        assert diff == []


def test_upgrade_twice_changes_nothing(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url)
        upgrade_database(url)
        assert _state(url)[1] == HEAD


def test_downgrade_removes_every_table(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url)
        downgrade_database(url)
        tables, revision, _ = _state(url)
        assert tables == {"alembic_version"}
        assert revision is None
        upgrade_database(url)
        assert _state(url)[1] == HEAD


def test_attachment_bytes_move_to_blobs_and_back(backend: str, tmp_path: Path) -> None:
    """0004 keeps each distinct content once in attachment_blob; its downgrade copies the bytes back."""
    rows = [
        "INSERT INTO plan (id, title, status, plan_year, cycle, yellow_points, red_points, growth_yellow_points,"
        " not_started_periods, approx_tolerance_points, report_grace_days, created_at, version)"
        " VALUES (1, 'p', 'published', 2022, 'monthly', 10, 30, 1, 3, 0.5, 5, CURRENT_TIMESTAMP, 1)",
        "INSERT INTO task (id, plan_id, position, title, text, version) VALUES (1, 1, 0, 't', '', 1)",
        'INSERT INTO progress_report (id, task_id, period_year, period_month, state, "values", progress_text,'
        " problems, next_steps, created_at, version)"
        " VALUES (1, 1, 2022, 6, 'draft', '{}', '', '', '', CURRENT_TIMESTAMP, 1)",
    ]
    attach = (
        "INSERT INTO attachment (progress_report_id, filename, content_type, size, sha256, content, uploaded_at)"
        " VALUES (1, :name, 'application/pdf', 4, 'abc', :content, CURRENT_TIMESTAMP)"
    )
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url, "0003")
        engine = make_engine(url)
        with engine.begin() as conn:
            for row in rows:
                conn.execute(text(row))
            for name in ("a.pdf", "b.pdf"):
                conn.execute(text(attach), {"name": name, "content": b"%PDF"})
        upgrade_database(url)
        with engine.connect() as conn:
            blobs = conn.execute(text("SELECT sha256, size, content FROM attachment_blob")).all()
            assert [(h, n, bytes(c)) for h, n, c in blobs] == [("abc", 4, b"%PDF")]
        downgrade_database(url, "0003")
        with engine.connect() as conn:
            assert [bytes(c) for (c,) in conn.execute(text("SELECT content FROM attachment"))] == [b"%PDF", b"%PDF"]
        engine.dispose()


def test_existing_reports_get_their_text_read_once_and_lose_it_on_downgrade(backend: str, tmp_path: Path) -> None:
    """0006 reads each stored source with this code's reader; a source it refuses keeps NULL; down drops both."""
    report = (
        "INSERT INTO report (id, name, sha256, source, extraction, extractor_version, imported_at, version)"
        " VALUES (:id, :name, :sha256, :source, '{}', '0.0.9', CURRENT_TIMESTAMP, 1)"
    )
    sources = {1: sample_bytes(), 2: b"\x89PNG\r\n\x1a\n not a report"}
    with fresh_database(backend, tmp_path) as url:
        upgrade_database(url, "0005")
        engine = make_engine(url)
        with engine.begin() as conn:
            for key, source in sources.items():
                conn.execute(text(report), {"id": key, "name": f"r{key}", "sha256": str(key) * 64, "source": source})
        upgrade_database(url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, text, text_version FROM report ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [
            (1, read_document(sample_bytes()).text, EXTRACTOR_VERSION),
            (2, None, None),
        ]
        downgrade_database(url, "0005")
        with engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("report")}
            assert "text" not in columns and "text_version" not in columns
            assert conn.execute(text("SELECT COUNT(*) FROM report")).scalar() == 2
        engine.dispose()
