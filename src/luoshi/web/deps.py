"""Dependencies routes declare: the database sessions, the signed-in principal, role checks and CSRF."""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.sessions import session_principal
from luoshi.services.accounts.signin import Principal
from luoshi.services.accounts.tokens import principal_for_token
from luoshi.web.errors import forbidden, unauthorised
from luoshi.web.security.sessions import SessionCodec, WebSession
from luoshi.web.settings import WebSettings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
# Ids beyond a 32-bit integer exist in no table; refusing them early keeps the database drivers out of it.
MAX_ID = 2**31 - 1
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def get_settings(request: Request) -> WebSettings:
    """The app's settings."""
    settings: WebSettings = request.app.state.settings
    return settings


def get_sessions(request: Request) -> sessionmaker[Session]:
    """The app's database session factory."""
    factory: sessionmaker[Session] = request.app.state.sessions
    return factory


def get_codec(request: Request) -> SessionCodec:
    """The app's session cookie codec."""
    codec: SessionCodec = request.app.state.codec
    return codec


def web_session(request: Request) -> WebSession | None:
    """The request's session cookie, read once per request."""
    if not hasattr(request.state, "web_session"):
        request.state.web_session = get_codec(request).read(request)
    found: WebSession | None = request.state.web_session
    return found


def bearer(request: Request) -> str | None:
    """The API token of an `Authorization: Bearer …` header, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def current_principal(request: Request) -> Principal | None:
    """Who is calling: the owner of a bearer token, else the session's user; None when nobody."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    token, sessions = bearer(request), get_sessions(request)
    if token is not None:
        principal = principal_for_token(sessions=sessions, secret=token, now=datetime.now(UTC))
        if principal is None:
            raise unauthorised("API令牌无效或已撤销")
    else:
        session = web_session(request)
        secret = session.secret if session else None
        principal = session_principal(sessions=sessions, secret=secret, now=datetime.now(UTC)) if secret else None
    request.state.principal = principal
    return principal


def require_user(principal: Annotated[Principal | None, Depends(current_principal)]) -> Principal:
    """Any signed-in user (every role may read; what it sees is scoped by the route)."""
    if principal is None:
        raise unauthorised()
    return principal


def require_roles(*roles: str) -> Callable[[Principal], Principal]:
    """A dependency admitting only the given roles (403 for the others)."""

    def check(principal: Annotated[Principal, Depends(require_user)]) -> Principal:
        if principal.role not in roles:
            raise forbidden("当前角色无权执行此操作")
        return principal

    return check


def as_of_date(request: Request) -> date:
    """The date lamps are judged on: today, or the date fixed in the settings."""
    return get_settings(request).today()


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD is a date here (pydantic would also take a number of seconds)."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("not a YYYY-MM-DD date")
    return value


def judged_on(
    request: Request,
    as_of: Annotated[
        date | None, BeforeValidator(_iso_date), Query(description="判断灯色的日期（YYYY-MM-DD），默认今天")
    ] = None,
) -> date:
    """The date an API caller asks lamps to be judged on, else today."""
    return as_of or as_of_date(request)


async def csrf_guard(request: Request) -> None:
    """Refuse a state-changing request carried by the session cookie without its CSRF token."""
    if request.method in SAFE_METHODS or bearer(request) is not None:
        return
    session = web_session(request)
    sent = request.headers.get(CSRF_HEADER) or await _form_token(request)
    if session is None or not sent or not hmac.compare_digest(sent, session.csrf):
        raise forbidden("表单已失效或来源不明（CSRF校验失败），请刷新页面后重试")


async def _form_token(request: Request) -> str | None:
    """The token field of a posted form (Starlette caches the parsed form for the route)."""
    if not request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/")):
        return None
    value = (await request.form()).get(CSRF_FIELD)
    return value if isinstance(value, str) else None


User = Annotated[Principal, Depends(require_user)]
Sessions = Annotated[sessionmaker[Session], Depends(get_sessions)]
AsOf = Annotated[date, Depends(as_of_date)]
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]
FilterId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
JudgedOn = Annotated[date, Depends(judged_on)]
