"""Backup and restore: a round trip into fresh SQLite and PostgreSQL databases keeps every record and byte."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from luoshi.cli import main
from luoshi.extraction import EXTRACTOR_VERSION
from luoshi.services.operations.archive import MANIFEST, BackupError
from luoshi.services.operations.backup import back_up
from luoshi.services.operations.restore import restore
from luoshi.storage import make_engine, session_factory, snapshot, transaction
from luoshi.storage.audit import record_event
from luoshi.storage.models import Department, Milestone, User
from luoshi.storage.models.access import ApiToken, LoginAttempt, WebSession
from luoshi.storage.portable import to_portable
from luoshi.vocabulary import UserRole
from tests.databases import BACKENDS, fresh_database
from tests.office.builders import Built


def _everything(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, binary values as raw bytes, times in UTC: what must survive a round trip."""
    with snapshot.read_transaction(engine) as connection:
        return {
            table.name: [
                {
                    c.name: row[c.name] if isinstance(row[c.name], bytes) else to_portable(c, row[c.name])
                    for c in table.columns
                }
                for row in snapshot.rows_of(connection, table)
            ]
            for table in snapshot.tables()
        }


@pytest.fixture
def source(engine: Engine, built: Built) -> Engine:
    """The built plan plus a user with a web session, an API token and a failed login, a milestone and an
    audit event by that user, so every table has rows."""
    sessions = session_factory(engine)
    with transaction(sessions) as s:
        department = s.scalars(select(Department).order_by(Department.id)).first()
        assert department is not None
        user = User(username="dept1", role=UserRole.DEPARTMENT, department_id=department.id, password_hash="x")
        s.add_all([user, Milestone(task_id=built.task_ids[0], title="完成方案", due=date(2022, 3, 31))])
        s.flush()
        later = datetime(2022, 7, 1, 12, 0)
        s.add_all(
            [
                WebSession(user_id=user.id, token_hash="a" * 64, expires_at=later),
                ApiToken(user_id=user.id, name="数据接口", token_hash="b" * 64),
                LoginAttempt(username=user.username, address="127.0.0.1"),
            ]
        )
        record_event(s, actor=user.username, actor_id=user.id, action="login", record=user)
    return engine


@pytest.fixture(params=BACKENDS)
def target_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, blank database of each switched-on backend to restore into."""
    with fresh_database(str(request.param), tmp_path) as url:
        yield url


def test_a_round_trip_keeps_every_record_and_byte(source: Engine, target_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    made = back_up(engine=source, path=archive)
    assert made.files == 2 and all(made.rows.values()), "every table holds rows, both binary files are out"
    assert [r["text_version"] for r in _everything(source)["report"]] == [EXTRACTOR_VERSION], "the text goes too"
    loaded = restore(url=target_url, path=archive)
    assert loaded.rows == made.rows
    target = make_engine(target_url)
    try:
        assert _everything(target) == _everything(source)
    finally:
        target.dispose()


def test_a_restored_database_goes_on_numbering_and_keeps_the_audit_trail_append_only(
    source: Engine, target_url: str, tmp_path: Path
) -> None:
    back_up(engine=source, path=tmp_path / "backup.zip")
    restore(url=target_url, path=tmp_path / "backup.zip")
    target = make_engine(target_url)
    try:
        with transaction(session_factory(target)) as s:
            highest = s.scalar(select(func.max(Department.id)))
            added = Department(name="新设部门", keywords=["新设"])
            s.add(added)
            s.flush()
            assert added.id == (highest or 0) + 1
        with pytest.raises(DBAPIError, match="append-only"), target.begin() as connection:
            connection.execute(text("DELETE FROM audit_event"))
    finally:
        target.dispose()


def test_a_non_empty_database_is_refused_and_left_alone(source: Engine, database_url: str, tmp_path: Path) -> None:
    back_up(engine=source, path=tmp_path / "backup.zip")
    before = _everything(source)
    with pytest.raises(BackupError, match=r"目标数据库不为空.*只能恢复到空数据库"):
        restore(url=database_url, path=tmp_path / "backup.zip")
    assert _everything(source) == before


def _rewritten(archive: Path, out: Path, change: dict[str, bytes]) -> Path:
    """A copy of the archive with some members replaced."""
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            new.writestr(name, change.get(name, old.read(name)))
    return out


def _with_manifest(archive: Path, out: Path, **fields: Any) -> Path:
    """A copy whose manifest has some fields changed."""
    with zipfile.ZipFile(archive) as old:
        manifest = json.loads(old.read(MANIFEST))
    return _rewritten(archive, out, {MANIFEST: json.dumps({**manifest, **fields}).encode()})


BROKEN = [
    ("not-a-zip", "不是落实备份文件（无法作为 zip 打开）"),
    ("no-manifest", "缺少 manifest.json"),
    ("tampered", "data/task.json 的校验值不符"),
    ("wrong-format", "格式应为 luoshi.backup/1"),
    ("other-revision", "备份的数据库结构版本 0099 与程序版本"),
]


@pytest.mark.parametrize(("case", "message"), BROKEN)
def test_a_broken_archive_is_refused_before_anything_is_written(
    source: Engine, tmp_path: Path, case: str, message: str
) -> None:
    good = tmp_path / "good.zip"
    back_up(engine=source, path=good)
    bad = tmp_path / "bad.zip"
    if case == "not-a-zip":
        bad.write_bytes(b"PK not really")
    elif case == "no-manifest":
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr("data/task.json", "[]")
    elif case == "tampered":
        _rewritten(good, bad, {"data/task.json": b"[]"})
    elif case == "wrong-format":
        _with_manifest(good, bad, format="other/1")
    else:
        _with_manifest(good, bad, revision="0099")
    target = tmp_path / "target.db"
    with pytest.raises(BackupError, match=message):
        restore(url=f"sqlite:///{target}", path=bad)
    assert not target.exists()


def test_the_snapshot_is_one_consistent_read(source: Engine) -> None:
    sessions = session_factory(source)
    with snapshot.read_transaction(source) as connection:
        first = connection.execute(select(func.count()).select_from(Department)).scalar()
        with transaction(sessions) as s:
            s.add(Department(name="读取期间新增", keywords=["新增"]))
        again = connection.execute(select(func.count()).select_from(Department)).scalar()
    assert again == first


def test_the_command_line_backs_up_and_restores(
    source: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive, target = tmp_path / "luoshi.zip", tmp_path / "restored.db"
    assert main(["backup", str(archive), "--database", database_url]) == 0
    assert main(["restore", str(archive), "--database", f"sqlite:///{target}"]) == 0
    assert main(["restore", str(archive), "--database", f"sqlite:///{target}"]) == 2
    assert "目标数据库不为空" in capsys.readouterr().err


def test_a_failed_restore_leaves_no_new_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "junk.zip").write_bytes(b"junk")
    target = tmp_path / "new.db"
    assert main(["restore", str(tmp_path / "junk.zip"), "--database", f"sqlite:///{target}"]) == 2
    assert "不是落实备份文件" in capsys.readouterr().err
    assert not target.exists()


def test_an_uninitialised_database_has_nothing_to_back_up(tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        with pytest.raises(BackupError, match="数据库尚未初始化"):
            back_up(engine=engine, path=tmp_path / "b.zip")
    finally:
        engine.dispose()
    assert not (tmp_path / "b.zip").exists()
