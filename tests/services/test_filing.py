"""Filing a progress report: save, attach and submit in one transaction; a refused field or step saves nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.errors import InvalidValue, PermissionDenied
from luoshi.services.reporting.attachments import attachments_of
from luoshi.services.reporting.filing import ReportFiling, Upload, file_report
from luoshi.services.reporting.progress import history
from luoshi.storage import ConflictError, transaction
from luoshi.storage.models import Attachment, AttachmentBlob, AuditEvent, ProgressReport
from luoshi.vocabulary import ReportState
from tests.services.world import World, at, build

PDF = b"%PDF-1.7\n" + bytes(100)
TEXT = "园区扩容进展顺利".encode()


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    return build(sessions)


def _counts(sessions: sessionmaker[Session]) -> tuple[int, ...]:
    """Reports, attachments, blobs and audit events stored."""
    with transaction(sessions) as s:
        models = (ProgressReport, Attachment, AttachmentBlob, AuditEvent)
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0 for m in models)


def _filing(w: World, **changes: object) -> ReportFiling:
    """A complete filing of the percent-only task for June, with one good file."""
    fields: dict[str, object] = {
        "task_id": w.tasks["3.2.2"],
        "period": "2022-06",
        "percent": "50",
        "progress_text": "已完成一半",
        "files": (Upload("进展.pdf", PDF),),
    }
    return ReportFiling(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_filing_saves_attaches_and_submits_at_once(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    filed = file_report(sessions=sessions, actor=w.jobs, filing=_filing(w, submit=True), at=at(7, 1))
    assert filed.errors == {} and filed.submitted and filed.report is not None
    assert filed.report.percent == 50 and [a.filename for a in filed.attachments] == ["进展.pdf"]
    assert [a.filename for a in attachments_of(sessions=sessions, actor=w.jobs, report_id=filed.report.id)] == [
        "进展.pdf"
    ]
    [stored] = history(sessions=sessions, actor=w.jobs, task_id=w.tasks["3.2.2"])
    assert stored.state is ReportState.SUBMITTED and stored.version == filed.report.version


@pytest.mark.parametrize(
    ("files", "shown"),
    [
        ((Upload("setup.exe", b"MZ\x90\x00"),), "类型不允许"),
        ((Upload("好.txt", TEXT), Upload("伪装.pdf", b"not a pdf")), "内容与扩展名不符"),
        ((Upload("空.pdf", b""),), "空文件"),
    ],
)
def test_a_refused_file_saves_nothing_and_is_named_by_field(
    sessions: sessionmaker[Session], world: World, files: tuple[Upload, ...], shown: str
) -> None:
    before = _counts(sessions)
    filed = file_report(sessions=sessions, actor=world.jobs, filing=_filing(world, files=files), at=at(7, 1))
    assert filed.report is None and not filed.submitted
    assert list(filed.errors) == ["files"] and shown in filed.errors["files"]
    assert _counts(sessions) == before


def test_every_bad_field_is_named_at_once(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    jobs, rate = w.targets["城镇新增就业"], w.targets["城镇登记失业率"]
    filing = ReportFiling(
        w.tasks["3.2.1"],
        "2022-06",
        {jobs: "三千", rate: -1.0, 999_999: 1.0},
        files=(Upload("setup.exe", b"MZ"),),
    )
    filed = file_report(sessions=sessions, actor=w.jobs, filing=filing, at=at(7, 1))
    assert set(filed.errors) == {f"value-{jobs}", f"value-{rate}", "value-999999", "files"}
    assert "应填写数字" in filed.errors[f"value-{jobs}"] and "不能为负数" in filed.errors[f"value-{rate}"]
    assert "不属于该任务" in filed.errors["value-999999"]
    assert history(sessions=sessions, actor=w.jobs, task_id=w.tasks["3.2.1"]) == []


def test_a_refused_submission_leaves_no_draft_or_file(sessions: sessionmaker[Session], world: World) -> None:
    before = _counts(sessions)
    filing = _filing(world, progress_text="", submit=True)
    with pytest.raises(InvalidValue, match="提交前请填写进展情况"):
        file_report(sessions=sessions, actor=world.jobs, filing=filing, at=at(7, 1))
    assert _counts(sessions) == before


def test_a_stale_edit_changes_nothing(sessions: sessionmaker[Session], world: World) -> None:
    w = world
    first = file_report(sessions=sessions, actor=w.jobs, filing=_filing(w, files=()), at=at(7, 1)).report
    assert first is not None
    again = _filing(w, report_id=first.id, version=first.version, percent="60")
    second = file_report(sessions=sessions, actor=w.jobs, filing=again, at=at(7, 2)).report
    assert second is not None and second.percent == 60
    before = _counts(sessions)
    with pytest.raises(ConflictError):
        file_report(sessions=sessions, actor=w.jobs, filing=_filing(w, report_id=first.id, version=first.version))
    assert _counts(sessions) == before
    [stored] = history(sessions=sessions, actor=w.jobs, task_id=w.tasks["3.2.2"])
    assert stored.percent == 60 and stored.version == second.version


def test_another_department_is_refused_before_its_fields_are_read(
    sessions: sessionmaker[Session], world: World
) -> None:
    filing = _filing(world, percent="很多", files=(Upload("setup.exe", b"MZ"),))
    with pytest.raises(PermissionDenied, match="本单位牵头"):
        file_report(sessions=sessions, actor=world.park, filing=filing, at=at(7, 1))
