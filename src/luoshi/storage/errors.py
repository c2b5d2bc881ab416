"""Errors the storage layer raises for its callers to turn into messages and status codes."""

from __future__ import annotations


class StorageError(Exception):
    """Something the database refused; the message is fit for a user."""


class ConflictError(StorageError):
    """A record changed since it was read (a stale write): the caller reloads and retries (HTTP 409)."""


def expect_version(record: object, version: int) -> None:
    """Raise ConflictError unless the record still has the version the user edited."""
    current = getattr(record, "version", None)
    if current != version:
        raise ConflictError(f"记录已被他人修改（当前版本{current}，提交版本{version}），请刷新后重试")
