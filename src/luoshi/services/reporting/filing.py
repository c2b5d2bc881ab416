"""Filing a progress report (报送): save the draft, attach its files and submit it when asked, all or nothing.

The report form and the API both file through `file_report`. Each field is checked first and every
bad one is named (`value-<target id>`, `percent`, `files`); with any, nothing is written. Then the
draft, its attachments and the submission are one transaction through services/reporting/progress.py
and attachments.py, so ownership, versions and the audit trail are theirs: a refusal of any step
(a locked report, a stale version, a missing value at submission) leaves nothing saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import Actor
from luoshi.services.audited import load
from luoshi.services.errors import InvalidValue
from luoshi.services.reporting import attachments, progress
from luoshi.services.reporting.values import check_fields
from luoshi.storage import transaction
from luoshi.storage.batch import one_transaction
from luoshi.storage.models import Task
from luoshi.vocabulary import ReportState


@dataclass(frozen=True)
class Upload:
    """A file sent with a report: its name as the uploader gave it, and its bytes."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class ReportFiling:
    """What a reporter sends for a task and a period ("2022-06").

    Values are keyed by target id, each a number or the text typed in a form (blank: not filled in);
    the percent likewise. `report_id` and `version` name the stored report being edited, as read.
    """

    task_id: int
    period: str
    values: Mapping[int, float | str] = field(default_factory=dict)
    percent: float | str | None = None
    progress_text: str = ""
    problems: str = ""
    next_steps: str = ""
    files: tuple[Upload, ...] = ()
    submit: bool = False
    report_id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class FilingResult:
    """What a filing did: the stored report (None when a field was refused) and why not, by field."""

    report: progress.ProgressPublic | None
    attachments: tuple[attachments.AttachmentPublic, ...] = ()
    errors: Mapping[str, str] = field(default_factory=dict)

    @property
    def submitted(self) -> bool:
        """True when the report went to review."""
        return self.report is not None and self.report.state is ReportState.SUBMITTED


def file_report(
    *, sessions: sessionmaker[Session], actor: Actor, filing: ReportFiling, at: datetime | None = None
) -> FilingResult:
    """Check every field, then save, attach and (when asked) submit in one transaction.

    Raises what the steps refuse (PermissionDenied, InvalidState, InvalidValue, ConflictError, NotFound);
    returns the refused fields, with nothing saved, when a value, the percent or a file is wrong.
    """
    try:
        return _file(sessions, actor, filing, at)
    except IntegrityError:
        # Another session stored one of the same files at the same moment: they are there now.
        return _file(sessions, actor, filing, at)


def _file(sessions: sessionmaker[Session], actor: Actor, filing: ReportFiling, at: datetime | None) -> FilingResult:
    """One try of `file_report`."""
    with one_transaction(sessions) as joined:
        with transaction(joined) as session:
            task = load(session, Task, filing.task_id, "任务")
            progress.may_report(session, actor, task)
            values, percent, errors = check_fields(task.targets, filing.values, filing.percent)
        files = _file_errors(filing.files)
        if files:
            errors["files"] = files
        if errors:
            return FilingResult(None, errors=errors)
        draft = progress.ProgressDraft(
            filing.task_id, filing.period, values, percent, filing.progress_text, filing.problems, filing.next_steps
        )
        report = progress.save_draft(
            sessions=joined, actor=actor, draft=draft, report_id=filing.report_id, version=filing.version, at=at
        )
        stored = tuple(
            attachments.attach_once(
                sessions=joined,
                actor=actor,
                report_id=report.id,
                version=report.version,
                filename=f.filename,
                content=f.content,
                at=at,
            )
            for f in filing.files
        )
        if filing.submit:
            report = progress.submit(sessions=joined, actor=actor, report_id=report.id, version=report.version, at=at)
        return FilingResult(report, stored)


def _file_errors(files: tuple[Upload, ...]) -> str:
    """Why the files cannot be attached (each refused file named), or "" when all can."""
    refused = []
    for upload in files:
        try:
            attachments.check_file(upload.filename, upload.content)
        except InvalidValue as error:
            refused.append(str(error))
    return "；".join(refused)
