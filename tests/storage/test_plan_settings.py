"""Every declared plan setting is a column of the plan table, and a new plan takes the declared defaults."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import transaction
from luoshi.storage.models import Plan
from luoshi.tracking import PLAN_SETTINGS
from tests.storage.builders import plan_with_task


def test_every_setting_is_stored_and_a_new_plan_takes_its_default(sessions: sessionmaker[Session]) -> None:
    assert {s.name for s in PLAN_SETTINGS} <= set(Plan.__table__.columns.keys())
    with transaction(sessions) as session:
        plan_id = plan_with_task(session).plan_id
    with transaction(sessions) as session:
        plan = session.get_one(Plan, plan_id)
        assert {s.name: getattr(plan, s.name) for s in PLAN_SETTINGS} == {s.name: s.default for s in PLAN_SETTINGS}
