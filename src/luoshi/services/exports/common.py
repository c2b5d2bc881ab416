"""What the exports share: their error, the plan they are made from, and how dates read in Chinese."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from luoshi.storage import plans
from luoshi.storage.models import Plan


class ExportError(ValueError):
    """An export cannot be made (no such plan, a bad period); the message is fit for a user."""


def load_plan(session: Session, plan_id: int | None) -> Plan:
    """The plan asked for (the newest when none is named), or an ExportError saying what is missing."""
    plan = plans.plan_or_newest(session, plan_id)
    if plan is None:
        raise ExportError(f"找不到计划 {plan_id}" if plan_id is not None else "数据库中还没有计划，请先导入报告")
    return plan


def chinese_date(day: date) -> str:
    """2022年6月30日."""
    return f"{day.year}年{day.month}月{day.day}日"


def deadline_text(deadline: date | None, last_year: int | None) -> str:
    """完成时限 as offices write it: the date when set, else the end of the last year (2022年底)."""
    if deadline is not None:
        return chinese_date(deadline)
    return f"{last_year}年底" if last_year is not None else ""
