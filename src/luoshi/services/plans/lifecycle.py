"""A plan's life: draft → published → closed, and its reporting cycle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, load
from luoshi.services.errors import InvalidState
from luoshi.storage import plans, transaction
from luoshi.storage.base import utcnow
from luoshi.storage.models import Plan
from luoshi.vocabulary import PlanStatus, ReportingCycle


def publish_plan(
    *, sessions: sessionmaker[Session], actor: Actor, plan_id: int, version: int, at: datetime | None = None
) -> int:
    """Publish a draft plan once every task has a lead department; returns its new version."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        plan = load(session, Plan, plan_id, "计划")
        if plan.status is not PlanStatus.DRAFT:
            raise InvalidState("只有草稿状态的计划可以发布")
        leads = plans.lead_department_names(session, plan_id)
        missing = [t.title for t in plan.tasks if t.id not in leads]
        if missing:
            raise InvalidState(f"还有{len(missing)}项任务未指定牵头单位，例如「{missing[0]}」")
        values = {"status": PlanStatus.PUBLISHED, "published_at": at or utcnow()}
        change(session, plan, actor=actor, action="publish", version=version, values=values, at=at)
        return plan.version


def close_plan(*, sessions: sessionmaker[Session], actor: Actor, plan_id: int, version: int) -> int:
    """Close a published plan (年底交账): no more edits or reports; returns its new version."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        plan = load(session, Plan, plan_id, "计划")
        if plan.status is not PlanStatus.PUBLISHED:
            raise InvalidState("只有已发布的计划可以关闭")
        change(session, plan, actor=actor, action="close", version=version, values={"status": PlanStatus.CLOSED})
        return plan.version


def set_cycle(
    *, sessions: sessionmaker[Session], actor: Actor, plan_id: int, version: int, cycle: ReportingCycle
) -> int:
    """Choose monthly or quarterly reporting while the plan is a draft; returns its new version."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        plan = load(session, Plan, plan_id, "计划")
        if plan.status is not PlanStatus.DRAFT:
            raise InvalidState("报送周期只能在计划发布前设置")
        change(session, plan, actor=actor, action="cycle", version=version, values={"cycle": cycle})
        return plan.version
