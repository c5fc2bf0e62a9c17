"""``POST /api/v1/code``: a case (case format v1) in, the coding result out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import StringConstraints

from infusion_coder.api.limits import run_limited
from infusion_coder.engine import OPTIONS, code_case
from infusion_coder.engine.policy import parse_options
from infusion_coder.models import Case, CodingResult

router = APIRouter(tags=["coding"])

_POLICY_PATTERN = (
    "^(?:"
    + "|".join(f"{name}=(?:{'|'.join(allowed)})" for name, (_, allowed, _, _) in OPTIONS.items())
    + ")$"
)
PolicyQuery = Annotated[
    list[Annotated[str, StringConstraints(pattern=_POLICY_PATTERN)]] | None,
    Query(
        description="Policy option NAME=VALUE (repeatable), as in `infusion-coder rules policies`.",
        max_length=len(OPTIONS),
    ),
]


def policy_options(items: list[str] | None) -> dict[str, str] | None:
    """``["initial_scope=calendar_day"]`` → ``{"initial_scope": "calendar_day"}``."""
    return parse_options(items)


@router.post("/code", summary="Code one case (case format v1)")
async def code(case: Case, request: Request, policy: PolicyQuery = None) -> CodingResult:
    options = policy_options(policy)
    return await run_limited(request, code_case, case, policy=options)
