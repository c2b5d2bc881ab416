"""Progress reports: draft → submitted → approved or returned; ownership; no self-approval; locked once approved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.errors import InvalidState, InvalidValue, PermissionDenied
from luoshi.services.plans.assigning import Assignment, assign
from luoshi.services.plans.lifecycle import publish_plan, set_cycle
from luoshi.services.reporting.progress import (
    ProgressDraft,
    approve,
    correct,
    history,
    return_report,
    review_queue,
    save_draft,
    submit,
)
from luoshi.services.status.lamps import task_status
from luoshi.storage import audit, transaction
from luoshi.storage.models import Plan, Task
from luoshi.vocabulary import ReportingCycle, ReportState
from tests.services.world import JOBS_DEPT, PARK_DEPT, World, at, build, version

APPROVED, RETURNED, SUBMITTED = ReportState.APPROVED, ReportState.RETURNED, ReportState.SUBMITTED
QUARTERLY = ReportingCycle.QUARTERLY


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    return build(sessions)


def _jobs_draft(w: World, period: str = "2022-06", jobs: float = 3750, rate: float = 2.8) -> ProgressDraft:
    values = {w.targets["城镇新增就业"]: jobs, w.targets["城镇登记失业率"]: rate}
    return ProgressDraft(
        w.tasks["3.2.1"], period, values, progress_text="新增就业3750人", problems="无", next_steps="继续"
    )


def test_the_happy_path_counts_only_once_approved(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    report = save_draft(sessions=sessions, actor=w.jobs, draft=_jobs_draft(w), at=at(7, 1))
    report = submit(sessions=sessions, actor=w.jobs, report_id=report.id, version=report.version, at=at(7, 2))
    assert [r.id for r in review_queue(sessions=sessions, actor=w.supervisor)] == [report.id]
    before = task_status(sessions=sessions, task_id=w.tasks["3.2.1"], as_of=date(2022, 7, 3))
    assert (before.colour, before.reason) == ("red", "已过6个月仍未启动")
    report = approve(sessions=sessions, actor=w.supervisor, report_id=report.id, version=report.version, at=at(7, 3))
    assert (report.state, report.reviewer_id) == (APPROVED, w.supervisor.user_id)
    after = task_status(sessions=sessions, task_id=w.tasks["3.2.1"], as_of=date(2022, 7, 3))
    assert (after.colour, after.reason) == ("green", "完成50%，序时进度50%，与序时进度持平")
    assert review_queue(sessions=sessions, actor=w.supervisor) == []


def test_returned_with_a_comment_then_resubmitted(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    r = save_draft(sessions=sessions, actor=w.jobs, draft=_jobs_draft(w), at=at(7, 1))
    r = submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)
    with pytest.raises(InvalidValue, match="退回意见"):
        return_report(sessions=sessions, actor=w.supervisor, report_id=r.id, version=r.version, comment=" ")
    r = return_report(
        sessions=sessions, actor=w.supervisor, report_id=r.id, version=r.version, comment="请补充佐证材料"
    )
    assert (r.state, r.comment) == (RETURNED, "请补充佐证材料")
    fixed = _jobs_draft(w, jobs=3800)
    r = save_draft(sessions=sessions, actor=w.jobs, draft=fixed, report_id=r.id, version=r.version, at=at(7, 4))
    r = submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)
    r = approve(sessions=sessions, actor=w.supervisor2, report_id=r.id, version=r.version)
    assert (r.state, r.values[w.targets["城镇新增就业"]]) == (APPROVED, 3800)
    with transaction(sessions) as s:
        actions = [e.action for e in audit.events_of(s, "progress_report", r.id)]
    assert actions == ["create", "submit", "return", "edit", "submit", "approve"]


def test_a_department_reports_only_on_its_own_tasks(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    with pytest.raises(PermissionDenied, match="本单位牵头"):
        save_draft(sessions=sessions, actor=w.park, draft=_jobs_draft(w), at=at(7, 1))
    with pytest.raises(PermissionDenied):
        save_draft(sessions=sessions, actor=w.leader, draft=_jobs_draft(w), at=at(7, 1))
    r = save_draft(sessions=sessions, actor=w.jobs, draft=_jobs_draft(w), at=at(7, 1))
    with pytest.raises(PermissionDenied, match="本单位牵头"):
        history(sessions=sessions, actor=w.park, task_id=w.tasks["3.2.1"])
    assert [x.id for x in history(sessions=sessions, actor=w.leader, task_id=w.tasks["3.2.1"])] == [r.id]


def test_nobody_approves_their_own_report(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    r = save_draft(sessions=sessions, actor=w.supervisor, draft=_jobs_draft(w), at=at(7, 1))
    r = submit(sessions=sessions, actor=w.supervisor, report_id=r.id, version=r.version)
    with pytest.raises(PermissionDenied, match="自己填报"):
        approve(sessions=sessions, actor=w.supervisor, report_id=r.id, version=r.version)
    with pytest.raises(PermissionDenied):
        approve(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)
    assert approve(sessions=sessions, actor=w.supervisor2, report_id=r.id, version=r.version).state is APPROVED


def test_an_approved_report_is_locked_and_a_correction_is_a_new_revision(
    sessions: sessionmaker[Session], world: World
) -> None:
    w = world
    r = save_draft(sessions=sessions, actor=w.jobs, draft=_jobs_draft(w), at=at(7, 1))
    r = submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)
    r = approve(sessions=sessions, actor=w.supervisor, report_id=r.id, version=r.version)
    with pytest.raises(InvalidState, match="已审核的报送不能修改"):
        save_draft(sessions=sessions, actor=w.jobs, draft=_jobs_draft(w, jobs=1), report_id=r.id, version=r.version)
    with pytest.raises(InvalidState, match="已有进展报送"):
        save_draft(sessions=sessions, actor=w.jobs, draft=_jobs_draft(w, jobs=1), at=at(7, 1))
    fix = correct(sessions=sessions, actor=w.jobs, report_id=r.id)
    assert (fix.revision, fix.state, fix.values) == (2, ReportState.DRAFT, r.values)
    with pytest.raises(InvalidState, match="最新的已审核"):
        correct(sessions=sessions, actor=w.jobs, report_id=r.id)
    fix = save_draft(
        sessions=sessions, actor=w.jobs, draft=_jobs_draft(w, jobs=3000), report_id=fix.id, version=fix.version
    )
    fix = submit(sessions=sessions, actor=w.jobs, report_id=fix.id, version=fix.version)
    # Until the correction is approved, the first revision counts.
    lamp = task_status(sessions=sessions, task_id=w.tasks["3.2.1"], as_of=date(2022, 7, 3))
    assert lamp.reason == "完成50%，序时进度50%，与序时进度持平"
    approve(sessions=sessions, actor=w.supervisor, report_id=fix.id, version=fix.version)
    lamp = task_status(sessions=sessions, task_id=w.tasks["3.2.1"], as_of=date(2022, 7, 3))
    assert lamp.reason == "完成40%，序时进度50%，滞后10个百分点"
    revisions = [(x.revision, x.state) for x in history(sessions=sessions, actor=w.jobs, task_id=w.tasks["3.2.1"])]
    assert revisions == [(1, APPROVED), (2, APPROVED)]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2022-13", "报送期间应写作"),
        ("六月", "报送期间应写作"),
        ("2023-01", "不是该任务的报送期"),
        ("2022-08", "尚未开始"),
    ],
)
def test_periods_are_checked(sessions: sessionmaker[Session], world: World, period: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        save_draft(sessions=sessions, actor=world.jobs, draft=_jobs_draft(world, period), at=at(7, 1))


def test_a_report_must_be_complete_to_submit(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    partial = ProgressDraft(w.tasks["3.2.1"], "2022-06", {w.targets["城镇新增就业"]: 100}, progress_text="")
    r = save_draft(sessions=sessions, actor=w.jobs, draft=partial, at=at(7, 1))
    with pytest.raises(InvalidValue, match="「城镇登记失业率」"):
        submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)
    no_numbers = ProgressDraft(w.tasks["3.2.2"], "2022-06", progress_text="已开工")
    r = save_draft(sessions=sessions, actor=w.jobs, draft=no_numbers, at=at(7, 1))
    with pytest.raises(InvalidValue, match="完成百分比"):
        submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)


@pytest.mark.parametrize(("period", "accepted"), [("2022-03", True), ("2022-06", True), ("2022-02", False)])
def test_a_quarterly_plan_takes_quarter_ends(sessions: sessionmaker[Session], period: str, accepted: bool) -> None:
    w = build(sessions, publish=False)
    seen = version(sessions, Plan, w.plan_id)
    seen = set_cycle(sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, version=seen, cycle=QUARTERLY)
    publish_plan(sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, version=seen)
    draft = ProgressDraft(w.tasks["3.2.2"], period, percent=25, progress_text="一季度进展")
    if accepted:
        assert save_draft(sessions=sessions, actor=w.jobs, draft=draft, at=at(7, 1)).period == period
    else:
        with pytest.raises(InvalidValue, match="2022年2月不是该任务的报送期（应为2022年3月至2022年12月的期末月份）"):
            save_draft(sessions=sessions, actor=w.jobs, draft=draft, at=at(7, 1))


def test_a_cooperating_department_does_not_report(sessions: sessionmaker[Session]) -> None:
    w = build(sessions, publish=False)
    task = w.tasks["3.2.1"]
    request = Assignment(task, version(sessions, Task, task), JOBS_DEPT, (PARK_DEPT,))
    assign(sessions=sessions, actor=w.supervisor, request=request)
    publish_plan(sessions=sessions, actor=w.supervisor, plan_id=w.plan_id, version=version(sessions, Plan, w.plan_id))
    with pytest.raises(PermissionDenied, match="本单位牵头"):
        save_draft(sessions=sessions, actor=w.park, draft=_jobs_draft(w), at=at(7, 1))
    assert save_draft(sessions=sessions, actor=w.jobs, draft=_jobs_draft(w), at=at(7, 1)).state is ReportState.DRAFT
