"""What the public portal may show: published plans, their lamps and only their APPROVED progress.

Every view here is read-only and built from an allow-list of fields: review comments, problems,
authors, reviewers, attachments and drafts never enter it, and an unpublished plan is NotFound.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import SYSTEM
from luoshi.services.errors import InvalidState, NotFound
from luoshi.services.views.dashboard import Dashboard, Row, dashboard, task_rows
from luoshi.services.views.plans import TaskView, get_task
from luoshi.services.views.planview import target_text
from luoshi.services.views.report_text import Paragraph, ReportText, report_text
from luoshi.storage import plans, progress, transaction
from luoshi.storage.models import Plan, ProgressReport, Report, Target
from luoshi.vocabulary import Comparator, PlanStatus, TargetKind

# The portal reads every task of a plan as the system does; what the public may see (published plans,
# approved progress, allow-listed fields) is decided here.
READER = SYSTEM
# Closed plans (年底交账) were published before and stay public.
PUBLIC_STATES = (PlanStatus.PUBLISHED, PlanStatus.CLOSED)
HIDDEN = "计划不存在或尚未公开"
CHROME_DATE = re.compile(r"(发布日期|发布时间|来源)\s*[:：]")
# The disclosure header as government pages print it, blank fields included.
HEADER_FIELDS = (
    ("index_no", "索引号"),
    ("category", "分类"),
    ("issuer", "发布机构"),
    ("written_date", "成文日期"),
    ("title", "名称"),
    ("doc_no", "文号"),
    ("published_date", "发布日期"),
    ("keywords", "主题词"),
)


@dataclass(frozen=True)
class PublicPlan:
    """A published plan as the public sees it, with the report it was made from."""

    id: int
    title: str
    plan_year: int
    state: str
    published_on: date | None
    report_title: str | None


@dataclass(frozen=True)
class PublicValue:
    """One target's value to date in an approved report; `goal` without the metric (30个以上)."""

    target_id: int
    metric: str
    goal: str
    value: float
    unit: str


@dataclass(frozen=True)
class PublicProgress:
    """An approved progress report, reduced to what may be published."""

    task_id: int
    period: str
    period_label: str
    narrative: str
    percent: float | None
    values: tuple[PublicValue, ...]
    approved_on: date | None


@dataclass(frozen=True)
class Indicator:
    """A numeric target of the plan year with its latest approved value, if any."""

    target_id: int
    task_id: int | None
    metric: str
    kind: str
    goal: str
    target: float
    unit: str
    latest: float | None
    period_label: str | None

    @property
    def short_goal(self) -> str:
        """The goal without its metric: 30个以上, 增长20%."""
        return self.goal.removeprefix(self.metric) or self.goal

    @property
    def completion(self) -> float | None:
        """Value ÷ target in percent for an upward level or ratio target; None where that means nothing."""
        if self.latest is None or self.kind == "growth" or not self.target:
            return None
        return round(100 * self.latest / self.target, 1)


@dataclass(frozen=True)
class PublicBoard:
    """The progress board: lamp counts and groups, indicators and every task's latest approved progress."""

    plan: PublicPlan
    board: Dashboard
    rows: tuple[Row, ...]
    history: Mapping[int, tuple[PublicProgress, ...]]
    indicators: tuple[Indicator, ...]

    @property
    def progress(self) -> dict[int, PublicProgress]:
        """Task id → its latest approved report."""
        return {task_id: reports[-1] for task_id, reports in self.history.items() if reports}

    @property
    def sections(self) -> list[tuple[str, list[Row]]]:
        """The tasks grouped by their section, sections in plan order."""
        grouped: dict[str, list[Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.task.section_title or "其他任务", []).append(row)
        return list(grouped.items())


def published_plans(*, sessions: sessionmaker[Session]) -> tuple[PublicPlan, ...]:
    """Every published or closed plan, newest plan year first."""
    with transaction(sessions) as session:
        return tuple(_public_plan(session, p) for p in plans.plans(session) if p.status in PUBLIC_STATES)


def public_plan(*, sessions: sessionmaker[Session], plan_id: int) -> PublicPlan:
    """One published plan, or NotFound (a draft plan does not exist for the public)."""
    with transaction(sessions) as session:
        plan = session.get(Plan, plan_id)
        if plan is None or plan.status not in PUBLIC_STATES:
            raise NotFound(HIDDEN)
        return _public_plan(session, plan)


def published_plan(*, sessions: sessionmaker[Session], plan_id: int | None) -> PublicPlan:
    """The plan named, or the newest plan, for a surface that names plans by number (the command line).

    NotFound when there is none; InvalidState, saying so, while it is not published.
    """
    with transaction(sessions) as session:
        plan = plans.plan_or_newest(session, plan_id)
        if plan is None:
            raise NotFound(f"找不到计划 {plan_id}" if plan_id is not None else "数据库中还没有计划，请先导入报告")
        if plan.status not in PUBLIC_STATES:
            raise InvalidState(
                f"计划#{plan.id}「{plan.title}」尚未发布（{plan.status.label}），只能导出已发布或已结束计划的开放数据"
            )
        return _public_plan(session, plan)


def public_task(*, sessions: sessionmaker[Session], task_id: int) -> tuple[PublicPlan, TaskView]:
    """A task of a published plan with its plan, or NotFound."""
    try:
        task = get_task(sessions=sessions, actor=READER, task_id=task_id)
    except NotFound:
        raise NotFound("任务不存在或尚未公开") from None
    try:
        return public_plan(sessions=sessions, plan_id=task.plan_id), task
    except NotFound:
        raise NotFound("任务不存在或尚未公开") from None


def public_board(*, sessions: sessionmaker[Session], plan_id: int, as_of: date) -> PublicBoard:
    """The progress board of a published plan on a date."""
    plan = public_plan(sessions=sessions, plan_id=plan_id)
    board = dashboard(sessions=sessions, actor=READER, plan_id=plan_id, as_of=as_of)
    rows = _rows(sessions, plan_id, as_of)
    history = _approved(sessions, plan_id)
    return PublicBoard(plan, board, rows, history, _indicators(sessions, plan, history))


def task_progress(*, sessions: sessionmaker[Session], task_id: int) -> tuple[PublicProgress, ...]:
    """A published task's approved reports, oldest period first (one per period: the latest revision)."""
    plan, task = public_task(sessions=sessions, task_id=task_id)
    return tuple(_approved(sessions, plan.id).get(task.id, ()))


@dataclass(frozen=True)
class PublicReport:
    """A published plan's report: its text with targets marked, and the lines that are its part headings."""

    plan: PublicPlan
    text: ReportText
    headings: frozenset[str]


def public_report(*, sessions: sessionmaker[Session], plan_id: int) -> PublicReport:
    """The report text of a published plan, targets marked, its top-level headings named."""
    plan = public_plan(sessions=sessions, plan_id=plan_id)
    text = report_text(sessions=sessions, plan_id=plan_id)
    with transaction(sessions) as session:
        report = plans.report_of_plan(session, plan_id)
        sections = report.extraction.get("sections", []) if report is not None else []
    # A top-level heading is a line of its own, 一、过去五年工作回顾; it becomes a heading a reader can jump to.
    headings = frozenset(f"{s.get('number')}、{s.get('title')}" for s in sections if s.get("parent") is None)
    return PublicReport(plan, replace(text, paragraphs=_without_chrome(text.paragraphs, text.title)), headings)


def _without_chrome(paragraphs: Sequence[Paragraph], title: str) -> tuple[Paragraph, ...]:
    """The body without the title line (the page's heading shows it) and the source site's date and hit counter."""
    body = list(paragraphs)
    while body and _chrome(body[0], title):
        body.pop(0)
    return tuple(body)


def _chrome(paragraph: Paragraph, title: str) -> bool:
    """A leading line that belongs to the source page rather than to the report."""
    line = "".join(p.text for p in paragraph.pieces).strip()
    return line == title or "浏览次数" in line or CHROME_DATE.match(line) is not None


def disclosure_header(header: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The disclosure header's labels and values in the page's order; a field the page left blank stays blank."""
    return tuple((label, _field(header.get(key))) for key, label in HEADER_FIELDS)


def _field(value: Any) -> str:
    """A header value as text: lists (主题词) joined by spaces, missing as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def _rows(sessions: sessionmaker[Session], plan_id: int, as_of: date) -> tuple[Row, ...]:
    """Every task with its lamp (the service the workbench uses; the public sees all tasks)."""
    return task_rows(sessions=sessions, actor=READER, plan_id=plan_id, as_of=as_of)


def _public_plan(session: Session, plan: Plan) -> PublicPlan:
    """A plan row as the public view."""
    # Only the report's title: its source and extraction are deferred columns and stay unloaded.
    report = session.get(Report, plan.report_id) if plan.report_id else None
    published = plan.published_at.date() if plan.published_at else None
    title = (report.title or report.name) if report is not None else None
    return PublicPlan(plan.id, plan.title, plan.plan_year, plan.status.public_label, published, title)


def _approved(sessions: sessionmaker[Session], plan_id: int) -> dict[int, tuple[PublicProgress, ...]]:
    """Task id → its approved reports as public views (only approved ones are ever read here)."""
    with transaction(sessions) as session:
        targets = {t.id: t for t in plans.targets_of_plan(session, plan_id)}
        grouped = progress.approved_report_records_of_plan(session, plan_id)
        return {task_id: tuple(_progress(r, targets) for r in reports) for task_id, reports in grouped.items()}


def _progress(report: ProgressReport, targets: Mapping[int, Target]) -> PublicProgress:
    """An approved report reduced to its public fields."""
    return PublicProgress(
        task_id=report.task_id,
        period=f"{report.period_year}-{report.period_month:02d}",
        period_label=f"{report.period_year}年{report.period_month}月",
        narrative=report.progress_text,
        percent=report.percent,
        values=tuple(_values(report.values, targets)),
        approved_on=report.reviewed_at.date() if report.reviewed_at else None,
    )


def _values(values: Mapping[str, Any], targets: Mapping[int, Target]) -> list[PublicValue]:
    """The reported values of the report's targets, in target order."""
    found = []
    for key, value in values.items():
        target = targets.get(int(key)) if str(key).isdigit() else None
        if target is None or value is None:
            continue
        goal = target_text(target).removeprefix(target.metric) or target_text(target)
        found.append(PublicValue(target.id, target.metric, goal, float(value), target.unit or ""))
    return sorted(found, key=lambda v: v.target_id)


def _indicators(
    sessions: sessionmaker[Session], plan: PublicPlan, history: Mapping[int, tuple[PublicProgress, ...]]
) -> tuple[Indicator, ...]:
    """The plan year's numeric targets (main indicators first), each with its latest approved value."""
    with transaction(sessions) as session:
        targets = [t for t in plans.targets_of_plan(session, plan.id) if _charted(t, plan.plan_year)]
        targets.sort(key=lambda t: (t.task_id is not None, t.quote_start or 0, t.id))
        return tuple(_indicator(t, _latest_with(history.get(t.task_id or 0, ()), t.id)) for t in targets)


def _charted(target: Target, year: int) -> bool:
    """A target of the plan year with a number that rises towards it (ceilings are judged otherwise)."""
    return (
        target.kind is not TargetKind.QUALITATIVE
        and target.value is not None
        and target.horizon_end == year
        and target.comparator is not Comparator.AT_MOST
    )


def _latest_with(reports: Sequence[PublicProgress], target_id: int) -> PublicProgress | None:
    """The latest approved report that gives a value for the target."""
    return next((r for r in reversed(reports) if any(v.target_id == target_id for v in r.values)), None)


def _indicator(target: Target, latest: PublicProgress | None) -> Indicator:
    """One target with the value its task's latest approved report gives."""
    value = next((v.value for v in latest.values if v.target_id == target.id), None) if latest else None
    return Indicator(
        target_id=target.id,
        task_id=target.task_id,
        metric=target.metric,
        kind=target.kind.value,
        goal=target_text(target),
        target=float(target.value or 0),
        unit=target.unit or "",
        latest=value,
        period_label=latest.period_label if latest and value is not None else None,
    )


def sequence_of(rows: Sequence[Row]) -> dict[int, int]:
    """Task id → its continuous number (序号) in the plan."""
    return {row.task.id: number for number, row in enumerate(rows, start=1)}
