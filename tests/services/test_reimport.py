"""A newer extraction of an imported report: the differences are shown; applying adds and edits, never drops."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import SYSTEM
from luoshi.services.errors import PermissionDenied
from luoshi.services.plans.assigning import departments_of
from luoshi.services.plans.importing import ImportReport
from luoshi.services.plans.reimport import Change, apply_import, compare_import
from luoshi.services.reporting.progress import ProgressDraft, save_draft
from luoshi.storage import transaction
from luoshi.storage.models import ProgressReport, Report, Target, Task
from tests.services.test_import_report import EXTRACTION, SOURCE, TEXT
from tests.services.world import JOBS_DEPT, at, build

# A newer reader keeps three more characters at the top: every quote offset moves by three.
NEWER_TEXT = "【新】" + TEXT
SHIFT = 3


def _newer() -> ImportReport:
    """The same file read by a newer extractor: one title reworded, one value changed, one task more, one gone,
    and the text three characters longer at the top."""
    data: dict[str, Any] = copy.deepcopy(EXTRACTION)
    for item in data["targets"] + data["tasks"]:
        for key in ("start", "end"):
            if item.get(key) is not None:
                item[key] += SHIFT
    data["tasks"][0]["title"] = "加快园区扩容提质"
    data["targets"][2]["value"] = 4
    data["targets"].append(
        {**data["targets"][3], "metric": "新增技能人才", "value": 2000, "quote": "新增技能人才2000人", "start": None}
    )
    data["tasks"].append(
        {**data["tasks"][1], "id": "3.2.3", "title": "加强技能培训", "targets": [len(data["targets"]) - 1]}
    )
    del data["tasks"][2]  # 3.2.2 办好民生实事 is no longer found
    return ImportReport(source=SOURCE, extraction=data, extractor_version="0.2.0", text=NEWER_TEXT, actor="督查室")


def test_nothing_to_compare_before_the_first_import(sessions: sessionmaker[Session]) -> None:
    assert compare_import(sessions=sessions, request=_newer()) is None


def test_the_same_extraction_shows_no_change(sessions: sessionmaker[Session]) -> None:
    build(sessions)
    same = ImportReport(source=SOURCE, extraction=EXTRACTION, extractor_version="0.1.0", text=TEXT, actor="督查室")
    diff = compare_import(sessions=sessions, request=same)
    assert diff is not None and diff.changes == () and diff.kept == ()


def test_compare_shows_and_apply_changes_only_additions_and_edits(sessions: sessionmaker[Session]) -> None:
    w = build(sessions)
    save_draft(
        sessions=sessions,
        actor=w.jobs,
        draft=ProgressDraft(w.tasks["3.2.2"], "2022-06", percent=40, progress_text="推进中"),
        at=at(7, 1),
    )
    diff = compare_import(sessions=sessions, request=_newer())
    assert diff is not None
    assert (diff.extractor_before, diff.extractor_after) == ("0.1.0", "0.2.0")
    assert diff.changes == (
        Change("修改任务", "3.1.1 强力推进园区建设", "title=强力推进园区建设", "title=加快园区扩容提质"),
        Change("修改目标", "3.1.1 扩园", "value=3", "value=4"),
        Change("新增任务", "3.2.3 加强技能培训"),
        Change("新增目标", "3.2.3 新增技能人才", after="新增技能人才 >=2000人"),
    )
    assert diff.kept == ("3.2.2 办好民生实事",)
    with transaction(sessions) as s:  # comparing changed nothing
        assert s.scalar(select(func.count()).select_from(Task)) == 3
    applied = apply_import(sessions=sessions, actor=SYSTEM, request=_newer())
    assert applied.changes == diff.changes
    with transaction(sessions) as s:
        tasks = {t.key: t for t in s.scalars(select(Task))}
        assert set(tasks) == {"3.1.1", "3.2.1", "3.2.2", "3.2.3"}
        assert tasks["3.1.1"].title == "加快园区扩容提质"
        assert s.get_one(Target, w.targets["扩园"]).value == 4
        assert [t.metric for t in tasks["3.2.3"].targets] == ["新增技能人才"]
        assert s.scalar(select(func.count()).select_from(ProgressReport)) == 1
        report = s.scalars(select(Report)).one()
        assert (report.extractor_version, report.text, report.text_version) == ("0.2.0", NEWER_TEXT, "0.2.0")
        # The offsets follow the stored text: the kept ones moved, the added task has its own.
        assert (tasks["3.1.1"].quote_start, tasks["3.1.1"].quote_end) == (55 + SHIFT, 78 + SHIFT)
        moved = s.get_one(Target, w.targets["扩园"])
        assert (moved.quote_start, moved.quote_end) == (60 + SHIFT, 67 + SHIFT)
        assert (tasks["3.2.3"].quote_start, tasks["3.2.3"].quote_end) == (79 + SHIFT, 110 + SHIFT)
    assert departments_of(sessions=sessions, task_id=w.tasks["3.2.2"])[0] == JOBS_DEPT
    again = compare_import(sessions=sessions, request=_newer())
    assert again is not None and again.changes == ()


def test_applying_needs_a_planner(sessions: sessionmaker[Session]) -> None:
    w = build(sessions)
    with pytest.raises(PermissionDenied):
        apply_import(sessions=sessions, actor=w.jobs, request=_newer())
