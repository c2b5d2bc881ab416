"""Storage and status speed against a baseline measured in the same run on the same database.

The baseline is one `SELECT count(*)` over the progress reports: the least a status page must ask
the database. The ratio says how many baselines an operation costs. Operations: importing the
bundled report; the status of a whole plan (every task's lamp, counts by section and department)
and the departments' timeliness, for a district (1 plan, 60 tasks, 12 months of approved reports)
and a generated province (100 plans × 300 tasks × 12 months by default), on SQLite and PostgreSQL.

Run: `python bench/store.py` (SQLite), with `--postgresql URL` for PostgreSQL as well
(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test: a database is created beside it and dropped).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, insert, make_url, select, text
from sqlalchemy.orm import Session, sessionmaker

from luoshi.extraction import EXTRACTOR_VERSION, extract_report
from luoshi.samples import SAMPLE_NAME, sample_bytes
from luoshi.services.plans.importing import ImportReport, import_report
from luoshi.services.status.lamps import plan_status
from luoshi.services.status.timeliness import department_timeliness
from luoshi.storage import make_engine, session_factory, upgrade_database
from luoshi.storage.models import Department, Plan, ProgressReport, Section, Target, Task, TaskDepartment
from luoshi.vocabulary import DepartmentRole, PlanStatus, ReportState, SectionKind, TargetKind

AS_OF = date(2023, 1, 10)
YEAR = 2022
DEPARTMENTS = 35
SECTIONS_PER_PLAN = 8
CHUNK = 5000


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    backend: str
    dataset: str
    operation: str
    seconds: float
    baseline: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline


@contextmanager
def database(backend: str, server: str | None, folder: Path) -> Iterator[str]:
    """A new, migrated database of the backend, removed afterwards; yields its URL."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        upgrade_database(url)
        yield url
        return
    assert server is not None
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    name = f"luoshi_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade_database(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def median_seconds(step: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` runs of a step (after one untimed warm-up run)."""
    step()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def count_reports(sessions: sessionmaker[Session]) -> int:
    """The baseline: one count over the progress table."""
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(ProgressReport)) or 0)


def generate(sessions: sessionmaker[Session], plans: int, tasks: int, periods: int) -> None:
    """Plans of numbered tasks, each with a level target, a lead department and approved monthly reports."""
    reviewed = datetime(YEAR, 1, 1, tzinfo=UTC)
    with sessions.begin() as session:
        session.execute(
            insert(Department), [{"name": f"部门{i}", "keywords": [], "version": 1} for i in range(1, DEPARTMENTS + 1)]
        )
        for p in range(1, plans + 1):
            _plan(session, p, tasks, periods, reviewed)


def _plan(session: Session, p: int, tasks: int, periods: int, reviewed: datetime) -> None:
    """One generated plan; ids are computed so the rows can be inserted in bulk."""
    session.execute(
        insert(Plan),
        [{"id": p, "title": f"计划{p}", "plan_year": YEAR, "status": PlanStatus.PUBLISHED, "version": 1}],
    )
    first_section = (p - 1) * SECTIONS_PER_PLAN + 1
    session.execute(
        insert(Section),
        [
            {
                "id": first_section + s,
                "plan_id": p,
                "key": str(s + 1),
                "title": f"章节{s + 1}",
                "kind": SectionKind.PLAN,
            }
            | {"version": 1}
            for s in range(SECTIONS_PER_PLAN)
        ],
    )
    ids = range((p - 1) * tasks + 1, p * tasks + 1)
    task_rows = [
        {"id": t, "plan_id": p, "section_id": first_section + t % SECTIONS_PER_PLAN, "title": f"任务{t}"}
        | {"position": t, "horizon_start": YEAR, "horizon_end": YEAR, "version": 1}
        for t in ids
    ]
    target_rows = [
        {"id": t, "plan_id": p, "task_id": t, "metric": f"指标{t}", "kind": TargetKind.LEVEL, "value": 1200.0}
        | {"unit": "个", "version": 1}
        for t in ids
    ]
    lead_rows = [
        {"task_id": t, "department_id": t % DEPARTMENTS + 1, "role": DepartmentRole.LEAD, "version": 1} for t in ids
    ]
    session.execute(insert(Task), task_rows)
    session.execute(insert(Target), target_rows)
    session.execute(insert(TaskDepartment), lead_rows)
    reports = [
        {"task_id": t, "period_year": YEAR, "period_month": m, "state": ReportState.APPROVED}
        | {"values": {str(t): 100.0 * m * (0.5 + (t % 7) / 10)}, "reviewed_at": reviewed, "version": 1}
        | {"progress_text": "", "problems": "", "next_steps": ""}
        for t in ids
        for m in range(1, periods + 1)
    ]
    for start in range(0, len(reports), CHUNK):
        session.execute(insert(ProgressReport), reports[start : start + CHUNK])


def bench_import(backend: str, server: str | None, folder: Path, repeat: int) -> Row:
    """Importing the bundled report into a fresh database (extraction done beforehand, not timed)."""
    data = sample_bytes()
    extraction = extract_report(data, name=SAMPLE_NAME)
    request = ImportReport(
        source=data,
        extraction=extraction.to_dict(),
        extractor_version=EXTRACTOR_VERSION,
        text=extraction.text,
        actor="bench",
    )
    runs, baselines = [], []
    for _ in range(repeat):
        with database(backend, server, folder) as url:
            engine = make_engine(url)
            sessions = session_factory(engine)
            start = time.perf_counter()
            import_report(sessions=sessions, request=request)
            runs.append(time.perf_counter() - start)
            baselines.append(_time_count(sessions, repeat))
            engine.dispose()
    return Row(backend, "seed", "import the report", statistics.median(runs), statistics.median(baselines))


def bench_dataset(
    backend: str, server: str | None, folder: Path, name: str, shape: tuple[int, int, int], repeat: int
) -> list[Row]:
    """Status and timeliness of one plan, and of every plan, on a generated dataset."""
    plans, tasks, periods = shape
    with database(backend, server, folder) as url:
        engine = make_engine(url)
        sessions = session_factory(engine)
        start = time.perf_counter()
        generate(sessions, plans, tasks, periods)
        loaded = time.perf_counter() - start
        if backend == "postgresql":
            with engine.connect() as conn:
                conn.execute(text("ANALYZE"))
        baseline = _time_count(sessions, repeat)
        one = plans  # the last plan: its rows are not the first ones the database finds
        rows = [
            Row(backend, name, f"generate ({count_reports(sessions):,} reports)", loaded, baseline),
            Row(backend, name, "status of one plan", _time_status(sessions, one, repeat), baseline),
            Row(backend, name, "timeliness of one plan", _time_timeliness(sessions, one, repeat), baseline),
        ]
        if plans > 1:
            start = time.perf_counter()
            for plan_id in range(1, plans + 1):
                plan_status(sessions=sessions, plan_id=plan_id, as_of=AS_OF)
                department_timeliness(sessions=sessions, plan_id=plan_id, as_of=AS_OF)
            rows.append(
                Row(backend, name, f"status + timeliness of all {plans} plans", time.perf_counter() - start, baseline)
            )
        engine.dispose()
    return rows


def _time_count(sessions: sessionmaker[Session], repeat: int) -> float:
    return median_seconds(lambda: count_reports(sessions), repeat)


def _time_status(sessions: sessionmaker[Session], plan_id: int, repeat: int) -> float:
    return median_seconds(lambda: plan_status(sessions=sessions, plan_id=plan_id, as_of=AS_OF), repeat)


def _time_timeliness(sessions: sessionmaker[Session], plan_id: int, repeat: int) -> float:
    return median_seconds(lambda: department_timeliness(sessions=sessions, plan_id=plan_id, as_of=AS_OF), repeat)


def print_table(rows: list[Row]) -> None:
    """The results as a Markdown table for docs/performance.md."""
    print("| backend | dataset | operation | seconds | baseline ms | ratio |")
    print("|---|---|---|---:|---:|---:|")
    for r in rows:
        cells = (r.backend, r.dataset, r.operation, f"{r.seconds:.3f}", f"{r.baseline * 1000:.3f}", f"{r.ratio:,.0f}×")
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--postgresql", metavar="URL", help="also run on PostgreSQL (a server URL)")
    parser.add_argument("--province", default="100x300x12", help="plans x tasks x periods (default 100x300x12)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    province: Any = tuple(int(n) for n in args.province.split("x"))
    backends = ["sqlite", "postgresql"] if args.postgresql else ["sqlite"]
    print(f"python {platform.python_version()}, {platform.machine()}, as of {AS_OF}")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            rows.append(bench_import(backend, args.postgresql, Path(tmp), args.repeat))
            rows += bench_dataset(backend, args.postgresql, Path(tmp), "district", (1, 60, 12), args.repeat)
            rows += bench_dataset(backend, args.postgresql, Path(tmp), f"province {args.province}", province, 3)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
