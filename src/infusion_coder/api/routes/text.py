"""Clinical text tools: ``POST /api/v1/redact`` (PHI) and ``POST /api/v1/icd10/detect``."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, TypeAdapter

from infusion_coder.api.limits import run_limited
from infusion_coder.text import Icd10Finding, RedactionResult, redact
from infusion_coder.text.icd10.detect import detect_icd10

router = APIRouter(tags=["text"])

MAX_TEXT = 200_000
_FINDINGS = TypeAdapter(list[Icd10Finding])


class RedactRequest(BaseModel):
    """A note to redact. ``tag`` replaces each identifier with its kind (``<NAME>``), ``mask``
    with asterisks; the keyed operators (pseudonym, dateshift) are for the CLI and Python."""

    text: str = Field(max_length=MAX_TEXT)
    operator: Literal["tag", "mask"] = "tag"
    kinds: list[str] | None = Field(default=None, description="Only these PHI kinds.")


class DetectRequest(BaseModel):
    """A note in which to find the diagnoses it states."""

    text: str = Field(max_length=MAX_TEXT)
    include_negated: bool = False


@router.post(
    "/redact",
    response_model=RedactionResult,
    summary="Redact protected health information from a note",
)
async def post_redact(body: RedactRequest, request: Request) -> Response:
    result = await run_limited(request, redact, body.text, operator=body.operator, kinds=body.kinds)
    # the spans say where and what kind; the original words are never sent back
    return Response(
        result.model_dump_json(exclude={"spans": {"__all__": {"text"}}}),
        media_type="application/json",
    )


@router.post(
    "/icd10/detect",
    response_model=list[Icd10Finding],
    summary="Find the diagnoses a note states, with their ICD-10-CM codes",
)
async def post_detect(body: DetectRequest, request: Request) -> Response:
    findings = await run_limited(
        request, detect_icd10, body.text, include_negated=body.include_negated
    )
    return Response(_FINDINGS.dump_json(findings), media_type="application/json")
