"""The offline progress template: downloaded per department and period, filled, uploaded, checked by cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from luoshi.office.offline_reading import read_offline_xlsx
from luoshi.office.offline_xlsx import write_offline_xlsx
from luoshi.office.uploads import MAX_UPLOAD_BYTES, UploadError
from luoshi.services.actors import SYSTEM
from luoshi.services.errors import InvalidState, PermissionDenied
from luoshi.services.plans.editing import TargetCreate, add_target
from luoshi.services.reporting.offline_reports import offline_sheet
from luoshi.services.reporting.offline_upload import upload_offline
from luoshi.services.reporting.progress import ProgressDraft, history, save_draft
from luoshi.vocabulary import ReportState, TargetKind
from tests.office.uploading import BROKEN_FILES, database_state, edited, other_spreadsheet, resaved_by_libreoffice
from tests.services.world import JOBS_DEPT, World, build

PERIOD = "2022-06"


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    """The small published plan, with a growth target added to 稳定扩大就业 (led by 区人力资源和社会保障局)."""
    w = build(sessions)
    growth = TargetCreate(w.tasks["3.2.1"], "居民人均可支配收入", TargetKind.GROWTH, 7.0, "%")
    add_target(sessions=sessions, actor=SYSTEM, request=growth)
    return w


@pytest.fixture
def template(sessions: sessionmaker[Session], world: World, tmp_path: Path) -> Path:
    """The jobs bureau's template for June."""
    path = tmp_path / "报送表.xlsx"
    write_offline_xlsx(offline_sheet(sessions=sessions, department=JOBS_DEPT, period=PERIOD), path)
    return path


def cell(path: Path, task: int, target: str | None, column: str) -> str:
    """The address of a column on the line of a task (and target, by metric) in the template."""
    sheet = load_workbook(path)["进展报送"]
    assert isinstance(sheet, Worksheet)
    for row in range(4, sheet.max_row + 1):
        if sheet[f"A{row}"].value != task:
            continue
        metric = sheet[f"E{row}"].value or ""
        if (target is None and sheet[f"B{row}"].value is None) or (target and metric.startswith(target)):
            return f"{column}{row}"
    raise AssertionError(f"no line for task {task} / {target}")


def filled(path: Path, w: World, **extra: object) -> dict[str, object]:
    """A complete June report of both of the bureau's tasks, plus the test's own cells."""
    jobs, people = w.tasks["3.2.1"], w.tasks["3.2.2"]
    cells = {
        cell(path, jobs, "城镇新增就业", "H"): 3750,
        cell(path, jobs, "城镇登记失业率", "H"): 2.8,
        cell(path, jobs, "居民人均可支配收入", "H"): 6.5,
        cell(path, jobs, None, "J"): "新增就业3750人",
        cell(path, people, None, "I"): 50,
        cell(path, people, None, "J"): "民生实事过半",
        cell(path, people, None, "K"): "资金偏紧",
    }
    return {**cells, **extra}


def test_the_template_lists_the_departments_due_tasks_with_locked_identifiers(template: Path, world: World) -> None:
    book = load_workbook(template)
    sheet = book["进展报送"]
    assert isinstance(sheet, Worksheet)
    assert sheet["A1"].value == f"{JOBS_DEPT}2022年6月进展报送表"
    assert {sheet[f"A{r}"].value for r in range(4, sheet.max_row + 1)} == {world.tasks["3.2.1"], world.tasks["3.2.2"]}
    assert sheet.protection.sheet
    value = cell(template, world.tasks["3.2.1"], "城镇新增就业", "H")
    assert sheet[value].protection.locked is False and sheet["A4"].protection.locked is True
    assert sheet["A2"].value.startswith("江城区") is False and "填写说明" in sheet["A2"].value
    assert {dv.type for dv in sheet.data_validations.dataValidation} == {"whole", "decimal"}
    assert book["luoshi"].sheet_state == "hidden"


def test_a_filled_template_saves_drafts_as_the_department(
    sessions: sessionmaker[Session], world: World, template: Path
) -> None:
    path = edited(template, template.with_name("填.xlsx"), filled(template, world))
    result = upload_offline(sessions=sessions, actor=world.jobs, upload=read_offline_xlsx(path.read_bytes()))
    assert (result.saved, result.submitted, result.problems) == (2, 0, ())
    [report] = history(sessions=sessions, actor=world.jobs, task_id=world.tasks["3.2.1"])
    assert (report.state, report.author_id, report.progress_text) == (
        ReportState.DRAFT,
        world.jobs.user_id,
        "新增就业3750人",
    )
    assert report.values[world.targets["城镇新增就业"]] == 3750


def test_submit_sends_the_reports_for_review(sessions: sessionmaker[Session], world: World, template: Path) -> None:
    path = edited(template, template.with_name("填.xlsx"), filled(template, world))
    upload = read_offline_xlsx(path.read_bytes())
    assert upload_offline(sessions=sessions, actor=world.jobs, upload=upload, submit_reports=True).submitted == 2
    [report] = history(sessions=sessions, actor=world.jobs, task_id=world.tasks["3.2.2"])
    assert (report.state, report.percent, report.problems) == (ReportState.SUBMITTED, 50, "资金偏紧")


def test_an_existing_draft_is_filled_in_and_updated(
    sessions: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    draft = ProgressDraft(world.tasks["3.2.2"], PERIOD, percent=20, progress_text="起步")
    save_draft(sessions=sessions, actor=world.jobs, draft=draft)
    path = tmp_path / "t.xlsx"
    write_offline_xlsx(offline_sheet(sessions=sessions, department=JOBS_DEPT, period=PERIOD), path)
    percent = cell(path, world.tasks["3.2.2"], None, "I")
    assert load_workbook(path)["进展报送"][percent].value == 20
    upload_offline(
        sessions=sessions, actor=world.jobs, upload=read_offline_xlsx(edited(path, path, {percent: 60}).read_bytes())
    )
    [report] = history(sessions=sessions, actor=world.jobs, task_id=world.tasks["3.2.2"])
    assert (report.percent, report.version) == (60, 2)


def test_a_percent_typed_as_such_in_excel_is_read_as_points(
    sessions: sessionmaker[Session], world: World, template: Path
) -> None:
    path = edited(template, template.with_name("填.xlsx"), filled(template, world))
    book = load_workbook(path)
    rate = book["进展报送"][cell(path, world.tasks["3.2.1"], "城镇登记失业率", "H")]
    rate.value, rate.number_format = 0.028, "0.0%"
    book.save(path)
    upload_offline(sessions=sessions, actor=world.jobs, upload=read_offline_xlsx(path.read_bytes()))
    [report] = history(sessions=sessions, actor=world.jobs, task_id=world.tasks["3.2.1"])
    assert report.values[world.targets["城镇登记失业率"]] == pytest.approx(2.8)


# (task key, target metric or None for the task's line, column, what is typed) → the message at that cell
CELL_ERRORS = [
    ("3.2.1", "居民人均可支配收入", "H", "约7", "增长率应为百分数"),
    ("3.2.1", "居民人均可支配收入", "H", 2000, "为增长率（%），应在-100%至1000%之间"),
    ("3.2.1", "城镇登记失业率", "H", 120, "为比率（%），应在0至100之间"),
    ("3.2.1", "城镇新增就业", "H", 3750.5, "以“人”计，应为整数"),
    ("3.2.1", "城镇新增就业", "H", -5, "不能为负数"),
    ("3.2.2", None, "I", 150, "完成百分比应在0至100之间"),
    ("3.2.2", None, "I", "一半", "完成百分比应为0至100的数字"),
    ("3.2.1", "城镇新增就业", "B", 99999, "目标编号「99999」不属于该任务"),
    ("3.2.1", "城镇新增就业", "A", 99999, "任务编号「99999」不在本计划中"),
]


@pytest.mark.parametrize(("task", "target", "column", "typed", "message"), CELL_ERRORS)
def test_a_bad_cell_is_named_and_nothing_is_saved(
    sessions: sessionmaker[Session],
    engine: Engine,
    world: World,
    template: Path,
    task: str,
    target: str | None,
    column: str,
    typed: object,
    message: str,
) -> None:
    address = cell(template, world.tasks[task], target, column)
    path = edited(template, template.with_name("错.xlsx"), filled(template, world, **{address: typed}))
    before = database_state(engine)
    result = upload_offline(sessions=sessions, actor=world.jobs, upload=read_offline_xlsx(path.read_bytes()))
    assert next(str(p) for p in result.problems if p.address == address).startswith(f"{address}：")
    assert any(message in str(p) for p in result.problems), [str(p) for p in result.problems]
    assert result.saved == 0 and database_state(engine) == before


def test_submitting_without_the_narrative_names_the_cell(
    sessions: sessionmaker[Session], engine: Engine, world: World, template: Path
) -> None:
    text = cell(template, world.tasks["3.2.2"], None, "J")
    path = edited(template, template.with_name("错.xlsx"), filled(template, world, **{text: None}))
    before = database_state(engine)
    result = upload_offline(
        sessions=sessions, actor=world.jobs, upload=read_offline_xlsx(path.read_bytes()), submit_reports=True
    )
    assert [str(p) for p in result.problems] == [f"{text}：提交前请填写进展情况"]
    assert database_state(engine) == before


def test_lines_for_another_departments_task_are_refused(
    sessions: sessionmaker[Session], engine: Engine, world: World, template: Path
) -> None:
    # The park's task 3.1.1 typed over the jobs bureau's second task line.
    address = cell(template, world.tasks["3.2.2"], None, "A")
    path = edited(template, template.with_name("错.xlsx"), filled(template, world, **{address: world.tasks["3.1.1"]}))
    before = database_state(engine)
    result = upload_offline(sessions=sessions, actor=world.jobs, upload=read_offline_xlsx(path.read_bytes()))
    assert f"{address}：「强力推进园区建设」不是本单位牵头的任务，不能报送" in [str(p) for p in result.problems]
    assert database_state(engine) == before


def test_another_departments_account_cannot_upload_the_template(
    sessions: sessionmaker[Session], engine: Engine, world: World, template: Path
) -> None:
    path = edited(template, template.with_name("填.xlsx"), filled(template, world))
    before = database_state(engine)
    with pytest.raises(PermissionDenied, match=f"这是「{JOBS_DEPT}」的报送表"):
        upload_offline(sessions=sessions, actor=world.park, upload=read_offline_xlsx(path.read_bytes()))
    assert database_state(engine) == before


def test_a_template_saved_by_libreoffice_reads_the_same(world: World, template: Path, tmp_path: Path) -> None:
    path = edited(template, tmp_path / "填.xlsx", filled(template, world))
    assert read_offline_xlsx(resaved_by_libreoffice(path, tmp_path).read_bytes()) == read_offline_xlsx(
        path.read_bytes()
    )


def test_files_that_are_not_the_template_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match="不是 luoshi 的离线报送表"):
        read_offline_xlsx(other_spreadsheet(tmp_path / "other.xlsx"))
    for data in BROKEN_FILES.values():
        with pytest.raises(UploadError, match=r"文件已损坏或不是 \.xlsx 表格|文件为空"):
            read_offline_xlsx(data)
    with pytest.raises(UploadError, match="文件过大"):
        read_offline_xlsx(b"PK" + b"\x00" * MAX_UPLOAD_BYTES)


def test_an_unpublished_plan_takes_no_reports(sessions: sessionmaker[Session], engine: Engine, tmp_path: Path) -> None:
    w = build(sessions, publish=False)
    path = tmp_path / "t.xlsx"
    write_offline_xlsx(offline_sheet(sessions=sessions, department=JOBS_DEPT, period=PERIOD), path)
    before = database_state(engine)
    with pytest.raises(InvalidState, match="计划尚未发布"):
        upload_offline(sessions=sessions, actor=w.jobs, upload=read_offline_xlsx(path.read_bytes()))
    assert database_state(engine) == before
