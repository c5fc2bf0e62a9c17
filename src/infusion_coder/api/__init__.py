"""The HTTP API (FastAPI): the library's functions as JSON under ``/api/v1``.

``create_app(settings)`` builds the application; ``infusion-coder serve`` runs it with uvicorn.
FastAPI is imported only here (and by the web pages), never by the library.
"""

from __future__ import annotations

from infusion_coder.api.app import PREFIX, create_app
from infusion_coder.api.errors import ErrorBody, ErrorItem
from infusion_coder.api.settings import API_KEY_ENV, Settings, is_loopback

__all__ = [
    "API_KEY_ENV",
    "PREFIX",
    "ErrorBody",
    "ErrorItem",
    "Settings",
    "create_app",
    "is_loopback",
]
