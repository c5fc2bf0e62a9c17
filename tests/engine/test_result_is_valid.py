"""The engine builds results without re-validating them (for speed); they must equal their
validated copy for every golden case under every policy option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infusion_coder.engine import OPTIONS, code_case
from infusion_coder.models import CodingResult

CASES = sorted(
    p
    for p in (Path(__file__).resolve().parents[1] / "cases").rglob("*.json")
    if "claims" not in p.parts
)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_result_equals_its_validated_copy(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))["case"]
    for name, (_, values, _, _) in OPTIONS.items():
        for value in values:
            r = code_case(case, policy={name: value})
            assert CodingResult.model_validate(r.model_dump()) == r, (path.stem, name, value)
