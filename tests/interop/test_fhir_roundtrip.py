"""Case → FHIR → case: the published scenarios code the same, and (hypothesis) the conversion is
the identity on every field FHIR carries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from infusion_coder.engine import code_case
from infusion_coder.errors import InvalidCase
from infusion_coder.interop import case_to_bundle, read_bundle
from infusion_coder.models import Case, CodingResult

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = Path("/work/shared/domain/scenarios.json")
if not SCENARIOS.exists():  # the shared folder sits beside the checkout in CI
    SCENARIOS = ROOT.parent / "shared" / "domain" / "scenarios.json"


def _prepare(raw: dict[str, Any]) -> Case:
    data = dict(raw)
    if data.get("setting") not in ("facility", "professional"):
        data["setting"] = "facility"  # "unspecified" scenarios: the coder's default
    data.setdefault("date", "2026-03-02")
    return Case.model_validate(data)


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted((ROOT / "tests" / "cases").glob("**/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        case = data.get("case", data)
        if isinstance(case, dict) and ("administrations" in case or "events" in case):
            out.append((str(path.relative_to(ROOT)), case))
    if SCENARIOS.exists():
        for sc in json.loads(SCENARIOS.read_text(encoding="utf-8")):
            try:
                _prepare(sc)
            except ValidationError:  # a scenario in words the case format does not have
                continue
            out.append((sc["id"], sc))
    return out


CASES = _cases()


def _lines(result: CodingResult) -> list[tuple[Any, ...]]:
    return sorted(
        (ln.code, ln.units, tuple(ln.modifiers), tuple(sorted(ln.administrations)), ln.date)
        for ln in result.lines
    )


@pytest.mark.skipif(not CASES, reason="no case files or scenarios found beside the checkout")
@pytest.mark.parametrize(("name", "raw"), CASES, ids=[n for n, _ in CASES])
def test_when_case_goes_through_fhir_then_it_codes_the_same(name: str, raw: dict[str, Any]) -> None:
    case = _prepare(raw)
    [imp] = read_bundle(case_to_bundle(case))
    try:
        before = code_case(case)
    except InvalidCase:  # e.g. HH:MM times across midnight: the FHIR path must refuse it too
        with pytest.raises(InvalidCase):
            code_case(imp.case)
        return
    after = code_case(imp.case)
    assert _lines(after) == _lines(before), name
    assert sorted(nb.reason for nb in after.not_billed) == sorted(
        nb.reason for nb in before.not_billed
    )


def test_enough_scenarios_are_checked() -> None:
    if not SCENARIOS.exists():
        pytest.skip("shared/domain/scenarios.json is not beside the checkout")
    assert len(CASES) >= 50


def test_when_bag_goes_through_fhir_then_members_stay_one_bag() -> None:
    case = Case.model_validate(
        {
            "id": "B-1",
            "setting": "facility",
            "date": "2026-03-02",
            "administrations": [
                {
                    "id": "a",
                    "drug": "magnesium sulfate",
                    "route": "iv_infusion",
                    "start": "09:00",
                    "stop": "10:00",
                    "bag": "bag-1",
                    "dose": {"amount": 2, "unit": "g"},
                },
                {
                    "id": "b",
                    "drug": "potassium chloride",
                    "route": "iv_infusion",
                    "start": "09:00",
                    "stop": "10:00",
                    "bag": "bag-1",
                    "dose": {"amount": 20, "unit": "mEq"},
                },
                {
                    "id": "c",
                    "drug": "normal saline",
                    "route": "iv_infusion",
                    "start": "09:00",
                    "stop": "10:00",
                    "bag": "bag-1",
                    "volume_ml": 500,
                },
            ],
        }
    )
    bundle = case_to_bundle(case)
    mas = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "MedicationAdministration"
    ]
    assert len(mas) == 1 and len(mas[0]["contained"][0]["ingredient"]) == 3
    [imp] = read_bundle(bundle)
    got = {a.id: a for a in imp.case.administrations}
    assert set(got) == {"a", "b", "c"} and {a.bag for a in got.values()} == {"bag-1"}
    assert got["b"].dose is not None and got["b"].dose.amount == 20
    assert got["c"].volume_ml == 500


# ------------------------------------------------------------------ property: identity
ROUTES = [
    "iv_push", "iv_infusion", "sc_injection", "im_injection", "sc_infusion",
    "intra_arterial_push", "intra_arterial_infusion", "intralesional", "intrathecal",
    "intrapleural", "intraperitoneal", "ventricular_reservoir", "on_body_injector",
    "pump_refill", "oral", "topical", "other",
]  # fmt: skip
words = st.text(alphabet="abcdefghij XYZ-0123", min_size=1, max_size=12).map(str.strip).filter(bool)
amount = st.floats(min_value=0, max_value=5000, allow_nan=False).map(lambda x: round(x, 2))
minute = st.integers(min_value=0, max_value=23 * 60)


def _clock(m: int) -> str:
    return f"2026-03-02T{m // 60:02d}:{m % 60:02d}"


@st.composite
def administrations(draw: st.DrawFn, aid: str) -> dict[str, Any]:
    route = draw(st.sampled_from([*ROUTES, "port_flush"]))
    adm: dict[str, Any] = {"id": aid, "route": route}
    start = draw(st.none() | minute)
    if start is not None:
        adm["start"] = _clock(start)
        if draw(st.booleans()):
            stop = draw(st.integers(min_value=start, max_value=24 * 60 - 1))
            adm["stop"] = _clock(stop)
            if draw(st.booleans()) and stop - start >= 2:
                ps = draw(st.integers(min_value=start, max_value=stop - 1))
                pe = draw(st.integers(min_value=ps + 1, max_value=stop))
                if route != "port_flush":
                    adm["pauses"] = [{"start": _clock(ps), "stop": _clock(pe)}]
    adm["encounter"] = draw(st.sampled_from([1, 1, 2, 3]))
    if draw(st.booleans()):
        adm["site"] = draw(words)
    if route == "port_flush":
        if draw(st.booleans()):
            adm["drug"] = draw(words)
        return adm
    adm["drug"] = draw(words)
    optional: dict[str, Any] = {
        "hcpcs": st.from_regex(r"J[0-9]{4}", fullmatch=True),
        "category": st.sampled_from(["chemotherapy", "therapeutic", "hydration"]),
        "hormonal": st.booleans(),
        "purpose": st.sampled_from(["hydration", "kvo", "carrier", "flush"]),
        "separate_site_required": words,
        "volume_ml": amount,
        "rate_ml_per_hr": amount.filter(lambda x: x > 0),
        "dose": st.fixed_dictionaries(
            {"amount": amount, "unit": st.sampled_from(["mg", "g", "units", "mcg", "mEq"])}
        ),
        "discarded": st.fixed_dictionaries({"amount": amount, "unit": st.just("mg")}),
        "single_dose_container": st.booleans(),
        "pump": st.sampled_from(["portable", "implantable"]),
        "pump_supplier": st.sampled_from(["clinic", "other"]),
        "attended": st.booleans(),
        "lesions": st.integers(min_value=1, max_value=9),
        "bag": st.sampled_from(["b1", "b 2"]),  # "b 2" is not a valid FHIR id
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            adm[name] = draw(strategy)
    return adm


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(min_value=0, max_value=5))
    case: dict[str, Any] = {
        "id": draw(st.from_regex(r"[A-Z]{1,3}-[0-9]{1,5}", fullmatch=True)),
        "setting": draw(st.sampled_from(["facility", "professional"])),
        "payer": draw(st.sampled_from(["medicare", "commercial"])),
        "date": "2026-03-02",
        # ids that are not valid FHIR ids ("a 1") travel in identifiers
        "administrations": [
            draw(administrations(draw(st.sampled_from([f"a{i}", f"a {i}", f"a_{i}"]))))
            for i in range(n)
        ],
    }
    if draw(st.booleans()):
        case["place_of_service"] = draw(st.sampled_from(["11", "19", "22"]))
    case["services"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"code": st.sampled_from(["99213", "99214", "36415"])},
                optional={
                    "separately_identifiable": st.booleans(),
                    "units": st.integers(min_value=1, max_value=3),
                    "modifiers": st.lists(st.sampled_from(["25", "59"]), max_size=1),
                },
            ),
            max_size=2,
        )
    )
    return case


def _canonical(case: Case) -> dict[str, Any]:
    data = case.model_dump(mode="json")
    data["administrations"] = sorted(data["administrations"], key=lambda a: a["id"])
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_case_to_fhir_to_case_is_the_identity(raw: dict[str, Any]) -> None:
    case = Case.model_validate(raw)
    [imp] = read_bundle(case_to_bundle(case))
    assert _canonical(imp.case) == _canonical(case)


SHARED = ("route", "start", "stop", "pauses", "site", "encounter", "pump", "rate_ml_per_hr")


@st.composite
def bag_cases(draw: st.DrawFn) -> dict[str, Any]:
    first = draw(administrations("m0").filter(lambda a: a["route"] != "port_flush"))
    members = [{**first, "bag": "mix"}]
    for k in range(1, draw(st.integers(min_value=2, max_value=3))):
        other = draw(administrations(f"m{k}").filter(lambda a: a["route"] != "port_flush"))
        for key in SHARED:
            other.pop(key, None)
            if key in first:
                other[key] = first[key]
        members.append({**other, "bag": "mix"})
    return {"id": "BAG-1", "setting": "facility", "date": "2026-03-02", "administrations": members}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bag_cases())
def test_one_bag_with_several_ingredients_round_trips(raw: dict[str, Any]) -> None:
    case = Case.model_validate(raw)
    bundle = case_to_bundle(case)
    mas = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "MedicationAdministration"
        and e["resource"]["status"] != "on-hold"
    ]
    assert len(mas) == 1  # one infusion, several ingredients
    [imp] = read_bundle(bundle)
    assert _canonical(imp.case) == _canonical(case)


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        ("09:05", "2026-03-02T09:05"),
        ("0905", "2026-03-02T09:05"),
        ("9:05 PM", "2026-03-02T21:05"),
        ("12:10 am", "2026-03-02T00:10"),
        ("2026-03-03T01:15", "2026-03-03T01:15"),
        ("2026-03-03T01:15:30", "2026-03-03T01:15"),
    ],
)
def test_every_case_clock_form_is_written_as_a_fhir_datetime(clock: str, expected: str) -> None:
    case = {
        "setting": "facility",
        "date": "2026-03-02",
        "administrations": [{"id": "1", "drug": "x", "route": "iv_push", "start": clock}],
    }
    [imp] = read_bundle(case_to_bundle(case, utc_offset="-05:00"))
    assert imp.case.administrations[0].start == expected


@pytest.mark.parametrize(
    ("case", "field"),
    [
        (  # a clock time without the case date
            {"setting": "facility", "administrations": [{"drug": "x", "route": "iv_push", "start": "09:00"}]},
            "date",
        ),
        (  # not a time at all
            {"setting": "facility", "date": "2026-03-02",
             "administrations": [{"drug": "x", "route": "iv_push", "start": "soon"}]},
            "administrations[0].start",
        ),
        (  # not a case
            {"setting": "hospital", "administrations": []},
            "setting",
        ),
    ],
)  # fmt: skip
def test_when_case_cannot_be_written_then_error_names_the_field(
    case: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidCase) as info:
        case_to_bundle(case)
    assert info.value.field == field


def test_when_ids_collide_as_fhir_ids_then_resources_stay_distinct() -> None:
    case = Case.model_validate(
        {
            "id": "C 1",
            "setting": "facility",
            "date": "2026-03-02",
            "administrations": [
                {"id": "a 1", "drug": "x", "route": "iv_push", "start": "2026-03-02T09:00"},
                {"id": "a_1", "drug": "y", "route": "iv_push", "start": "2026-03-02T09:10"},
                {"id": "service-1", "route": "port_flush", "start": "2026-03-02T09:20"},
            ],
            "services": [{"code": "99213"}],
        }
    )
    bundle = case_to_bundle(case)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(urls) == len(set(urls))
    [imp] = read_bundle(bundle)
    assert _canonical(imp.case) == _canonical(case)
