"""Importing a report file from its bytes: extracted, imported once, compared and applied when read again."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.extraction import extract_report
from luoshi.samples import SAMPLE_NAME, sample_bytes
from luoshi.services.actors import SYSTEM, Actor
from luoshi.services.errors import PermissionDenied
from luoshi.services.plans.importing import ImportReport, import_report
from luoshi.services.plans.report_file import UnreadableReport, import_report_file
from luoshi.storage import transaction
from luoshi.storage.models import Plan, Report, Task
from luoshi.vocabulary import UserRole


def _reports(sessions: sessionmaker[Session]) -> int:
    with transaction(sessions) as s:
        return s.scalar(select(func.count()).select_from(Report)) or 0


def test_a_file_becomes_a_draft_plan_and_the_same_bytes_find_it(sessions: sessionmaker[Session]) -> None:
    first = import_report_file(sessions=sessions, actor=SYSTEM, content=sample_bytes(), name=SAMPLE_NAME)
    made = first.imported
    assert made is not None and made.created and first.diff is None and not first.applied
    assert made.tasks > 0 and made.targets > 0 and first.plan_id == made.plan_id
    with transaction(sessions) as s:
        assert s.scalar(select(func.count()).select_from(Task).where(Task.plan_id == made.plan_id)) == made.tasks
    again = import_report_file(sessions=sessions, actor=SYSTEM, content=sample_bytes(), name="另一个名字.txt")
    assert again.imported is None and again.diff is not None
    assert (again.diff.report_id, again.plan_id, again.diff.changes, again.applied) == (
        made.report_id,
        made.plan_id,
        (),
        False,
    )
    assert _reports(sessions) == 1


def test_a_newer_extraction_is_compared_then_applied_when_asked(sessions: sessionmaker[Session]) -> None:
    data = sample_bytes()
    read = extract_report(data, name=SAMPLE_NAME)
    older = copy.deepcopy(read.to_dict())
    older["tasks"][0]["title"] = "旧的任务标题"
    request = ImportReport(source=data, extraction=older, extractor_version="0.0.1", text=read.text, actor=SYSTEM.name)
    plan_id = import_report(sessions=sessions, request=request).plan_id
    shown = import_report_file(sessions=sessions, actor=SYSTEM, content=data, name=SAMPLE_NAME)
    assert shown.diff is not None and not shown.applied
    assert any(c.before == "title=旧的任务标题" for c in shown.diff.changes)
    applied = import_report_file(sessions=sessions, actor=SYSTEM, content=data, name=SAMPLE_NAME, apply=True)
    assert applied.applied and applied.plan_id == plan_id
    with transaction(sessions) as s:
        assert "旧的任务标题" not in {t.title for t in s.scalars(select(Task))}
    after = import_report_file(sessions=sessions, actor=SYSTEM, content=data, name=SAMPLE_NAME, apply=True)
    assert after.diff is not None and after.diff.changes == () and not after.applied


@pytest.mark.parametrize(("content", "zh"), [(b"", "文件为空"), (b"\x00\x01\x02\x03" * 50, "")])
def test_a_file_that_is_not_a_report_is_refused_in_both_languages(
    sessions: sessionmaker[Session], content: bytes, zh: str
) -> None:
    with pytest.raises(UnreadableReport) as refused:
        import_report_file(sessions=sessions, actor=SYSTEM, content=content, name="x.txt")
    assert refused.value.zh and refused.value.en and zh in str(refused.value)
    assert _reports(sessions) == 0


def test_only_a_planner_imports(sessions: sessionmaker[Session]) -> None:
    department = Actor(7, "rsj", UserRole.DEPARTMENT, 1)
    with pytest.raises(PermissionDenied):
        import_report_file(sessions=sessions, actor=department, content=sample_bytes(), name=SAMPLE_NAME)
    with transaction(sessions) as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 0
