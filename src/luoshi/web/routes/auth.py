"""登录 and 退出: the login form, the password check with throttling, the session cookie."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.services.signin import SignInRefused, sign_in
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
    try:
        principal = sign_in(
            sessions=sessions,
            username=username.strip(),
            password=password,
            address=address,
            now=datetime.now(UTC),
            throttle=settings.throttle,
        )
    except SignInRefused as refused:
        return _form(request, next=safe_next(next), message=refused.message, status=429 if refused.throttled else 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    current = web_session(request) or WebSession.anonymous()
    get_codec(request).write(response, current.signed_in(principal.user_id), request)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session (the CSRF guard has checked the form's token)."""
    response = RedirectResponse("/login", status_code=303)
    get_codec(request).clear(response, request)
    return response


def _form(request: Request, *, next: str, message: str | None, status: int) -> Response:
    """The login page with a session (kept, or new) whose CSRF token the form carries."""
    session = web_session(request)
    if session is None or session.user_id is not None:
        session = WebSession.anonymous()
    request.state.web_session = session
    request.state.principal = None
    response = render(request, "login.html", {"next": next, "message": message}, status_code=status)
    get_codec(request).write(response, session, request)
    return response
