"""Who may see a task, decided by the read services' `actor=`: a department user only the tasks it is on."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.errors import PermissionDenied
from luoshi.services.views.dashboard import dashboard, task_rows
from luoshi.services.views.plans import TaskFilter, get_task, list_targets, list_tasks, visible_tasks
from tests.services.world import World, build

JULY = date(2022, 7, 15)


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    return build(sessions)


def test_a_department_lists_only_the_tasks_it_is_on(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    own = {w.tasks["3.2.1"], w.tasks["3.2.2"]}
    assert {t.id for t in list_tasks(sessions=sessions, actor=w.jobs, plan_id=w.plan_id)} == own
    assert visible_tasks(sessions=sessions, actor=w.jobs, plan_id=w.plan_id) == own
    rows = task_rows(sessions=sessions, actor=w.jobs, plan_id=w.plan_id, as_of=JULY)
    assert {r.task.id for r in rows} == own
    asked = TaskFilter(department_id=w.jobs.department_id)
    assert {t.id for t in list_tasks(sessions=sessions, actor=w.jobs, plan_id=w.plan_id, where=asked)} == own
    with pytest.raises(PermissionDenied, match="无权查看其他单位的任务"):
        list_tasks(
            sessions=sessions, actor=w.jobs, plan_id=w.plan_id, where=TaskFilter(department_id=w.park.department_id)
        )


@pytest.mark.parametrize("who", ["supervisor", "leader"])
def test_the_other_roles_see_every_task(sessions: sessionmaker[Session], world: World, who: str) -> None:
    actor = getattr(world, who)
    assert len(list_tasks(sessions=sessions, actor=actor, plan_id=world.plan_id)) == len(world.tasks)
    assert visible_tasks(sessions=sessions, actor=actor, plan_id=world.plan_id) is None
    assert get_task(sessions=sessions, actor=actor, task_id=world.tasks["3.1.1"]).id == world.tasks["3.1.1"]


def test_a_department_opens_only_its_own_task(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    assert get_task(sessions=sessions, actor=w.jobs, task_id=w.tasks["3.2.1"]).lead_id == w.jobs.department_id
    with pytest.raises(PermissionDenied, match="无权查看其他单位的任务"):
        get_task(sessions=sessions, actor=w.jobs, task_id=w.tasks["3.1.1"])


def test_a_department_reads_the_main_indicators_and_its_tasks_targets(
    sessions: sessionmaker[Session], world: World
) -> None:
    w = world
    every = list_targets(sessions=sessions, actor=w.leader, plan_id=w.plan_id)
    seen = list_targets(sessions=sessions, actor=w.park, plan_id=w.plan_id)
    assert {t.id for t in seen} == {t.id for t in every if t.task_id in (None, w.tasks["3.1.1"])}
    assert {t.metric for t in seen if t.task_id} == {"扩园"}


def test_a_departments_dashboard_counts_only_its_tasks(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    mine = dashboard(sessions=sessions, actor=w.park, plan_id=w.plan_id, as_of=JULY)
    every = dashboard(sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, as_of=JULY)
    assert (mine.counts.total, every.counts.total) == (1, len(w.tasks))
    assert mine.main_indicators == every.main_indicators
