"""Attachments of a progress report: stored by content hash, checked for size and type, never executed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import PurePosixPath, PureWindowsPath

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import Actor
from luoshi.services.audited import event, load
from luoshi.services.errors import InvalidValue, NotFound, PermissionDenied
from luoshi.services.reporting.progress import EDITABLE, may_report
from luoshi.storage import expect_version, plans, progress, transaction
from luoshi.storage.models import Attachment, AttachmentBlob, ProgressReport, Task
from luoshi.vocabulary import UserRole

MAX_BYTES = 10 * 1024 * 1024

# Suffix → (stored content type, the leading bytes such a file starts with; empty for plain text).
# The type is ours, from the suffix and the bytes, never the uploader's word.
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
    ".txt": ("text/plain; charset=utf-8", ()),
}


@dataclass(frozen=True)
class AttachmentPublic:
    """An attachment as lists show it (the bytes are fetched separately)."""

    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


def attach(
    *,
    sessions: sessionmaker[Session],
    actor: Actor,
    report_id: int,
    version: int,
    filename: str,
    content: bytes,
    at: datetime | None = None,
) -> AttachmentPublic:
    """Attach a file to a draft or returned report; the same content twice on a report is kept once."""
    once = partial(attach_once, sessions=sessions, actor=actor, report_id=report_id, version=version)
    try:
        return once(filename=filename, content=content, at=at)
    except IntegrityError:
        # Another session stored the same bytes at the same moment; they are there now.
        return once(filename=filename, content=content, at=at)


def attach_once(
    *,
    sessions: sessionmaker[Session],
    actor: Actor,
    report_id: int,
    version: int,
    filename: str,
    content: bytes,
    at: datetime | None = None,
) -> AttachmentPublic:
    """One try of `attach`: the blob of the hash once, and the attachment row that names it.

    IntegrityError when another session stored the same bytes meanwhile; `attach` tries again, and a
    caller that joins this to a larger transaction (services/reporting/filing.py) retries the whole.
    """
    name, content_type = check_file(filename, content)
    digest = hashlib.sha256(content).hexdigest()
    with transaction(sessions) as session:
        report = load(session, ProgressReport, report_id, "进展报送")
        may_report(session, actor, load(session, Task, report.task_id, "任务"))
        expect_version(report, version)
        if report.state not in EDITABLE:
            raise InvalidValue(f"{report.state.label}的报送不能再添加附件")
        found = progress.attachment_by_hash(session, report.id, digest)
        if found is not None:
            return _public(found)
        if not progress.blob_exists(session, digest):
            session.add(AttachmentBlob(sha256=digest, size=len(content), content=content))
            session.flush()
        row = Attachment(
            progress_report_id=report.id,
            filename=name,
            content_type=content_type,
            size=len(content),
            sha256=digest,
            uploaded_by=actor.user_id,
        )
        session.add(row)
        session.flush()
        event(session, row, actor=actor, action="attach", at=at)
        return _public(row)


def check_file(filename: str, content: bytes) -> tuple[str, str]:
    """The file's bare name and our content type, or InvalidValue for an empty, large or unknown file."""
    # Keep only the last part of a path from either kind of system, so a name never names a place.
    name = PureWindowsPath(PurePosixPath(filename).name).name.strip()
    if not name or any(ord(c) < 32 for c in name):
        raise InvalidValue("附件文件名无效")
    if not content:
        raise InvalidValue(f"附件「{name}」是空文件")
    if len(content) > MAX_BYTES:
        raise InvalidValue(f"附件「{name}」超过{MAX_BYTES // (1024 * 1024)}MB上限")
    suffix = PurePosixPath(name.lower()).suffix
    if suffix not in TYPES:
        allowed = "、".join(sorted(TYPES))
        raise InvalidValue(f"附件「{name}」的类型不允许，可上传：{allowed}")
    content_type, magic = TYPES[suffix]
    if magic and not content.startswith(magic):
        raise InvalidValue(f"附件「{name}」的内容与扩展名不符")
    if not magic and (b"\0" in content or not _utf8(content)):
        raise InvalidValue(f"附件「{name}」不是UTF-8文本")
    return name, content_type


def attachment_content(
    *, sessions: sessionmaker[Session], actor: Actor, attachment_id: int
) -> tuple[AttachmentPublic, bytes]:
    """An attachment and its bytes, to be sent as a download (never opened or run here)."""
    with transaction(sessions) as session:
        row = load(session, Attachment, attachment_id, "附件")
        _may_read(session, actor, row.progress_report)
        content = progress.blob_content(session, row.sha256)
        if content is None:
            raise NotFound(f"附件{attachment_id}的内容缺失")
        return _public(row), content


def attachments_of(*, sessions: sessionmaker[Session], actor: Actor, report_id: int) -> list[AttachmentPublic]:
    """A report's attachments in upload order."""
    with transaction(sessions) as session:
        report = load(session, ProgressReport, report_id, "进展报送")
        _may_read(session, actor, report)
        return [_public(a) for a in report.attachments]


def _may_read(session: Session, actor: Actor, report: ProgressReport) -> None:
    """A department sees the attachments of the tasks it leads; the other roles see all."""
    if actor.role is UserRole.DEPARTMENT and plans.lead_department_id(session, report.task_id) != actor.department_id:
        raise PermissionDenied("只能查看本单位牵头任务的附件")


def _utf8(content: bytes) -> bool:
    """True when the bytes are UTF-8 text."""
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _public(row: Attachment) -> AttachmentPublic:
    """The outgoing schema of an attachment."""
    return AttachmentPublic(row.id, row.filename, row.content_type, row.size, row.sha256)
