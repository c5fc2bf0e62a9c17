"""``POST /api/v1/check``: a claim, optionally with the case, → findings (and the comparison)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from infusion_coder.api.limits import run_limited
from infusion_coder.api.routes.coding import PolicyQuery, policy_options
from infusion_coder.edits import Claim, Report, check_claim
from infusion_coder.models import Case

router = APIRouter(tags=["checking"])


class CheckRequest(BaseModel):
    """The claim to check and, optionally, the documented case to compare it with."""

    claim: Claim
    case: Case | None = Field(
        default=None,
        description="Case format v1: when given, the claim is compared with what the "
        "documented administrations support (missed charges, over-billing, payment difference).",
    )


@router.post("/check", summary="Check a claim (optionally against the case)")
async def check(body: CheckRequest, request: Request, policy: PolicyQuery = None) -> Report:
    # the checker reads the raw input too (which fields a case documents), so it gets the JSON
    # as sent; ``body`` has already validated its shape
    raw: dict[str, Any] = await request.json()
    case = raw.get("case") if body.case is not None else None
    return await run_limited(
        request, check_claim, raw["claim"], case=case, policy=policy_options(policy)
    )
