"""The services the workbench added: inbox, report form checks, review rows, departments, plan settings, editor."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.departments import (
    DepartmentCreate,
    DepartmentUpdate,
    add_department,
    edit_department,
    list_departments,
    split_keywords,
)
from luoshi.services.errors import InvalidState, InvalidValue, PermissionDenied
from luoshi.services.plans.editing import TaskCreate, TaskUpdate, add_task, edit_task
from luoshi.services.plans.settings import PlanSettings, plan_settings, update_settings
from luoshi.services.plans.task_editor import task_editor
from luoshi.services.reporting.form import field_errors, report_form
from luoshi.services.reporting.inbox import department_inbox
from luoshi.services.reporting.progress import ProgressDraft, return_report, save_draft, submit
from luoshi.services.reporting.review import review_items
from luoshi.storage import ConflictError
from luoshi.vocabulary import ReportingCycle
from tests.services.world import JOBS_DEPT, World, at, build

JULY = date(2022, 7, 15)


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    return build(sessions)


def _report(sessions: sessionmaker[Session], w: World, period: str = "2022-07") -> int:
    """A submitted report of the jobs task; its id."""
    values = {w.targets["城镇新增就业"]: 3000.0, w.targets["城镇登记失业率"]: 2.5}
    draft = ProgressDraft(w.tasks["3.2.1"], period, values, progress_text="推进中")
    saved = save_draft(sessions=sessions, actor=w.jobs, draft=draft, at=at(7, 10))
    return submit(sessions=sessions, actor=w.jobs, report_id=saved.id, version=saved.version, at=at(7, 11)).id


def test_the_inbox_lists_the_open_period_and_returned_reports(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    box = department_inbox(sessions=sessions, actor=w.jobs, as_of=JULY)
    assert {i.task_id for i in box.due} == {w.tasks["3.2.1"], w.tasks["3.2.2"]}
    assert {i.period for i in box.due} == {"2022-07"} and all(i.needs_work for i in box.due)
    report_id = _report(sessions, w)
    returned = return_report(sessions=sessions, actor=w.supervisor, report_id=report_id, version=2, comment="补充")
    box = department_inbox(sessions=sessions, actor=w.jobs, as_of=JULY)
    assert [(i.task_id, i.report.comment if i.report else None) for i in box.returned] == [(w.tasks["3.2.1"], "补充")]
    assert returned.state.value == "returned"


def test_only_a_department_has_an_inbox(sessions: sessionmaker[Session], world: World) -> None:
    with pytest.raises(PermissionDenied):
        department_inbox(sessions=sessions, actor=world.supervisor, as_of=JULY)


@pytest.mark.parametrize(
    ("metric", "typed", "message"),
    [
        ("城镇新增就业", "三千", "应填写数字"),
        ("城镇新增就业", "12.5", "应为整数"),
        ("城镇登记失业率", "-1", "不能为负数"),
        ("城镇新增就业", "３，０００", None),
        ("城镇登记失业率", "2.5%", None),
    ],
)
def test_each_field_is_checked_on_its_own(
    sessions: sessionmaker[Session], world: World, metric: str, typed: str, message: str | None
) -> None:
    target = world.targets[metric]
    values, _, errors = field_errors(
        sessions=sessions, task_id=world.tasks["3.2.1"], values={target: typed}, percent=""
    )
    if message is None:
        assert errors == {} and target in values
    else:
        assert message in errors[f"value-{target}"] and target not in values


@pytest.mark.parametrize(("typed", "ok"), [("100", True), ("0", True), ("101", False), ("多", False), ("", True)])
def test_the_percent_is_zero_to_a_hundred(sessions: sessionmaker[Session], world: World, typed: str, ok: bool) -> None:
    _, _, errors = field_errors(sessions=sessions, task_id=world.tasks["3.2.1"], values={}, percent=typed)
    assert ("percent" not in errors) is ok


def test_the_form_shows_a_department_only_its_own_tasks(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    form = report_form(sessions=sessions, actor=w.jobs, task_id=w.tasks["3.2.1"], as_of=JULY)
    assert form.period == "2022-07" and form.periods[0] == "2022-01" and form.report is None
    assert {t.metric for t in form.targets} == {"城镇新增就业", "城镇登记失业率"}
    with pytest.raises(PermissionDenied):
        report_form(sessions=sessions, actor=w.park, task_id=w.tasks["3.2.1"], as_of=JULY)


def test_the_review_rows_name_task_department_and_author(sessions: sessionmaker[Session], world: World) -> None:
    _report(sessions, world)
    [row] = review_items(sessions=sessions, actor=world.supervisor)
    assert (row.lead, row.author) == (JOBS_DEPT, "rsj")
    with pytest.raises(PermissionDenied):
        review_items(sessions=sessions, actor=world.jobs)


def test_departments_are_added_renamed_and_kept_unique(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    added = add_department(sessions=sessions, actor=w.supervisor, request=DepartmentCreate("区数据局", ("数据",)))
    with pytest.raises(InvalidValue, match="已存在"):
        add_department(sessions=sessions, actor=w.supervisor, request=DepartmentCreate(" 区数据局 "))
    edited = edit_department(
        sessions=sessions,
        actor=w.supervisor,
        request=DepartmentUpdate(added.id, added.version, keywords=split_keywords("数据、算力, 数据")),
    )
    assert edited.keywords == ("数据", "算力")
    with pytest.raises(ConflictError):
        edit_department(sessions=sessions, actor=w.supervisor, request=DepartmentUpdate(added.id, added.version))
    with pytest.raises(PermissionDenied):
        add_department(sessions=sessions, actor=w.jobs, request=DepartmentCreate("区某局"))
    assert "区数据局" in [d.name for d in list_departments(sessions=sessions)]


def test_settings_are_checked_and_the_cycle_waits_for_a_draft(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    now = plan_settings(sessions=sessions, plan_id=w.plan_id)

    def wanted(**values: object) -> PlanSettings:
        return PlanSettings(now.plan_id, now.version, {**now.values, **values})

    with pytest.raises(InvalidValue, match="黄灯阈值"):
        update_settings(sessions=sessions, actor=w.supervisor, request=wanted(yellow_points=40.0))
    with pytest.raises(InvalidState):  # the world's plan is published
        update_settings(sessions=sessions, actor=w.supervisor, request=wanted(cycle=ReportingCycle.QUARTERLY))
    version = update_settings(sessions=sessions, actor=w.supervisor, request=wanted(red_points=40.0))
    assert plan_settings(sessions=sessions, plan_id=w.plan_id).values["red_points"] == 40.0
    assert version == now.version + 1


# A bad value of each setting, typed in a form, and the Chinese words that name it in the refusal.
BAD_SETTINGS = [
    ("cycle", "weekly", "报送周期应为按月或按季度"),
    ("yellow_points", "0", "黄灯阈值应大于0且不超过100个百分点"),
    ("red_points", "abc", "红灯阈值应为数字"),
    ("growth_yellow_points", "101", "增长率黄灯阈值应大于0且不超过100个百分点"),
    ("not_started_periods", "2.5", "未启动判红期数应为整数"),
    ("approx_tolerance_points", "11", "“左右”允许偏差应在0至10个百分点之间"),
    ("report_grace_days", "", "请填写报送宽限天数"),
]


@pytest.mark.parametrize(("name", "typed", "message"), BAD_SETTINGS, ids=[n for n, _, _ in BAD_SETTINGS])
def test_each_setting_is_checked_by_its_declaration(
    sessions: sessionmaker[Session], world: World, name: str, typed: str, message: str
) -> None:
    now = plan_settings(sessions=sessions, plan_id=world.plan_id)
    request = PlanSettings(now.plan_id, now.version, {**now.values, name: typed})
    with pytest.raises(InvalidValue) as refused:
        update_settings(sessions=sessions, actor=world.supervisor, request=request)
    assert str(refused.value) == message


def test_the_tolerance_of_a_ratio_about_its_target_is_a_setting_too(
    sessions: sessionmaker[Session], world: World
) -> None:
    now = plan_settings(sessions=sessions, plan_id=world.plan_id)
    typed = {**{k: str(getattr(v, "value", v)) for k, v in now.values.items()}, "approx_tolerance_points": "1.5"}
    update_settings(sessions=sessions, actor=world.supervisor, request=PlanSettings(now.plan_id, now.version, typed))
    assert plan_settings(sessions=sessions, plan_id=world.plan_id).values["approx_tolerance_points"] == 1.5


def test_a_task_keeps_to_its_plans_sections(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    with pytest.raises(Exception, match="章节"):
        add_task(sessions=sessions, actor=w.supervisor, request=TaskCreate(w.plan_id, "新任务", section_id=999999))
    editor = task_editor(sessions=sessions, task_id=w.tasks["3.2.1"])
    with pytest.raises(Exception, match="章节"):
        edit_task(
            sessions=sessions,
            actor=w.supervisor,
            request=TaskUpdate(editor.id, editor.version, section_id=999999),
        )
    assert editor.lead == JOBS_DEPT and editor.suggested_lead is not None
