"""Jinja2 templates with what every page needs: the user, the CSRF token and the lamp words.

The workbench renders with `render`, the public portal with `render_public` (the reader's preferences
and the links that change them); both error pages are rendered here too, so that web/errors.py needs
no route module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from luoshi.vocabulary import Colour, UserRole
from luoshi.web.prefs import SIZES, Prefs, prefs_link, read_prefs

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.globals["lamp_words"] = {c.value: c.label for c in Colour}
TEMPLATES.env.globals["role_words"] = {r.value: r.label for r in UserRole}


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> Response:
    """Render a page; the principal and CSRF token come from the request, never from the caller."""
    session = getattr(request.state, "web_session", None)
    base = {
        "principal": getattr(request.state, "principal", None),
        "csrf_token": session.csrf if session else "",
    }
    return TEMPLATES.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def render_public(request: Request, prefs: Prefs, name: str, context: dict[str, Any], *, status: int = 200) -> Response:
    """Render a portal page with the reader's preferences and the links that change them."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    base = {"prefs": prefs, "here": here, "prefs_link": prefs_link, "sizes": SIZES}
    return TEMPLATES.TemplateResponse(request, f"public/{name}", {**base, **context}, status_code=status)


def public_error_page(request: Request, status: int, title: str, message: str) -> Response:
    """An error of the portal (404 for what is not published) in the portal's own look."""
    context = {"status": status, "title": title, "message": message}
    return render_public(request, read_prefs(request), "error.html", context, status=status)
