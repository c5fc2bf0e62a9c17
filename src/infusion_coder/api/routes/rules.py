"""``GET /api/v1/rules`` and ``/rules/{rule_id}``: the rule catalogue the coder cites."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from infusion_coder import rules as catalogue
from infusion_coder.rules import Rule

router = APIRouter(tags=["rules"])


@router.get("/rules", summary="All rules, optionally of one family")
async def list_rules(
    family: Annotated[str | None, Query(max_length=64, description="e.g. hydration")] = None,
) -> list[Rule]:
    return catalogue.catalog(family)


@router.get("/rules/{rule_id}", summary="One rule by its id (e.g. SEQ004)")
async def get_rule(rule_id: str) -> Rule:
    return catalogue.get(rule_id)
