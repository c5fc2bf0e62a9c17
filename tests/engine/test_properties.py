"""Properties of the case coder over generated valid cases (hypothesis).

The generated cases have 1–10 administrations on one date with mixed categories and routes,
optional access sites, bags and holds, two encounters now and then, and both settings. The
invariants come from the rulebook: add-ons need a primary (§3, §18 rule 2), one initial per
encounter and access unless a distinct modifier is on it (§5 E1–E3, §18 rule 1), units are never
negative, more minutes never bill fewer units, and the result does not depend on input order.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from infusion_coder.engine import code_case
from infusion_coder.models import CodingResult

from .conftest import DATE, DISTINCT, describe, totals

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IV_ROUTES = {"iv_push", "iv_infusion"}

#: drug, category, routes it may take, HCPCS and a dose range for some
DRUGS: list[tuple[str, str, tuple[str, ...], str | None, tuple[int, int] | None]] = [
    ("cisplatin", "chemotherapy", ("iv_infusion", "iv_push"), "J9060", (20, 200)),
    ("etoposide", "chemotherapy", ("iv_infusion",), "J9181", (50, 300)),
    ("bortezomib", "chemotherapy", ("sc_injection",), None, None),
    ("vancomycin", "therapeutic", ("iv_infusion",), None, None),
    ("ondansetron", "therapeutic", ("iv_push", "iv_infusion", "im_injection"), "J2405", (4, 16)),
    ("morphine", "therapeutic", ("iv_push", "im_injection"), None, None),
    ("ceftriaxone", "therapeutic", ("iv_infusion", "im_injection"), None, None),
    ("normal saline", "hydration", ("iv_infusion",), None, None),
    ("lactated ringers", "hydration", ("iv_infusion",), None, None),
]
PURPOSES = ["hydration", "hydration", "hydration", "kvo", "carrier", "flush"]
SITES = [None, None, "L arm PIV", "R arm PIV", "port"]


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def administrations(draw: st.DrawFn) -> dict[str, Any]:
    drug, category, routes, hcpcs, dose = draw(st.sampled_from(DRUGS))
    route = draw(st.sampled_from(routes))
    start = draw(st.integers(7 * 60, 16 * 60))
    a: dict[str, Any] = {"drug": drug, "category": category, "route": route, "start": _clock(start)}
    if route == "iv_infusion":
        length = draw(st.integers(1, 300))
        a["stop"] = _clock(start + length)
        if length >= 20 and draw(st.booleans()):
            p0 = draw(st.integers(1, length - 10))
            p1 = draw(st.integers(p0 + 1, length - 1))
            a["pauses"] = [{"start": _clock(start + p0), "stop": _clock(start + p1)}]
    elif route == "iv_push":
        a["stop"] = _clock(start + draw(st.integers(0, 5)))
    if category == "hydration":
        a["purpose"] = draw(st.sampled_from(PURPOSES))
    if route in IV_ROUTES:
        site = draw(st.sampled_from(SITES))
        if site:
            a["site"] = site
            if draw(st.booleans()):
                a["separate_site_required"] = "incompatible drugs"
    if hcpcs and dose and draw(st.booleans()):
        a["hcpcs"] = hcpcs
        a["dose"] = {"amount": draw(st.integers(*dose)), "unit": "mg"}
    if draw(st.integers(0, 5)) == 0:
        a["encounter"] = 2
    return a


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    adms = draw(st.lists(administrations(), min_size=1, max_size=10))
    # a bag is one infusate: members share the first member's times, route and encounter
    if draw(st.booleans()):
        infusions = [
            a for a in adms if a["route"] == "iv_infusion" and a["category"] != "hydration"
        ]
        if len(infusions) >= 2:
            first = infusions[0]
            first["bag"] = "bag 1"
            for other in infusions[1 : draw(st.integers(2, len(infusions)))]:
                for k in ("start", "stop", "pauses", "site", "separate_site_required", "encounter"):
                    other.pop(k, None)
                    if k in first:
                        other[k] = first[k]
                other["bag"] = "bag 1"
    setting = draw(st.sampled_from(["facility", "professional"]))
    administrations_ = [{"id": str(i), **a} for i, a in enumerate(adms, 1)]
    out: dict[str, Any] = {"setting": setting, "date": DATE, "administrations": administrations_}
    if setting == "professional" and draw(st.integers(0, 3)) == 0:
        out["place_of_service"] = "22"
    return out


def _addon_rules() -> tuple[Any, bool]:
    try:
        from infusion_coder import knowledge

        return knowledge.load(), True
    except Exception:  # pragma: no cover - library not packaged
        return None, False


#: rulebook §3 primaries, used when the code library is unavailable
ADDON_PRIMARIES: dict[str, set[str]] = {
    "96361": {"96360", "96365", "96374", "96409", "96413"},
    "96366": {"96365", "96367", "96413"},
    "96367": {"96365", "96374", "96409", "96413"},
    "96368": {"96365", "96366", "96413", "96415", "96416"},
    "96370": {"96369"},
    "96371": {"96369"},
    "96375": {"96365", "96374", "96409", "96413"},
    "96376": {"96365", "96374", "96409", "96413"},
    "96411": {"96409", "96413"},
    "96415": {"96413"},
    "96417": {"96413"},
    "96423": {"96422"},
}


def _primaries(code: str, setting: str) -> set[str] | None:
    lib, ok = _addon_rules()
    if ok and lib is not None:
        if not lib.is_addon(code):
            return None
        return set(lib.addon_primaries(code, setting))
    return ADDON_PRIMARIES.get(code)


def _by_id(case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in case["administrations"]}


def _encounter(case: dict[str, Any], ids: list[str]) -> int:
    adms = _by_id(case)
    return min((int(adms[i].get("encounter", 1)) for i in ids if i in adms), default=1)


def _access(case: dict[str, Any], ids: list[str]) -> str:
    """IV services share one access unless a site is documented as required (E2, P9)."""
    adms = _by_id(case)
    routes = {adms[i]["route"] for i in ids if i in adms}
    if routes and not routes <= IV_ROUTES:
        return "/".join(sorted(routes))
    return "iv"


@given(cases())
@SETTINGS
def test_when_add_on_billed_then_a_primary_is_billed_in_the_same_encounter(
    case: dict[str, Any],
) -> None:
    result = code_case(case)
    admin = [ln for ln in result.lines if ln.kind == "administration"]
    codes_by_enc: defaultdict[int, set[str]] = defaultdict(set)
    for ln in admin:
        codes_by_enc[_encounter(case, ln.administrations)].add(ln.code)
    for ln in admin:
        primaries = _primaries(ln.code, case["setting"])
        if primaries is None:
            continue
        enc = _encounter(case, ln.administrations)
        assert primaries & codes_by_enc[enc], (
            f"add-on {ln.code} without a primary in encounter {enc}\n{describe(result)}"
        )


@given(cases())
@SETTINGS
def test_when_coded_then_at_most_one_initial_per_encounter_and_access_without_modifier(
    case: dict[str, Any],
) -> None:
    result = code_case(case)
    plain: Counter[tuple[int, str]] = Counter()
    for ln in result.lines:
        if ln.kind != "administration" or ln.role != "initial":
            continue
        if DISTINCT.intersection(ln.modifiers):
            continue
        plain[(_encounter(case, ln.administrations), _access(case, ln.administrations))] += 1
    assert all(n <= 1 for n in plain.values()), f"{dict(plain)}\n{describe(result)}"


@given(cases())
@SETTINGS
def test_when_coded_then_units_are_never_negative_and_result_validates(
    case: dict[str, Any],
) -> None:
    result = code_case(case)
    assert all(ln.units >= 0 for ln in result.lines), describe(result)
    again = CodingResult.model_validate_json(result.model_dump_json())
    assert again == result


@given(cases(), st.integers(1, 120))
@example(
    # found by this property: two short runs of one drug 5 min apart (both pushes, D5)
    case={
        "setting": "facility",
        "date": DATE,
        "administrations": [
            {
                "id": "1",
                "drug": "vancomycin",
                "category": "therapeutic",
                "route": "iv_infusion",
                "start": "10:00",
                "stop": "10:05",
            },
            {
                "id": "2",
                "drug": "vancomycin",
                "category": "therapeutic",
                "route": "iv_infusion",
                "start": "10:10",
                "stop": "10:23",
            },
        ],
    },
    extra=3,
)
@SETTINGS
def test_when_last_infusion_runs_longer_then_never_fewer_units(
    case: dict[str, Any], extra: int
) -> None:
    timed = [a for a in case["administrations"] if a["route"] == "iv_infusion"]
    if not timed:
        return
    last = max(timed, key=lambda a: (a["stop"], a["id"]))
    ends = [a.get("stop", a["start"]) for a in case["administrations"] if a is not last]
    if any(e >= last["stop"] for e in ends):
        return  # extending it would add overlaps, which may rightly take minutes from others
    before = code_case(case)
    h, m = map(int, last["stop"].split(":"))
    longer = {
        **case,
        "administrations": [
            {**a, "stop": _clock(h * 60 + m + extra)} if a is last else a
            for a in case["administrations"]
        ],
    }
    after = code_case(longer)
    n_before = sum(totals(before.lines, ("administration",)).values())
    n_after = sum(totals(after.lines, ("administration",)).values())
    assert n_after >= n_before, (
        f"+{extra} min on administration {last['id']}: {n_before} → {n_after} units\n"
        f"case: {json.dumps(case)}\n"
        f"before:\n{describe(before)}\nafter:\n{describe(after)}"
    )


@given(cases(), st.randoms(use_true_random=False))
@SETTINGS
def test_when_administrations_reordered_then_same_billed_totals(
    case: dict[str, Any], rnd: random.Random
) -> None:
    shuffled = list(case["administrations"])
    rnd.shuffle(shuffled)
    a = code_case(case)
    b = code_case({**case, "administrations": shuffled})
    assert totals(a.lines) == totals(b.lines), f"in order:\n{describe(a)}\nshuffled:\n{describe(b)}"


@given(cases())
@SETTINGS
def test_when_coded_twice_then_identical_results(case: dict[str, Any]) -> None:
    assert code_case(case).model_dump() == code_case(case).model_dump()


#: codes a physician does not report in a facility place of service (§11)
FACILITY_ONLY_FOR_PHYSICIANS = {str(c) for c in range(96360, 96380)} | {
    "96401",
    "96402",
    *(str(c) for c in range(96409, 96426)),
    "96521",
    "96522",
    "96523",
}


@given(cases())
@SETTINGS
def test_when_coded_then_claim_level_rules_hold(case: dict[str, Any]) -> None:
    result = code_case(case)
    admin = [ln for ln in result.lines if ln.kind == "administration"]
    # G11/Q3: 96368 at most once per encounter and date
    concurrent: Counter[tuple[int, str | None]] = Counter()
    for ln in admin:
        if ln.code == "96368":
            concurrent[(_encounter(case, ln.administrations), ln.date)] += ln.units
    assert all(n <= 1 for n in concurrent.values()), describe(result)
    # §11: 96376 is facility-only
    if case["setting"] == "professional":
        assert all(ln.code != "96376" for ln in admin), describe(result)
    # §11: a physician in a facility place of service reports none of these codes
    if case["setting"] == "professional" and case.get("place_of_service") == "22":
        assert not {ln.code for ln in admin} & FACILITY_ONLY_FOR_PHYSICIANS, describe(result)
    # §12: never JW and JZ on one line; administration lines never carry either
    for ln in result.lines:
        assert not {"JW", "JZ"} <= set(ln.modifiers), describe(result)
        if ln.kind == "administration":
            assert not {"JW", "JZ"} & set(ln.modifiers), describe(result)


@pytest.mark.parametrize("category", ["hydration", "therapeutic", "chemotherapy"])
def test_when_one_infusion_runs_a_minute_longer_then_never_fewer_units(category: str) -> None:
    previous = 0
    for minutes in range(1, 12 * 60):
        result = code_case(
            {
                "setting": "facility",
                "date": DATE,
                "administrations": [
                    {
                        "drug": "agent",
                        "category": category,
                        "route": "iv_infusion",
                        "start": "08:00",
                        "stop": _clock(8 * 60 + minutes),
                    }
                ],
            }
        )
        units = sum(ln.units for ln in result.lines if ln.kind == "administration")
        assert units >= previous, f"{category}: {minutes} min → {units} < {previous}"
        previous = units
