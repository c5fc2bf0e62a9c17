"""ICD-10-CM detection in clinical text: explicit codes, abbreviations, code-set phrases, context."""

from __future__ import annotations

from infusion_coder.text.icd10.detect import detect_icd10

__all__ = ["detect_icd10"]
