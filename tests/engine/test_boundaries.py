"""Boundaries of the coding rules, one table row per situation (rulebook §1–§14, §16, §21).

Every expectation comes from the rulebook, not from the engine's output: the section or rule is
named in each row's comment. Totals are units per (code, sorted modifiers); see ``conftest``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from infusion_coder import code_case as public_code_case
from infusion_coder.engine import code_case
from infusion_coder.errors import InvalidCase
from infusion_coder.models import CodingResult

from .conftest import DATE, DISTINCT, adm, admin_totals, case, describe, expect, key, totals

NEXT = "2026-03-03"
X = {"distinct_modifier": "x_modifiers"}


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _run(start: int, length: int) -> tuple[str, str]:
    """HH:MM start and stop of a run of ``length`` minutes from minute ``start`` of the day."""
    return _clock(start), _clock(start + length)


def _check(result: CodingResult, want: Counter[Any], what: str = "") -> None:
    got = admin_totals(result)
    assert got == want, (
        f"{what}\nexpected {sorted(want.items())}\nactual {sorted(got.items())}\n{describe(result)}"
    )


def _drug_lines(result: CodingResult) -> list[Any]:
    return [ln for ln in result.lines if ln.kind == "drug"]


# ----------------------------------------------------------------------------- time thresholds

SINGLE = [
    # D5/T5: an IV infusion of 15 minutes or less is a push
    ("therapeutic", 15, expect(("96374", 1))),
    # T5: more than 15 minutes (16) is an infusion
    ("therapeutic", 16, expect(("96365", 1))),
    # D5: chemotherapy of 15 minutes is a chemo push
    ("chemotherapy", 15, expect(("96409", 1))),
    # T5: chemotherapy of 16 minutes is a chemo infusion
    ("chemotherapy", 16, expect(("96413", 1))),
    # T4: the first hour covers up to 90 minutes
    ("therapeutic", 90, expect(("96365", 1))),
    # T4: 91 minutes earns the first additional hour
    ("therapeutic", 91, expect(("96365", 1), ("96366", 1))),
    # T4: 150 minutes still one additional hour
    ("therapeutic", 150, expect(("96365", 1), ("96366", 1))),
    # T4: the second additional hour at 151
    ("therapeutic", 151, expect(("96365", 1), ("96366", 2))),
    # T4: 210 minutes = two additional hours
    ("therapeutic", 210, expect(("96365", 1), ("96366", 2))),
    # T4: the third additional hour at 211
    ("therapeutic", 211, expect(("96365", 1), ("96366", 3))),
    # T4 for chemotherapy: 90 minutes = 96413 only
    ("chemotherapy", 90, expect(("96413", 1))),
    # T4: 91 minutes of chemotherapy = 96413 + 96415
    ("chemotherapy", 91, expect(("96413", 1), ("96415", 1))),
    # T6 check: 150 minutes = one 96415
    ("chemotherapy", 150, expect(("96413", 1), ("96415", 1))),
    # T6 check: 151 minutes = two 96415 (iframe.ai error in §17 is the opposite)
    ("chemotherapy", 151, expect(("96413", 1), ("96415", 2))),
    # T4: 210 minutes = two 96415
    ("chemotherapy", 210, expect(("96413", 1), ("96415", 2))),
    # T4: 211 minutes = three 96415
    ("chemotherapy", 211, expect(("96413", 1), ("96415", 3))),
    # Y5/T5: hydration of 30 minutes or less is not reported
    ("hydration", 30, expect()),
    # T5: hydration of 31 minutes = 96360
    ("hydration", 31, expect(("96360", 1))),
    # T4: hydration up to 90 minutes = 96360 only
    ("hydration", 90, expect(("96360", 1))),
    # T4/T6: hydration 91 minutes = 96360 + 96361
    ("hydration", 91, expect(("96360", 1), ("96361", 1))),
    # T6: 150 minutes = one 96361
    ("hydration", 150, expect(("96360", 1), ("96361", 1))),
    # T6: 151 minutes = two 96361
    ("hydration", 151, expect(("96360", 1), ("96361", 2))),
    # T6: 210 minutes = two 96361
    ("hydration", 210, expect(("96360", 1), ("96361", 2))),
    # T6: 211 minutes = three 96361
    ("hydration", 211, expect(("96360", 1), ("96361", 3))),
]


@pytest.mark.parametrize(("category", "minutes", "want"), SINGLE)
def test_when_single_iv_infusion_of_given_minutes_then_codes_follow_time_rules(
    category: str, minutes: int, want: Counter[Any]
) -> None:
    start, stop = _run(9 * 60, minutes)
    result = code_case(case(adm("agent", category, "iv_infusion", start, stop)))
    _check(result, want, f"{category} {minutes} min")


SECONDARY_HYDRATION = [
    # T5/Y5: secondary hydration of 30 minutes earns nothing
    (30, expect(("96365", 1))),
    # T5: secondary hydration needs more than 30 minutes for its first 96361
    (31, expect(("96365", 1), ("96361", 1))),
    # T6: secondary hydration up to 90 minutes = one 96361 (S44 check: 90 min → 1)
    (90, expect(("96365", 1), ("96361", 1))),
    # T6: 91 minutes = two 96361
    (91, expect(("96365", 1), ("96361", 2))),
    # T6: 150 minutes = two 96361
    (150, expect(("96365", 1), ("96361", 2))),
    # T6: 151 minutes = three 96361
    (151, expect(("96365", 1), ("96361", 3))),
]


@pytest.mark.parametrize(("minutes", "want"), SECONDARY_HYDRATION)
def test_when_hydration_follows_a_drug_infusion_then_96361_by_secondary_thresholds(
    minutes: int, want: Counter[Any]
) -> None:
    start, stop = _run(10 * 60, minutes)
    result = code_case(
        case(
            adm("antibiotic", "therapeutic", "iv_infusion", "09:00", "10:00"),
            adm("normal saline", "hydration", "iv_infusion", start, stop),
        )
    )
    _check(result, want, f"secondary hydration {minutes} min")


SEQUENTIAL_CHEMO = [
    # Q2/D5: a different chemo drug over 15 minutes is a push → 96411
    (15, expect(("96413", 1), ("96415", 1), ("96411", 1))),
    # Q2/T5: 16 minutes of a different chemo drug → 96417
    (16, expect(("96413", 1), ("96415", 1), ("96417", 1))),
    # T4/§15: 90 minutes of the sequential drug = one 96417 only (S42)
    (90, expect(("96413", 1), ("96415", 1), ("96417", 1))),
    # §15: 91 minutes → 96417 + one 96415 from that drug's own time (never pooled)
    (91, expect(("96413", 1), ("96415", 2), ("96417", 1))),
]


@pytest.mark.parametrize(("minutes", "want"), SEQUENTIAL_CHEMO)
def test_when_second_chemo_drug_runs_sequentially_then_96417_and_own_hours(
    minutes: int, want: Counter[Any]
) -> None:
    # the first drug runs 120 min: 96413 + 96415 x1 on its own
    start, stop = _run(11 * 60, minutes)
    result = code_case(
        case(
            adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "11:00"),
            adm("etoposide", "chemotherapy", "iv_infusion", start, stop),
        )
    )
    _check(result, want, f"sequential chemo {minutes} min")


# ----------------------------------------------------------------------------- pushes

REPEAT_PUSH = [
    # P1/Q4: 30 minutes start-to-start is not "more than 30" → no 96376
    ("facility", "10:30", "10:32", expect(("96374", 1))),
    # P1/Q4: a second push 10 minutes later that takes longer (5 min) is still within 30 → nothing
    ("facility", "10:10", "10:15", expect(("96374", 1))),
    # P1: 31 minutes after the start of the last reported push (only 29 after its end) → 96376
    ("facility", "10:31", "10:33", expect(("96374", 1), ("96376", 1))),
    # Q4/§11: a repeat push of the same drug on a professional claim never earns 96376
    ("professional", "11:30", "11:32", expect(("96374", 1))),
]


@pytest.mark.parametrize(("setting", "start", "stop", "want"), REPEAT_PUSH)
def test_when_same_drug_pushed_again_then_96376_only_after_30_minutes_in_facility(
    setting: str, start: str, stop: str, want: Counter[Any]
) -> None:
    result = code_case(
        case(
            adm("morphine", "therapeutic", "iv_push", "10:00", "10:02"),
            adm("morphine", "therapeutic", "iv_push", start, stop),
            setting=setting,
        )
    )
    _check(result, want, f"{setting} repeat push at {start}")
    if setting == "professional":
        assert all(ln.code != "96376" for ln in result.lines)


def test_when_different_drug_pushed_after_a_push_then_96375() -> None:
    # Q4: a push of a new drug after the initial push → 96375
    result = code_case(
        case(
            adm("ondansetron", "therapeutic", "iv_push", "10:00", "10:01"),
            adm("morphine", "therapeutic", "iv_push", "10:05", "10:06"),
        )
    )
    _check(result, expect(("96374", 1), ("96375", 1)))


def test_when_push_took_20_minutes_unattended_then_infusion_and_attended_then_push() -> None:
    # G9/P12: a "push" of more than 15 minutes is an infusion unless continuous attendance is documented
    base = adm("furosemide", "therapeutic", "iv_push", "10:00", "10:20")
    _check(code_case(case(base)), expect(("96365", 1)), "unattended")
    _check(code_case(case({**base, "attended": True})), expect(("96374", 1)), "attended")


# ----------------------------------------------------------------------------- pauses

PAUSES = [
    # T2 example (S43): rituximab 11:20–16:40 held 12:40–13:55 = 245 min → 96413 + 96415 x3
    (
        "chemotherapy",
        "11:20",
        "16:40",
        [{"start": "12:40", "stop": "13:55"}],
        expect(("96413", 1), ("96415", 3)),
    ),
    # T2 control: the same infusion without the hold = 320 min → 96415 x4
    ("chemotherapy", "11:20", "16:40", [], expect(("96413", 1), ("96415", 4))),
    # T2 + T5: 40 min with a 20-min hold = 20 min → still an infusion
    ("therapeutic", "10:00", "10:40", [{"start": "10:10", "stop": "10:30"}], expect(("96365", 1))),
    # T2 + D5: 40 min with a 25-min hold = 15 min → a push
    ("therapeutic", "10:00", "10:40", [{"start": "10:05", "stop": "10:30"}], expect(("96374", 1))),
    # T2 + T4: 120 min with a 30-min hold = 90 min → no additional hour
    (
        "therapeutic",
        "09:00",
        "11:00",
        [{"start": "09:30", "stop": "10:00"}],
        expect(("96365", 1)),
    ),
]


@pytest.mark.parametrize(("category", "start", "stop", "pauses", "want"), PAUSES)
def test_when_infusion_is_held_then_the_held_minutes_do_not_count(
    category: str, start: str, stop: str, pauses: list[dict[str, str]], want: Counter[Any]
) -> None:
    result = code_case(case(adm("rituximab", category, "iv_infusion", start, stop, pauses=pauses)))
    _check(result, want)


# ----------------------------------------------------------------------------- midnight


def _hydration_overnight(policy: dict[str, str] | None = None) -> CodingResult:
    # 22:00 → 02:00 = 240 min; thresholds crossed at 22:31 (96360), 23:31, 00:31, 01:31 (96361)
    return code_case(
        case(adm("normal saline", "hydration", "iv_infusion", f"{DATE}T22:00", f"{NEXT}T02:00")),
        policy=policy,
    )


def _by_date(result: CodingResult) -> dict[tuple[str | None, str], int]:
    out: Counter[tuple[str | None, str]] = Counter()
    for ln in result.lines:
        if ln.kind == "administration":
            out[(ln.date, ln.code)] += ln.units
    return dict(out)


def test_when_hydration_crosses_midnight_then_one_initial_and_units_on_whole_interval() -> None:
    # T8/G6: one initial for the encounter; units from the continuous 240 min
    _check(_hydration_overnight(), expect(("96360", 1), ("96361", 3)))


def test_when_hydration_crosses_midnight_then_units_split_by_date_by_default() -> None:
    # G6 default (split_by_date): each date carries the units earned on it
    result = _hydration_overnight()
    assert _by_date(result) == {
        (DATE, "96360"): 1,
        (DATE, "96361"): 1,
        (NEXT, "96361"): 2,
    }, describe(result)


def test_when_midnight_units_start_date_then_all_units_on_the_start_date() -> None:
    # G6 position A (HCPro 2009): all units on the start date
    result = _hydration_overnight({"midnight_units": "start_date"})
    assert _by_date(result) == {(DATE, "96360"): 1, (DATE, "96361"): 3}, describe(result)


def test_when_chemo_crosses_midnight_then_units_are_not_restarted_per_date() -> None:
    # G6: units on the whole 90-min interval (23:00–00:30) → 96413 only, no second initial
    result = code_case(
        case(adm("cisplatin", "chemotherapy", "iv_infusion", f"{DATE}T23:00", f"{NEXT}T00:30"))
    )
    _check(result, expect(("96413", 1)))


def test_when_observation_spans_two_dates_then_one_initial_for_the_stay() -> None:
    # E4/G5 (Medicare): a second-day infusion of a new drug is sequential, not a second initial
    result = code_case(
        case(
            adm("drug A", "therapeutic", "iv_infusion", f"{DATE}T15:00", f"{DATE}T16:00"),
            adm("drug B", "therapeutic", "iv_infusion", f"{NEXT}T09:00", f"{NEXT}T09:45"),
        )
    )
    _check(result, expect(("96365", 1), ("96367", 1)))


# ----------------------------------------------------------------------------- access sites and encounters


def _initials(result: CodingResult) -> list[Any]:
    return [ln for ln in result.lines if ln.kind == "administration" and ln.role == "initial"]


SITES = [
    # E2/P11: a medically required second site → a second initial with XS
    ("incompatible drugs must run at the same time", expect(("96365", 1), ("96365", 1, ["XS"]))),
    # P9: a second site without documented need is the same access → concurrent (P7), no second initial
    (None, expect(("96365", 1), ("96368", 1))),
]


@pytest.mark.parametrize(("required", "want"), SITES)
def test_when_second_site_used_then_second_initial_only_when_required(
    required: str | None, want: Counter[Any]
) -> None:
    extra = {"separate_site_required": required} if required else {}
    result = code_case(
        case(
            adm("antibiotic 1", "therapeutic", "iv_infusion", "10:00", "10:40", site="L arm PIV"),
            adm(
                "antibiotic 2",
                "therapeutic",
                "iv_infusion",
                "10:00",
                "10:40",
                site="R arm PIV",
                **extra,
            ),
        ),
        policy=X,
    )
    _check(result, want)
    if not required:
        assert len(_initials(result)) == 1, describe(result)
        assert not any(DISTINCT.intersection(ln.modifiers) for ln in result.lines), describe(result)


def test_when_separate_encounters_same_day_then_second_initial_with_xe() -> None:
    # E3/P11: the later encounter's initial carries XE
    result = code_case(
        case(
            adm("antibiotic", "therapeutic", "iv_infusion", "07:00", "07:40", encounter=1),
            adm("antibiotic", "therapeutic", "iv_infusion", "19:00", "19:40", encounter=2),
        ),
        policy=X,
    )
    _check(result, expect(("96365", 1), ("96365", 1, ["XE"])))


def test_when_default_policy_then_distinct_modifier_is_59() -> None:
    # Project decision (lead, commit 1578b19): 59 by default, as the published answers use it.
    # NB rulebook §21 P11 names XE/XS/XU as the default and "59 only" as the payer option.
    result = code_case(
        case(
            adm("antibiotic", "therapeutic", "iv_infusion", "07:00", "07:40", encounter=1),
            adm("antibiotic", "therapeutic", "iv_infusion", "19:00", "19:40", encounter=2),
        )
    )
    _check(result, expect(("96365", 1), ("96365", 1, ["59"])))


DISTINCT_BY_REASON = [
    # P11: XE for a separate encounter
    ("encounter", expect(("96365", 1), ("96365", 1, ["XE"]))),
    # P11: XS for a medically required separate site
    ("site", expect(("96365", 1), ("96365", 1, ["XS"]))),
]


@pytest.mark.parametrize(("reason", "want"), DISTINCT_BY_REASON)
def test_when_x_modifiers_policy_then_modifier_names_the_reason(
    reason: str, want: Counter[Any]
) -> None:
    if reason == "encounter":
        second = adm("antibiotic", "therapeutic", "iv_infusion", "19:00", "19:40", encounter=2)
    else:
        second = adm(
            "antibiotic 2",
            "therapeutic",
            "iv_infusion",
            "07:00",
            "07:40",
            site="R arm PIV",
            separate_site_required="incompatible drugs",
        )
    first = adm("antibiotic", "therapeutic", "iv_infusion", "07:00", "07:40", site="L arm PIV")
    _check(code_case(case(first, second), policy=X), want, reason)


# ----------------------------------------------------------------------------- what is not billed

NOT_BILLED_FLUIDS = [
    # Y3/T3: hydration running the whole time with a drug infusion is not reported
    ("hydration", "10:00", "12:00", expect(("96365", 1), ("96366", 1))),
    # Y2: KVO fluid is never reported
    ("kvo", "10:00", "12:00", expect(("96365", 1), ("96366", 1))),
    # Y2/D3: the carrier fluid of a drug is never reported
    ("carrier", "10:00", "12:00", expect(("96365", 1), ("96366", 1))),
    # Y2/§10: a flush after the drug is never reported
    ("flush", "12:00", "12:05", expect(("96365", 1), ("96366", 1))),
    # Y2: KVO running on after the drug ends is still not hydration
    ("kvo", "10:00", "14:00", expect(("96365", 1), ("96366", 1))),
]


@pytest.mark.parametrize(("purpose", "start", "stop", "want"), NOT_BILLED_FLUIDS)
def test_when_fluid_runs_with_a_drug_then_only_the_drug_is_coded(
    purpose: str, start: str, stop: str, want: Counter[Any]
) -> None:
    result = code_case(
        case(
            adm("vancomycin", "therapeutic", "iv_infusion", "10:00", "12:00"),
            adm("normal saline", "hydration", "iv_infusion", start, stop, purpose=purpose),
        )
    )
    _check(result, want, purpose)
    assert any("2" in nb.administrations for nb in result.not_billed), describe(result)


@pytest.mark.parametrize("purpose", ["kvo", "carrier", "flush"])
def test_when_only_non_hydration_fluid_then_no_administration_line(purpose: str) -> None:
    # Y2: KVO/carrier/flush alone earn no administration code
    result = code_case(
        case(adm("normal saline", "hydration", "iv_infusion", "10:00", "12:00", purpose=purpose))
    )
    _check(result, expect(), purpose)


def test_when_several_drugs_in_one_bag_then_one_administration_and_a_drug_line_each() -> None:
    # Q5/D10/§13: one infusate = one administration line; each drug its own HCPCS line
    result = code_case(
        case(
            adm(
                "ondansetron",
                "therapeutic",
                "iv_infusion",
                "10:00",
                "10:30",
                bag="b1",
                hcpcs="J2405",
                dose={"amount": 8, "unit": "mg"},
            ),
            adm(
                "dexamethasone",
                "therapeutic",
                "iv_infusion",
                "10:00",
                "10:30",
                bag="b1",
                hcpcs="J1100",
                dose={"amount": 12, "unit": "mg"},
            ),
        )
    )
    _check(result, expect(("96365", 1)))
    admin = [ln for ln in result.lines if ln.kind == "administration"]
    assert len(admin) == 1 and sorted(admin[0].administrations) == ["1", "2"], describe(result)
    drugs = totals(_drug_lines(result))
    assert drugs == expect(("J2405", 8), ("J1100", 12)), describe(result)


def test_when_one_bag_runs_15_minutes_then_one_push() -> None:
    # Q5/D5: a bag that runs 15 minutes or less is one push
    result = code_case(
        case(
            adm("drug A", "therapeutic", "iv_infusion", "10:00", "10:15", bag="b1"),
            adm("drug B", "therapeutic", "iv_infusion", "10:00", "10:15", bag="b1"),
        )
    )
    _check(result, expect(("96374", 1)))


# ----------------------------------------------------------------------------- setting and services

POS = [
    # §11: physician claim in an outpatient hospital (22) carries no administration codes
    ("22", expect()),
    # §11: likewise in the emergency department (23)
    ("23", expect()),
    # §11: likewise in an off-campus hospital department (19)
    ("19", expect()),
    # control: office (11) → the practice reports the administration
    ("11", expect(("96413", 1))),
]


@pytest.mark.parametrize(("pos", "want"), POS)
def test_when_professional_claim_in_facility_pos_then_no_administration_lines(
    pos: str, want: Counter[Any]
) -> None:
    result = code_case(
        case(
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00"),
            setting="professional",
            place_of_service=pos,
        )
    )
    _check(result, want, f"POS {pos}")


def test_when_99211_with_drug_administration_on_medicare_then_99211_not_billed() -> None:
    # G17/§11: Medicare never pays 99211 with a drug-administration code
    result = code_case(
        case(
            adm("ceftriaxone", "therapeutic", "im_injection", "10:00"),
            setting="professional",
            services=[{"code": "99211"}],
        )
    )
    _check(result, expect(("96372", 1)))
    assert any("99211" in s for nb in result.not_billed for s in nb.services), describe(result)


SERVICES = [
    # §11/§12: a separately identifiable E/M → modifier 25
    (True, expect(("96413", 1), ("99214", 1, ["25"]))),
]


@pytest.mark.parametrize(("separate", "want"), SERVICES)
def test_when_em_separately_identifiable_then_modifier_25(
    separate: bool, want: Counter[Any]
) -> None:
    result = code_case(
        case(
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00"),
            setting="professional",
            services=[{"code": "99214", "separately_identifiable": separate}],
        )
    )
    _check(result, want)


def test_when_em_not_separately_identifiable_then_no_modifier_25() -> None:
    # §11: a routine pre-administration assessment does not support an E/M with 25
    result = code_case(
        case(
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00"),
            setting="professional",
            services=[{"code": "99214", "separately_identifiable": False}],
        )
    )
    assert not any(key(ln.code, ln.modifiers) == key("99214", ["25"]) for ln in result.lines), (
        describe(result)
    )


# ----------------------------------------------------------------------------- drug units, JW and JZ

UNITS = [
    # §13: 375 mg rituximab ÷ 10 mg = 37.5 → rounded up to 38
    ("rituximab", "chemotherapy", "J9312", 375, "mg", 38),
    # §13: exact multiple → 37
    ("rituximab", "chemotherapy", "J9312", 370, "mg", 37),
    # §13: below the smallest unit → 1
    ("rituximab", "chemotherapy", "J9312", 5, "mg", 1),
    # §13: ondansetron 1 mg units → 8
    ("ondansetron", "therapeutic", "J2405", 8, "mg", 8),
    # §13: oxaliplatin 0.5 mg units → 135 mg = 270
    ("oxaliplatin", "chemotherapy", "J9263", 135, "mg", 270),
    # §13: leucovorin 50 mg units → 632 mg = 12.64 → 13
    ("leucovorin calcium", "therapeutic", "J0640", 632, "mg", 13),
]


@pytest.mark.parametrize(("drug", "category", "hcpcs", "amount", "unit", "units"), UNITS)
def test_when_dose_given_then_drug_units_are_dose_over_billing_unit_rounded_up(
    drug: str, category: str, hcpcs: str, amount: float, unit: str, units: int
) -> None:
    result = code_case(
        case(
            adm(
                drug,
                category,
                "iv_infusion",
                "10:00",
                "11:00",
                hcpcs=hcpcs,
                dose={"amount": amount, "unit": unit},
            )
        )
    )
    lines = [ln for ln in _drug_lines(result) if "JW" not in ln.modifiers]
    assert [(ln.code, ln.units) for ln in lines] == [(hcpcs, units)], describe(result)


def _waste_case(
    dose: float, discarded: float | None, hcpcs: str = "J9312", **kw: Any
) -> dict[str, Any]:
    extra: dict[str, Any] = {"single_dose_container": True, "dose": {"amount": dose, "unit": "mg"}}
    if discarded is not None:
        extra["discarded"] = {"amount": discarded, "unit": "mg"}
    return case(
        adm("rituximab", "chemotherapy", "iv_infusion", "10:00", "14:00", hcpcs=hcpcs, **extra),
        **kw,
    )


WASTE = [
    # §12: 370 mg given, 30 mg discarded from 400 mg → 37 units + a JW line of 3; no JZ
    (370, 30, {}, expect(("J9312", 37), ("J9312", 3, ["JW"]))),
    # §12/S10: rounding covers 5 of the 25 mg discarded → JW only for the uncovered 20 mg
    (375, 25, {}, expect(("J9312", 38), ("J9312", 2, ["JW"]))),
    # §12/S10: 395 mg bills 40 units = the whole 400 mg → JZ, no JW line
    (395, 5, {}, expect(("J9312", 40, ["JZ"]))),
    # §12: nothing discarded → JZ on the drug line (Medicare)
    (400, 0, {}, expect(("J9312", 40, ["JZ"]))),
    # P5: commercial payer, nothing discarded → no JZ by default
    (400, 0, {"payer": "commercial"}, expect(("J9312", 40))),
    # P5: commercial payer still reports the discarded amount with JW
    (370, 30, {"payer": "commercial"}, expect(("J9312", 37), ("J9312", 3, ["JW"]))),
]


@pytest.mark.parametrize(("dose", "discarded", "extra", "want"), WASTE)
def test_when_single_dose_container_then_jw_for_waste_and_jz_for_none(
    dose: float, discarded: float, extra: dict[str, Any], want: Counter[Any]
) -> None:
    result = code_case(_waste_case(dose, discarded, **extra))
    assert totals(_drug_lines(result)) == want, describe(result)
    for ln in result.lines:
        assert not {"JW", "JZ"} <= set(ln.modifiers), describe(result)
        if ln.kind != "drug":
            assert not {"JW", "JZ"} & set(ln.modifiers), describe(result)


def test_when_jz_scope_always_then_commercial_claim_gets_jz() -> None:
    # P5 option "always"
    result = code_case(_waste_case(400, 0, payer="commercial"), policy={"jz_scope": "always"})
    assert totals(_drug_lines(result)) == expect(("J9312", 40, ["JZ"])), describe(result)


def test_when_multi_dose_container_then_neither_jw_nor_jz() -> None:
    # §12: JW/JZ apply to single-dose containers only
    c = _waste_case(370, 30)
    c["administrations"][0]["single_dose_container"] = False
    result = code_case(c)
    assert all(not {"JW", "JZ"} & set(ln.modifiers) for ln in result.lines), describe(result)


def test_when_hcpcs_unit_covers_the_vial_then_one_jz_line_and_no_jw() -> None:
    # §12 example (S10): 70 mg from a 100 mg vial with a 100 mg unit → 1 unit with JZ, no JW line
    result = code_case(
        case(
            adm(
                "sodium thiosulfate",
                "therapeutic",
                "iv_push",
                "10:00",
                "10:02",
                hcpcs="J0208",
                single_dose_container=True,
                dose={"amount": 70, "unit": "mg"},
                discarded={"amount": 30, "unit": "mg"},
            ),
            setting="professional",
        )
    )
    assert totals(_drug_lines(result)) == expect(("J0208", 1, ["JZ"])), describe(result)


# ----------------------------------------------------------------------------- categories

CATEGORIES = [
    # D4/§8: leucovorin is a modulating agent, not chemotherapy → TPD infusion
    ("leucovorin calcium", "iv_infusion", "10:00", "11:00", expect(("96365", 1))),
    # D4/§8: an anti-emetic is not chemotherapy → TPD push
    ("ondansetron", "iv_push", "10:00", "10:01", expect(("96374", 1))),
]


@pytest.mark.parametrize(("drug", "route", "start", "stop", "want"), CATEGORIES)
def test_when_supportive_drug_given_without_category_then_not_chemotherapy(
    drug: str, route: str, start: str, stop: str, want: Counter[Any]
) -> None:
    result = code_case(case(adm(drug, None, route, start, stop)))
    _check(result, want, drug)


def test_when_code_case_imported_from_package_then_same_function() -> None:
    assert public_code_case is code_case


# ----------------------------------------------------------------------------- bad input

BAD = [
    # wrong type: administrations must be a list
    ({"setting": "facility", "administrations": "none"}, "administrations"),
    # missing required field
    ({"administrations": []}, "setting"),
    # unknown setting value
    ({"setting": "home", "administrations": []}, "setting"),
    # unknown route
    (case(adm("drug", "therapeutic", "intranasal", "10:00", "10:30")), "administrations[0].route"),
    # wrong type inside an administration
    (
        case(
            adm(
                "drug",
                "therapeutic",
                "iv_infusion",
                "10:00",
                "10:30",
                dose={"amount": "lots", "unit": "mg"},
            )
        ),
        "administrations[0].dose.amount",
    ),
    # a time that is not a time
    (case(adm("drug", "therapeutic", "iv_infusion", "25:99", "10:30")), "administrations[0].start"),
    # stop before start on the same date is an error, not an implied midnight
    (case(adm("drug", "therapeutic", "iv_infusion", "23:00", "01:00")), "administrations[0].stop"),
    # the second administration is named by its index
    (
        case(
            adm("drug", "therapeutic", "iv_infusion", "10:00", "10:30"),
            adm("drug", "therapeutic", "iv_infusion", "11:00", "10:45"),
        ),
        "administrations[1].stop",
    ),
    # a malformed date
    (
        {**case(adm("drug", "therapeutic", "iv_infusion", "10:00", "10:30")), "date": "2026-13-40"},
        "date",
    ),
]


@pytest.mark.parametrize(("bad", "field"), BAD)
def test_when_input_is_invalid_then_invalid_case_names_the_field(
    bad: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidCase) as exc:
        code_case(bad)
    assert exc.value.field == field, exc.value.message
    assert "Traceback" not in exc.value.message


# ----------------------------------------------------------------------------- hierarchy and overlaps

HIERARCHY = [
    # H1 (Noridian): a TPD push outranks hydration → push initial, hydration 96361 (never 96360 as add-on)
    (
        [
            adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00"),
            adm("ondansetron", "therapeutic", "iv_push", "10:05", "10:06"),
        ],
        expect(("96374", 1), ("96361", 1)),
    ),
    # H1: category beats method → chemo push initial, TPD infusion sequential 96367
    (
        [
            adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
            adm("cisplatin", "chemotherapy", "iv_push", "10:05", "10:10"),
        ],
        expect(("96409", 1), ("96367", 1)),
    ),
    # Q4/§18 rule 10: the same new drug pushed again within 30 minutes earns nothing more
    (
        [
            adm("ondansetron", "therapeutic", "iv_push", "10:00", "10:01"),
            adm("morphine", "therapeutic", "iv_push", "10:05", "10:06"),
            adm("morphine", "therapeutic", "iv_push", "10:20", "10:21"),
        ],
        expect(("96374", 1), ("96375", 1)),
    ),
    # Q3/S75: a third concurrent drug is not reported again (96368 once)
    (
        [
            adm("drug A", "therapeutic", "iv_infusion", "10:00", "11:00", bag="a"),
            adm("drug B", "therapeutic", "iv_infusion", "10:00", "11:00", bag="b"),
            adm("drug C", "therapeutic", "iv_infusion", "10:00", "11:00", bag="c"),
        ],
        expect(("96365", 1), ("96368", 1)),
    ),
    # P15: a loading push followed within 15 minutes by an infusion of the same drug → infusion only
    (
        [
            adm("diltiazem", "therapeutic", "iv_push", "10:00", "10:01"),
            adm("diltiazem", "therapeutic", "iv_infusion", "10:10", "11:00"),
        ],
        expect(("96365", 1)),
    ),
    # T3: a push during hydration takes its minutes: 32 − 2 = 30 min of hydration → no 96361
    (
        [
            adm("normal saline", "hydration", "iv_infusion", "10:00", "10:32"),
            adm("ondansetron", "therapeutic", "iv_push", "10:10", "10:12"),
        ],
        expect(("96374", 1)),
    ),
    # T3: 33 − 2 = 31 min of hydration → 96361
    (
        [
            adm("normal saline", "hydration", "iv_infusion", "10:00", "10:33"),
            adm("ondansetron", "therapeutic", "iv_push", "10:10", "10:12"),
        ],
        expect(("96374", 1), ("96361", 1)),
    ),
]


@pytest.mark.parametrize(("adms", "want"), HIERARCHY)
def test_when_services_share_an_access_then_hierarchy_decides_initial_and_add_ons(
    adms: list[dict[str, Any]], want: Counter[Any]
) -> None:
    _check(code_case(case(*adms)), want)


OVERLAP = [
    # P7: 15-min overlap (< 16) → sequential; B (75 min) initial keeps it, A 30 − 15 = 15 → push
    ("10:00", "10:30", "10:15", "11:30", expect(("96365", 1), ("96375", 1))),
    # P7: 16-min overlap covering over half of the 30-min A → concurrent
    ("10:00", "10:30", "10:14", "11:30", expect(("96365", 1), ("96368", 1))),
    # P7: 29-min overlap < half of the 60-min A → sequential; A keeps 60 − 29 = 31 → 96367
    ("10:00", "11:00", "10:31", "12:00", expect(("96365", 1), ("96367", 1))),
    # P7: 30-min overlap = half of the 60-min A → concurrent
    ("10:00", "11:00", "10:30", "12:00", expect(("96365", 1), ("96368", 1))),
]


@pytest.mark.parametrize(("a0", "a1", "b0", "b1", "want"), OVERLAP)
def test_when_two_bags_overlap_then_concurrent_only_per_p7(
    a0: str, a1: str, b0: str, b1: str, want: Counter[Any]
) -> None:
    result = code_case(
        case(
            adm("drug A", "therapeutic", "iv_infusion", a0, a1, bag="a"),
            adm("drug B", "therapeutic", "iv_infusion", b0, b1, bag="b"),
        )
    )
    _check(result, want, f"A {a0}-{a1}, B {b0}-{b1}")


def test_when_two_chemo_drugs_run_concurrently_then_flagged_not_96368() -> None:
    # G12/Q3: no concurrent chemotherapy code; flag for manual coding
    result = code_case(
        case(
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00", bag="a"),
            adm("etoposide", "chemotherapy", "iv_infusion", "10:00", "11:00", bag="b"),
        )
    )
    assert all(ln.code != "96368" for ln in result.lines), describe(result)
    assert admin_totals(result)[key("96413")] == 1, describe(result)
    assert result.warnings, describe(result)


# ----------------------------------------------------------------------------- policy options at their boundaries

REPEATS = [
    # P14: a separate repeat of the same drug of 30 min earns nothing
    ({}, 30, expect(("96365", 1))),
    # P14: a repeat of 31 min → 96366
    ({}, 31, expect(("96365", 1), ("96366", 1))),
    # G3 sum: 60 + 30 = 90 → no additional hour
    ({"repeat_same_drug": "sum"}, 30, expect(("96365", 1))),
    # G3 sum: 60 + 31 = 91 → one 96366
    ({"repeat_same_drug": "sum"}, 31, expect(("96365", 1), ("96366", 1))),
]


@pytest.mark.parametrize(("policy", "minutes", "want"), REPEATS)
def test_when_same_drug_infused_again_later_then_repeat_rule_applies(
    policy: dict[str, str], minutes: int, want: Counter[Any]
) -> None:
    start, stop = _run(14 * 60, minutes)
    result = code_case(
        case(
            adm("vancomycin", "therapeutic", "iv_infusion", "08:00", "09:00"),
            adm("vancomycin", "therapeutic", "iv_infusion", start, stop),
        ),
        policy=policy or None,
    )
    _check(result, want, f"{policy} repeat {minutes} min")


def test_when_split_dose_per_injection_then_each_injection_is_a_unit() -> None:
    # G10: one_unit by default; per_injection counts each injection (modifiers aside)
    c = case(
        adm(
            "fulvestrant", "chemotherapy", "im_injection", "10:00", hormonal=True, site="L gluteal"
        ),
        adm(
            "fulvestrant", "chemotherapy", "im_injection", "10:00", hormonal=True, site="R gluteal"
        ),
    )
    by_code = Counter[str]()
    for (code_, _mods), units in admin_totals(code_case(c)).items():
        by_code[code_] += units
    assert by_code == Counter({"96402": 1})
    by_code.clear()
    for (code_, _mods), units in admin_totals(
        code_case(c, policy={"split_dose_injections": "per_injection"})
    ).items():
        by_code[code_] += units
    assert by_code == Counter({"96402": 2})


def test_when_initial_scope_calendar_day_then_second_date_has_its_own_initial() -> None:
    # G5/E4 CPT position: the hierarchy restarts each calendar day
    result = code_case(
        case(
            adm("drug A", "therapeutic", "iv_infusion", f"{DATE}T15:00", f"{DATE}T16:00"),
            adm("drug B", "therapeutic", "iv_infusion", f"{NEXT}T09:00", f"{NEXT}T09:45"),
        ),
        policy={"initial_scope": "calendar_day"},
    )
    codes = Counter[str]()
    for ln in result.lines:
        if ln.kind == "administration":
            codes[ln.code] += ln.units
    assert codes == Counter({"96365": 2}), describe(result)


# ----------------------------------------------------------------------------- other routes, pumps and ports

ROUTES = [
    # §3.2: non-hormonal chemo SC injection → 96401
    (adm("bortezomib", "chemotherapy", "sc_injection", "10:00"), expect(("96401", 1))),
    # §3.2/S79: hormonal anti-neoplastic IM → 96402
    (
        adm("leuprolide", "chemotherapy", "im_injection", "10:00", hormonal=True),
        expect(("96402", 1)),
    ),
    # §3.1: TPD IM injection → 96372
    (adm("ceftriaxone", "therapeutic", "im_injection", "10:00"), expect(("96372", 1))),
    # §3.1: TPD intra-arterial injection → 96373
    (
        adm("verapamil", "therapeutic", "intra_arterial_push", "10:00", "10:01"),
        expect(("96373", 1)),
    ),
    # §3.2: chemo intra-arterial push → 96420
    (
        adm("cisplatin", "chemotherapy", "intra_arterial_push", "10:00", "10:05"),
        expect(("96420", 1)),
    ),
    # §2.1: intra-arterial chemo 90 min → 96422 only
    (
        adm("cisplatin", "chemotherapy", "intra_arterial_infusion", "10:00", "11:30"),
        expect(("96422", 1)),
    ),
    # §2.1: intra-arterial chemo 91 min → 96422 + 96423
    (
        adm("cisplatin", "chemotherapy", "intra_arterial_infusion", "10:00", "11:31"),
        expect(("96422", 1), ("96423", 1)),
    ),
    # §2.1: SC infusion 90 min → 96369 only
    (adm("immune globulin", "therapeutic", "sc_infusion", "10:00", "11:30"), expect(("96369", 1))),
    # §2.1: SC infusion 91 min → 96369 + 96370
    (
        adm("immune globulin", "therapeutic", "sc_infusion", "10:00", "11:31"),
        expect(("96369", 1), ("96370", 1)),
    ),
    # §3.2/§9: chemo into the pleural cavity → 96440
    (adm("bleomycin", "chemotherapy", "intrapleural", "10:00"), expect(("96440", 1))),
    # §3.2/§9: chemo into the peritoneal cavity via catheter → 96446
    (adm("cisplatin", "chemotherapy", "intraperitoneal", "10:00"), expect(("96446", 1))),
    # §9: intrathecal chemo via spinal puncture → 96450
    (adm("methotrexate", "chemotherapy", "intrathecal", "10:00"), expect(("96450", 1))),
    # §9: chemo through an Ommaya reservoir → 96542
    (adm("cytarabine", "chemotherapy", "ventricular_reservoir", "10:00"), expect(("96542", 1))),
    # §3.2: intralesional chemo, up to 7 lesions → 96405
    (
        adm("bleomycin", "chemotherapy", "intralesional", "10:00", lesions=7),
        expect(("96405", 1)),
    ),
    # §3.2: intralesional chemo, more than 7 lesions → 96406
    (
        adm("bleomycin", "chemotherapy", "intralesional", "10:00", lesions=8),
        expect(("96406", 1)),
    ),
    # §9/S14: on-body injector applied → 96377
    (adm("pegfilgrastim", "therapeutic", "on_body_injector", "10:00"), expect(("96377", 1))),
    # §9: portable pump refill → 96521
    (
        adm("fluorouracil", "chemotherapy", "pump_refill", "10:00", "10:20", pump="portable"),
        expect(("96521", 1)),
    ),
    # §9: implantable pump refill → 96522
    (
        adm("floxuridine", "chemotherapy", "pump_refill", "10:00", "10:20", pump="implantable"),
        expect(("96522", 1)),
    ),
    # §9: a port flush as the only service → 96523
    (
        adm("heparin flush", "hydration", "port_flush", "10:00", purpose="flush"),
        expect(("96523", 1)),
    ),
    # G8: an infusion without a stop time (no volume/rate) earns no time-based code, never a push
    (adm("vancomycin", "therapeutic", "iv_infusion", "10:00"), expect()),
]


@pytest.mark.parametrize(("one", "want"), ROUTES)
def test_when_single_administration_by_route_then_its_code(
    one: dict[str, Any], want: Counter[Any]
) -> None:
    _check(code_case(case(one, setting="professional")), want, one["route"])


PUMP = [
    # P13: Medicare, clinic-supplied portable pump → G0498 instead of 96416
    ("medicare", "clinic", "G0498"),
    # P13: Medicare, pump from another supplier → 96416
    ("medicare", "other", "96416"),
    # P13: Medicare, supplier unknown → 96416 (with a warning)
    ("medicare", None, "96416"),
    # §9: commercial payer → 96416
    ("commercial", "clinic", "96416"),
]


@pytest.mark.parametrize(("payer", "supplier", "code_"), PUMP)
def test_when_prolonged_chemo_started_with_pump_then_96416_or_g0498(
    payer: str, supplier: str | None, code_: str
) -> None:
    extra = {"pump_supplier": supplier} if supplier else {}
    result = code_case(
        case(
            adm("fluorouracil", "chemotherapy", "iv_infusion", "10:00", pump="portable", **extra),
            setting="professional",
            payer=payer,
        )
    )
    codes = {ln.code for ln in result.lines if ln.kind == "administration"}
    assert code_ in codes and not ({"96416", "G0498"} - {code_}) & codes, describe(result)
    if supplier is None and payer == "medicare":
        assert result.warnings, describe(result)


def test_when_non_chemo_prolonged_pump_infusion_in_hospital_then_c8957() -> None:
    # §3.2/§9 (S89): start of a prolonged non-chemo IV infusion with a pump, OPPS → C8957
    result = code_case(
        case(adm("dobutamine", "therapeutic", "iv_infusion", "10:00", pump="portable"))
    )
    assert "C8957" in {ln.code for ln in result.lines}, describe(result)


PORT = [
    # §9/§10: a port flush on a day with an infusion is bundled
    (
        [
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00", site="port"),
            adm("heparin flush", "hydration", "port_flush", "11:00", purpose="flush", site="port"),
        ],
        [],
        expect(("96413", 1)),
    ),
    # P10: a flush right after a draw from the port → 36591 only
    (
        [adm("heparin flush", "hydration", "port_flush", "10:05", purpose="flush", site="port")],
        [{"code": "36591"}],
        expect(("36591", 1)),
    ),
]


@pytest.mark.parametrize(("adms", "services", "want"), PORT)
def test_when_port_flushed_with_other_services_then_no_96523(
    adms: list[dict[str, Any]], services: list[dict[str, Any]], want: Counter[Any]
) -> None:
    result = code_case(case(*adms, setting="professional", services=services))
    _check(result, want)


# ----------------------------------------------------------------------------- input edges


def test_when_dose_in_another_unit_of_mass_then_converted_before_dividing() -> None:
    # §13: 1 mg granisetron ÷ 100 mcg per unit = 10 units
    result = code_case(
        case(
            adm(
                "granisetron",
                "therapeutic",
                "iv_push",
                "10:00",
                "10:01",
                hcpcs="J1626",
                dose={"amount": 1, "unit": "mg"},
            ),
        )
    )
    assert totals(_drug_lines(result)) == expect(("J1626", 10)), describe(result)


def test_when_no_administrations_then_empty_result_not_an_error() -> None:
    # case format: administrations is required but may be empty
    result = code_case({"setting": "facility", "administrations": []})
    assert result.lines == [] and result.ruleset


def test_when_ids_missing_then_lines_name_administrations_by_input_order() -> None:
    # case format: default ids "1", "2", … in input order
    result = code_case(
        {
            "setting": "facility",
            "date": DATE,
            "administrations": [
                adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00"),
                adm("ondansetron", "therapeutic", "iv_push", "10:05", "10:06"),
            ],
        }
    )
    named = {ln.code: ln.administrations for ln in result.lines if ln.kind == "administration"}
    assert named == {"96374": ["2"], "96361": ["1"]}, describe(result)


def test_when_physician_in_facility_pos_then_em_still_billed() -> None:
    # §11: the physician reports only the E/M in a facility place of service
    result = code_case(
        case(
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00"),
            setting="professional",
            place_of_service="22",
            services=[{"code": "99214", "separately_identifiable": True}],
        )
    )
    assert [ln.code for ln in result.lines if ln.kind == "administration"] == []
    assert "99214" in {ln.code for ln in result.lines if ln.kind == "service"}, describe(result)


PHI_IN_FIELDS = [
    # a name typed into a time field
    ("start", "Jane Roe 10:00"),
    # a record number typed into a stop field
    ("stop", "MRN 0048213"),
]


@pytest.mark.parametrize(("field", "value"), PHI_IN_FIELDS)
def test_when_bad_value_may_hold_phi_then_error_names_field_without_echoing_it(
    field: str, value: str
) -> None:
    # developer guide: bad input gets a clear error naming the field; never echo PHI
    a = adm("drug", "therapeutic", "iv_infusion", "10:00", "10:30")
    a[field] = value
    with pytest.raises(InvalidCase) as exc:
        code_case(case(a))
    assert exc.value.field == f"administrations[0].{field}"
    assert value not in exc.value.message and value not in str(exc.value.to_dict())


PACKAGED = [
    # §12: JW/JZ apply to separately payable drugs; ondansetron is packaged under OPPS (SI N)
    ("facility", expect(("J2405", 8))),
    # §12: the same single-dose drug on a physician claim is separately payable → JZ
    ("professional", expect(("J2405", 8, ["JZ"]))),
]


@pytest.mark.parametrize(("setting", "want"), PACKAGED)
def test_when_drug_packaged_in_hospital_then_no_jw_jz_there(
    setting: str, want: Counter[Any]
) -> None:
    result = code_case(
        case(
            adm(
                "ondansetron",
                "therapeutic",
                "iv_push",
                "10:00",
                "10:01",
                hcpcs="J2405",
                single_dose_container=True,
                dose={"amount": 8, "unit": "mg"},
                discarded={"amount": 0, "unit": "mg"},
            ),
            setting=setting,
        )
    )
    assert totals(_drug_lines(result)) == want, describe(result)


BAGS_AND_SERVICES = [
    # D2/Q5: a drug added to the hydration bag makes the bag a drug infusion, not hydration
    (
        [
            adm("normal saline", "hydration", "iv_infusion", "10:00", "11:00", bag="b"),
            adm("potassium chloride", "therapeutic", "iv_infusion", "10:00", "11:00", bag="b"),
        ],
        [],
        expect(("96365", 1)),
    ),
    # Q5/H1: a bag holding a chemotherapy drug and a supportive drug is one chemo infusion
    (
        [
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00", bag="b"),
            adm("magnesium sulfate", "therapeutic", "iv_infusion", "10:00", "11:00", bag="b"),
        ],
        [],
        expect(("96413", 1)),
    ),
    # Y3/T3: hydration 10:00–12:00 with chemo 10:30–11:30 keeps 60 min → 96361 x1
    (
        [
            adm("normal saline", "hydration", "iv_infusion", "10:00", "12:00"),
            adm("cisplatin", "chemotherapy", "iv_infusion", "10:30", "11:30"),
        ],
        [],
        expect(("96413", 1), ("96361", 1)),
    ),
    # §10/§18 rule 14: a port draw (36591) is not reported with another non-lab service
    (
        [adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00", site="port")],
        [{"code": "36591"}],
        expect(("96413", 1)),
    ),
    # G17: 99211 is not paid by Medicare with drug administration, even marked separately identifiable
    (
        [adm("ceftriaxone", "therapeutic", "im_injection", "10:00")],
        [{"code": "99211", "separately_identifiable": True}],
        expect(("96372", 1)),
    ),
    # G8/T9: start and volume without a rate → no stop can be derived → no time-based code
    (
        [adm("normal saline", "hydration", "iv_infusion", "10:00", volume_ml=1000)],
        [],
        expect(),
    ),
]


@pytest.mark.parametrize(("adms", "services", "want"), BAGS_AND_SERVICES)
def test_when_bag_contents_or_same_day_services_then_rulebook_codes(
    adms: list[dict[str, Any]], services: list[dict[str, Any]], want: Counter[Any]
) -> None:
    result = code_case(case(*adms, setting="professional", services=services))
    _check(result, want)
