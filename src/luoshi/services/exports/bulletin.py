"""The progress bulletin (督查通报) of a plan for a reporting period: lamps, red list, timeliness ranking."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi import tracking
from luoshi.services.exports.common import ExportError, chinese_date, load_plan
from luoshi.services.status.lamps import UNASSIGNED, PlanOverview, TaskStatus, plan_status
from luoshi.services.status.ranking import RankedDepartment, rank_departments
from luoshi.storage import plans, transaction
from luoshi.storage.models import Plan
from luoshi.vocabulary import Colour, Flag

_PERIOD = re.compile(r"(\d{4})-(\d{1,2})")
COLOURS = (
    Colour.DONE,
    Colour.GREEN,
    Colour.YELLOW,
    Colour.RED,
    Colour.NOT_STARTED,
)


@dataclass(frozen=True)
class RedTask:
    """A task on the red list, with where it sits, who leads it and why it is red."""

    number: int
    title: str
    section: str
    lead: str
    reason: str


@dataclass(frozen=True)
class Bulletin:
    """Everything a bulletin shows, judged at the end of its period."""

    plan_title: str
    period: tracking.Period
    total: tracking.Summary
    by_section: tuple[tuple[str, tracking.Summary], ...]
    by_department: tuple[tuple[str, tracking.Summary], ...]
    red: tuple[RedTask, ...]
    ranking: tuple[RankedDepartment, ...]

    @property
    def title(self) -> str:
        """江城区…重点任务落实情况督查通报."""
        return f"{self.plan_title}落实情况督查通报"

    @property
    def as_of_text(self) -> str:
        """截至2022年6月30日."""
        return f"截至{chinese_date(self.period.last_day)}"


def parse_period(text: str) -> tracking.Period:
    """Read 2022-06 (or 2022-6); anything else is an ExportError naming the form expected."""
    match = _PERIOD.fullmatch(text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ExportError(f"统计期间格式不正确：「{text}」，应为“年-月”，如 2022-06")
    return tracking.Period(int(match.group(1)), int(match.group(2)))


def plan_bulletin(*, sessions: sessionmaker[Session], period: str, plan_id: int | None = None) -> Bulletin:
    """Judge the plan at the period's last day and gather the bulletin's tables."""
    when = parse_period(period)
    with transaction(sessions) as session:
        plan = load_plan(session, plan_id)
        _check_period(plan, when)
        ranked = rank_departments(session, plan, when)
        names = _task_names(session, plan)
    overview = plan_status(sessions=sessions, plan_id=plan.id, as_of=when.last_day)
    return Bulletin(
        plan_title=plan.title,
        period=when,
        total=tracking.summarise(_lamp(s) for s in overview.tasks),
        by_section=tuple(overview.by_section.items()),
        by_department=_departments(overview),
        red=_red_list(overview, names),
        ranking=ranked,
    )


def _check_period(plan: Plan, period: tracking.Period) -> None:
    """A period before the plan's first year would judge nothing; say so instead of an empty bulletin."""
    first = plan.term_start if plan.term_start and plan.term_start < plan.plan_year else plan.plan_year
    if period.year < first:
        raise ExportError(f"统计期间 {period} 早于计划年度 {plan.plan_year} 年")


def _task_names(session: Session, plan: Plan) -> dict[int, tuple[int, str, str, str]]:
    """Task id → (number in the breakdown table, title, section title, lead department)."""
    sections = {s.id: s.title for s in plans.sections_of_plan(session, plan.id)}
    leads = plans.lead_department_names(session, plan.id)
    return {
        task.id: (number, task.title, sections.get(task.section_id or 0, ""), leads.get(task.id, UNASSIGNED))
        for number, task in enumerate(plans.tasks_of_plan(session, plan.id), start=1)
    }


def _lamp(status: TaskStatus) -> tracking.Lamp:
    """A task status back as a lamp, so the pure summary counts it."""
    flags = frozenset(Flag(f) for f in status.flags)
    return tracking.Lamp(Colour(status.colour), status.reason, flags)


def _departments(overview: PlanOverview) -> tuple[tuple[str, tracking.Summary], ...]:
    """Departments with the most red lamps first; tasks without a lead department last."""
    items = sorted(overview.by_department.items(), key=lambda i: (i[0] == UNASSIGNED, -i[1].red, -i[1].yellow))
    return tuple(items)


def _red_list(overview: PlanOverview, names: dict[int, tuple[int, str, str, str]]) -> tuple[RedTask, ...]:
    """Red tasks in the table's order, each with its reason and flags."""
    red = [s for s in overview.tasks if s.colour == Colour.RED.value]
    return tuple(RedTask(*names[s.task_id], reason=_lamp(s).text) for s in red)
