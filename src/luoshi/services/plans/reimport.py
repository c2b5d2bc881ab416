"""A newer extraction of a report already imported: what changed, and applying it safely.

Applying adds new sections, tasks and targets and edits the wording and numbers of existing ones;
it never drops anything, so no assignment or report loses its task or target. Tasks and targets
the new extraction no longer finds are kept and listed. The report keeps the applied extraction
with its normalised text, and the quote offsets of tasks and targets follow that text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, event
from luoshi.services.plans.contract import ContractError, ExtractionIn, TargetIn, TaskIn, read_extraction
from luoshi.services.plans.importing import ImportReport, _target, new_task
from luoshi.storage import plans, transaction
from luoshi.storage.models import Plan, Report, Section, Target, Task


@dataclass(frozen=True)
class Change:
    """One difference: what (新增任务, 修改目标 …), which record, the value before and after."""

    what: str
    subject: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class ExtractionDiff:
    """What a newer extraction would change in the plan of a report already imported."""

    report_id: int
    plan_id: int
    extractor_before: str
    extractor_after: str
    changes: tuple[Change, ...]
    kept: tuple[str, ...]


def compare_import(*, sessions: sessionmaker[Session], request: ImportReport) -> ExtractionDiff | None:
    """The differences against the stored plan, or None when this file was never imported."""
    with transaction(sessions) as session:
        return _diff(session, request, apply=False, actor=None)


def apply_import(*, sessions: sessionmaker[Session], actor: Actor, request: ImportReport) -> ExtractionDiff:
    """Apply the additions and edits of a newer extraction in one audited transaction."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        diff = _diff(session, request, apply=True, actor=actor)
        if diff is None:
            raise ContractError("该报告尚未导入，请直接导入")
        return diff


def _diff(session: Session, request: ImportReport, *, apply: bool, actor: Actor | None) -> ExtractionDiff | None:
    """Compare (and, when `apply`, change) the stored plan of the request's report."""
    parts = read_extraction(request.extraction)
    digest = hashlib.sha256(request.source).hexdigest()
    if parts.sha256 != digest:
        raise ContractError("提取结果与源文件不符（sha256 不一致）")
    report = plans.report_by_sha256(session, digest)
    made = plans.plans_of_report(session, report.id) if report else []
    if report is None or not made:
        return None
    walk = _Walk(session, made[0], parts, actor if apply else None)
    walk.sections()
    walk.tasks()
    walk.loose_targets()
    if apply and (walk.changes or walk.moved):
        _record_extraction(session, report, request, walk.actor)
    return ExtractionDiff(
        report.id, made[0].id, report.extractor_version, request.extractor_version, tuple(walk.changes), walk.kept()
    )


def _record_extraction(session: Session, report: Report, request: ImportReport, actor: Actor | None) -> None:
    """Keep the newer extraction on the report with the text its offsets point into, audited."""
    assert actor is not None
    values = {
        "extraction": dict(request.extraction),
        "extractor_version": request.extractor_version,
        "text": request.text,
        "text_version": request.extractor_version,
    }
    change(session, report, actor=actor, action="reextract", version=None, values=values)


class _Walk:
    """One pass over the new extraction against the stored plan, collecting (and applying) changes."""

    def __init__(self, session: Session, plan: Plan, parts: ExtractionIn, actor: Actor | None) -> None:
        self.session, self.plan, self.parts, self.actor = session, plan, parts, actor
        self.changes: list[Change] = []
        self.moved = 0  # records whose quote offsets follow the new text (not listed as changes)
        self.section_by_key = {s.key: s for s in plan.sections}
        self.task_by_key = {t.key: t for t in plan.tasks if t.key}
        self.seen_tasks: set[str] = set()

    def sections(self) -> None:
        """New headings are added (their tasks need them); existing ones keep their title."""
        for s in self.parts.sections:
            if s.key in self.section_by_key:
                continue
            self.changes.append(Change("新增章节", f"{s.number}{s.title}"))
            if self.actor is not None:
                parent = self.section_by_key.get(s.parent or "")
                section = Section(
                    plan_id=self.plan.id,
                    parent_id=parent.id if parent else None,
                    key=s.key,
                    number=s.number,
                    title=s.title,
                    kind=s.kind,
                    position=len(self.section_by_key),
                )
                self.session.add(section)
                self.session.flush()
                event(self.session, section, actor=self.actor, action="reextract")
                self.section_by_key[s.key] = section

    def tasks(self) -> None:
        """New tasks are added at the end; changed titles and texts are edited; their targets compared."""
        for t in self.parts.tasks:
            self.seen_tasks.add(t.key)
            task = self.task_by_key.get(t.key)
            if task is None:
                self.changes.append(Change("新增任务", f"{t.key} {t.title}"))
                task = self._add_task(t)
            else:
                values = {"title": t.title, "text": t.text}
                self._edit(task, "修改任务", f"{t.key} {task.title}", values, _offsets(t.start, t.end))
            stored = list(task.targets) if task else []
            self._targets(stored, [self.parts.targets[i] for i in t.targets], task, t.key)

    def loose_targets(self) -> None:
        """The main expected targets of each section (those no task owns)."""
        owned = {i for t in self.parts.tasks for i in t.targets}
        for key, section in self.section_by_key.items():
            new = [x for i, x in enumerate(self.parts.targets) if i not in owned and x.section == key]
            stored = [x for x in section.targets if x.task_id is None]
            self._targets(stored, new, None, key)

    def _targets(self, stored: list[Target], new: list[TargetIn], task: Task | None, owner: str) -> None:
        """Match targets by quote, then by metric; edit the changed ones and add the rest."""
        free = list(stored)
        for position, t in enumerate(new):
            match = next((x for x in free if x.quote == t.quote), None) or next(
                (x for x in free if x.metric == t.metric), None
            )
            if match is None:
                self.changes.append(Change("新增目标", f"{owner} {t.metric}", after=_words(t)))
                self._add_target(t, task, position)
                continue
            free.remove(match)
            self._edit(match, "修改目标", f"{owner} {match.metric}", _target_values(t), _offsets(t.start, t.end))

    def _edit(
        self, record: Task | Target, what: str, subject: str, values: dict[str, Any], offsets: dict[str, Any]
    ) -> None:
        """Note (and apply) the fields whose value differs; moved quote offsets are applied without a note."""
        differ = {k: v for k, v in values.items() if getattr(record, k) != v}
        moved = {k: v for k, v in offsets.items() if getattr(record, k) != v}
        if differ:
            before = "；".join(f"{k}={_show(getattr(record, k))}" for k in differ)
            after = "；".join(f"{k}={_show(v)}" for k, v in differ.items())
            self.changes.append(Change(what, subject, before, after))
        self.moved += bool(moved)
        if self.actor is not None and (differ or moved):
            values = {**differ, **moved}
            change(self.session, record, actor=self.actor, action="reextract", version=None, values=values)

    def _add_task(self, t: TaskIn) -> Task | None:
        """A new task at the end of the plan (only when applying)."""
        if self.actor is None:
            return None
        position = max([task.position for task in self.plan.tasks], default=-1) + 1
        task = new_task(t, plan_id=self.plan.id, section_id=self.section_by_key[t.section].id, position=position)
        self.session.add(task)
        self.session.flush()
        event(self.session, task, actor=self.actor, action="reextract")
        return task

    def _add_target(self, t: TargetIn, task: Task | None, position: int) -> None:
        """A new target of a task or a section (only when applying)."""
        if self.actor is None:
            return
        target = _target(self.plan, t, self.section_by_key, position, task_id=task.id if task else None)
        self.session.add(target)
        self.session.flush()
        event(self.session, target, actor=self.actor, action="reextract")

    def kept(self) -> tuple[str, ...]:
        """Stored tasks the new extraction no longer finds: kept, never dropped."""
        return tuple(f"{k} {t.title}" for k, t in self.task_by_key.items() if k not in self.seen_tasks)


def _target_values(t: TargetIn) -> dict[str, Any]:
    """The fields of a stored target that a newer extraction may change."""
    return {
        "metric": t.metric,
        "kind": t.kind,
        "comparator": t.comparator,
        "value": t.value,
        "unit": t.unit,
        "quote": t.quote,
    }


def _offsets(start: int | None, end: int | None) -> dict[str, Any]:
    """Where a task's or target's quote lies in the report's text."""
    return {"quote_start": start, "quote_end": end}


def _words(t: TargetIn) -> str:
    """A new target in a few words."""
    return f"{t.metric} {t.comparator or ''}{'' if t.value is None else f'{t.value:g}'}{t.unit or ''}"


def _show(value: Any) -> str:
    """A value as the diff prints it: numbers without a needless .0, enums by value, long texts cut."""
    text = f"{value:g}" if isinstance(value, float) else str(getattr(value, "value", value))
    return text if len(text) <= 40 else text[:39] + "…"
