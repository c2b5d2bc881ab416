"""The session cookie: signed (itsdangerous) data with the session's secret (once signed in) and its CSRF token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "luoshi_session"


@dataclass(frozen=True)
class WebSession:
    """What the cookie carries: the secret of a stored browser session (None before login) and the CSRF token."""

    secret: str | None
    csrf: str

    @classmethod
    def anonymous(cls) -> WebSession:
        """A session before sign-in, with a fresh CSRF token for the login form."""
        return cls(None, secrets.token_urlsafe(32))

    @classmethod
    def signed_in(cls, secret: str) -> WebSession:
        """The session after sign-in: a new CSRF token, so one fixed before login is worthless after."""
        return cls(secret, secrets.token_urlsafe(32))


class SessionCodec:
    """Signs and reads session cookies with the app's secret key."""

    def __init__(self, secret_key: str, *, max_age: int, always_secure: bool) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="luoshi.session")
        self.max_age, self.always_secure = max_age, always_secure

    def read(self, request: Request) -> WebSession | None:
        """The request's session, or None when absent, forged or expired."""
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data: Any = self._serializer.loads(raw, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
            return None
        sid = data.get("sid")
        return WebSession(sid if isinstance(sid, str) else None, data["csrf"])

    def write(self, response: Response, session: WebSession, request: Request) -> None:
        """Set the cookie: HttpOnly, SameSite=Lax, Secure over HTTPS or when configured."""
        value = self._serializer.dumps({"sid": session.secret, "csrf": session.csrf})
        response.set_cookie(
            COOKIE,
            value,
            max_age=self.max_age,
            httponly=True,
            samesite="lax",
            secure=self.always_secure or is_https(request),
            path="/",
        )

    def clear(self, response: Response, request: Request) -> None:
        """Remove the cookie (logout)."""
        response.delete_cookie(
            COOKIE, path="/", httponly=True, samesite="lax", secure=self.always_secure or is_https(request)
        )


def is_https(request: Request) -> bool:
    """True when the client reached us over HTTPS, directly or through a proxy that says so."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"
