"""EHR integration: FHIR R4/R4B and MAR event exports in, charges (FHIR, HL7 v2 DFT) out.

Conversion only: the coding itself is ``infusion_coder.engine.code_case``. The two entry points
the HTTP API and the CLI call:

* ``fhir_code_bundle(bundle_json, *, out="fhir")``: a FHIR Bundle in → the charges Bundle
  (``ChargeItem`` per line, a ``Claim``, an ``OperationOutcome`` with the mapping report).
* ``mar_code_csv(text, mapping=None)``: a MAR event CSV in → one ``CodingResult`` per encounter.
"""

from __future__ import annotations

from typing import Any

from infusion_coder.interop.charges import charges_bundle
from infusion_coder.interop.fhir_in import read_bundle
from infusion_coder.interop.fhir_out import case_to_bundle
from infusion_coder.interop.hl7_out import dft_messages
from infusion_coder.interop.mar import MarMapping, load_mapping, read_mar_csv
from infusion_coder.interop.report import ImportedCase, MappingNote, MappingReport
from infusion_coder.models import CodingResult

__all__ = [
    "ImportedCase",
    "MappingNote",
    "MappingReport",
    "MarMapping",
    "case_to_bundle",
    "charges_bundle",
    "code_imported",
    "dft_messages",
    "fhir_code_bundle",
    "load_mapping",
    "mar_code_csv",
    "read_bundle",
    "read_mar_csv",
]


def code_imported(imported: list[ImportedCase]) -> list[CodingResult]:
    """Code each imported case; mapping notes that need a coder's eye become warnings."""
    from infusion_coder.engine import code_case
    from infusion_coder.models import Warning

    out = []
    for imp in imported:
        result = code_case(imp.case)
        extra = [
            Warning(
                rule="EHR001",
                message=f"{n.kind}: {n.source}: {n.note}".rstrip(": "),
                administrations=n.administrations,
            )
            for n in imp.report.notes
            if n.kind in ("missing", "ambiguous")
        ]
        out.append(result.model_copy(update={"warnings": [*result.warnings, *extra]}))
    return out


def fhir_code_bundle(
    bundle_json: dict[str, Any] | str | bytes,
    *,
    setting: str | None = None,
    payer: str | None = None,
    tz: str | None = None,
    created: str | None = None,
) -> dict[str, Any]:
    """Code a FHIR R4/R4B Bundle and return a FHIR Bundle of ChargeItems and Claims.

    One Claim per visit (top-level Encounter). Raises ``InvalidInput`` naming the entry and
    field when the Bundle does not validate.
    """
    imported = read_bundle(bundle_json, setting=setting, payer=payer, tz=tz)
    results = code_imported(imported)
    entries: list[dict[str, Any]] = []
    for imp, res in zip(imported, results, strict=True):
        # each visit's Bundle is validated by charges_bundle; their entries together are too
        entries += charges_bundle(res, imp, created=created).get("entry", [])
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def mar_code_csv(text: str, mapping: MarMapping | str | None = None) -> list[CodingResult]:
    """Code a MAR event export (CSV text); ``mapping`` is a ``MarMapping`` or TOML text."""
    return code_imported(read_mar_csv(text, mapping))
