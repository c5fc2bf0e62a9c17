"""``GET /api/v1/search``: ranked hits across codes, drugs, modifiers, rules and ICD-10-CM."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from infusion_coder import search as search_lib
from infusion_coder.search import SearchResults

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    response_model=SearchResults,
    summary="Search codes, drugs, modifiers, rules and ICD-10-CM",
)
async def search(
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=search_lib.MAX_QUERY_CHARS,
            description="Codes (96417, 9641, J9312, C50.911, -25, JZ) or words, abbreviations "
            "and misspellings (second chemo drug by push, IVPB, breast cancer, Remicade).",
        ),
    ],
    kind: Annotated[
        list[search_lib.Kind] | None,
        Query(description="Keep only these kinds (repeat the parameter for several)."),
    ] = None,
    family: Annotated[
        str | None,
        Query(
            max_length=64,
            description="Keep only one family: a code or rule family, a drug category, or a "
            "three-character ICD-10-CM category.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=search_lib.MAX_LIMIT)] = 10,
) -> Response:
    # runs on the event loop: a search takes about a millisecond and never waits on I/O
    results = search_lib.search(q, kind=kind, family=family, limit=limit)
    return Response(results.model_dump_json(), media_type="application/json")
