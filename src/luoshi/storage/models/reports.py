"""The source report, kept byte for byte with its extraction and the normalised text its quotes point into."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from luoshi.storage.base import Base, Versioned, utcnow


class Report(Versioned, Base):
    """A government work report as imported: source bytes, sha256, extraction JSON and extractor version.

    `text` is the reader's normalised text that every offset of `extraction` (and of the plan's
    quotes) points into, stored with it so that a changed reader cannot shift them; `text_version`
    is the extractor version whose reader produced it. NULL only where migration 0006 could not read
    an older report's source bytes.
    """

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    encoding: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(128))
    plan_year: Mapped[int | None]
    extraction: Mapped[dict[str, Any]] = mapped_column(deferred=True)
    extractor_version: Mapped[str] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text, deferred=True)
    text_version: Mapped[str | None] = mapped_column(String(32))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
