"""Progress reports (进展报送) of a task for a period, and their attachments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import Mapped, mapped_column, relationship

from luoshi.storage.base import Base, Versioned, choice, utcnow
from luoshi.vocabulary import ReportState


class ProgressReport(Versioned, Base):
    """One task's report for one period; only approved ones count for status and publication.

    A correction of an approved (locked) report is a new report of the same period with the next
    revision; the history keeps both and the latest approved revision counts.
    """

    __tablename__ = "progress_report"
    __table_args__ = (
        UniqueConstraint("task_id", "period_year", "period_month", "revision"),
        CheckConstraint("period_month BETWEEN 1 AND 12", name="period_month"),
        CheckConstraint("percent IS NULL OR (percent >= 0 AND percent <= 100)", name="percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    period_year: Mapped[int]
    period_month: Mapped[int]
    revision: Mapped[int] = mapped_column(default=1, server_default="1")
    state: Mapped[ReportState] = mapped_column(choice(ReportState, "report_state"), default=ReportState.DRAFT)
    # Value to date per target, keyed by the target id as a string (JSON keys are strings).
    values: Mapped[dict[str, Any]] = mapped_column(MutableDict.as_mutable(JSON), default=dict)
    percent: Mapped[float | None] = mapped_column(Float)
    progress_text: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="progress_report", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class Attachment(Base):
    """A file attached to a progress report: its name and type here, its bytes in the blob of its hash.

    Immutable once stored, so it has no version.
    """

    __tablename__ = "attachment"
    __table_args__ = (CheckConstraint("size >= 0", name="size"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    progress_report_id: Mapped[int] = mapped_column(ForeignKey("progress_report.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(ForeignKey("attachment_blob.sha256", ondelete="RESTRICT"), index=True)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    progress_report: Mapped[ProgressReport] = relationship(back_populates="attachments")


class AttachmentBlob(Base):
    """The bytes of attached files, stored once per content hash (sha256) however often attached."""

    __tablename__ = "attachment_blob"
    __table_args__ = (CheckConstraint("size >= 0", name="size"),)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    stored_at: Mapped[datetime] = mapped_column(default=utcnow)
