"""``POST /api/v1/fhir/code`` (FHIR Bundle in, Bundle of ChargeItems and Claims out) and
``POST /api/v1/mar/code`` (MAR event CSV in, coding results out)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from infusion_coder.api.limits import run_limited
from infusion_coder.errors import InvalidInput
from infusion_coder.interop import fhir_code_bundle, mar_code_csv
from infusion_coder.models import CodingResult

router = APIRouter(tags=["ehr"])

_FHIR_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/fhir+json": {"schema": {"type": "object"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}
_CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


@router.post(
    "/fhir/code",
    summary="Code a FHIR R4/R4B Bundle; returns a Bundle of ChargeItems and Claims",
    openapi_extra=_FHIR_BODY,
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {"schema": {"type": "object"}}}}},
)
async def fhir_code(request: Request) -> JSONResponse:
    body = await request.body()
    if not body.strip():
        raise InvalidInput("the request body must be a FHIR Bundle (JSON)", field="body")
    result: dict[str, Any] = await run_limited(request, fhir_code_bundle, body)
    return JSONResponse(result, media_type="application/fhir+json")


@router.post(
    "/mar/code",
    summary="Code a MAR event export (CSV); one coding result per encounter",
    openapi_extra=_CSV_BODY,
)
async def mar_code(request: Request) -> list[CodingResult]:
    body = await request.body()
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the MAR export must be UTF-8 text", field="body") from None
    if not text.strip():
        raise InvalidInput("the MAR export is empty", field="body")
    return await run_limited(request, mar_code_csv, text)
