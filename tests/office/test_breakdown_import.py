"""The breakdown table uploaded back: a preview of each change, one transaction to apply, nothing on any error."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.office.breakdown import write_breakdown_xlsx
from luoshi.office.breakdown_reading import read_breakdown_xlsx
from luoshi.office.uploads import MAX_UPLOAD_BYTES, UploadError
from luoshi.services.actors import SYSTEM
from luoshi.services.exports.breakdown import plan_breakdown
from luoshi.services.exports.breakdown_upload import apply_breakdown_import, preview_breakdown_import
from luoshi.services.plans.assigning import TaskSchedule, departments_of, schedule
from luoshi.storage import ConflictError, transaction
from luoshi.storage.models import AuditEvent, Task
from tests.office.builders import Built
from tests.office.uploading import BROKEN_FILES, Copy, database_state, edited, other_spreadsheet, resaved_by_libreoffice

# In the exported table of the bundled plan: row 12 is task 1, row 13 task 2, row 14 task 3; row 4 is ★1.
EDITS = {"C12": "张副区长", "D13": "区财政局", "E13": "区发展和改革局、区审计局", "F14": "2022年9月30日"}


@pytest.fixture
def exported(sessions: sessionmaker[Session], built: Built, tmp_path: Path) -> Path:
    """The plan's breakdown table as `luoshi export breakdown` writes it."""
    path = tmp_path / "分解表.xlsx"
    write_breakdown_xlsx(plan_breakdown(sessions=sessions, plan_id=built.plan_id), path)
    return path


def _preview(sessions: sessionmaker[Session], path: Path) -> list[tuple[int, str, str, str]]:
    """(row, column, old, new) of every change the file makes."""
    preview = preview_breakdown_import(sessions=sessions, lines=read_breakdown_xlsx(path.read_bytes()))
    assert preview.errors == ()
    return [(c.row, f.column, f.old, f.new) for c in preview.changes for f in c.fields]


def test_an_unedited_table_changes_nothing(sessions: sessionmaker[Session], exported: Path) -> None:
    assert _preview(sessions, exported) == []


def test_the_preview_lists_each_field_old_and_new(sessions: sessionmaker[Session], exported: Path) -> None:
    changes = _preview(sessions, edited(exported, exported.with_name("改.xlsx"), EDITS))
    assert [(row, column, new) for row, column, _, new in changes] == [
        (12, "牵头领导", "张副区长"),
        (13, "牵头单位", "区财政局"),
        (13, "配合单位", "区发展和改革局、区审计局"),
        (14, "完成时限", "2022年9月30日"),
    ]
    assert changes[-1][2] == "2022年底"


def test_applying_changes_the_tasks_through_the_audited_services(
    sessions: sessionmaker[Session], built: Built, exported: Path
) -> None:
    lines = read_breakdown_xlsx(edited(exported, exported.with_name("改.xlsx"), EDITS).read_bytes())
    preview = preview_breakdown_import(sessions=sessions, lines=lines)
    assert apply_breakdown_import(sessions=sessions, actor=SYSTEM, preview=preview) == 3
    first, second, third = built.task_ids[:3]
    with transaction(sessions) as s:
        assert s.get_one(Task, first).lead_leader == "张副区长"
        assert str(s.get_one(Task, third).deadline) == "2022-09-30"
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.record_id == second)))
    assert departments_of(sessions=sessions, task_id=second) == ("区财政局", ("区发展和改革局", "区审计局"))
    assert "assign" in actions
    # Applied, the same file is now what the plan says.
    assert preview_breakdown_import(sessions=sessions, lines=lines).changes == ()


def test_a_task_edited_after_the_preview_fails_the_whole_import(
    sessions: sessionmaker[Session], built: Built, engine: Engine, exported: Path
) -> None:
    lines = read_breakdown_xlsx(edited(exported, exported.with_name("改.xlsx"), EDITS).read_bytes())
    preview = preview_breakdown_import(sessions=sessions, lines=lines)
    third = built.task_ids[2]
    with transaction(sessions) as s:
        version = s.get_one(Task, third).version
    schedule(sessions=sessions, actor=SYSTEM, request=TaskSchedule(third, version, lead_leader="李副区长"))
    before = database_state(engine)
    with pytest.raises(ConflictError):
        apply_breakdown_import(sessions=sessions, actor=SYSTEM, preview=preview)
    # The first two tasks' changes were made before the conflict and rolled back with it.
    assert database_state(engine) == before


ROW_ERRORS = [
    ({"D12": "区财政厅"}, "第12行：牵头单位「区财政厅」不在部门名录中，是否为：区财政局"),
    ({"E12": "发改局"}, "第12行：配合单位「发改局」不在部门名录中"),
    ({"F12": "2022年13月1日"}, "第12行：完成时限：日期「2022年13月1日」不存在"),
    ({"F12": "明年春天"}, "第12行：完成时限：日期「明年春天」无法识别"),
    ({"F12": "2021-06-30"}, "第12行：完成时限2021年6月30日早于计划年度2022年"),
    ({"F12": None}, "第12行：完成时限不能为空"),
    ({"B12": "另一项任务"}, "第12行：序号1的目标任务与系统不符"),
    ({"A12": "999"}, "第12行：序号「999」在当前计划中不存在"),
    ({"A13": "1", "B13": Copy("B12")}, "第13行：序号1与第12行重复"),
    ({"D12": "区财政局、区审计局"}, "第12行：牵头单位只能填写一个"),
    ({"D12": None}, "第12行：牵头单位不能为空"),
    ({"D12": "区财政局", "E12": "区财政局"}, "第12行：「区财政局」不能既是牵头单位又是配合单位"),
    ({"D4": "区统计局"}, "第4行：主要预期目标（★1）的牵头领导、单位和完成时限不在分解表中修改"),
]


@pytest.mark.parametrize(("cells", "message"), ROW_ERRORS)
def test_a_bad_row_is_reported_with_its_number_and_nothing_applies(
    sessions: sessionmaker[Session], engine: Engine, exported: Path, cells: dict[str, object], message: str
) -> None:
    # A good edit beside the bad one: it is not applied either.
    path = edited(exported, exported.with_name("错.xlsx"), {"C14": "张副区长", **cells})
    preview = preview_breakdown_import(sessions=sessions, lines=read_breakdown_xlsx(path.read_bytes()))
    assert any(str(e).startswith(message) for e in preview.errors), [str(e) for e in preview.errors]
    before = database_state(engine)
    with pytest.raises(ValueError, match="未作任何修改"):
        apply_breakdown_import(sessions=sessions, actor=SYSTEM, preview=preview)
    assert database_state(engine) == before


def test_a_table_saved_by_libreoffice_reads_the_same(
    sessions: sessionmaker[Session], exported: Path, tmp_path: Path
) -> None:
    path = edited(exported, tmp_path / "改.xlsx", EDITS)
    assert _preview(sessions, resaved_by_libreoffice(path, tmp_path)) == _preview(sessions, path)


def test_files_that_are_not_the_table_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match="不是重点任务分解表"):
        read_breakdown_xlsx(other_spreadsheet(tmp_path / "other.xlsx"))
    for data in BROKEN_FILES.values():
        with pytest.raises(UploadError, match=r"文件已损坏或不是 \.xlsx 表格|文件为空"):
            read_breakdown_xlsx(data)
    with pytest.raises(UploadError, match="文件过大"):
        read_breakdown_xlsx(b"PK" + b"\x00" * MAX_UPLOAD_BYTES)
