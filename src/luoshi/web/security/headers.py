"""Security headers on every response: a strict Content-Security-Policy and its companions."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style, nothing from another host, never inside a frame.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


# Only over HTTPS: a browser ignores it over HTTP, and it must not pin a plain-HTTP intranet install.
HSTS = (b"strict-transport-security", b"max-age=31536000")


def _over_https(scope: Scope) -> bool:
    """True when the request came over HTTPS, directly or through a proxy that says so."""
    forwarded = dict(scope.get("headers", [])).get(b"x-forwarded-proto", b"").split(b",")[0].strip().lower()
    return scope.get("scheme") == "https" or forwarded == b"https"


class SecurityHeaders:
    """ASGI middleware adding HEADERS to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        extra = HEADERS + ([HSTS] if _over_https(scope) else [])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)
