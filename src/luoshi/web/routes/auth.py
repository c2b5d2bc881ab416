"""登录 and 退出: the login form, the password check with throttling, the session cookie."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.services.accounts.sessions import end_session, start_session
from luoshi.services.accounts.signin import SignInRefused, sign_in
from luoshi.web.deps import Sessions, current_principal, get_codec, get_settings, web_session
from luoshi.web.security.sessions import WebSession
from luoshi.web.templating import render

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Where to go after login: a local path only, never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    """The login page; it starts an anonymous session whose token the form carries."""
    if current_principal(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _form(request, next=safe_next(next), message=None, status=200)


@router.post("/login")
def login(
    request: Request,
    sessions: Sessions,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password (the CSRF guard has run); on success a new session, else the form again."""
    settings = get_settings(request)
    address = request.client.host if request.client else "unknown"
    now = datetime.now(UTC)
    try:
        principal = sign_in(
            sessions=sessions,
            username=username.strip(),
            password=password,
            address=address,
            now=now,
            throttle=settings.throttle,
        )
    except SignInRefused as refused:
        return _form(request, next=safe_next(next), message=refused.message, status=429 if refused.throttled else 401)
    lifetime = timedelta(hours=settings.session_hours)
    secret = start_session(sessions=sessions, user_id=principal.user_id, now=now, lifetime=lifetime)
    response = RedirectResponse(safe_next(next), status_code=303)
    get_codec(request).write(response, WebSession.signed_in(secret), request)
    return response


@router.post("/logout")
def logout(request: Request, sessions: Sessions) -> Response:
    """End the session in the database and drop the cookie (the CSRF guard has checked the form's token)."""
    current = web_session(request)
    if current is not None and current.secret is not None:
        end_session(sessions=sessions, secret=current.secret)
    response = RedirectResponse("/login", status_code=303)
    get_codec(request).clear(response, request)
    return response


def _form(request: Request, *, next: str, message: str | None, status: int) -> Response:
    """The login page with a session (kept, or new) whose CSRF token the form carries."""
    session = web_session(request)
    if session is None or session.secret is not None:
        session = WebSession.anonymous()
    request.state.web_session = session
    request.state.principal = None
    response = render(request, "login.html", {"next": next, "message": message}, status_code=status)
    get_codec(request).write(response, session, request)
    return response
