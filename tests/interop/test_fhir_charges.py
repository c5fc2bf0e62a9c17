"""Bundle in → ChargeItem per line + Claim out (end to end), and the HL7 v2 DFT^P03 messages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from hl7apy.consts import VALIDATION_LEVEL
from hl7apy.parser import parse_message
from hl7apy.validation import Validator

from infusion_coder.interop import (
    charges_bundle,
    code_imported,
    dft_messages,
    fhir_code_bundle,
    read_bundle,
)
from infusion_coder.models import CodingResult, Line

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fhir"
NAMES = sorted(p.name for p in FIXTURES.glob("*.json"))


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def resources(bundle: dict[str, Any], rtype: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == rtype]


@pytest.mark.parametrize("name", NAMES)
def test_when_bundle_is_coded_then_one_charge_item_per_line_and_one_claim(name: str) -> None:
    imported = read_bundle(load(name))
    results = code_imported(imported)
    out = fhir_code_bundle(load(name))
    charges = resources(out, "ChargeItem")
    [claim] = resources(out, "Claim")
    lines = [ln for r in results for ln in r.lines]
    assert [c["code"]["coding"][0]["code"] for c in charges] == [ln.code for ln in lines]
    assert [c["quantity"]["value"] for c in charges] == [ln.units for ln in lines]
    assert [i["productOrService"]["coding"][0]["code"] for i in claim["item"]] == [
        ln.code for ln in lines
    ]
    assert [i["sequence"] for i in claim["item"]] == list(range(1, len(lines) + 1))


@pytest.mark.parametrize("name", NAMES)
def test_when_charges_bundle_is_reloaded_then_it_round_trips(name: str) -> None:
    out = fhir_code_bundle(load(name))
    again = Bundle.model_validate(out).model_dump(mode="json", by_alias=True, exclude_none=True)
    assert again == out
    assert (
        Bundle.model_validate_json(json.dumps(out)).model_dump(
            mode="json", by_alias=True, exclude_none=True
        )
        == out
    )


def test_when_facility_then_institutional_claim_with_revenue_codes_and_diagnosis_links() -> None:
    out = fhir_code_bundle(load("epic-infusion-pause.json"))
    [claim] = resources(out, "Claim")
    assert claim["type"]["coding"][0]["code"] == "institutional"
    assert claim["patient"] == {"reference": "Patient/eTESTpt001"}
    assert claim["provider"] == {"reference": "Organization/eORG1"}
    assert claim["insurance"][0]["coverage"] == {"reference": "Coverage/eCOV1"}
    assert claim["billablePeriod"] == {"start": "2026-03-03", "end": "2026-03-03"}
    assert [d["diagnosisCodeableConcept"]["coding"][0]["code"] for d in claim["diagnosis"]] == [
        "D50.9"
    ]
    for item in claim["item"]:
        assert item["diagnosisSequence"] == [1]
        assert item["servicedDate"] == "2026-03-03"
        assert item["revenue"]["coding"][0]["code"] in {"0260", "0335", "0636", "0510"}
        assert item["locationCodeableConcept"]["coding"][0]["code"] == "22"
    drug = [c for c in resources(out, "ChargeItem") if "productCodeableConcept" in c]
    assert drug and drug[0]["service"] == [{"reference": "MedicationAdministration/eMAiron1"}]
    assert drug[0]["reason"][0]["coding"][0]["code"] == "D50.9"


def test_when_professional_then_professional_claim_without_revenue_codes() -> None:
    out = fhir_code_bundle(load("epic-push.json"), setting="professional")
    [claim] = resources(out, "Claim")
    assert claim["type"]["coding"][0]["code"] == "professional"
    assert all("revenue" not in i for i in claim["item"])
    assert {i["locationCodeableConcept"]["coding"][0]["code"] for i in claim["item"]} == {"11"}


def test_when_line_has_modifiers_then_charge_item_and_claim_item_carry_them() -> None:
    [imp] = read_bundle(load("epic-pump.json"))
    result = CodingResult(
        id=imp.case.id,
        ruleset="test",
        lines=[
            Line(code="99214", units=1, modifiers=["25"], kind="service"),
            Line(code="J9190", units=8, modifiers=["JZ"], kind="drug", administrations=["eMA5fu"]),
        ],
    )
    out = charges_bundle(result, imp, created="2026-03-04")
    c1, c2 = resources(out, "ChargeItem")
    assert c1["extension"] == [{"url": "urn:infusion-coder:fhir:modifier", "valueCode": "25"}]
    [claim] = resources(out, "Claim")
    mods = [[m["coding"][0] for m in i["modifier"]] for i in claim["item"]]
    assert mods[0] == [{"system": "http://www.ama-assn.org/go/cpt", "code": "25"}]
    assert mods[1][0]["code"] == "JZ" and mods[1][0]["system"].endswith("HCPCSReleaseCodeSets")
    assert c2["productCodeableConcept"]["coding"][0]["code"] == "J9190"
    assert c2["service"] == [{"reference": "MedicationAdministration/eMA5fu"}]


def test_when_mapping_has_gaps_then_operation_outcome_lists_them() -> None:
    out = fhir_code_bundle(load("oracle-stopped-notdone.json"))
    [outcome] = resources(out, "OperationOutcome")
    text = " ".join(i["diagnostics"] for i in outcome["issue"])
    assert "ma-notdone" in text and "ma-error" in text and "setting" in text


def test_when_several_encounters_then_one_claim_each() -> None:
    a, b = load("epic-push.json"), load("epic-infusion-pause.json")
    seen = {e["fullUrl"] for e in a["entry"]}
    a["entry"] += [e for e in b["entry"] if e["fullUrl"] not in seen]
    out = fhir_code_bundle(a)
    claims = resources(out, "Claim")
    assert sorted(c["id"] for c in claims) == ["7001-claim", "7002-claim"]


# ------------------------------------------------------------------ HL7 v2 DFT^P03
NOW = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)


def test_when_dft_then_one_ft1_per_line_with_codes_quantities_and_modifiers() -> None:
    imported = read_bundle(load("epic-pump.json"))
    results = code_imported(imported)
    [text] = dft_messages(results, imported, now=NOW)
    msg = parse_message(text, find_groups=False)
    assert msg.msh.msh_9.to_er7() == "DFT^P03^DFT_P03"
    assert msg.msh.msh_12.to_er7() == "2.5"
    ft1s = [seg for seg in msg.children if seg.name == "FT1"]
    lines = results[0].lines
    assert len(ft1s) == len(lines)
    for seg, line in zip(ft1s, lines, strict=True):
        assert seg.ft1_6.to_er7() == "CG"
        assert seg.ft1_7.to_er7().split("^")[0] == line.code
        assert seg.ft1_10.to_er7() == str(line.units)
        assert seg.ft1_4.to_er7() == "20260304"
        system = "HCPCS" if line.code[0].isalpha() else "C4"
        assert seg.ft1_25.to_er7() == f"{line.code}^^{system}"
        mods = [f.to_er7() for f in seg.children if f.name == "FT1_26"]
        assert mods == line.modifiers
    assert msg.pid.pid_3.to_er7() == "eTESTpt001"
    assert msg.pv1.pv1_19.to_er7() == "7003"


def test_when_dft_then_diagnoses_are_dg1_and_linked_on_ft1() -> None:
    imported = read_bundle(load("epic-push.json"))
    [text] = dft_messages(code_imported(imported), imported, now=NOW)
    segments = text.split("\r")
    assert any(s.startswith("DG1|1||R11.2^^I10") for s in segments)
    ft1 = next(s for s in segments if s.startswith("FT1|"))
    assert ft1.split("|")[19] == "R11.2^^I10"
    assert "Testpatient" not in text  # names never go into the charge message


@pytest.mark.parametrize("name", NAMES)
def test_when_dft_is_validated_strictly_against_hl7_v2_5_then_it_passes(
    name: str, tmp_path: Path
) -> None:
    imported = read_bundle(load(name))
    for text in dft_messages(code_imported(imported), imported, now=NOW):
        msg = parse_message(text, validation_level=VALIDATION_LEVEL.STRICT, find_groups=True)
        assert Validator.validate(msg, report_file=str(tmp_path / "report.txt"))


def test_when_infusion_crosses_midnight_then_lines_keep_their_dates_of_service() -> None:
    from infusion_coder.interop import case_to_bundle

    case = {
        "id": "OBS-1",
        "setting": "facility",
        "date": "2026-03-02",
        "administrations": [
            {"id": "1", "drug": "normal saline", "category": "hydration", "route": "iv_infusion",
             "start": "2026-03-02T22:00", "stop": "2026-03-03T02:30"},
        ],
    }  # fmt: skip
    out = fhir_code_bundle(case_to_bundle(case, utc_offset="-05:00"), tz="America/New_York")
    [claim] = resources(out, "Claim")
    dates = {i["servicedDate"] for i in claim["item"]}
    assert dates == {"2026-03-02", "2026-03-03"}
    assert claim["billablePeriod"] == {"start": "2026-03-02", "end": "2026-03-03"}
    assert {c["occurrenceDateTime"] for c in resources(out, "ChargeItem")} == dates
