"""One audited change of an editable record: version check, values before, the change, the event."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from luoshi.services.actors import Actor
from luoshi.services.errors import NotFound
from luoshi.storage import expect_version
from luoshi.storage.audit import record_event, snapshot
from luoshi.storage.base import Base

R = TypeVar("R", bound=Base)


def load(session: Session, model: type[R], record_id: int, what: str) -> R:
    """The record by id, or NotFound naming what was looked for."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"{what}不存在（编号{record_id}）")
    return record


def change(
    session: Session,
    record: Base,
    *,
    actor: Actor,
    action: str,
    version: int | None,
    values: Mapping[str, Any],
    at: datetime | None = None,
) -> None:
    """Apply `values` to the record if it still has `version`, and audit it in the same transaction."""
    if version is not None:
        expect_version(record, version)
    before = snapshot(record)
    for key, value in values.items():
        setattr(record, key, value)
        # An audited change always bumps the version, even when a value is set to what it was.
        flag_modified(record, key)
    session.flush()
    event(session, record, actor=actor, action=action, before=before, at=at)


def event(
    session: Session,
    record: Base,
    *,
    actor: Actor,
    action: str,
    before: dict[str, Any] | None = None,
    at: datetime | None = None,
    gone: bool = False,
) -> None:
    """Append the audit event of a change already flushed (`gone`: the record is being deleted)."""
    record_event(
        session, actor=actor.name, actor_id=actor.user_id, action=action, record=record, before=before, at=at, gone=gone
    )
