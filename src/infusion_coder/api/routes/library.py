"""The code library: ``/codes``, ``/drugs``, ``/modifiers`` and ``/icd10/{code}``.

These are dictionary look-ups of a library that does not change while the server runs, so they
run on the event loop and each answer's JSON is kept (an unknown code is not kept: it raises).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, TypeAdapter

from infusion_coder import knowledge
from infusion_coder.knowledge import icd10
from infusion_coder.knowledge.models import CodeEntry, Drug, Icd10Entry, Modifier

router = APIRouter()

CodePath = Annotated[str, Path(max_length=16, description="e.g. 96417")]
_JSON = "application/json"


@lru_cache(maxsize=4096)
def _one(kind: str, code: str) -> bytes:
    lib = knowledge.load()
    lookups: dict[str, Callable[[str], BaseModel]] = {
        "code": lib.code,
        "drug": lib.drug,
        "modifier": lib.modifier,
        "icd10": icd10.lookup,
    }
    return lookups[kind](code).model_dump_json().encode()


@lru_cache(maxsize=64)
def _all(kind: str, family: str | None = None) -> bytes:
    lib = knowledge.load()
    if kind == "codes":
        return TypeAdapter(list[CodeEntry]).dump_json(lib.codes(family))
    if kind == "drugs":
        return TypeAdapter(list[Drug]).dump_json(lib.drugs())
    return TypeAdapter(list[Modifier]).dump_json(lib.modifiers())


@router.get(
    "/codes",
    tags=["codes"],
    response_model=list[CodeEntry],
    summary="All codes of the library, optionally of one family",
)
async def list_codes(
    family: Annotated[
        str | None,
        Query(max_length=64, description="e.g. chemotherapy, hydration, therapeutic"),
    ] = None,
) -> Response:
    return Response(_all("codes", family), media_type=_JSON)


@router.get(
    "/codes/{code}",
    tags=["codes"],
    response_model=CodeEntry,
    summary="One code: label, rules, fees, edits",
)
async def get_code(code: CodePath) -> Response:
    return Response(_one("code", code), media_type=_JSON)


@router.get("/drugs", tags=["drugs"], response_model=list[Drug], summary="The HCPCS drug catalogue")
async def list_drugs() -> Response:
    return Response(_all("drugs"), media_type=_JSON)


@router.get(
    "/drugs/{hcpcs}",
    tags=["drugs"],
    response_model=Drug,
    summary="One drug by HCPCS code (e.g. J9312)",
)
async def get_drug(hcpcs: CodePath) -> Response:
    return Response(_one("drug", hcpcs), media_type=_JSON)


@router.get(
    "/modifiers",
    tags=["modifiers"],
    response_model=list[Modifier],
    summary="The modifiers of this domain",
)
async def list_modifiers() -> Response:
    return Response(_all("modifiers"), media_type=_JSON)


@router.get(
    "/modifiers/{modifier}",
    tags=["modifiers"],
    response_model=Modifier,
    summary="One modifier (e.g. JZ, 25)",
)
async def get_modifier(modifier: CodePath) -> Response:
    return Response(_one("modifier", modifier), media_type=_JSON)


@router.get(
    "/icd10/{code}",
    tags=["icd10"],
    response_model=Icd10Entry,
    summary="One ICD-10-CM code (C50.911 or c50911)",
)
async def get_icd10(code: CodePath) -> Response:
    return Response(_one("icd10", code), media_type=_JSON)
