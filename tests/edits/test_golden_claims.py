"""Golden claims: ``tests/cases/claims/<CHECKID>_<n>.json``, each a claim (and sometimes the
case it was billed from) with every finding expected, in report order.

A file is named after the check it illustrates (``grep AOC001`` finds the check, its files and
its docs); a passing example of a check has an empty or different list of findings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infusion_coder.edits import check_claim, get

CASES = sorted((Path(__file__).parents[1] / "cases" / "claims").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_when_golden_folder_is_read_then_it_has_files() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_when_golden_claim_is_checked_then_findings_match(path: Path) -> None:
    doc = _load(path)
    report = check_claim(doc["claim"], case=doc.get("case"))
    got = [{"id": f.id, "severity": f.severity, "lines": f.lines} for f in report.findings]
    assert got == doc["expected"], doc["description"]
    assert report.ok == all(f["severity"] != "error" for f in doc["expected"])


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_when_golden_file_is_named_after_a_check_then_the_check_exists(path: Path) -> None:
    doc = _load(path)
    check_id = path.stem.split("_")[0]
    chk = get(check_id)
    fires = any(f["id"] == check_id for f in doc["expected"])
    passing = doc["description"].startswith("Passing")
    assert fires != passing, f"{path.name}: {chk.id} should {'not ' if passing else ''}fire"
