"""``GET /api/v1/health`` (also ``/health``): liveness, versions; never needs the API key."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from infusion_coder import __version__

router = APIRouter(tags=["health"])


class Health(BaseModel):
    ok: bool
    version: str
    ruleset: str


@router.get("/health", summary="Is the server up")
async def health() -> Health:
    from infusion_coder.engine import ruleset_id

    return Health(ok=True, version=__version__, ruleset=ruleset_id())
