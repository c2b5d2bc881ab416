"""Errors the services raise; each message is Chinese and fit to show a user.

`ConflictError` (a stale edit: the record changed since it was read) is raised by storage's version
check and passes through the services unchanged; the surfaces import it from here.
"""

from __future__ import annotations

from luoshi.storage.errors import ConflictError

__all__ = ["ConflictError", "InvalidState", "InvalidValue", "NotFound", "PermissionDenied", "ServiceError"]


class ServiceError(ValueError):
    """A request the service refuses; nothing was changed."""


class NotFound(ServiceError):
    """The record asked for does not exist."""


class PermissionDenied(ServiceError):
    """The actor's role or department does not allow this (HTTP 403)."""


class InvalidState(ServiceError):
    """The record is not in a state that allows this step (a locked report, a closed plan)."""


class InvalidValue(ServiceError):
    """A value is of the wrong kind, out of range or missing."""
