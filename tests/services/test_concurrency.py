"""Concurrent edits: a stale write is refused and the newer data stays; on PostgreSQL, processes that
create, submit and approve at the same time lose nothing and double nothing."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.plans.editing import TargetUpdate, TaskUpdate, edit_target, edit_task
from luoshi.services.reporting.progress import ProgressDraft, save_draft, submit
from luoshi.storage import ConflictError, make_engine, session_factory, transaction, upgrade_database
from luoshi.storage.models import AuditEvent, ProgressReport, Target, Task
from luoshi.vocabulary import ReportState
from tests.databases import fresh_database
from tests.services import workers
from tests.services.world import World, build, version


def test_two_sessions_editing_one_task(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    task = w.tasks["3.1.1"]
    mine = theirs = version(sessions, Task, task)  # both screens opened on the same version
    edit_task(sessions=sessions, actor=w.supervisor2, request=TaskUpdate(task, theirs, title="他们的标题"))
    with pytest.raises(ConflictError, match="已被他人修改"):
        edit_task(sessions=sessions, actor=w.supervisor, request=TaskUpdate(task, mine, title="我的标题"))
    with transaction(sessions) as s:
        saved = s.get_one(Task, task)
        assert (saved.title, saved.version) == ("他们的标题", theirs + 1)
        edits = s.scalars(select(AuditEvent).where(AuditEvent.table_name == "task", AuditEvent.action == "edit")).all()
        assert [e.actor_name for e in edits] == ["duchashi2"]


def test_a_write_between_read_and_flush_is_caught(sessions: sessionmaker[Session]) -> None:
    """The version check holds even when the other write lands after this session read the record."""
    w = build(sessions, publish=False)
    target = w.targets["扩园"]
    with pytest.raises(ConflictError), transaction(sessions) as mine:
        loaded = mine.get_one(Target, target)
        edit_target(sessions=sessions, actor=w.supervisor2, request=TargetUpdate(target, loaded.version, value=4))
        loaded.value = 5
    with transaction(sessions) as s:
        assert s.get_one(Target, target).value == 4


needs_postgres = pytest.mark.postgresql  # multi-process tests need PostgreSQL


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[tuple[str, sessionmaker[Session], World]]:
    """A fresh, migrated PostgreSQL database with the test world, its URL and a session factory."""
    with fresh_database("postgresql", tmp_path) as url:
        upgrade_database(url)
        engine = make_engine(url)
        sessions = session_factory(engine)
        yield url, sessions, build(sessions)
        engine.dispose()


def _race(target: Callable[..., None], argument_lists: list[tuple[Any, ...]], url: str) -> list[str]:
    """Run the target in one process per argument list, all released at once; return every outcome."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(argument_lists)), context.Queue()
    processes = [context.Process(target=target, args=(url, barrier, results, *a)) for a in argument_lists]
    for p in processes:
        p.start()
    for p in processes:
        p.join(120)
        assert p.exitcode == 0
    outcomes = []
    while not results.empty():
        outcomes.append(results.get())
    return sorted(outcomes)


@needs_postgres
def test_processes_creating_one_period_make_one_report(pg: tuple[str, sessionmaker[Session], World]) -> None:
    url, sessions, w = pg
    draft = ProgressDraft(w.tasks["3.2.2"], "2022-01", percent=10, progress_text="启动")
    outcomes = _race(workers.create_draft, [(w.jobs, draft)] * 4, url)
    assert outcomes.count("ok") == 1 and len(outcomes) == 4
    with transaction(sessions) as s:
        assert s.scalar(select(func.count()).select_from(ProgressReport)) == 1


@needs_postgres
def test_processes_approving_one_report_approve_it_once(pg: tuple[str, sessionmaker[Session], World]) -> None:
    url, sessions, w = pg
    draft = ProgressDraft(w.tasks["3.2.2"], "2022-01", percent=10, progress_text="启动")
    r = save_draft(sessions=sessions, actor=w.jobs, draft=draft)
    r = submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)
    outcomes = _race(workers.approve_one, [(w.supervisor, r.id, r.version), (w.supervisor2, r.id, r.version)] * 2, url)
    assert outcomes.count("ok") == 1
    assert all(o == "conflict" or o.startswith("refused") for o in outcomes if o != "ok")
    with transaction(sessions) as s:
        approvals = s.scalars(select(AuditEvent).where(AuditEvent.action == "approve")).all()
        assert len(approvals) == 1
        assert s.get_one(ProgressReport, r.id).state is ReportState.APPROVED


@needs_postgres
def test_processes_submitting_and_approving_lose_nothing(pg: tuple[str, sessionmaker[Session], World]) -> None:
    url, sessions, w = pg
    task = w.tasks["3.2.2"]
    months = [[1, 4, 7, 10], [2, 5, 8, 11], [3, 6, 9, 12]]
    reviewers = [w.supervisor, w.supervisor2, w.supervisor]
    outcomes = _race(
        workers.report_periods, [(w.jobs, rv, task, m) for rv, m in zip(reviewers, months, strict=True)], url
    )
    assert outcomes == ["ok"] * 12
    with transaction(sessions) as s:
        rows = s.scalars(select(ProgressReport).where(ProgressReport.task_id == task)).all()
        assert sorted(r.period_month for r in rows) == list(range(1, 13))
        assert {r.state for r in rows} == {ReportState.APPROVED}
        count = select(func.count()).select_from(AuditEvent).where(AuditEvent.table_name == "progress_report")
        assert s.scalar(count) == 36
