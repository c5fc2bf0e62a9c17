"""Diagnosis codes and pointers (ICD-10-CM), and the diagnosis behind chemotherapy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from infusion_coder.edits._context import Ctx
from infusion_coder.edits._lookup import NEOPLASM, icd10_normal, icd10_status
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check

_NON_ONCOLOGY = re.compile(
    r"^(?:M|L(?:4[0-5]|5[0-4]|73)|K5[0-2]|G(?:3[5-7]|6[1-3]|70)|D(?:5\d|6\d|7\d|8\d)|N0[0-8]"
    r"|N80|E(?:2\d|3[0-5]|85)|H(?:20|30|46)|J(?:4[5-6]|8[2-4])|I7[6-8]|T86|Z94)"
)
"""Non-oncology indications for which complex drugs and anti-neoplastics are given under the
chemotherapy codes (§1 D4, §8): autoimmune and connective tissue (M), immune skin disease,
inflammatory bowel disease, demyelinating and neuromuscular disease, blood and immune
disorders (D50–D89), glomerular disease, endometriosis, endocrine (puberty), uveitis and optic
neuritis, severe asthma and interstitial lung disease, vasculitis, transplant."""


@check(
    "DGN001",
    "invalid-diagnosis",
    severity="error",
    summary="A diagnosis is not an ICD-10-CM code.",
    fix="Correct the diagnosis code.",
    sources=("ICD-10-CM",),
    tags=frozenset(["dx", "dxbad"]),
)
def invalid(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for i, code in enumerate(claim.diagnoses):
        if icd10_status(code) == "invalid":
            yield Hit([], f"diagnosis {i + 1} is not an ICD-10-CM code", f"diagnoses[{i}]")


@check(
    "DGN002",
    "diagnosis-not-billable",
    severity="error",
    summary="A diagnosis is an ICD-10-CM header (it has more specific codes under it).",
    fix="Report the most specific code the documentation supports.",
    sources=("ICD-10-CM",),
    tags=frozenset(["dx", "dxbad"]),
)
def header(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for i, code in enumerate(claim.diagnoses):
        if icd10_status(code) == "header":
            yield Hit(
                [],
                f"diagnosis {i + 1} ({icd10_normal(code)}) is a header code, not billable",
                f"diagnoses[{i}]",
            )


@check(
    "DGN003",
    "diagnosis-pointer-out-of-range",
    severity="error",
    summary="A line points to a diagnosis the claim does not have.",
    fix="Point the line to one of the claim's diagnoses (1 is the first).",
    sources=("CMS-1500 item 24E",),
    tags=frozenset(["pointers"]),
)
def pointers(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    count = len(claim.diagnoses)
    for n, line in enumerate(claim.lines, start=1):
        pointers = line.diagnosis_pointers
        if not pointers or (min(pointers) >= 1 and max(pointers) <= count):
            continue
        for j, p in enumerate(pointers):
            if p < 1 or p > count:
                yield Hit(
                    [n],
                    f"pointer {p} but the claim has {count} diagnoses",
                    f"lines[{n - 1}].diagnosis_pointers[{j}]",
                )


@check(
    "DGN004",
    "chemotherapy-without-supporting-diagnosis",
    severity="warning",
    summary="Chemotherapy administration is billed and no diagnosis supports it (a neoplasm, "
    "C00–D49, or a non-oncology indication of complex drugs).",
    fix="Add the diagnosis that the drug treats (a neoplasm, or the non-oncology indication a "
    "complex drug is covered for) and point the administration lines to it.",
    sources=("§8", "S17", "S8"),
    tags=frozenset(["chemo", "dx"]),
)
def chemo_diagnosis(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if not claim.diagnoses:
        return
    chemo = [r.n for r in ctx.rows if r.f.family == "chemotherapy"]
    if not chemo:
        return
    normal = [icd10_normal(d).upper() for d in claim.diagnoses]
    if any(NEOPLASM.match(d) or _NON_ONCOLOGY.match(d) for d in normal):
        return
    biologics = sorted(
        r.code
        for r in ctx.rows
        if r.f.drug_category in ("complex_biologic", "hormonal_antineoplastic")
    )
    if biologics:
        message = (
            "chemotherapy administration with no neoplasm diagnosis; "
            f"{', '.join(biologics)} may be covered for a non-oncology indication: make sure "
            "the claim's diagnosis is one its coverage policy names"
        )
    else:
        message = "chemotherapy administration with no diagnosis that supports it (no C00–D49)"
    yield Hit(chemo, message, "diagnoses")


@check(
    "DGN005",
    "no-diagnosis",
    severity="warning",
    summary="The claim has no diagnosis.",
    fix="Add the ICD-10-CM codes for the reasons of the services, in order.",
    sources=("ICD-10-CM",),
    tags=frozenset(["nodx"]),
)
def no_diagnosis(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if not claim.diagnoses and claim.lines:
        yield Hit([], "the claim has no diagnosis", "diagnoses")
