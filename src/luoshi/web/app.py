"""The app factory: settings in, a FastAPI app out, with its database migrated, routes and guards."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from luoshi import __version__
from luoshi.storage import make_engine, session_factory, upgrade_database
from luoshi.web.deps import csrf_guard
from luoshi.web.errors import install_handlers
from luoshi.web.routes import api, auth, health, pages, public
from luoshi.web.routes.workbench import WORKBENCH
from luoshi.web.security.headers import SecurityHeaders
from luoshi.web.security.sessions import SessionCodec
from luoshi.web.settings import WebSettings

STATIC = Path(__file__).parent / "static"


def create_app(settings: WebSettings) -> FastAPI:
    """A new app on the settings' database; the schema is upgraded when the app starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.upgrade_on_start:
            upgrade_database(settings.database_url)
        yield
        engine.dispose()

    engine = make_engine(settings.database_url)
    app = FastAPI(
        title="落实 luoshi API",
        version=__version__,
        description="政府工作报告任务落实：计划、章节、任务、目标与红黄绿灯（只读接口与API令牌）。",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        dependencies=[Depends(csrf_guard)],
    )
    app.state.settings = settings
    app.state.sessions = session_factory(engine)
    app.state.codec = SessionCodec(
        settings.secret_key, max_age=settings.session_hours * 3600, always_secure=settings.secure_cookies
    )
    app.add_middleware(SecurityHeaders)
    install_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (health, auth, pages, api, public):
        app.include_router(module.router)
    for router in WORKBENCH:
        app.include_router(router)
    return app
