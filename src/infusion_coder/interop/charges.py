"""A coding result → FHIR ``ChargeItem`` per billing line and one ``Claim`` (R4 Bundle).

Conversion only: the lines are the coder's. The Claim is ``institutional`` for a facility case
and ``professional`` otherwise. Validated with the ``fhir.resources`` R4B models; it round-trips.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from infusion_coder.interop import _systems as s
from infusion_coder.interop.fhir_out import fhir_id, validated
from infusion_coder.interop.report import ImportedCase, MappingReport
from infusion_coder.models import CodingResult, Line

_CHEMO = re.compile(r"^96(4\d\d|5[0-4]\d)$")
_IV = re.compile(r"^963\d\d$")


def revenue_code(line: Line) -> str:
    """A default UB-04 revenue code for a facility line (sites override it in their chargemaster)."""
    if line.kind == "drug":
        return "0636"
    if line.kind == "administration":
        return "0335" if _CHEMO.match(line.code) else "0260"
    return "0510"


def _code_system(code: str) -> str:
    return s.HCPCS if code[:1].isalpha() else s.CPT


def _modifier_cc(m: str) -> dict[str, Any]:
    return {"coding": [{"system": s.CPT if m.isdigit() else s.HCPCS, "code": m}]}


def charges_bundle(
    result: CodingResult,
    imported: ImportedCase,
    *,
    created: str | None = None,
) -> dict[str, Any]:
    """A FHIR Bundle with one ``ChargeItem`` per billing line and one ``Claim``.

    The Claim is ``institutional`` for a facility case and ``professional`` otherwise; items carry
    quantities, modifiers, service dates, place of service (and revenue codes for facility) and
    link the visit's ICD-10-CM diagnoses. An ``OperationOutcome`` carries the mapping report and
    the coder's warnings.
    """
    case = imported.case
    facility = case.setting == "facility"
    patient = {"reference": imported.patient or "Patient/unknown"}
    encounter = {"reference": imported.encounter} if imported.encounter else None
    today = datetime.now(UTC).date().isoformat()
    day = case.date or created or today
    base = fhir_id(case.id or "case", "case")
    diag = list(imported.diagnoses)
    for codes in imported.reasons.values():
        diag += [c for c in codes if c not in diag]
    pos = case.place_of_service or ("22" if facility else "11")
    entries: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for n, line in enumerate(result.lines, start=1):
        when = line.date or day
        cc = {"coding": [{"system": _code_system(line.code), "code": line.code}]}
        reasons = [c for a in line.administrations for c in imported.reasons.get(a, [])]
        seqs = sorted({diag.index(c) + 1 for c in reasons}) or ([1] if diag else [])
        charge: dict[str, Any] = {
            "resourceType": "ChargeItem",
            "id": f"{base}-line-{n}",
            "status": "billable",
            "code": cc,
            "subject": patient,
            "occurrenceDateTime": when,
            "quantity": {"value": line.units},
        }
        if encounter:
            charge["context"] = encounter
        if line.modifiers:
            charge["extension"] = [
                {"url": s.ext("modifier"), "valueCode": m} for m in line.modifiers
            ]
        services = [
            {"reference": imported.sources[a]}
            for a in line.administrations
            if a in imported.sources
        ]
        if services:
            charge["service"] = services
        if line.kind == "drug":
            charge["productCodeableConcept"] = cc
        if reasons or diag:
            codes = list(dict.fromkeys(reasons)) or diag[:1]
            charge["reason"] = [{"coding": [{"system": s.ICD10CM, "code": c}]} for c in codes]
        entries.append({"fullUrl": f"ChargeItem/{charge['id']}", "resource": charge})
        item: dict[str, Any] = {
            "sequence": n,
            "productOrService": cc,
            "quantity": {"value": line.units},
            "servicedDate": when,
            "locationCodeableConcept": {"coding": [{"system": s.POS, "code": pos}]},
        }
        if facility:
            item["revenue"] = {"coding": [{"system": s.NUBC_REVENUE, "code": revenue_code(line)}]}
        if line.modifiers:
            item["modifier"] = [_modifier_cc(m) for m in line.modifiers]
        if seqs:
            item["diagnosisSequence"] = seqs
        if encounter:
            item["encounter"] = [encounter]
        items.append(item)
    claim: dict[str, Any] = {
        "resourceType": "Claim",
        "id": f"{base}-claim",
        "status": "active",
        "type": {
            "coding": [
                {"system": s.CLAIM_TYPE, "code": "institutional" if facility else "professional"}
            ]
        },
        "use": "claim",
        "patient": patient,
        "created": created or today,
        "provider": {"reference": imported.provider}
        if imported.provider
        else {"display": "billing provider"},
        "priority": {"coding": [{"system": s.PROCESS_PRIORITY, "code": "normal"}]},
        "insurance": [
            {
                "sequence": 1,
                "focal": True,
                "coverage": {"reference": imported.coverage}
                if imported.coverage
                else {"display": case.payer},
            }
        ],
    }
    dates = sorted({item["servicedDate"] for item in items})
    if dates:
        claim["billablePeriod"] = {"start": dates[0], "end": dates[-1]}
    if diag:
        claim["diagnosis"] = [
            {
                "sequence": k,
                "diagnosisCodeableConcept": {"coding": [{"system": s.ICD10CM, "code": c}]},
            }
            for k, c in enumerate(diag, start=1)
        ]
    if items:
        claim["item"] = items
    entries.append({"fullUrl": f"Claim/{claim['id']}", "resource": claim})
    outcome = _outcome(base, imported.report, result)
    if outcome is not None:
        entries.append({"fullUrl": f"OperationOutcome/{outcome['id']}", "resource": outcome})
    return validated({"resourceType": "Bundle", "type": "collection", "entry": entries})


def _outcome(base: str, report: MappingReport, result: CodingResult) -> dict[str, Any] | None:
    issues: list[dict[str, Any]] = []
    for note in report.notes:
        if note.kind == "mapped":
            continue
        severity = "warning" if note.kind in ("missing", "ambiguous") else "information"
        text = f"{note.kind}: {note.source}" + (f" → {note.target}" if note.target else "")
        issues.append(
            {
                "severity": severity,
                "code": "informational" if severity == "information" else "incomplete",
                "diagnostics": f"{text}: {note.note}" if note.note else text,
            }
        )
    for w in result.warnings:
        issues.append(
            {
                "severity": "warning",
                "code": "business-rule",
                "diagnostics": f"{w.rule}: {w.message}",
            }
        )
    for nb in result.not_billed:
        issues.append(
            {
                "severity": "information",
                "code": "informational",
                "diagnostics": f"not billed ({', '.join(nb.administrations + nb.services)}): {nb.reason}",
            }
        )
    if not issues:
        return None
    return {"resourceType": "OperationOutcome", "id": f"{base}-outcome", "issue": issues}
