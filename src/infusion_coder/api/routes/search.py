"""``GET /api/v1/search``: ranked hits across codes, drugs, modifiers, rules and ICD-10-CM.

The search box calls this on every keystroke, so the route reads its four query parameters
itself (FastAPI's per-parameter validation costs more than a cached search) and checks them as
the schema below documents; bad values raise ``InvalidInput`` naming the parameter (422).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from infusion_coder import search as search_lib
from infusion_coder.errors import InvalidInput
from infusion_coder.search import SearchResults

router = APIRouter(tags=["search"])

MAX_FAMILY = 64

PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "q",
        "in": "query",
        "required": True,
        "description": "Codes (96417, 9641, J9312, C50.911, -25, JZ) or words, abbreviations and "
        "misspellings (second chemo drug by push, IVPB, breast cancer, Remicade, hydraton).",
        "schema": {"type": "string", "minLength": 1, "maxLength": search_lib.MAX_QUERY_CHARS},
    },
    {
        "name": "kind",
        "in": "query",
        "required": False,
        "description": "Keep only these kinds (repeat the parameter for several).",
        "schema": {"type": "array", "items": {"type": "string", "enum": list(search_lib.KINDS)}},
        "style": "form",
        "explode": True,
    },
    {
        "name": "family",
        "in": "query",
        "required": False,
        "description": "Keep only one family: a code or rule family, a drug category, or a "
        "three-character ICD-10-CM category.",
        "schema": {"type": "string", "maxLength": MAX_FAMILY},
    },
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "Number of hits.",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": search_lib.MAX_LIMIT,
            "default": 10,
        },
    },
]


@router.get(
    "/search",
    response_model=SearchResults,
    summary="Search codes, drugs, modifiers, rules and ICD-10-CM",
    openapi_extra={"parameters": PARAMETERS},
)
async def search(request: Request) -> Response:
    params = request.query_params
    query = params.get("q")
    if query is None:
        raise InvalidInput("the search query is missing", field="q")
    family = params.get("family") or None
    if family is not None and len(family) > MAX_FAMILY:
        raise InvalidInput(f"family is longer than {MAX_FAMILY} characters", field="family")
    try:
        limit = int(params.get("limit", "10"))
    except ValueError:
        raise InvalidInput("limit must be a whole number", field="limit") from None
    # runs on the event loop: a search takes a fraction of a millisecond and never waits on I/O
    results = search_lib.search(
        query, kind=params.getlist("kind") or None, family=family, limit=limit
    )
    return Response(results.model_dump_json(), media_type="application/json")
