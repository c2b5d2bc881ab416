"""A plan's settings (计划设置): reporting cycle and the lamp thresholds, changed as one audited edit.

Each setting is declared once, as a field of `luoshi.tracking.StatusRules` (`PLAN_SETTINGS`: name,
type, default, bounds, Chinese label and help); the checks here, the editor's form and the API's
schema are made from those declarations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, load
from luoshi.services.errors import InvalidState, InvalidValue
from luoshi.services.plans.editing import editable_plan
from luoshi.storage import transaction
from luoshi.storage.models import Plan
from luoshi.tracking import PLAN_SETTINGS, PlanSetting, SettingError, StatusRules, rules_from
from luoshi.vocabulary import PlanStatus

__all__ = [
    "PLAN_SETTINGS",
    "PlanSetting",
    "PlanSettings",
    "checked_rules",
    "plan_settings",
    "settings_of",
    "update_settings",
]


@dataclass(frozen=True)
class PlanSettings:
    """The settings of a plan seen at `version`: a value for each of PLAN_SETTINGS, by name.

    Values come typed (the API, a service caller) or as a form's text; `update_settings` checks them
    and keeps the stored value of a setting left out.
    """

    plan_id: int
    version: int
    values: Mapping[str, Any]


def plan_settings(*, sessions: sessionmaker[Session], plan_id: int) -> PlanSettings:
    """The stored settings of a plan."""
    with transaction(sessions) as session:
        plan = load(session, Plan, plan_id, "计划")
        return PlanSettings(plan.id, plan.version, _stored(plan))


def update_settings(*, sessions: sessionmaker[Session], actor: Actor, request: PlanSettings) -> int:
    """Store new settings; the cycle may change only while the plan is a draft. Returns the new version."""
    require(actor, *PLANNERS)
    with transaction(sessions) as session:
        plan = load(session, Plan, request.plan_id, "计划")
        rules = checked_rules({**_stored(plan), **request.values})
        editable_plan(plan)
        if rules.cycle is not plan.cycle and plan.status is not PlanStatus.DRAFT:
            raise InvalidState("报送周期只能在计划发布前设置")
        change(session, plan, actor=actor, action="settings", version=request.version, values=settings_of(rules))
        return plan.version


def checked_rules(values: Mapping[str, object]) -> StatusRules:
    """The status rules the values make, or InvalidValue naming the first setting that does not fit."""
    try:
        return rules_from(values)
    except SettingError as error:
        raise InvalidValue(str(error)) from None


def _stored(plan: Plan) -> dict[str, Any]:
    """The plan's stored value of every setting."""
    return {s.name: getattr(plan, s.name) for s in PLAN_SETTINGS}


def settings_of(rules: StatusRules) -> dict[str, Any]:
    """Every setting's value by name, as the plan stores it."""
    return {s.name: getattr(rules, s.name) for s in PLAN_SETTINGS}
