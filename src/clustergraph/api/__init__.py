"""The HTTP server: a FastAPI app factory, one router per resource (see :mod:`.routers`)."""

from __future__ import annotations

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
