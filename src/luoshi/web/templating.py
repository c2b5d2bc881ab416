"""Jinja2 templates with what every page needs: the user, the CSRF token and the lamp words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from luoshi.vocabulary import Colour, UserRole

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
