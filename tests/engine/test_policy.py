"""Each named policy option changes the coding the way its documentation says, and the result
records the options in force."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from infusion_coder.engine import OPTIONS, Policy, code_case
from infusion_coder.errors import ConfigError


def _totals(case: dict[str, Any], policy: dict[str, str] | None = None) -> Counter[tuple[str, str]]:
    result = code_case(case, policy=policy)
    out: Counter[tuple[str, str]] = Counter()
    for ln in result.lines:
        if ln.kind != "drug":
            out[(ln.code, ",".join(sorted(ln.modifiers)))] += ln.units
    return out


def _adm(
    drug: str, cat: str, route: str, start: str, stop: str | None, **kw: Any
) -> dict[str, Any]:
    d: dict[str, Any] = {"drug": drug, "category": cat, "route": route, "start": start}
    if stop:
        d["stop"] = stop
    d.update(kw)
    return d


def _case(*adms: dict[str, Any], setting: str = "facility", **kw: Any) -> dict[str, Any]:
    return {"setting": setting, "date": "2026-03-02", "administrations": list(adms), **kw}


def test_when_defaults_then_result_lists_every_option() -> None:
    r = code_case(_case(_adm("saline", "hydration", "iv_infusion", "09:00", "10:00")))
    assert r.policy == {k: v[0] for k, v in OPTIONS.items()}


def test_when_unknown_option_then_config_error_names_it() -> None:
    with pytest.raises(ConfigError) as exc:
        Policy.from_any({"no_such_option": "x"})
    assert exc.value.field == "policy.no_such_option"


def test_when_bad_value_then_config_error_names_option() -> None:
    with pytest.raises(ConfigError, match="repeat_same_drug"):
        Policy.from_any({"repeat_same_drug": "maybe"})


# G3 / P14: repeat infusion of the same drug
REPEAT = _case(
    _adm("vancomycin", "therapeutic", "iv_infusion", "08:00", "09:00"),
    _adm("vancomycin", "therapeutic", "iv_infusion", "14:00", "14:45"),
)


def test_when_repeat_separate_then_repeat_earns_its_own_additional_hour() -> None:
    assert _totals(REPEAT) == Counter({("96365", ""): 1, ("96366", ""): 1})


def test_when_repeat_sum_then_minutes_are_added() -> None:
    # 60 + 45 = 105 minutes -> 96365 + 96366 x1 (same here), but 60 + 25 differs:
    case = _case(
        _adm("vancomycin", "therapeutic", "iv_infusion", "08:00", "09:00"),
        _adm("vancomycin", "therapeutic", "iv_infusion", "14:00", "14:25"),
    )
    assert _totals(case) == Counter({("96365", ""): 1})  # 25-minute repeat earns nothing
    assert _totals(case, {"repeat_same_drug": "sum"}) == Counter({("96365", ""): 1})  # 85 min
    longer = _case(
        _adm("vancomycin", "therapeutic", "iv_infusion", "08:00", "09:10"),
        _adm("vancomycin", "therapeutic", "iv_infusion", "14:00", "14:25"),
    )
    assert _totals(longer) == Counter({("96365", ""): 1})
    assert _totals(longer, {"repeat_same_drug": "sum"}) == Counter(
        {("96365", ""): 1, ("96366", ""): 1}
    )  # 95 minutes


# G4: short hydration runs
SHORT_RUNS = _case(
    _adm("normal saline", "hydration", "iv_infusion", "08:00", "08:30"),
    _adm("normal saline", "hydration", "iv_infusion", "10:00", "10:30"),
    _adm("normal saline", "hydration", "iv_infusion", "12:00", "12:30"),
)


def test_when_short_runs_separate_then_nothing_billed() -> None:
    assert _totals(SHORT_RUNS) == Counter()


def test_when_short_runs_sum_then_90_minutes_is_96360_only() -> None:
    assert _totals(SHORT_RUNS, {"short_hydration_runs": "sum"}) == Counter({("96360", ""): 1})


# G5: one initial per encounter vs per calendar day
TWO_DAYS = _case(
    _adm("ceftriaxone", "therapeutic", "iv_infusion", "2026-03-02T20:00", "2026-03-02T20:40"),
    _adm("ceftriaxone", "therapeutic", "iv_infusion", "2026-03-03T08:00", "2026-03-03T08:40"),
)


def test_when_scope_encounter_then_one_initial_across_dates() -> None:
    assert _totals(TWO_DAYS)[("96365", "")] == 1


def test_when_scope_calendar_day_then_initial_each_date() -> None:
    assert _totals(TWO_DAYS, {"initial_scope": "calendar_day"})[("96365", "")] == 2


# G6: which date carries the units of an infusion across midnight
MIDNIGHT = _case(
    _adm("normal saline", "hydration", "iv_infusion", "2026-03-02T22:00", "2026-03-03T02:00")
)


def test_when_split_by_date_then_units_follow_the_clock() -> None:
    r = code_case(MIDNIGHT)
    by_date = Counter()
    for ln in r.lines:
        by_date[(ln.code, ln.date)] += ln.units
    # 240 min: 96360 at minute 31 (22:30, day 1); 96361 at 91 (23:30, day 1), 151 (00:30),
    # 211 (01:30) on day 2
    assert by_date == Counter(
        {("96360", "2026-03-02"): 1, ("96361", "2026-03-02"): 1, ("96361", "2026-03-03"): 2}
    )


def test_when_start_date_then_all_units_on_start_date() -> None:
    r = code_case(MIDNIGHT, policy={"midnight_units": "start_date"})
    assert {ln.date for ln in r.lines} == {"2026-03-02"}
    assert sum(ln.units for ln in r.lines if ln.code == "96361") == 3


# P7 / G7: overlap needed for concurrency
TAIL_OVERLAP = _case(
    _adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:30"),
    _adm("drug B", "therapeutic", "iv_infusion", "10:00", "12:00"),
)


def test_when_p7_then_short_tail_overlap_is_sequential() -> None:
    totals = _totals(TAIL_OVERLAP)
    assert ("96368", "") not in totals
    assert totals[("96367", "")] == 1


def test_when_any_overlap_then_concurrent() -> None:
    assert _totals(TAIL_OVERLAP, {"concurrent_overlap": "any_overlap"})[("96368", "")] == 1


# P11 / G16: which distinct-service modifier
SECOND_SITE = _case(
    _adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:00", site="left arm"),
    _adm(
        "drug B",
        "therapeutic",
        "iv_infusion",
        "09:00",
        "10:00",
        site="right arm",
        separate_site_required="incompatible drugs",
    ),
)


def test_when_59_default_then_second_initial_has_59() -> None:
    assert _totals(SECOND_SITE) == Counter({("96365", ""): 1, ("96365", "59"): 1})


def test_when_x_modifiers_then_second_site_has_xs() -> None:
    assert _totals(SECOND_SITE, {"distinct_modifier": "x_modifiers"}) == Counter(
        {("96365", ""): 1, ("96365", "XS"): 1}
    )


# G10: one dose split into two injections
SPLIT = _case(
    _adm("fulvestrant", "chemotherapy", "im_injection", "09:00", None, hormonal=True, id="1"),
    _adm("fulvestrant", "chemotherapy", "im_injection", "09:00", None, hormonal=True, id="2"),
)


def test_when_one_unit_then_split_dose_counts_once() -> None:
    assert _totals(SPLIT) == Counter({("96402", ""): 1})


def test_when_per_injection_then_each_injection_counts() -> None:
    assert _totals(SPLIT, {"split_dose_injections": "per_injection"}) == Counter({("96402", ""): 2})


# G2: label-required hydration around chemotherapy
PRE_HYDRATION = _case(
    _adm("normal saline", "hydration", "iv_infusion", "08:00", "09:00"),
    _adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00"),
)


def test_when_allow_then_prehydration_is_96361() -> None:
    assert _totals(PRE_HYDRATION) == Counter({("96413", ""): 1, ("96361", ""): 1})


def test_when_integral_then_prehydration_not_billed() -> None:
    assert _totals(PRE_HYDRATION, {"labeled_hydration": "integral"}) == Counter({("96413", ""): 1})
