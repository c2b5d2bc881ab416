"""Work run in separate processes by the concurrency tests; each opens its own engine."""

from __future__ import annotations

from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

from luoshi.services.actors import Actor
from luoshi.services.errors import ServiceError
from luoshi.services.reporting.progress import ProgressDraft, approve, save_draft, submit
from luoshi.storage import ConflictError, make_engine, session_factory


def _outcome(step: Any) -> str:
    """Run a step; name how it ended: ok, conflict (a stale or simultaneous write) or refused."""
    try:
        step()
    except ConflictError:
        return "conflict"
    except ServiceError as error:
        return f"refused: {error}"
    return "ok"


def create_draft(url: str, barrier: Barrier, results: Queue[str], actor: Actor, draft: ProgressDraft) -> None:
    """Create the period's report at the same moment as the other workers."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    barrier.wait()
    results.put(_outcome(lambda: save_draft(sessions=sessions, actor=actor, draft=draft)))
    engine.dispose()


def approve_one(url: str, barrier: Barrier, results: Queue[str], actor: Actor, report_id: int, version: int) -> None:
    """Approve the same submitted report as the other workers, all at once."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    barrier.wait()
    results.put(_outcome(lambda: approve(sessions=sessions, actor=actor, report_id=report_id, version=version)))
    engine.dispose()


def report_periods(
    url: str, barrier: Barrier, results: Queue[str], author: Actor, reviewer: Actor, task_id: int, months: list[int]
) -> None:
    """Draft, submit and approve one report per month, while other workers do the same for other months."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    barrier.wait()
    for month in months:
        draft = ProgressDraft(task_id, f"2022-{month:02d}", percent=month * 8, progress_text=f"{month}月进展")

        def step(draft: ProgressDraft = draft) -> None:
            r = save_draft(sessions=sessions, actor=author, draft=draft)
            r = submit(sessions=sessions, actor=author, report_id=r.id, version=r.version)
            approve(sessions=sessions, actor=reviewer, report_id=r.id, version=r.version)

        results.put(_outcome(step))
    engine.dispose()
