"""FHIR R4/R4B Bundle → case: example Bundles in the shapes Epic and Oracle Health send."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from infusion_coder.errors import InvalidInput
from infusion_coder.interop import read_bundle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fhir"


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def only(name: str, **kw: Any) -> Any:
    [imported] = read_bundle(load(name), **kw)
    return imported


def test_when_epic_push_then_iv_push_with_dose_reason_and_payer() -> None:
    imp = only("epic-push.json")
    case = imp.case
    assert case.id == "7001"  # the Encounter's identifier (CSN)
    assert case.date == "2026-03-02"
    assert case.payer == "medicare"  # Coverage.payor says Medicare
    [adm] = case.administrations
    assert adm.id == "eMAond1"
    assert adm.route == "iv_push"
    assert adm.start == "2026-03-02T14:05"
    assert adm.stop is None
    assert adm.dose is not None and (adm.dose.amount, adm.dose.unit) == (4.0, "mg")
    assert adm.drug and "ondansetron" in adm.drug  # from the referenced Medication
    assert imp.reasons == {"eMAond1": ["R11.2"]}  # MedicationRequest.reasonCode
    assert imp.patient == "Patient/eTESTpt001"
    assert imp.coverage == "Coverage/eCOV1"
    assert imp.provider == "Organization/eORG1"


def test_when_on_hold_part_then_pause_in_the_encounters_utc_offset() -> None:
    imp = only("epic-infusion-pause.json")
    [adm] = imp.case.administrations
    assert adm.route == "iv_infusion"  # method "Intravenous Piggyback"
    assert (adm.start, adm.stop) == ("2026-03-03T09:00", "2026-03-03T10:40")
    assert [(p.start, p.stop) for p in adm.pauses] == [("2026-03-03T09:20", "2026-03-03T09:45")]
    assert adm.hcpcs == "J1756"
    assert adm.rate_ml_per_hr == 100.0
    assert adm.site == "Left Forearm PIV"
    assert imp.diagnoses == ["D50.9"]  # reasonReference → Condition


def test_when_medication_has_several_ingredients_then_one_bag() -> None:
    imp = only("oracle-bag.json")
    by_id = {a.id: a for a in imp.case.administrations}
    bag = [a for a in imp.case.administrations if a.bag]
    assert len(bag) == 2 and {a.bag for a in bag} == {"ma-bag-1"}
    assert {a.drug for a in bag} == {"oxaliplatin", "dextrose 5% in water"}
    oxali = by_id["ma-bag-1-1"]
    assert oxali.dose is not None and oxali.dose.amount == 150.0
    assert by_id["ma-bag-1-2"].volume_ml == 500.0
    assert oxali.rate_ml_per_hr == 250.0  # rateRatio mL per h
    assert {a.start for a in bag} == {"2026-04-14T08:00"}  # -06:00 kept as wall time
    assert imp.case.payer == "commercial"  # Source of Payment Typology 5
    assert by_id["ma-dexa"].route == "iv_push"  # route "IV", method "IV Push"


def test_when_route_gives_no_method_then_read_from_rate_and_reported_ambiguous() -> None:
    imp = only("oracle-bag.json")
    notes = [n for n in imp.report.of_kind("ambiguous") if "ma-bag-1" in n.source]
    assert notes and "neither push nor infusion" in notes[0].note
    assert set(notes[0].administrations) == {"ma-bag-1-1", "ma-bag-1-2"}


def test_when_stopped_not_done_entered_in_error_then_only_stopped_is_kept() -> None:
    imp = only("oracle-stopped-notdone.json")
    assert [a.id for a in imp.case.administrations] == ["ma-stop"]
    assert imp.case.administrations[0].stop == "2026-04-14T08:50"
    ignored = {n.source for n in imp.report.of_kind("ignored")}
    assert ignored == {
        "MedicationAdministration/ma-notdone.status",
        "MedicationAdministration/ma-error.status",
    }


def test_when_clinic_pump_then_portable_pump_supplied_by_clinic_and_port_flush() -> None:
    imp = only("epic-pump.json")
    by_id = {a.id: a for a in imp.case.administrations}
    pump = by_id["eMA5fu"]
    assert (pump.pump, pump.pump_supplier) == ("portable", "clinic")
    assert pump.stop is None
    assert any(n.kind == "ambiguous" and "in-progress" in n.note for n in imp.report.notes)
    assert by_id["eMA5fub"].route == "iv_push"
    flush = by_id["eFLUSH1"]
    assert (flush.route, flush.start) == ("port_flush", "2026-03-04T11:10")
    assert [(s.code, s.separately_identifiable) for s in imp.case.services] == [("99214", True)]


def test_when_no_setting_in_bundle_then_default_is_reported_and_option_wins() -> None:
    imp = only("epic-push.json")
    assert imp.case.setting == "facility"
    assert any(n.target == "setting" for n in imp.report.of_kind("missing"))
    assert only("epic-push.json", setting="professional").case.setting == "professional"


def _route_bundle(dosage: dict[str, Any], effective: dict[str, Any]) -> dict[str, Any]:
    ma = {
        "resourceType": "MedicationAdministration",
        "id": "m1",
        "status": "completed",
        "medicationCodeableConcept": {"text": "drug X"},
        "subject": {"reference": "Patient/p"},
        "dosage": dosage,
        **effective,
    }
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": ma}]}


AT = {"effectiveDateTime": "2026-03-02T09:00:00Z"}
SPAN = {"effectivePeriod": {"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z"}}


@pytest.mark.parametrize(
    ("dosage", "effective", "route", "ambiguous"),
    [
        # SNOMED intravenous + method text
        (
            {
                "route": {"coding": [{"system": "http://snomed.info/sct", "code": "47625008"}]},
                "method": {"text": "IV push"},
            },
            AT,
            "iv_push",
            False,
        ),
        # route text only, period: infusion by timing, flagged
        ({"route": {"text": "Intravenous"}}, SPAN, "iv_infusion", True),
        # route text only, one instant: push by timing, flagged
        ({"route": {"text": "IV"}}, AT, "iv_push", True),
        # subcutaneous injection
        (
            {"route": {"text": "Subcutaneous"}, "method": {"text": "Inject"}},
            AT,
            "sc_injection",
            False,
        ),
        # intramuscular
        (
            {"route": {"coding": [{"system": "http://snomed.info/sct", "code": "78421000"}]}},
            AT,
            "im_injection",
            False,
        ),
        # intrathecal
        ({"route": {"text": "Intrathecal"}}, AT, "intrathecal", False),
        # a route that is neither push nor infusion nor anything we know
        ({"route": {"text": "Nebulized"}}, AT, "other", True),
        # "IVPB" names the infusion in the route itself (and is not "IVP", a push)
        ({"route": {"text": "IVPB"}}, SPAN, "iv_infusion", False),
        # no route at all, but the method says infusion
        ({"method": {"text": "Continuous infusion"}}, SPAN, "iv_infusion", True),
    ],
)
def test_route_and_method_mapping(
    dosage: dict[str, Any], effective: dict[str, Any], route: str, ambiguous: bool
) -> None:
    [imp] = read_bundle(_route_bundle(dosage, effective))
    assert imp.case.administrations[0].route == route
    assert bool([n for n in imp.report.of_kind("ambiguous") if n.target == "route"]) == ambiguous


def test_when_r4_json_text_then_parsed_like_a_dict() -> None:
    text = (FIXTURES / "epic-push.json").read_text(encoding="utf-8")
    assert read_bundle(text)[0].case == read_bundle(json.loads(text))[0].case


# ------------------------------------------------------------------ malformed Bundles
PHI = "Testpatient"  # the family name in the fixtures: must never appear in an error


def _error(data: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        read_bundle(data)
    assert PHI not in info.value.message
    return info.value


def test_when_not_json_then_error_names_the_position() -> None:
    err = _error('{"resourceType": "Bundle", ')
    assert "not valid JSON" in err.message


def test_when_not_a_bundle_then_error_names_resource_type() -> None:
    err = _error({"resourceType": "Patient", "id": "x"})
    assert err.field == "resourceType"


def test_when_unknown_resource_type_then_error_names_the_entry() -> None:
    bundle = load("epic-push.json")
    bundle["entry"][2]["resource"]["resourceType"] = "Encounterr"
    err = _error(bundle)
    assert "entry[2]" in err.message and err.field == "entry[2].resource.resourceType"


def test_when_status_is_invalid_then_error_names_resource_and_field_not_value() -> None:
    bundle = load("epic-push.json")
    ma = bundle["entry"][6]["resource"]
    ma["status"] = 42
    ma["dosage"]["route"]["text"] = {"secret": PHI}
    err = _error(bundle)
    assert "MedicationAdministration/eMAond1" in err.message
    assert ".status" in err.message and "42" not in err.message


def test_when_datetime_is_malformed_then_error_names_the_field() -> None:
    bundle = load("epic-push.json")
    bundle["entry"][6]["resource"]["effectiveDateTime"] = "02/03/2026 14:05"
    err = _error(bundle)
    assert "effectiveDateTime" in err.message and "02/03/2026" not in err.message


def test_when_entry_has_no_resource_then_error() -> None:
    err = _error({"resourceType": "Bundle", "type": "collection", "entry": [{"fullUrl": "x"}]})
    assert err.field == "entry[0].resource"


def test_when_patient_name_is_in_the_bundle_then_it_is_not_in_any_note() -> None:
    bundle = copy.deepcopy(load("epic-push.json"))
    for imp in read_bundle(bundle):
        assert PHI not in imp.report.model_dump_json()


def test_when_site_time_zone_is_given_then_utc_times_become_local_times_and_dates() -> None:
    bundle = load("epic-push.json")  # 14:05Z = 08:05 in Chicago (CST, UTC-6, on March 2)
    [imp] = read_bundle(bundle, tz="America/Chicago")
    assert imp.case.administrations[0].start == "2026-03-02T08:05"
    late = load("epic-push.json")
    late["entry"][6]["resource"]["effectiveDateTime"] = "2026-03-03T02:30:00Z"
    [imp2] = read_bundle(late, tz="America/Chicago")
    assert imp2.case.administrations[0].start == "2026-03-02T20:30"  # the local day


def test_when_times_are_utc_and_no_zone_is_given_then_it_is_reported() -> None:
    [imp] = read_bundle(load("epic-push.json"))
    assert any(n.source == "dateTime values" for n in imp.report.of_kind("derived"))
    [imp2] = read_bundle(load("epic-push.json"), tz="America/Chicago")
    assert not any(n.source == "dateTime values" for n in imp2.report.notes)


def test_when_time_zone_is_unknown_then_error_names_tz() -> None:
    with pytest.raises(InvalidInput) as info:
        read_bundle(load("epic-push.json"), tz="Mars/Olympus")
    assert info.value.field == "tz"


@pytest.mark.parametrize(("option", "value"), [("setting", "hospital"), ("payer", "cash")])
def test_when_default_option_is_not_allowed_then_error_names_it(option: str, value: str) -> None:
    with pytest.raises(InvalidInput) as info:
        read_bundle(load("epic-push.json"), **{option: value})
    assert info.value.field == option


def test_when_procedure_is_a_pump_refill_then_it_is_an_administration() -> None:
    bundle = load("epic-pump.json")
    flush = bundle["entry"][7]["resource"]
    flush["code"] = {"text": "Implanted pump refill"}
    flush["usedCode"] = [{"text": "morphine"}]
    [imp] = read_bundle(bundle)
    refill = {a.id: a for a in imp.case.administrations}["eFLUSH1"]
    assert (refill.route, refill.drug) == ("pump_refill", "morphine")


def test_when_medication_is_neither_named_nor_coded_then_error_names_the_resource() -> None:
    bundle = load("epic-push.json")
    ma = bundle["entry"][6]["resource"]
    ma["medicationReference"] = {"reference": "Medication/not-in-bundle"}
    err = _error(bundle)
    assert err.field == "MedicationAdministration/eMAond1.medication[x]"


def test_when_medication_is_elsewhere_but_named_then_the_display_is_the_drug() -> None:
    bundle = load("epic-push.json")
    ma = bundle["entry"][6]["resource"]
    ma["medicationReference"] = {"reference": "Medication/elsewhere", "display": "ondansetron"}
    [imp] = read_bundle(bundle)
    assert imp.case.administrations[0].drug == "ondansetron"
    assert any(n.kind == "missing" and "not in the Bundle" in n.note for n in imp.report.notes)


def test_when_bundle_holds_r4_only_resources_then_they_are_set_aside_and_errors_keep_indexes() -> (
    None
):
    bundle = load("epic-push.json")
    bundle["entry"].insert(0, {"resource": {"resourceType": "MedicinalProduct", "id": "mp1"}})
    [imp] = read_bundle(bundle)
    assert [n.source for n in imp.report.of_kind("ignored")] == ["entry[0] (MedicinalProduct/mp1)"]
    assert imp.case.administrations[0].route == "iv_push"
    bundle["entry"][7]["resource"]["status"] = 42  # the MedicationAdministration, now entry 7
    err = _error(bundle)
    assert err.field == "entry[7].resource.status" and "entry[7]" in err.message


def test_when_medication_has_only_an_rxnorm_code_then_kept_and_reported_ambiguous() -> None:
    bundle = load("epic-push.json")
    ma = bundle["entry"][6]["resource"]
    del ma["medicationReference"]
    ma["medicationCodeableConcept"] = {
        "coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "312087"}]
    }
    [imp] = read_bundle(bundle)
    assert imp.case.administrations[0].drug == "RxNorm 312087"
    assert any(n.target == "drug" for n in imp.report.of_kind("ambiguous"))
