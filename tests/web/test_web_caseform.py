"""The case coder's form fields ↔ case format v1."""

from __future__ import annotations

import pytest
from web_support import THREE_DRUGS, form_fields

from infusion_coder.web import _caseform
from infusion_coder.web._caseform import FormError


def test_form_round_trip_keeps_the_case() -> None:
    state = _caseform.state_from_form(form_fields(THREE_DRUGS))
    case = _caseform.case_from_state(state)
    assert case["setting"] == "facility" and case["date"] == "2026-03-02"
    assert [a["drug"] for a in case["administrations"]] == [
        a["drug"] for a in THREE_DRUGS["administrations"]
    ]
    assert case["administrations"][1]["dose"] == {"amount": 300.0, "unit": "mg"}
    assert [a["id"] for a in case["administrations"]] == ["1", "2", "3"]


def test_empty_rows_are_ignored_and_ids_follow_the_kept_rows() -> None:
    form = {
        "adm-0-drug": "",
        "adm-1-drug": "heparin",
        "adm-1-route": "iv_push",
        "adm-1-start": "10:00",
        "adm-2-drug": "",
    }
    case = _caseform.case_from_state(_caseform.state_from_form(form))
    assert case["administrations"] == [
        {"id": "1", "drug": "heparin", "route": "iv_push", "start": "10:00"}
    ]


@pytest.mark.parametrize(
    ("text", "pauses"),
    [
        ("10:00-10:15", [("10:00", "10:15")]),
        ("10:00 - 10:15; 11:00–11:05", [("10:00", "10:15"), ("11:00", "11:05")]),  # en dash
        ("10:00 to 10:15, ", [("10:00", "10:15")]),
    ],
)
def test_pauses_are_read_from_text(text: str, pauses: list[tuple[str, str]]) -> None:
    form = {"adm-0-drug": "x", "adm-0-route": "iv_infusion", "adm-0-pauses": text}
    case = _caseform.case_from_state(_caseform.state_from_form(form))
    assert [(p["start"], p["stop"]) for p in case["administrations"][0]["pauses"]] == pauses


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"adm-0-drug": "x"}, "adm-1-route"),  # no route chosen
        (
            {"adm-0-drug": "x", "adm-0-route": "iv_push", "adm-0-dose_amount": "lots"},
            "adm-1-dose_amount",
        ),
        ({"adm-0-drug": "x", "adm-0-route": "iv_push", "adm-0-pauses": "noon"}, "adm-1-pauses"),
        ({"setting": "facility"}, "administrations"),
    ],
)
def test_form_problems_name_the_field(form: dict[str, str], field: str) -> None:
    with pytest.raises(FormError) as err:
        _caseform.case_from_state(_caseform.state_from_form(form))
    assert err.value.field == field
    assert "lots" not in err.value.message and "noon" not in err.value.message


def test_services_and_separate_visit() -> None:
    form = {
        "adm-0-drug": "x",
        "adm-0-route": "iv_push",
        "services": "99214, 36415",
        "services_separate": "on",
    }
    case = _caseform.case_from_state(_caseform.state_from_form(form))
    assert case["services"] == [
        {"code": "99214", "separately_identifiable": True},
        {"code": "36415", "separately_identifiable": True},
    ]
