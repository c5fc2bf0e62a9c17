"""Clinical text tools: PHI redaction and ICD-10-CM detection (issue #7).

``redact(text)`` replaces protected health information and reports the spans found;
``detect_icd10(text)`` finds the diagnoses a note states, with their ICD-10-CM codes.
"""

from __future__ import annotations

from infusion_coder.text.models import Icd10Finding, Icd10Status, PhiKind, RedactionResult, Span
from infusion_coder.text.phi import PhiRedactor, find_phi, redact


def detect_icd10(text: str, *, include_negated: bool = False) -> list[Icd10Finding]:
    """The diagnoses in ``text`` with their ICD-10-CM codes (see :mod:`.icd10.detect`).

    Imported on first use: loading the code set takes a moment that redaction need not pay.
    """
    from infusion_coder.text.icd10.detect import detect_icd10 as detect

    return detect(text, include_negated=include_negated)


__all__ = [
    "detect_icd10",
    "Icd10Finding",
    "Icd10Status",
    "PhiKind",
    "PhiRedactor",
    "RedactionResult",
    "Span",
    "find_phi",
    "redact",
]
