"""Reading claims: JSON claims and CSV exports; unusable input names the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from infusion_coder.edits import check_claim, parse_claim, read_claims_csv
from infusion_coder.errors import InvalidInput

CSV = (Path(__file__).parent / "fixtures" / "claims.csv").read_text(encoding="utf-8")


def test_when_csv_has_two_encounters_then_two_claims_in_order() -> None:
    claims = read_claims_csv(CSV)
    assert [c.id for c in claims] == ["ENC-1", "ENC-2"]
    first = claims[0]
    assert first.diagnoses == ["C50.911", "R11.2"]
    assert [ln.code for ln in first.lines] == ["96413", "96417", "99214"]
    assert first.lines[2].modifiers == ["25"] and first.lines[2].diagnosis_pointers == [1, 2]
    assert claims[1].lines[1].date == "2026-03-02"


def test_when_csv_claims_are_checked_then_one_report_per_encounter() -> None:
    reports = [check_claim(c) for c in read_claims_csv(CSV)]
    assert reports[0].ok and reports[0].claim_id == "ENC-1"
    assert "AOC001" in [f.id for f in reports[1].findings]  # 96415 without 96413


def test_when_csv_starts_with_bom_then_it_is_read() -> None:
    assert len(read_claims_csv("\ufeff" + CSV)) == 2


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # no encounter id column
        ("setting,code\nprofessional,96413\n", "encounter_id"),
        # units that are not a number
        ("encounter_id,setting,code,units\nE1,professional,96413,two\n", "units"),
        # header fields that disagree inside one encounter
        (
            "encounter_id,setting,code\nE1,professional,96413\nE1,facility,96415\n",
            "setting",
        ),
        # a setting that is not one of ours
        ("encounter_id,setting,code\nE1,office,96413\n", "setting"),
        # pointers that are not numbers
        (
            "encounter_id,setting,code,diagnosis_pointers\nE1,professional,96413,A\n",
            "diagnosis_pointers",
        ),
        # an empty encounter id
        ("encounter_id,setting,code\n,professional,96413\n", "encounter_id"),
    ],
)
def test_when_csv_is_unusable_then_invalid_input_names_the_field(text: str, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        read_claims_csv(text)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"lines": []}, "setting"),  # setting is required
        ({"setting": "professional"}, "lines"),  # lines are required
        ({"setting": "professional", "lines": [{"units": 1}]}, "lines[0].code"),
        ({"setting": "professional", "lines": [{"code": "96413", "units": -1}]}, "lines[0].units"),
        (
            {"setting": "professional", "date_of_service": "03/02/2026", "lines": []},
            "date_of_service",
        ),
        ([1, 2], "(root)"),  # not an object
        ("{not json", "(root)"),
    ],
)
def test_when_claim_is_unusable_then_invalid_input_names_the_field(
    data: object, field: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_claim(data)  # type: ignore[arg-type]
    assert err.value.field == field


def test_when_claim_is_wrapped_then_the_inner_claim_is_read() -> None:
    claim = parse_claim({"claim": {"setting": "facility", "lines": [{"code": "96413"}]}})
    assert claim.setting == "facility" and claim.lines[0].units == 1


def test_when_unknown_fields_are_sent_then_they_are_ignored() -> None:
    claim = parse_claim({"setting": "facility", "lines": [], "billing_npi": "123"})
    assert claim.payer == "medicare"
