"""A plan's settings (计划设置): reporting cycle and the lamp thresholds, changed as one audited edit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, load
from luoshi.services.errors import InvalidState, InvalidValue
from luoshi.services.plans.editing import editable_plan
from luoshi.storage import transaction
from luoshi.storage.models import Plan
from luoshi.vocabulary import PlanStatus, ReportingCycle


@dataclass(frozen=True)
class PlanSettings:
    """The settings of a plan seen at `version` (thresholds in percentage points)."""

    plan_id: int
    version: int
    cycle: ReportingCycle
    yellow_points: float
    red_points: float
    growth_yellow_points: float
    not_started_periods: int
    report_grace_days: int


def plan_settings(*, sessions: sessionmaker[Session], plan_id: int) -> PlanSettings:
    """The stored settings of a plan."""
    with transaction(sessions) as session:
        plan = load(session, Plan, plan_id, "计划")
        return PlanSettings(
            plan.id,
            plan.version,
            plan.cycle,
            plan.yellow_points,
            plan.red_points,
            plan.growth_yellow_points,
            plan.not_started_periods,
            plan.report_grace_days,
        )


def update_settings(*, sessions: sessionmaker[Session], actor: Actor, request: PlanSettings) -> int:
    """Store new settings; the cycle may change only while the plan is a draft. Returns the new version."""
    require(actor, *PLANNERS)
    check_thresholds(request)
    with transaction(sessions) as session:
        plan = load(session, Plan, request.plan_id, "计划")
        editable_plan(plan)
        if request.cycle is not plan.cycle and plan.status is not PlanStatus.DRAFT:
            raise InvalidState("报送周期只能在计划发布前设置")
        values = {k: v for k, v in vars(request).items() if k not in ("plan_id", "version")}
        change(session, plan, actor=actor, action="settings", version=request.version, values=values)
        return plan.version


def check_thresholds(request: PlanSettings) -> None:
    """Yellow comes before red, both within 0–100 points; periods and days are small whole numbers."""
    if not 0 < request.yellow_points < request.red_points <= 100:
        raise InvalidValue("黄灯阈值应大于0且小于红灯阈值，红灯阈值不超过100个百分点")
    if not 0 < request.growth_yellow_points <= 100:
        raise InvalidValue("增长率黄灯阈值应在0至100个百分点之间")
    if not 1 <= request.not_started_periods <= 12:
        raise InvalidValue("未启动判红的期数应在1至12之间")
    if not 0 <= request.report_grace_days <= 60:
        raise InvalidValue("报送宽限天数应在0至60之间")
