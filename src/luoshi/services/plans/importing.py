"""Import a report and its extraction into a draft plan: sections, tasks and targets with their quotes."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.plans.contract import ContractError, ExtractionIn, TargetIn, TaskIn, read_extraction
from luoshi.storage import plans, transaction
from luoshi.storage.audit import record_event
from luoshi.storage.models import Plan, Report, Section, Target, Task


@dataclass(frozen=True)
class ImportReport:
    """What the import takes: the source bytes, their extraction (a contract dict) and the normalised
    text its offsets point into (`Extraction.text`), who imports."""

    source: bytes
    extraction: Mapping[str, Any]
    extractor_version: str
    text: str
    actor: str
    actor_id: int | None = None
    plan_year: int | None = None  # the supervisor's choice when the extraction has none


@dataclass(frozen=True)
class ImportedReport:
    """What the import gives back; `created` is False when the same file was imported before."""

    report_id: int
    plan_id: int | None
    created: bool
    sections: int = 0
    tasks: int = 0
    targets: int = 0


def import_report(*, sessions: sessionmaker[Session], request: ImportReport) -> ImportedReport:
    """Store the report and make its draft plan in one transaction; the same sha256 twice is one report."""
    parts = read_extraction(request.extraction)
    digest = hashlib.sha256(request.source).hexdigest()
    if parts.sha256 != digest:
        raise ContractError("提取结果与源文件不符（sha256 不一致）")
    existing = _existing(sessions, digest)
    if existing is not None:
        return existing
    try:
        with transaction(sessions) as session:
            return _create(session, parts, request)
    except IntegrityError:
        # Another process stored the same file meanwhile: theirs is the one report.
        found = _existing(sessions, digest)
        if found is None:
            raise
        return found


def _existing(sessions: sessionmaker[Session], digest: str) -> ImportedReport | None:
    """The earlier import of the same bytes, if any."""
    with transaction(sessions) as session:
        report = plans.report_by_sha256(session, digest)
        if report is None:
            return None
        made = plans.plans_of_report(session, report.id)
        return ImportedReport(report.id, made[0].id if made else None, created=False)


def _create(session: Session, parts: ExtractionIn, request: ImportReport) -> ImportedReport:
    """Add the report, its plan and the plan's tree, each audited."""
    report = Report(
        name=parts.name,
        sha256=parts.sha256,
        source=request.source,
        encoding=parts.encoding,
        title=parts.title,
        region=parts.region,
        plan_year=parts.plan_year,
        extraction=dict(request.extraction),
        extractor_version=request.extractor_version,
        text=request.text,
        text_version=request.extractor_version,
    )
    plan = Plan(
        title=f"{parts.title or parts.name}重点任务",
        plan_year=request.plan_year or _plan_year(parts),
        term_start=parts.term[0] if parts.term else None,
        term_end=parts.term[1] if parts.term else None,
    )
    session.add_all([report, plan])
    session.flush()
    plan.report_id = report.id
    sections = _add_sections(session, plan, parts)
    tasks, targets = _add_tasks_and_targets(session, plan, parts, sections)
    session.flush()
    for record in (report, plan):
        record_event(session, actor=request.actor, actor_id=request.actor_id, action="import", record=record)
    return ImportedReport(report.id, plan.id, True, len(sections), tasks, targets)


def _plan_year(parts: ExtractionIn) -> int:
    """The report's plan year, else the first year of a plan target, else refuse."""
    if parts.plan_year is not None:
        return parts.plan_year
    years = [t.horizon[0] for t in parts.targets if t.horizon and t.horizon[0] == t.horizon[1]]
    if not years:
        raise ContractError("无法确定计划年度（report.plan_year 缺失），请指定计划年度")
    return min(years)


def _add_sections(session: Session, plan: Plan, parts: ExtractionIn) -> dict[str, Section]:
    """Every heading, parents first as the contract lists them, keyed by its extraction id."""
    by_key: dict[str, Section] = {}
    for position, s in enumerate(parts.sections):
        parent_id = None
        if s.parent is not None:
            session.flush()
            parent_id = by_key[s.parent].id
        section = Section(plan=plan, key=s.key, number=s.number, title=s.title, kind=s.kind, position=position)
        section.parent_id = parent_id
        session.add(section)
        by_key[s.key] = section
    session.flush()
    return by_key


def _add_tasks_and_targets(
    session: Session, plan: Plan, parts: ExtractionIn, sections: dict[str, Section]
) -> tuple[int, int]:
    """Tasks with their own targets; every other target hangs under its section (主要预期目标)."""
    owned: set[int] = set()
    for position, t in enumerate(parts.tasks):
        task = new_task(t, plan=plan, section_id=sections[t.section].id, position=position)
        session.add(task)
        session.flush()
        for order, index in enumerate(t.targets):
            if index not in owned:
                owned.add(index)
                session.add(_target(plan, parts.targets[index], sections, order, task_id=task.id))
    loose = [i for i, t in enumerate(parts.targets) if i not in owned and t.section is not None]
    for order, index in enumerate(loose):
        session.add(_target(plan, parts.targets[index], sections, order, task_id=None))
    return len(parts.tasks), len(owned) + len(loose)


def new_task(t: TaskIn, *, section_id: int, position: int, **plan: Any) -> Task:
    """A task of the extraction as a new row at `position` (pass `plan=` or `plan_id=`)."""
    return Task(
        **plan,
        section_id=section_id,
        key=t.key,
        position=position,
        title=t.title,
        text=t.text,
        horizon_start=t.horizon[0] if t.horizon else None,
        horizon_end=t.horizon[1] if t.horizon else None,
        quote_start=t.start,
        quote_end=t.end,
    )


def _target(plan: Plan, t: TargetIn, sections: dict[str, Section], position: int, task_id: int | None) -> Target:
    """A target row linked to its quote and offsets."""
    return Target(
        plan_id=plan.id,
        task_id=task_id,
        section_id=sections[t.section].id if t.section else None,
        position=position,
        metric=t.metric,
        kind=t.kind,
        comparator=t.comparator,
        value=t.value,
        unit=t.unit,
        base_value=t.base_value,
        base_unit=t.base_unit,
        horizon_start=t.horizon[0] if t.horizon else None,
        horizon_end=t.horizon[1] if t.horizon else None,
        per_year=t.per_year,
        commitment=t.commitment,
        quote=t.quote,
        quote_start=t.start,
        quote_end=t.end,
    )
