"""Every route but the public few refuses an anonymous caller; new routes are caught by walking the app."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from luoshi.web import WebSettings, create_app

PUBLIC = {("GET", "/healthz"), ("GET", "/login"), ("POST", "/login"), ("POST", "/logout")}
# The public portal is anonymous by design; tests/public checks it shows only published data.
PORTAL = "/public/"


def _routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """The app's API routes, through included routers (whatever FastAPI calls their wrapper)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        else:
            inner = getattr(route, "original_router", None) or getattr(route, "router", None)
            yield from _routes(getattr(inner, "routes", []))


def _every_route() -> list[tuple[str, str]]:
    """(method, path) of every route, path parameters filled with 1."""
    app = create_app(WebSettings(database_url="sqlite:///unused.db", secret_key="k" * 32))
    found = [(m, re.sub(r"\{\w+\}", "1", r.path)) for r in _routes(app.routes) for m in r.methods]
    assert len(found) > 15, "walking the routes found too few: the FastAPI layout changed"
    return sorted(found)


@pytest.mark.parametrize(
    ("method", "path"), [r for r in _every_route() if r not in PUBLIC and not r[1].startswith(PORTAL)]
)
def test_anonymous_callers_are_refused(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, follow_redirects=False)
    if path.startswith("/api/"):
        # 401 without credentials; a write without a session is refused by the CSRF guard first (403).
        assert response.status_code in (401, 403)
        assert response.json()["error"]["message"]
    elif method != "GET":
        # A form post without a session carries no valid CSRF token: refused before anything else.
        assert response.status_code == 403
    else:
        assert (response.status_code, response.headers["location"].split("?")[0]) == (303, "/login")
