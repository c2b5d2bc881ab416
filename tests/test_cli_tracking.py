"""The tracking commands: init, users, import (twice, and a newer extraction), plan show, status and demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from luoshi.cli import main
from luoshi.extraction import extract_report
from luoshi.services.accounts import passwords
from luoshi.services.operations.demo import DEMO_DATE
from luoshi.services.plans import report_file
from luoshi.storage import make_engine, session_factory, transaction
from luoshi.storage.models import AuditEvent, ProgressReport, Report
from luoshi.vocabulary import ReportState
from tests.services.conftest import CHEAP


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_HASHER", CHEAP)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'luoshi.db'}"
    assert main(["init", "--database", url]) == 0
    return url


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_commands_refuse_a_database_not_initialised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.db").touch()
    code, _, err = _run(capsys, "status", "--database", f"sqlite:///{tmp_path / 'empty.db'}")
    assert code == 2
    zh, en = "数据库尚未初始化，请先运行 luoshi init", "the database is not initialised: run luoshi init"
    assert err.strip() == f"luoshi: 错误：{zh} / error: {en}"


@pytest.mark.parametrize("command", [["status"], ["plan", "show"], ["users", "list"], ["backup", "x.zip"]])
def test_commands_refuse_a_missing_database_file_and_do_not_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "new.db"
    code, _, err = _run(capsys, *command, "--database", f"sqlite:///{missing}")
    assert code == 2 and "数据库文件不存在，请先运行 luoshi init" in err
    assert not missing.exists()


def test_init_twice_seeds_once(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert _run(capsys, "init", "--database", db)[1].startswith("数据库已就绪，新增部门0个")


def test_users(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    add = ["users", "add", "rsj", "--role", "department", "--department", "区人力资源和社会保障局"]
    assert _run(capsys, *add, "--password", "rsj-password", "--database", db)[0] == 0
    code, _, err = _run(capsys, *add, "--password", "rsj-password", "--database", db)
    assert code == 2 and "用户名「rsj」已存在" in err
    code, _, err = _run(
        capsys, "users", "add", "x1", "--role", "department", "--password", "12345678", "--database", db
    )
    assert code == 2 and "必须指定所属部门" in err
    assert _run(capsys, "users", "passwd", "rsj", "--password", "another-password", "--database", db)[0] == 0
    assert _run(capsys, "users", "disable", "rsj", "--database", db)[0] == 0
    code, out, _ = _run(capsys, "users", "list", "--database", db)
    assert code == 0 and "rsj" in out and "区人力资源和社会保障局" in out and "停用" in out
    code, _, err = _run(capsys, "users", "disable", "nobody", "--database", db)
    assert code == 2 and "用户「nobody」不存在" in err


def test_import_twice_is_one_report_then_plan_show(
    db: str, tmp_path: Path, seed_bytes: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "jiangcheng-2021.txt"
    report.write_bytes(seed_bytes)
    code, out, _ = _run(capsys, "import", str(report), "--database", db)
    assert code == 0 and "已导入报告#1，生成草稿计划#1" in out and "任务25项" in out
    code, out, _ = _run(capsys, "import", str(report), "--database", db)
    assert code == 0 and "提取结果无变化" in out
    engine = make_engine(db)
    with transaction(session_factory(engine)) as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 1
    engine.dispose()
    code, out, _ = _run(capsys, "plan", "show", "--database", db)
    assert code == 0 and "任务分解表 / Tasks (25)" in out and "强力推进园区建设" in out and "草稿" in out
    assert "地区生产总值增长9%以上" in out


def test_import_of_a_non_report_changes_nothing(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = _run(capsys, "import", str(empty), "--database", db)
    assert code == 2 and "文件为空" in err
    code, _, err = _run(capsys, "plan", "show", "--database", db)
    assert code == 2 and "尚无计划" in err


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One demo database for the demo tests (loading it takes a few seconds)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_HASHER", CHEAP)
        assert main(["demo", "--database", url]) == 0
    yield url


def test_demo_prints_the_accounts(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "users", "list", "--database", demo)
    assert code == 0 and "Users (40)" in out
    for role in ("系统管理员", "督查室", "领导", "责任单位"):
        assert role in out


def test_demo_shows_every_lamp_a_returned_report_and_a_late_department(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "status", "--as-of", DEMO_DATE.isoformat(), "--database", demo)
    assert code == 0
    for word in ("● 已完成", "● 未开始", "● 绿灯", "● 黄灯", "● 红灯", "未报送", "逾期", "及时率"):
        assert word in out, word
    engine = make_engine(demo)
    with transaction(session_factory(engine)) as s:
        states = {r.state for r in s.scalars(select(ProgressReport))}
        returns = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "return"))
    engine.dispose()
    assert ReportState.RETURNED in states and returns == 2
    assert "区卫生健康局" in out and "及时率63.6%" in out


def test_demo_refuses_a_database_with_a_plan(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "demo", "--database", demo)
    assert code == 2 and "已有计划" in err


def test_status_date_is_checked(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["status", "--as-of", "2022-13-01", "--database", demo])
    assert exit_.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_newer_extraction_is_shown_then_applied(
    db: str, tmp_path: Path, seed_bytes: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "jiangcheng-2021.txt"
    report.write_bytes(seed_bytes)
    assert _run(capsys, "import", str(report), "--database", db)[0] == 0

    def newer(data: bytes, name: str) -> Any:
        """The extractor of a later release: it words the first task's title differently."""
        result = extract_report(data, name=name)
        changed = result.to_dict()
        changed["tasks"][0]["title"] = "毫不放松抓好常态化疫情防控"
        return SimpleNamespace(to_dict=lambda: changed, text=result.text)

    monkeypatch.setattr(report_file, "extract_report", newer)
    monkeypatch.setattr(report_file, "EXTRACTOR_VERSION", "9.9.9")
    code, out, _ = _run(capsys, "import", str(report), "--database", db)
    assert code == 0 and "修改任务" in out and "毫不放松抓好常态化疫情防控" in out and "--apply" in out
    assert "毫不放松" not in _run(capsys, "plan", "show", "--database", db)[1]
    code, out, _ = _run(capsys, "import", str(report), "--apply", "--database", db)
    assert code == 0 and "已应用1项变更" in out
    assert "毫不放松抓好常态化疫情防控" in _run(capsys, "plan", "show", "--database", db)[1]
    assert "提取结果无变化" in _run(capsys, "import", str(report), "--database", db)[1]
