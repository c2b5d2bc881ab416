"""/healthz: the app answers and its database does too."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from luoshi.services.operations.health import database_ok
from luoshi.web.deps import Sessions

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
def healthz(sessions: Sessions) -> JSONResponse:
    """200 {"status": "ok"} when the database answers, else 503."""
    if database_ok(sessions=sessions):
        return JSONResponse({"status": "ok", "database": "ok"})
    return JSONResponse({"status": "error", "database": "unreachable", "message": "数据库无法连接"}, status_code=503)
