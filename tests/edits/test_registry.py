"""The check catalogue: well-formed records, ids distinct from the engine's rule ids,
every check documented and illustrated by a golden claim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infusion_coder import rules
from infusion_coder.edits import all_checks, get

ROOT = Path(__file__).parents[2]
DOC = (ROOT / "docs" / "claim-format.md").read_text(encoding="utf-8")
GOLDEN = {p.stem.split("_")[0] for p in (ROOT / "tests" / "cases" / "claims").glob("*.json")}
CHECKS = all_checks()


def test_when_catalogue_is_loaded_then_ids_and_names_are_unique() -> None:
    assert len({c.id for c in CHECKS}) == len(CHECKS)
    assert len({c.name for c in CHECKS}) == len(CHECKS)
    assert len(CHECKS) >= 35


def test_when_compared_with_engine_rules_then_no_id_is_shared() -> None:
    engine_ids = {r.id for r in rules.catalog()}
    assert not engine_ids & {c.id for c in CHECKS}


@pytest.mark.parametrize("chk", CHECKS, ids=[c.id for c in CHECKS])
def test_when_check_is_registered_then_its_record_is_complete(chk: object) -> None:
    c = get(chk.id)  # type: ignore[attr-defined]
    assert re.fullmatch(r"[A-Z]{3}\d{3}", c.id)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", c.name)
    assert c.severity in ("error", "warning", "info")
    assert c.summary.endswith(".") and c.fix.endswith(".")
    assert c.sources


@pytest.mark.parametrize("chk", CHECKS, ids=[c.id for c in CHECKS])
def test_when_check_exists_then_docs_list_it_with_its_severity(chk: object) -> None:
    c = get(chk.id)  # type: ignore[attr-defined]
    assert f"| {c.id} | `{c.name}` | {c.severity} |" in DOC


def test_when_golden_claims_are_listed_then_most_checks_have_one() -> None:
    missing = sorted({c.id for c in CHECKS} - GOLDEN)
    # checks illustrated by the table tests only (test_checks.py)
    assert set(missing) <= {"AOC002", "AOC003", "COD003", "DOC002", "DOC003"}, missing


def test_when_unknown_id_is_asked_then_key_error_names_it() -> None:
    with pytest.raises(KeyError, match="NOPE01"):
        get("NOPE01")
