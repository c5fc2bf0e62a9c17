"""The FastAPI application: JSON under ``/api/v1``, docs at ``/docs``, HTML pages from ``web``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import APIRouter, FastAPI

from infusion_coder import __version__
from infusion_coder.api import docs, errors
from infusion_coder.api.guard import Guard
from infusion_coder.api.routes import (
    checking,
    coding,
    ehr,
    health,
    library,
    rules,
    search,
    text,
)
from infusion_coder.api.settings import Settings

PREFIX = "/api/v1"
log = logging.getLogger("infusion_coder.api")

DESCRIPTION = """\
Drug-administration coding (CPT 96360–96549 and HCPCS drug lines), claim checking, the code
library, ICD-10-CM and search.

Every error has one shape: `{"ok": false, "status": N, "errors": [{"kind", "field", "message"}]}`;
messages name fields, never the values sent. Bodies are limited to 1 MB. When the server was
started with an API key, send it in the `X-API-Key` header (not needed for `/health`).
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application (``settings`` default: loopback, no key, 1 MB, 20 s)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_search:
            from infusion_coder import search as search_lib

            await anyio.to_thread.run_sync(search_lib.get_index)
        yield

    app = FastAPI(
        title="infusion-coder",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        responses=errors.ERROR_RESPONSES,
        lifespan=lifespan,
    )
    app.state.settings = settings
    errors.install(app)
    api = APIRouter(prefix=PREFIX)
    for router in _routers():
        api.include_router(router)
    app.include_router(api)
    app.include_router(health.router, include_in_schema=False)  # plain /health too
    docs.install(app)
    _mount_web(app)
    app.add_middleware(Guard, api_key=settings.api_key, max_body_bytes=settings.max_body_bytes)
    return app


def _routers() -> list[APIRouter]:
    return [
        health.router,
        library.router,
        search.router,
        coding.router,
        checking.router,
        rules.router,
        text.router,
        ehr.router,
    ]


def _mount_web(app: FastAPI) -> None:
    try:
        from infusion_coder.web import mount as mount_web
    except ImportError:  # pragma: no cover - the pages are part of the package
        return
    mount_web(app)
