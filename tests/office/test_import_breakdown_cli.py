"""`luoshi import-breakdown`: a preview by default, --apply to change; a bad file is refused and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from luoshi.cli import main
from luoshi.office.uploads import MAX_UPLOAD_BYTES
from tests.office.builders import Built
from tests.office.test_breakdown_import import EDITS
from tests.office.uploading import BROKEN_FILES, database_state, edited, other_spreadsheet


@pytest.fixture
def table(database_url: str, built: Built, tmp_path: Path) -> Path:
    """The exported table with the test's edits."""
    out = tmp_path / "分解表.xlsx"
    assert main(["export", "breakdown", "--out", str(out), "--database", database_url]) == 0
    return edited(out, tmp_path / "改.xlsx", EDITS)


def test_the_preview_shows_old_and_new_and_changes_nothing(
    database_url: str, engine: Engine, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = database_state(engine)
    assert main(["import-breakdown", str(table), "--database", database_url]) == 0
    out = capsys.readouterr().out
    assert "3项任务有变更" in out and "完成时限：2022年底 → 2022年9月30日" in out and "--apply" in out
    assert database_state(engine) == before


def test_apply_changes_the_plan(database_url: str, table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-breakdown", str(table), "--apply", "--database", database_url]) == 0
    assert "已修改3项任务" in capsys.readouterr().out
    assert main(["import-breakdown", str(table), "--database", database_url]) == 0
    assert "没有需要修改的内容" in capsys.readouterr().out


def _bad_file(kind: str, folder: Path, table: Path) -> Path:
    """A file of the kind the case names."""
    path = folder / f"{kind}.xlsx"
    if kind == "other":
        other_spreadsheet(path)
    elif kind == "large":
        path.write_bytes(b"PK" + b"\x00" * MAX_UPLOAD_BYTES)
    elif kind == "rows":
        edited(table, path, {"D12": "区财政厅", "F13": "下个月"})
    else:
        path.write_bytes(BROKEN_FILES[kind])
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("other", "不是重点任务分解表"),
        ("truncated zip", "文件已损坏或不是 .xlsx 表格"),
        ("text", "文件已损坏或不是 .xlsx 表格"),
        ("empty", "文件为空"),
        ("large", "文件过大"),
        ("rows", "分解表有2处错误，未作任何修改"),
    ],
)
def test_a_bad_file_is_refused_in_chinese_and_changes_nothing(
    database_url: str,
    engine: Engine,
    table: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    message: str,
) -> None:
    path = _bad_file(kind, tmp_path, table)
    before = database_state(engine)
    assert main(["import-breakdown", str(path), "--apply", "--database", database_url]) == 2
    err = capsys.readouterr().err
    assert message in err and err.strip().splitlines()[-1].startswith("luoshi: 错误：")
    assert database_state(engine) == before
