"""`luoshi export …`: files written on success; a clear Chinese message and nothing written on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from luoshi.cli import main
from luoshi.storage import transaction
from luoshi.storage.models import Plan
from luoshi.vocabulary import PlanStatus
from tests.office.builders import Built


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["breakdown"], "分解表.xlsx"),
        (["bulletin", "--period", "2022-06"], "通报.docx"),
        (["bulletin", "--period", "2022-06"], "通报.xlsx"),
    ],
)
def test_an_export_writes_its_file(database_url: str, built: Built, tmp_path: Path, args: list[str], name: str) -> None:
    out = tmp_path / name
    assert main(["export", *args, "--out", str(out), "--database", database_url, "--plan", str(built.plan_id)]) == 0
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_newest_plan_is_taken_by_default(database_url: str, built: Built, tmp_path: Path) -> None:
    out = tmp_path / "分解表.xlsx"
    assert main(["export", "breakdown", "--out", str(out), "--database", database_url]) == 0
    sheet = load_workbook(out).active
    assert sheet is not None and str(sheet["A1"].value).endswith("分解表")


def test_open_data_of_the_newest_plan_fills_a_new_folder_once_published(
    sessions: sessionmaker[Session], database_url: str, built: Built, tmp_path: Path
) -> None:
    with transaction(sessions) as s:
        s.execute(update(Plan).where(Plan.id == built.plan_id).values(status=PlanStatus.PUBLISHED))
    out = tmp_path / "data"
    assert main(["export", "data", "--out", str(out), "--database", database_url]) == 0
    assert (out / "tasks.csv").is_file() and (out / "index.json").is_file()


REFUSALS = [
    (["breakdown", "--out", "{tmp}/x.csv"], "输出文件应为 .xlsx 格式"),
    (["breakdown", "--out", "{tmp}/missing/x.xlsx"], "输出目录不存在"),
    (["breakdown", "--out", "{tmp}/x.xlsx", "--plan", "999"], "找不到计划 999"),
    (["bulletin", "--period", "2022-13", "--out", "{tmp}/x.docx"], "统计期间格式不正确"),
    (["bulletin", "--period", "2022-06", "--out", "{tmp}/x.pdf"], "输出文件应为 .docx 或 .xlsx 格式"),
    (["bulletin", "--period", "2019-06", "--out", "{tmp}/x.xlsx"], "早于计划年度"),
    (["data", "--out", "{tmp}/full"], "输出目录已存在且不为空"),
    (["data", "--out", "{tmp}/new"], "尚未发布（草稿）"),
    (["data", "--out", "{tmp}/new", "--plan", "999"], "找不到计划 999"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_bad_input_is_refused_and_nothing_is_written(
    database_url: str,
    built: Built,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    argv = ["export", *[a.format(tmp=tmp_path) for a in args], "--database", database_url]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_missing_database_file_is_refused_and_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    url = f"sqlite:///{missing}"
    assert main(["export", "breakdown", "--out", str(tmp_path / "x.xlsx"), "--database", url]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not missing.exists()


def test_a_database_never_initialised_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    url = f"sqlite:///{empty}"
    out = tmp_path / "x.docx"
    assert main(["export", "bulletin", "--period", "2022-06", "--out", str(out), "--database", url]) == 2
    assert "数据库尚未初始化，请先运行 luoshi init" in capsys.readouterr().err
    assert not out.exists()
