"""The code library: ``/codes``, ``/drugs``, ``/modifiers`` and ``/icd10/{code}``.

These are dictionary look-ups (microseconds), so they run on the event loop.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from infusion_coder import knowledge
from infusion_coder.knowledge.models import CodeEntry, Drug, Icd10Entry, Modifier

router = APIRouter()

CodePath = Annotated[str, Path(max_length=16, description="e.g. 96417")]


@router.get("/codes", tags=["codes"], summary="All codes of the library, optionally of one family")
async def list_codes(
    family: Annotated[
        str | None,
        Query(max_length=64, description="e.g. chemotherapy, hydration, therapeutic"),
    ] = None,
) -> list[CodeEntry]:
    return knowledge.load().codes(family)


@router.get("/codes/{code}", tags=["codes"], summary="One code: label, rules, fees, edits")
async def get_code(code: CodePath) -> CodeEntry:
    return knowledge.load().code(code)


@router.get("/drugs", tags=["drugs"], summary="The HCPCS drug catalogue")
async def list_drugs() -> list[Drug]:
    return knowledge.load().drugs()


@router.get("/drugs/{hcpcs}", tags=["drugs"], summary="One drug by HCPCS code (e.g. J9312)")
async def get_drug(hcpcs: CodePath) -> Drug:
    return knowledge.load().drug(hcpcs)


@router.get("/modifiers", tags=["modifiers"], summary="The modifiers of this domain")
async def list_modifiers() -> list[Modifier]:
    return knowledge.load().modifiers()


@router.get("/modifiers/{modifier}", tags=["modifiers"], summary="One modifier (e.g. JZ, 25)")
async def get_modifier(modifier: CodePath) -> Modifier:
    return knowledge.load().modifier(modifier)


@router.get("/icd10/{code}", tags=["icd10"], summary="One ICD-10-CM code (C50.911 or c50911)")
async def get_icd10(code: CodePath) -> Icd10Entry:
    return knowledge.icd10.lookup(code)
