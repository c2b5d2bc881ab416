"""The app uvicorn serves: settings from the environment (each worker process builds its own)."""

from __future__ import annotations

from fastapi import FastAPI

from luoshi.web.app import create_app
from luoshi.web.settings import load_web_settings


def app_from_environment() -> FastAPI:
    """An app on the LUOSHI_* settings (uvicorn calls this factory in every worker)."""
    return create_app(load_web_settings())
