"""Plan editing: edit, add, drop, split and merge tasks and targets; assignments; publish and close; all audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import SYSTEM
from luoshi.services.errors import InvalidState, InvalidValue, NotFound, PermissionDenied
from luoshi.services.plans.assigning import (
    Assignment,
    TaskSchedule,
    add_milestone,
    assign,
    assign_by_suggestions,
    departments_of,
    schedule,
)
from luoshi.services.plans.editing import (
    SplitPart,
    TargetCreate,
    TargetUpdate,
    TaskCreate,
    TaskUpdate,
    add_target,
    add_task,
    drop_task,
    edit_target,
    edit_task,
    merge_tasks,
    split_task,
)
from luoshi.services.plans.lifecycle import close_plan, publish_plan
from luoshi.services.views.trail import record_trail
from luoshi.storage import ConflictError, audit, transaction
from luoshi.storage.models import Plan, Target, Task
from luoshi.vocabulary import PlanStatus, TargetKind
from tests.services.world import JOBS_DEPT, OFFICE, PARK_DEPT, build, version


def _trail(sessions: sessionmaker[Session], table: str, record_id: int) -> list[str]:
    with transaction(sessions) as s:
        return [e.action for e in audit.events_of(s, table, record_id)]


def test_edit_task_checks_the_version_and_audits(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    task = w.tasks["3.1.1"]
    seen = version(sessions, Task, task)
    new = edit_task(sessions=sessions, actor=w.supervisor, request=TaskUpdate(task, seen, title="加快园区扩容提质"))
    assert new == seen + 1
    with pytest.raises(ConflictError):
        edit_task(sessions=sessions, actor=w.supervisor, request=TaskUpdate(task, seen, title="旧页面的标题"))
    with transaction(sessions) as s:
        assert s.get_one(Task, task).title == "加快园区扩容提质"
        event = audit.events_of(s, "task", task)[-1]
        assert (event.action, event.actor_name) == ("edit", "duchashi")
        assert (event.before or {})["title"] == "强力推进园区建设"
        assert (event.after or {})["title"] == "加快园区扩容提质"


@pytest.mark.parametrize("who", ["jobs", "leader"])
def test_only_planners_edit(sessions: sessionmaker[Session], who: str) -> None:
    w = build(sessions, publish=False)
    task = w.tasks["3.1.1"]
    with pytest.raises(PermissionDenied):
        edit_task(sessions=sessions, actor=getattr(w, who), request=TaskUpdate(task, 1, title="越权"))


def test_add_target_and_task_and_drop(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    task = add_task(sessions=sessions, actor=w.supervisor, request=TaskCreate(w.plan_id, "新增：建设智慧城市"))
    target = add_target(
        sessions=sessions,
        actor=w.supervisor,
        request=TargetCreate(task, "新建5G基站", TargetKind.LEVEL, 200, "个"),
    )
    with pytest.raises(InvalidValue, match="必须填写目标值"):
        add_target(sessions=sessions, actor=w.supervisor, request=TargetCreate(task, "x", TargetKind.LEVEL, None, "个"))
    edit_target(sessions=sessions, actor=w.supervisor, request=TargetUpdate(target, 1, value=300))
    with transaction(sessions) as s:
        assert s.get_one(Target, target).value == 300
        assert s.get_one(Task, task).position == 3
    drop_task(sessions=sessions, actor=w.supervisor, task_id=task, version=1)
    with transaction(sessions) as s:
        assert s.get(Task, task) is None and s.get(Target, target) is None
    assert _trail(sessions, "task", task) == ["create", "delete"]
    with pytest.raises(NotFound):
        drop_task(sessions=sessions, actor=w.supervisor, task_id=task, version=1)


def test_split_keeps_the_original_and_moves_targets(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    task, jobs, rate = w.tasks["3.2.1"], w.targets["城镇新增就业"], w.targets["城镇登记失业率"]
    ids = split_task(
        sessions=sessions,
        actor=w.supervisor,
        task_id=task,
        version=version(sessions, Task, task),
        parts=[SplitPart("稳定扩大就业"), SplitPart("控制失业率", target_ids=(rate,))],
    )
    assert ids[0] == task and len(ids) == 2
    with transaction(sessions) as s:
        assert [t.id for t in s.get_one(Task, task).targets] == [jobs]
        assert [t.id for t in s.get_one(Task, ids[1]).targets] == [rate]
        ordered = [t.id for t in s.get_one(Plan, w.plan_id).tasks]
        assert ordered.index(ids[1]) == ordered.index(task) + 1
    assert departments_of(sessions=sessions, task_id=ids[1]) == (JOBS_DEPT, ())


def test_merge_moves_targets_and_removes_the_others(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    into, other = w.tasks["3.2.1"], w.tasks["3.1.1"]
    merge_tasks(
        sessions=sessions,
        actor=w.supervisor,
        into=(into, version(sessions, Task, into)),
        others=[(other, version(sessions, Task, other))],
    )
    with transaction(sessions) as s:
        assert s.get(Task, other) is None
        assert {t.metric for t in s.get_one(Task, into).targets} == {"城镇新增就业", "城镇登记失业率", "扩园"}
    assert _trail(sessions, "task", other)[-1] == "delete"


def test_assign_override_and_schedule(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    task = w.tasks["3.1.1"]
    assign(
        sessions=sessions,
        actor=w.supervisor,
        request=Assignment(task, version(sessions, Task, task), OFFICE, (PARK_DEPT,)),
    )
    assert departments_of(sessions=sessions, task_id=task) == (OFFICE, (PARK_DEPT,))
    with pytest.raises(InvalidValue, match="既是牵头单位又是配合单位"):
        assign(sessions=sessions, actor=w.supervisor, request=Assignment(task, 1, OFFICE, (OFFICE,)))
    with pytest.raises(NotFound, match="不存在"):
        assign(
            sessions=sessions, actor=w.supervisor, request=Assignment(task, version(sessions, Task, task), "区火星局")
        )
    seen = version(sessions, Task, task)
    schedule(
        sessions=sessions,
        actor=w.supervisor,
        request=TaskSchedule(task, seen, lead_leader="王副区长", deadline=date(2022, 9, 30)),
    )
    add_milestone(sessions=sessions, actor=w.supervisor, task_id=task, title="完成规划修编", due=date(2022, 5, 31))
    with transaction(sessions) as s:
        saved = s.get_one(Task, task)
        assert (saved.lead_leader, saved.deadline, [m.title for m in saved.milestones]) == (
            "王副区长",
            date(2022, 9, 30),
            ["完成规划修编"],
        )


def test_suggestions_assign_only_tasks_without_a_lead(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    fresh = add_task(sessions=sessions, actor=w.supervisor, request=TaskCreate(w.plan_id, "推进工业园区技术改造"))
    blank = add_task(sessions=sessions, actor=w.supervisor, request=TaskCreate(w.plan_id, "其他事项"))
    count = assign_by_suggestions(sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, fallback=OFFICE)
    assert count == 2
    assert departments_of(sessions=sessions, task_id=fresh)[0] == PARK_DEPT
    assert departments_of(sessions=sessions, task_id=blank)[0] == OFFICE
    # Tasks assigned by hand before keep their departments.
    assert departments_of(sessions=sessions, task_id=w.tasks["3.2.1"])[0] == JOBS_DEPT


def test_publish_needs_leads_and_close_freezes(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    add_task(sessions=sessions, actor=w.supervisor, request=TaskCreate(w.plan_id, "无人牵头的任务"))
    with pytest.raises(InvalidState, match="未指定牵头单位"):
        publish_plan(
            sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, version=version(sessions, Plan, w.plan_id)
        )
    assign_by_suggestions(sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, fallback=OFFICE)
    publish_plan(sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, version=version(sessions, Plan, w.plan_id))
    close_plan(sessions=sessions, actor=SYSTEM, plan_id=w.plan_id, version=version(sessions, Plan, w.plan_id))
    with transaction(sessions) as s:
        assert s.get_one(Plan, w.plan_id).status is PlanStatus.CLOSED
    task = w.tasks["3.1.1"]
    with pytest.raises(InvalidState, match="已关闭"):
        edit_task(sessions=sessions, actor=w.supervisor, request=TaskUpdate(task, version(sessions, Task, task), "x"))
    assert _trail(sessions, "plan", w.plan_id) == ["import", "publish", "close"]


def test_the_trail_of_a_task_says_who_changed_what(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    task = w.tasks["3.1.1"]
    seen = version(sessions, Task, task)
    edit_task(sessions=sessions, actor=w.supervisor, request=TaskUpdate(task, seen, title="加快园区扩容提质"))
    schedule(sessions=sessions, actor=w.supervisor2, request=TaskSchedule(task, seen + 1, lead_leader="王副区长"))
    trail = record_trail(sessions=sessions, table_name="task", record_id=task)
    assert [(e.actor, e.action) for e in trail] == [("系统", "assign"), ("duchashi", "edit"), ("duchashi2", "schedule")]
    assert trail[1].changed() == {"title": ("强力推进园区建设", "加快园区扩容提质")}
    assert trail[2].changed() == {"lead_leader": (None, "王副区长")}
