"""Golden cases: every published scenario (``tests/cases/<family>/<id>.json``) codes as expected.

Each file holds a case in format v1, the expected lines under the rulebook's default policy, and
variants (another policy, or the same case with a documented change) with their own expectation.
Lines are compared as billed totals: units summed per (code, sorted modifiers); with scope
``administration`` only administration and service lines count, with ``all`` drug lines too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infusion_coder.engine import code_case
from infusion_coder.errors import InfusionCoderError

from .conftest import describe, totals

CASES = Path(__file__).resolve().parents[1] / "cases"
FAMILIES = ("hydration", "therapeutic", "chemotherapy", "pumps_ports", "special_routes", "mixed")
#: case-coder goldens live in the family folders (other folders, e.g. claims/, belong to other tests)
FILES = sorted(p for family in FAMILIES for p in (CASES / family).glob("*.json"))
SCOPES = {"administration": ("administration", "service"), "all": None}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _check(
    data: dict[str, Any],
    case: dict[str, Any],
    policy: dict[str, str],
    expected: list[Any],
    label: str,
) -> str | None:
    kinds = SCOPES[data["scope"]]
    try:
        result = code_case(case, policy=policy or None)
    except InfusionCoderError as exc:  # reported with the other variants, not raised alone
        return f"{data['id']} [{label}] policy={policy or 'defaults'}: {type(exc).__name__}: {exc}"
    got = totals(result.lines, kinds)
    want = totals(({"kind": "administration", **x} for x in expected), None)
    if got == want:
        return None
    return (
        f"{data['id']} [{label}] policy={policy or 'defaults'}\n"
        f" expected: {sorted(want.items())}\n"
        f" actual:   {sorted(got.items())}\n"
        f" result lines:\n{describe(result)}"
    )


def test_when_scenarios_converted_then_every_one_has_a_golden_file() -> None:
    ids = {json.loads(p.read_text())["id"] for p in FILES}
    source = Path("/work/shared/domain/scenarios.json")
    if not source.exists():
        pytest.skip("shared scenarios not available outside the project workspace")
    assert ids == {s["id"] for s in json.loads(source.read_text())}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_when_golden_case_coded_then_billed_totals_match(path: Path) -> None:
    data = _load(path)
    assert path.parent.name in FAMILIES
    assert data["id"] == path.stem
    assert data["scope"] in SCOPES
    failures = [_check(data, data["case"], data.get("policy") or {}, data["expected"], "default")]
    for n, variant in enumerate(data.get("variants", []), 1):
        failures.append(
            _check(
                data,
                variant.get("case", data["case"]),
                {**(data.get("policy") or {}), **variant.get("policy", {})},
                variant["expected"],
                f"variant {n}",
            )
        )
    problems = [f for f in failures if f]
    assert not problems, "\n\n".join(problems)
