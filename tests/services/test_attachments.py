"""Attachments: stored by content hash, size and type limits, the type from the bytes, only on open reports."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.errors import InvalidValue, PermissionDenied
from luoshi.services.reporting import attachments
from luoshi.services.reporting.attachments import attach, attachment_content, attachments_of, check_file
from luoshi.services.reporting.progress import ProgressDraft, approve, save_draft, submit
from luoshi.storage import ConflictError, transaction
from luoshi.storage.models import Attachment, AttachmentBlob
from tests.services.world import at, build

PDF = b"%PDF-1.7\n" + bytes(100)


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("进展.pdf", PDF, ("进展.pdf", "application/pdf")),
        ("../../etc/照片.PNG", b"\x89PNG\r\n\x1a\n" + bytes(10), ("照片.PNG", "image/png")),
        ("C:\\Users\\a\\说明.txt", "一切正常".encode(), ("说明.txt", "text/plain; charset=utf-8")),
        ("run.exe", b"MZ" + bytes(10), "类型不允许"),
        ("report.sh", b"#!/bin/sh\nrm -rf /", "类型不允许"),
        ("伪装.pdf", b"MZ\x90\x00", "内容与扩展名不符"),
        ("表格.xlsx", b"\xd0\xcf\x11\xe0" + bytes(10), "内容与扩展名不符"),
        ("空.pdf", b"", "空文件"),
        ("乱码.txt", b"\xff\xfe\x00a", "不是UTF-8文本"),
        ("", PDF, "文件名无效"),
    ],
)
def test_check_file(filename: str, content: bytes, expected: tuple[str, str] | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(InvalidValue, match=expected):
            check_file(filename, content)
    else:
        assert check_file(filename, content) == expected


def test_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_BYTES", 1024)
    check_file("a.pdf", PDF[:1024] + bytes(1024 - len(PDF[:1024])))
    with pytest.raises(InvalidValue, match="上限"):
        check_file("a.pdf", PDF + bytes(1024))


def test_attach_to_an_open_report_once_per_content(sessions: sessionmaker[Session]) -> None:
    w = build(sessions)
    draft = ProgressDraft(w.tasks["3.2.2"], "2022-06", percent=50, progress_text="已完成一半")
    r = save_draft(sessions=sessions, actor=w.jobs, draft=draft, at=at(7, 1))
    first = attach(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version, filename="a.pdf", content=PDF)
    again = attach(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version, filename="b.pdf", content=PDF)
    assert again.id == first.id and first.sha256 == hashlib.sha256(PDF).hexdigest() and first.size == len(PDF)
    with pytest.raises(PermissionDenied):
        attach(sessions=sessions, actor=w.park, report_id=r.id, version=r.version, filename="c.pdf", content=PDF)
    r = submit(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version)
    with pytest.raises(ConflictError):
        attach(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version - 1, filename="d.pdf", content=PDF)
    r = approve(sessions=sessions, actor=w.supervisor, report_id=r.id, version=r.version)
    with pytest.raises(InvalidValue, match="已审核的报送不能再添加附件"):
        attach(sessions=sessions, actor=w.jobs, report_id=r.id, version=r.version, filename="e.pdf", content=PDF)
    assert [a.filename for a in attachments_of(sessions=sessions, actor=w.leader, report_id=r.id)] == ["a.pdf"]
    assert attachment_content(sessions=sessions, actor=w.jobs, attachment_id=first.id) == (first, PDF)
    # Another department sees neither the list nor the bytes.
    with pytest.raises(PermissionDenied, match="本单位牵头"):
        attachments_of(sessions=sessions, actor=w.park, report_id=r.id)
    with pytest.raises(PermissionDenied):
        attachment_content(sessions=sessions, actor=w.park, attachment_id=first.id)


def test_the_same_bytes_on_two_reports_are_stored_once(sessions: sessionmaker[Session]) -> None:
    w = build(sessions)
    ids = []
    for period in ("2022-05", "2022-06"):
        draft = ProgressDraft(w.tasks["3.2.2"], period, percent=50, progress_text="进展")
        r = save_draft(sessions=sessions, actor=w.jobs, draft=draft, at=at(7, 1))
        ids.append(
            attach(
                sessions=sessions,
                actor=w.jobs,
                report_id=r.id,
                version=r.version,
                filename=f"{period}.pdf",
                content=PDF,
            ).id
        )
    with transaction(sessions) as s:
        assert s.scalar(select(func.count()).select_from(AttachmentBlob)) == 1
        assert s.scalar(select(func.count()).select_from(Attachment)) == 2
    assert [attachment_content(sessions=sessions, actor=w.supervisor, attachment_id=i)[1] for i in ids] == [PDF, PDF]
