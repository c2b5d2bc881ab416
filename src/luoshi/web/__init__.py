"""The web workbench: FastAPI app factory, Chinese pages and the JSON API under /api/v1."""

from luoshi.web.app import create_app
from luoshi.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
