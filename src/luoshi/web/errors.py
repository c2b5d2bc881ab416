"""Errors routes raise, and how they reach the user: JSON under /api, a Chinese page elsewhere."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from luoshi.services import errors as service
from luoshi.services.errors import ConflictError, NotFound
from luoshi.web.templating import public_error_page, render

API_PREFIX = "/api/"
# The public portal answers errors in its own look, without the workbench's chrome.
PUBLIC_PREFIX = "/public/"
TITLES = {
    400: "请求有误",
    401: "请先登录",
    403: "无权访问",
    404: "未找到",
    405: "不支持的请求方式",
    409: "数据冲突",
    422: "参数有误",
    429: "请求过于频繁",
    500: "服务器内部错误",
}


class WebError(Exception):
    """An error with its HTTP status and a Chinese message for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def unauthorised(message: str = "请先登录") -> WebError:
    """401: nobody is signed in, or the token is wrong."""
    return WebError(401, message)


def forbidden(message: str = "无权访问") -> WebError:
    """403: signed in, but not allowed."""
    return WebError(403, message)


def install_handlers(app: FastAPI) -> None:
    """Turn every error into the answer its caller expects."""
    app.add_exception_handler(WebError, _web_error)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(service.ServiceError, _refused)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http)


def wants_json(request: Request) -> bool:
    """API requests get JSON errors; pages get an HTML page."""
    return request.url.path.startswith(API_PREFIX)


async def _web_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    if exc.status == 401 and not wants_json(request):
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return respond(request, exc.status, exc.message)


async def _not_found(request: Request, exc: Exception) -> Response:
    return respond(request, 404, str(exc) or TITLES[404])


async def _conflict(request: Request, exc: Exception) -> Response:
    return respond(request, 409, str(exc))


def service_status(error: Exception) -> int:
    """The HTTP status of a service's refusal: 403 role, 404 missing, 409 state or version, 422 value."""
    if isinstance(error, service.PermissionDenied):
        return 403
    if isinstance(error, service.NotFound):
        return 404
    if isinstance(error, service.InvalidState | ConflictError):
        return 409
    return 422


async def _refused(request: Request, exc: Exception) -> Response:
    return respond(request, service_status(exc), str(exc))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    fields = "、".join(".".join(str(p) for p in e.get("loc", ())[1:]) or "请求" for e in exc.errors())
    return respond(request, 422, f"参数有误：{fields}", details=_jsonable(exc.errors()))


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    response = respond(request, exc.status_code, TITLES.get(exc.status_code, "请求失败"))
    # Keep the headers the error carries, such as Allow on a 405.
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:
        response.headers["Allow"] = allowed_methods(request)
    return response


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (Starlette names only the first route's when methods are split)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        pattern, route_methods = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if pattern is not None and route_methods and pattern.match(request.url.path):
            methods |= set(route_methods)
    return ", ".join(sorted(methods))


def respond(request: Request, status: int, message: str, details: Any = None) -> Response:
    """A JSON error body {"error": {...}} for the API, else the error page."""
    if wants_json(request):
        body: dict[str, Any] = {"error": {"status": status, "message": message}}
        if details is not None:
            body["error"]["details"] = details
        return JSONResponse(body, status_code=status)
    if request.url.path.startswith(PUBLIC_PREFIX):
        return public_error_page(request, status, TITLES.get(status, "出错了"), message)
    return render(
        request,
        "error.html",
        {"status": status, "title": TITLES.get(status, "出错了"), "message": message},
        status_code=status,
    )


def _jsonable(errors: Any) -> Any:
    """Validation details without the exception objects pydantic may put in `ctx`."""
    return [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]
