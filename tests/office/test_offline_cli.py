"""`luoshi offline-template` and `luoshi offline-upload`: the round trip, and refusals that change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from luoshi.cli import main
from luoshi.office.uploads import MAX_UPLOAD_BYTES
from luoshi.services.reporting.progress import history
from luoshi.vocabulary import ReportState
from tests.office.test_offline import cell, filled
from tests.office.test_offline import world as world  # the fixture, used by name
from tests.office.uploading import BROKEN_FILES, database_state, edited, other_spreadsheet
from tests.services.world import JOBS_DEPT, World


@pytest.fixture
def template(database_url: str, world: World, tmp_path: Path) -> Path:
    """The jobs bureau's June template, as the command writes it."""
    out = tmp_path / "报送表.xlsx"
    args = ["offline-template", "--department", JOBS_DEPT, "--period", "2022-06", "--out", str(out)]
    assert main([*args, "--database", database_url]) == 0
    return out


def test_download_fill_and_submit(
    sessions: sessionmaker[Session], database_url: str, world: World, template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(template, template.with_name("填.xlsx"), filled(template, world))
    assert main(["offline-upload", str(path), "--user", "rsj", "--submit", "--database", database_url]) == 0
    assert "已提交2项任务的进展" in capsys.readouterr().out
    [report] = history(sessions=sessions, actor=world.jobs, task_id=world.tasks["3.2.1"])
    assert report.state is ReportState.SUBMITTED


def _bad_file(kind: str, template: Path, world: World) -> Path:
    """A file of the kind the case names."""
    path = template.with_name(f"{kind}.xlsx")
    if kind == "other":
        other_spreadsheet(path)
    elif kind == "large":
        path.write_bytes(b"PK" + b"\x00" * MAX_UPLOAD_BYTES)
    elif kind == "cells":
        growth = cell(template, world.tasks["3.2.1"], "居民人均可支配收入", "H")
        edited(template, path, filled(template, world, **{growth: "约7"}))
    elif kind == "foreign task":
        edited(template, path, filled(template, world, **{"A4": world.tasks["3.1.1"]}))
    else:
        path.write_bytes(BROKEN_FILES[kind])
    return path


@pytest.mark.parametrize(
    ("kind", "user", "message"),
    [
        ("other", "rsj", "不是 luoshi 的离线报送表"),
        ("truncated zip", "rsj", "文件已损坏或不是 .xlsx 表格"),
        ("empty", "rsj", "文件为空"),
        ("large", "rsj", "文件过大"),
        ("cells", "rsj", "增长率应为百分数"),
        ("foreign task", "rsj", "A4：「强力推进园区建设」不是本单位牵头的任务"),
        ("cells", "gxj", f"这是「{JOBS_DEPT}」的报送表，不能用其他单位的账号上传"),
    ],
)
def test_a_bad_upload_is_refused_in_chinese_and_changes_nothing(
    database_url: str,
    engine: Engine,
    world: World,
    template: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    user: str,
    message: str,
) -> None:
    path = _bad_file(kind, template, world)
    before = database_state(engine)
    assert main(["offline-upload", str(path), "--user", user, "--submit", "--database", database_url]) == 2
    err = capsys.readouterr().err
    assert message in err and err.strip().splitlines()[-1].startswith("luoshi: 错误：")
    assert database_state(engine) == before


def test_a_department_with_nothing_due_gets_no_file(
    database_url: str, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    args = ["offline-template", "--department", "区审计局", "--period", "2022-06", "--out", str(out)]
    assert main([*args, "--database", database_url]) == 2
    assert "没有待报送的任务" in capsys.readouterr().err and not out.exists()
