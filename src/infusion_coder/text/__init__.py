"""Clinical text tools: PHI redaction and ICD-10-CM detection (issue #7).

``redact(text)`` replaces protected health information and reports the spans found;
``detect_icd10(text)`` finds the diagnoses a note states, with their ICD-10-CM codes.
"""

from __future__ import annotations

from infusion_coder.text.models import Icd10Finding, Icd10Status, PhiKind, RedactionResult, Span
from infusion_coder.text.phi import PhiRedactor, find_phi, redact

__all__ = [
    "Icd10Finding",
    "Icd10Status",
    "PhiKind",
    "PhiRedactor",
    "RedactionResult",
    "Span",
    "find_phi",
    "redact",
]
