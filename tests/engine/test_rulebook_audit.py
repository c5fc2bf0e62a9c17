"""Audit of the case coder against the rulebook, one table per section (§1–§14, §16, §21).

Each row is a small case and what the rulebook says it bills: the administration and service
totals per (code, sorted modifiers), and where relevant the drug-line totals, the rules that must
warn, and the administrations or services that must be listed as not billed. The section (and
source keys) behind each expectation is named in the row's comment. Rows cover what the golden
cases, ``test_boundaries`` and ``test_policy`` leave out; a row marked ``xfail(strict=True)``
records an engine bug that the lead has been told about (see the row's reason).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest

from infusion_coder.engine import code_case
from infusion_coder.errors import InvalidCase
from infusion_coder.models import CodingResult

from .conftest import DATE, adm, admin_totals, case, describe, expect, totals

NEXT = "2026-03-03"
X = {"distinct_modifier": "x_modifiers"}


@dataclass(frozen=True)
class Row:
    """One audited situation and what the rulebook says about it."""

    case: dict[str, Any]
    want: Counter[Any] | None = None  # administration + service totals
    drugs: Counter[Any] | None = None  # drug-line totals
    warns: tuple[str, ...] = ()  # rule ids that must appear among the warnings
    any_warning: bool = False  # at least one warning (rule id left open)
    skipped: tuple[str, ...] = ()  # administration ids or "service:CODE" that are not billed
    absent: tuple[str, ...] = ()  # codes that must not appear on any line
    policy: dict[str, str] = field(default_factory=dict)


def xbug(reason: str) -> pytest.MarkDecorator:
    """A row the engine gets wrong (reported to the lead in I-report.md)."""
    return pytest.mark.xfail(strict=True, reason=f"engine bug: {reason}")


def _verify(row: Row) -> None:
    result: CodingResult = code_case(row.case, policy=row.policy or None)
    shown = describe(result)
    if row.want is not None:
        got = admin_totals(result)
        assert got == row.want, (
            f"expected {sorted(row.want.items())}\nactual   {sorted(got.items())}\n{shown}"
        )
    if row.drugs is not None:
        got = totals(result.lines, ("drug",))
        assert got == row.drugs, (
            f"drug lines: expected {sorted(row.drugs.items())}\nactual {sorted(got.items())}\n"
            f"{shown}"
        )
    rules = {w.rule for w in result.warnings}
    for rule in row.warns:
        assert rule in rules, f"missing warning {rule}\n{shown}"
    if row.any_warning:
        assert result.warnings, f"expected a warning\n{shown}"
    not_billed = {i for nb in result.not_billed for i in (*nb.administrations, *nb.services)}
    for item in row.skipped:
        assert item in not_billed, f"{item} should be listed as not billed\n{shown}"
    codes = {ln.code for ln in result.lines}
    for code_ in row.absent:
        assert code_ not in codes, f"{code_} must not be billed\n{shown}"


def _rows(*rows: Any) -> list[Any]:
    return list(rows)


def P(row: Row, id_: str, *marks: pytest.MarkDecorator) -> Any:  # noqa: N802 - table shorthand
    return pytest.param(row, id=id_, marks=marks)


# ============================================================================ §1 definitions

SECTION_1 = _rows(
    # D2/Y7 (S75): once a drug is in the bag the fluid is the drug's infusion, not hydration
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "10:00", "11:00", bag="b"),
                adm("magnesium sulfate", "therapeutic", "iv_infusion", "10:00", "11:00", bag="b"),
            ),
            want=expect(("96365", 1)),
            absent=("96360", "96361"),
        ),
        "D2-drug-in-bag-is-tpd-infusion",
    ),
    # D4/§8: a chemo drug that runs 15 minutes or less is a chemo push (96409), whatever the route
    P(
        Row(
            case(adm("doxorubicin", "chemotherapy", "iv_infusion", "10:00", "10:12")),
            want=expect(("96409", 1)),
        ),
        "D5-chemo-infusion-12-min-is-push",
    ),
    # D5(a)/G9/P12: an attended hand push of chemotherapy over 20 minutes stays a push
    P(
        Row(
            case(adm("fluorouracil", "chemotherapy", "iv_push", "10:00", "10:20", attended=True)),
            want=expect(("96409", 1)),
        ),
        "D5-attended-chemo-push-20-min",
    ),
    # D5/G9: the same 20-minute chemo "push" without attendance is a chemo infusion
    P(
        Row(
            case(adm("fluorouracil", "chemotherapy", "iv_push", "10:00", "10:20")),
            want=expect(("96413", 1)),
            warns=("SEQ013",),
        ),
        "D5-unattended-chemo-push-20-min-is-infusion",
    ),
    # D5/T5: a push has no minimum time; an untimed push is still 96374
    P(
        Row(case(adm("ondansetron", "therapeutic", "iv_push")), want=expect(("96374", 1))),
        "D5-untimed-push",
    ),
    # D10/Q5: a chemo bag with two chemo drugs is one 96413 (one infusate)
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00", bag="m"),
                adm("etoposide", "chemotherapy", "iv_infusion", "10:00", "11:00", bag="m"),
            ),
            want=expect(("96413", 1)),
            absent=("96417", "96368"),
        ),
        "D10-two-chemo-drugs-one-bag",
    ),
)


@pytest.mark.parametrize("row", SECTION_1)
def test_section_1_definitions(row: Row) -> None:
    _verify(row)


# ============================================================================ §2 time

SECTION_2 = _rows(
    # T6 check (S61): 9 hours of one TPD drug → 96365 + 96366 x8
    P(
        Row(
            case(adm("drug B", "therapeutic", "iv_infusion", "07:00", "16:00")),
            want=expect(("96365", 1), ("96366", 8)),
        ),
        "T6-9-hours",
    ),
    # T6 check (S41): 5 h 12 min of chemotherapy → 96413 + 96415 x4
    P(
        Row(
            case(adm("rituximab", "chemotherapy", "iv_infusion", "09:00", "14:12")),
            want=expect(("96413", 1), ("96415", 4)),
        ),
        "T6-5h12-chemo",
    ),
    # T6 check (S40): 162 minutes of chemotherapy → 96413 + 96415 x2
    P(
        Row(
            case(adm("paclitaxel", "chemotherapy", "iv_infusion", "09:00", "11:42")),
            want=expect(("96413", 1), ("96415", 2)),
        ),
        "T6-162-min-chemo",
    ),
    # T6 check (S60): 175 minutes of secondary hydration → 96361 x3 (pushes as points in time)
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "09:00"),
                adm("normal saline", "hydration", "iv_infusion", "09:05", "12:00"),
            ),
            want=expect(("96374", 1), ("96361", 3)),
        ),
        "T6-175-min-secondary-hydration",
    ),
    # Q1/T6: a sequential TPD drug of 91 minutes → 96367 + 96366 from its own time
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "08:00", "09:00"),
                adm("drug B", "therapeutic", "iv_infusion", "09:00", "10:31"),
            ),
            want=expect(("96365", 1), ("96367", 1), ("96366", 1)),
        ),
        "Q1-sequential-tpd-91-min-own-hours",
    ),
    # §15: two chemo drugs 120 min each → 96413 + 96417 + 96415 x2 (never pooled)
    P(
        Row(
            case(
                adm("drug A", "chemotherapy", "iv_infusion", "08:00", "10:00"),
                adm("drug B", "chemotherapy", "iv_infusion", "10:00", "12:00"),
            ),
            want=expect(("96413", 1), ("96417", 1), ("96415", 2)),
        ),
        "S15-seed-claim-times-not-pooled",
    ),
    # T3/P6: overlap counted once; A 06:00–07:30 with B 07:00–16:00 → B initial, A keeps 60 (S61)
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "06:00", "07:30"),
                adm("drug B", "therapeutic", "iv_infusion", "07:00", "16:00"),
            ),
            want=expect(("96365", 1), ("96366", 8), ("96367", 1)),
            warns=("SEQ009",),
        ),
        "T3-overlap-counted-once",
    ),
    # T9/G8: a stop time computed from volume, rate and start, with a warning (INP004)
    P(
        Row(
            case(
                adm(
                    "normal saline",
                    "hydration",
                    "iv_infusion",
                    "09:00",
                    volume_ml=1000,
                    rate_ml_per_hr=500,
                )
            ),
            want=expect(("96360", 1), ("96361", 1)),
            warns=("INP004",),
        ),
        "T9-stop-from-volume-and-rate",
    ),
    # T9/G8: volume without a rate is not enough; no code, a query warning
    P(
        Row(
            case(adm("normal saline", "hydration", "iv_infusion", "09:00", volume_ml=1000)),
            want=expect(),
            warns=("INP005",),
            skipped=("1",),
        ),
        "T9-volume-without-rate-not-coded",
    ),
    # T9/G8: a chemo infusion without a stop time is never down-coded to a push
    P(
        Row(
            case(adm("cisplatin", "chemotherapy", "iv_infusion", "09:00")),
            want=expect(),
            warns=("INP005",),
            absent=("96409", "96413"),
        ),
        "T9-chemo-without-stop-not-a-push",
    ),
    # T8/G6: a sequential TPD drug across midnight keeps one continuous interval (120 min)
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", f"{DATE}T21:00", f"{DATE}T23:00"),
                adm("drug B", "therapeutic", "iv_infusion", f"{DATE}T23:00", f"{NEXT}T01:00"),
            ),
            want=expect(("96365", 1), ("96366", 1), ("96367", 1), ("96366", 1)),
        ),
        "T8-sequential-across-midnight",
    ),
    # T2: several holds are all subtracted: 09:00–12:00 less 30 + 30 = 120 min → one 96366
    P(
        Row(
            case(
                adm(
                    "infliximab",
                    "therapeutic",
                    "iv_infusion",
                    "09:00",
                    "12:00",
                    pauses=[
                        {"start": "09:30", "stop": "10:00"},
                        {"start": "10:30", "stop": "11:00"},
                    ],
                )
            ),
            want=expect(("96365", 1), ("96366", 1)),
        ),
        "T2-two-holds",
    ),
)


SECTION_2 += _rows(
    # T9/G8/§14: an infusion whose documented minutes are zero (stop = start) has no usable
    # time; it is queried, never silently turned into a push
    P(
        Row(
            case(adm("vancomycin", "therapeutic", "iv_infusion", "10:00", "10:00")),
            absent=("96374", "96365"),
            skipped=("1",),
        ),
        "T9-zero-minute-infusion-not-a-push",
    ),
    # T2/T9: an infusion held for its whole length likewise has no infusion time
    P(
        Row(
            case(
                adm(
                    "vancomycin",
                    "therapeutic",
                    "iv_infusion",
                    "10:00",
                    "12:00",
                    pauses=[{"start": "10:00", "stop": "12:00"}],
                )
            ),
            absent=("96374", "96365"),
            skipped=("1",),
        ),
        "T2-fully-held-infusion-not-a-push",
    ),
)


@pytest.mark.parametrize("row", SECTION_2)
def test_section_2_time(row: Row) -> None:
    _verify(row)


# ============================================================================ §3 every code

SECTION_3 = _rows(
    # §3.1: 96369 + 96370 x2 for a 160-minute SC infusion (T4 applies to 96370)
    P(
        Row(
            case(adm("immune globulin", "therapeutic", "sc_infusion", "10:00", "12:40")),
            want=expect(("96369", 1), ("96370", 2)),
        ),
        "3.1-96369-96370x2",
    ),
    # §3.1/§9: an SC infusion of 15 minutes does not earn 96369 (needs more than 15)
    P(
        Row(
            case(adm("immune globulin", "therapeutic", "sc_infusion", "10:00", "10:15")),
            want=expect(),
            skipped=("1",),
        ),
        "3.1-96369-needs-16-min",
    ),
    # §3.1/§9 (S68): a second pump set-up with new SC sites → 96371 once
    P(
        Row(
            case(
                adm("immune globulin", "therapeutic", "sc_infusion", "10:00", "11:00", site="L"),
                adm("immune globulin", "therapeutic", "sc_infusion", "10:00", "11:00", site="R"),
                adm("immune globulin", "therapeutic", "sc_infusion", "10:00", "11:00", site="T"),
            ),
            want=expect(("96369", 1), ("96371", 1)),
        ),
        "3.1-96371-once",
    ),
    # §3.1: SC and IM TPD injections → 96372 each (different drugs, different times)
    P(
        Row(
            case(
                adm("ceftriaxone", "therapeutic", "im_injection", "10:00"),
                adm("enoxaparin", "therapeutic", "sc_injection", "10:05"),
            ),
            want=expect(("96372", 2)),
        ),
        "3.1-96372-two-different-injections",
    ),
    # §3.1: an intra-arterial TPD injection → 96373
    P(
        Row(
            case(adm("verapamil", "therapeutic", "intra_arterial_push", "10:00")),
            want=expect(("96373", 1)),
        ),
        "3.1-96373",
    ),
    # §3.1/Q4: TPD infusion initial, first push of a new drug → 96375 (H3 S17)
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
                adm("ondansetron", "therapeutic", "iv_push", "10:05"),
            ),
            want=expect(("96365", 1), ("96375", 1)),
        ),
        "3.1-96375-after-infusion",
    ),
    # §3.1/Q4: the same new drug pushed again > 30 min later in the facility → 96376
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
                adm("morphine", "therapeutic", "iv_push", "10:05", "10:06"),
                adm("morphine", "therapeutic", "iv_push", "10:40", "10:41"),
            ),
            want=expect(("96365", 1), ("96375", 1), ("96376", 1)),
        ),
        "3.1-96376-after-96375",
    ),
    # §3.1/Q4 (S31): push 22:00 and 02:00 the next date = 96374 + 96376 (one encounter)
    P(
        Row(
            case(
                adm("morphine", "therapeutic", "iv_push", f"{DATE}T22:00"),
                adm("morphine", "therapeutic", "iv_push", f"{NEXT}T02:00"),
            ),
            want=expect(("96374", 1), ("96376", 1)),
        ),
        "3.1-96376-across-midnight",
    ),
    # §3.1/§9 (S14): on-body injector → 96377
    P(
        Row(
            case(adm("pegfilgrastim", "therapeutic", "on_body_injector", "10:00")),
            want=expect(("96377", 1)),
        ),
        "3.1-96377",
    ),
    # §3.2: chemo push initial then push of a new chemo drug → 96409 + 96411
    P(
        Row(
            case(
                adm("doxorubicin", "chemotherapy", "iv_push", "10:00", "10:05"),
                adm("vincristine", "chemotherapy", "iv_push", "10:10", "10:12"),
            ),
            want=expect(("96409", 1), ("96411", 1)),
        ),
        "3.2-96409-96411",
    ),
    # §3.2/H1: a chemo infusion outranks an earlier chemo push → 96413 + 96411
    P(
        Row(
            case(
                adm("doxorubicin", "chemotherapy", "iv_push", "09:00", "09:05"),
                adm("cyclophosphamide", "chemotherapy", "iv_infusion", "09:10", "10:10"),
            ),
            want=expect(("96413", 1), ("96411", 1)),
        ),
        "3.2-96413-over-earlier-push",
    ),
    # §3.2/Q4: a chemo drug pushed again earns no second 96411 (96411 needs a new drug)
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00"),
                adm("fluorouracil", "chemotherapy", "iv_push", "10:05"),
                adm("fluorouracil", "chemotherapy", "iv_push", "11:00"),
            ),
            want=expect(("96413", 1), ("96411", 1)),
        ),
        "3.2-96411-not-for-same-drug",
    ),
    # §3.2: 96417 after a 96413 with its own 96415 (sequential chemo 100 min)
    P(
        Row(
            case(
                adm("paclitaxel", "chemotherapy", "iv_infusion", "09:00", "10:00"),
                adm("carboplatin", "chemotherapy", "iv_infusion", "10:00", "11:40"),
            ),
            want=expect(("96413", 1), ("96417", 1), ("96415", 1)),
        ),
        "3.2-96417-96415",
    ),
    # §3.2: intra-arterial chemo 160 min → 96422 + 96423 x2
    P(
        Row(
            case(adm("cisplatin", "chemotherapy", "intra_arterial_infusion", "10:00", "12:40")),
            want=expect(("96422", 1), ("96423", 2)),
        ),
        "3.2-96422-96423x2",
    ),
    # §3.2/§9: a prolonged intra-arterial chemo infusion started with a pump → 96425
    P(
        Row(
            case(
                adm(
                    "floxuridine",
                    "chemotherapy",
                    "intra_arterial_infusion",
                    "10:00",
                    pump="portable",
                )
            ),
            want=expect(("96425", 1)),
            absent=("96416", "96422"),
        ),
        "3.2-96425",
    ),
    # §3.2/§9: a prolonged chemo IV infusion started with an implantable pump → 96416
    P(
        Row(
            case(
                adm("floxuridine", "chemotherapy", "iv_infusion", "10:00", pump="implantable"),
                setting="professional",
            ),
            want=expect(("96416", 1)),
        ),
        "3.2-96416-implantable",
    ),
    # §3.2: intralesional chemo with no lesion count → 96405 and a warning to document it
    P(
        Row(
            case(adm("bleomycin", "chemotherapy", "intralesional", "10:00")),
            want=expect(("96405", 1)),
            warns=("RTE004",),
        ),
        "3.2-96405-count-missing",
    ),
    # §3.2: a pump refill with no pump type → 96521 (portable assumed) with a warning
    P(
        Row(
            case(adm("fluorouracil", "chemotherapy", "pump_refill", "10:00")),
            want=expect(("96521", 1)),
            warns=("RTE007",),
        ),
        "3.2-96521-type-missing",
    ),
    # §3.2/§9 (S88, P13): Medicare + clinic pump → G0498 alone (no 96416 beside it)
    P(
        Row(
            case(
                adm(
                    "fluorouracil",
                    "chemotherapy",
                    "iv_infusion",
                    "10:00",
                    pump="portable",
                    pump_supplier="clinic",
                )
            ),
            want=expect(("G0498", 1)),
        ),
        "3.2-G0498-facility",
    ),
    # §3.2/§9 (S89): C8957 is a hospital code; a practice claim never gets it
    P(
        Row(
            case(
                adm("dobutamine", "therapeutic", "iv_infusion", "10:00", pump="portable"),
                setting="professional",
            ),
            absent=("C8957",),
            warns=("RTE010",),
        ),
        "3.2-C8957-not-professional",
    ),
)


SECTION_3 += _rows(
    # §4 H1/§9 (S68): SC infusion is outside the IV hierarchy: IV push 96374 + 96369 beside it
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "09:00"),
                adm("immune globulin", "therapeutic", "sc_infusion", "09:30", "10:30"),
            ),
            want=expect(("96374", 1), ("96369", 1)),
            absent=("96375",),
        ),
        "3.1-96369-beside-iv-push",
    ),
)


SECTION_3 += _rows(
    # §3.2/§5 E1/§14: there is no sequential intra-arterial code; a second intra-arterial chemo
    # drug must not silently become a second unmodified initial 96422 (§18 rule 1) → warned
    P(
        Row(
            case(
                adm(
                    "cisplatin",
                    "chemotherapy",
                    "intra_arterial_infusion",
                    "10:00",
                    "11:00",
                    hcpcs="J9060",
                    dose={"amount": 100, "unit": "mg"},
                ),
                adm(
                    "doxorubicin",
                    "chemotherapy",
                    "intra_arterial_infusion",
                    "11:00",
                    "12:00",
                    hcpcs="J9000",
                    dose={"amount": 50, "unit": "mg"},
                ),
            ),
            any_warning=True,
        ),
        "3.2-second-intra-arterial-drug-flagged",
    ),
)


@pytest.mark.parametrize("row", SECTION_3)
def test_section_3_code_catalogue(row: Row) -> None:
    _verify(row)


# ============================================================================ §4 initial service

SECTION_4 = _rows(
    # H1 (S38): antibiotic 30 min then chemo 115 min → chemo initial (96413 + 96415), 96367
    P(
        Row(
            case(
                adm("antibiotic", "therapeutic", "iv_infusion", "09:00", "09:30"),
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:30", "11:25"),
            ),
            want=expect(("96413", 1), ("96415", 1), ("96367", 1)),
        ),
        "H1-facility-chemo-initial-over-earlier-tpd",
    ),
    # H2 (S38): the same in the office: primary reason = chemotherapy
    P(
        Row(
            case(
                adm("antibiotic", "therapeutic", "iv_infusion", "09:00", "09:30"),
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:30", "11:25"),
                setting="professional",
            ),
            want=expect(("96413", 1), ("96415", 1), ("96367", 1)),
        ),
        "H2-office-chemo-initial",
    ),
    # H1: chemo push outranks a TPD infusion AND hydration: 96409 + 96367 + 96361
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:00", "09:00"),
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
                adm("fluorouracil", "chemotherapy", "iv_push", "10:05"),
            ),
            want=expect(("96409", 1), ("96367", 1), ("96361", 1)),
            absent=("96360", "96365"),
        ),
        "H1-chemo-push-over-tpd-and-hydration",
    ),
    # H1: TPD infusion outranks a TPD push given first → 96365 + 96375
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "09:00"),
                adm("vancomycin", "therapeutic", "iv_infusion", "09:10", "10:10"),
            ),
            want=expect(("96365", 1), ("96375", 1)),
            absent=("96374",),
        ),
        "H1-infusion-over-earlier-push",
    ),
    # H1/S60: hydration 3 h with two pushes of different drugs → 96374 + 96375 + 96361 x3
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "09:00", "12:00"),
                adm("ondansetron", "therapeutic", "iv_push", "09:10"),
                adm("morphine", "therapeutic", "iv_push", "10:10"),
            ),
            want=expect(("96374", 1), ("96375", 1), ("96361", 3)),
            absent=("96360",),
        ),
        "H1-hydration-3h-two-pushes",
    ),
    # H1/G14: an IM injection never becomes the IV initial: hydration stays 96360
    # (+ 96372 with a distinct-service modifier, §20 NCCI pair 96360/96372 indicator 1)
    P(
        Row(
            case(
                adm("ketorolac", "therapeutic", "im_injection", "08:30"),
                adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00"),
            ),
            want=expect(("96360", 1), ("96372", 1, ["59"])),
            absent=("96361",),
        ),
        "H1-injection-never-initial-hydration-96360",
    ),
    # H1/G14: SC chemo injection + TPD push: push is the IV initial 96374, 96401 beside it
    P(
        Row(
            case(
                adm("bortezomib", "chemotherapy", "sc_injection", "09:00"),
                adm("ondansetron", "therapeutic", "iv_push", "08:30"),
            ),
            want=expect(("96374", 1), ("96401", 1)),
            absent=("96375",),
        ),
        "H1-sc-chemo-not-initial",
    ),
    # H1: chemo infusion + TPD push pre-meds (dexamethasone, diphenhydramine, famotidine)
    # → 96413 + 96375 x3 (each a different drug, §8 pre-meds are not chemo)
    P(
        Row(
            case(
                adm("dexamethasone", None, "iv_push", "09:00"),
                adm("diphenhydramine", None, "iv_push", "09:05"),
                adm("famotidine", None, "iv_push", "09:10"),
                adm("paclitaxel", None, "iv_infusion", "09:30", "10:30"),
            ),
            want=expect(("96413", 1), ("96375", 3)),
        ),
        "H1-chemo-with-three-premed-pushes",
    ),
    # H1: chemo + TPD infusion in the same hour from separate bags → 96413 + 96368 (Q3)
    P(
        Row(
            case(
                adm("oxaliplatin", "chemotherapy", "iv_infusion", "10:00", "12:00", bag="a"),
                adm("leucovorin", None, "iv_infusion", "10:00", "12:00", bag="b"),
            ),
            want=expect(("96413", 1), ("96415", 1), ("96368", 1)),
        ),
        "H1-chemo-with-concurrent-leucovorin",
    ),
)


@pytest.mark.parametrize("row", SECTION_4)
def test_section_4_initial_service(row: Row) -> None:
    _verify(row)


def test_section_4_p8_tie_goes_to_the_earlier_start() -> None:
    # P8: ties on rank and minutes go to the earlier start
    result = code_case(
        case(
            adm("drug B", "therapeutic", "iv_infusion", "10:00", "11:00"),
            adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:00"),
        )
    )
    initial = [ln for ln in result.lines if ln.role == "initial"]
    assert [ln.administrations for ln in initial] == [["2"]], describe(result)


# ============================================================================ §5 sites, encounters

SECTION_5 = _rows(
    # E2 (S62): each required site follows the hierarchy on its own: chemo on site A; site B
    # has hydration only → its own initial 96360 with the distinct modifier
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00", site="port"),
                adm(
                    "normal saline",
                    "hydration",
                    "iv_infusion",
                    "09:00",
                    "10:00",
                    site="R arm PIV",
                    separate_site_required="incompatible with the chemotherapy",
                ),
            ),
            want=expect(("96413", 1), ("96360", 1, ["XS"])),
            policy=X,
        ),
        "E2-second-site-hydration-own-initial",
    ),
    # E2 (S62): site B with a push and hydration → push initial there (96374-XS) + 96361
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00", site="L arm"),
                adm(
                    "normal saline",
                    "hydration",
                    "iv_infusion",
                    "09:00",
                    "10:00",
                    site="R arm",
                    separate_site_required="fluid bolus needed during vancomycin",
                ),
                adm(
                    "ondansetron",
                    "therapeutic",
                    "iv_push",
                    "09:30",
                    site="R arm",
                    separate_site_required="fluid bolus needed during vancomycin",
                ),
            ),
            want=expect(("96365", 1), ("96374", 1, ["XS"]), ("96361", 1)),
            policy=X,
        ),
        "E2-second-site-push-initial-hydration-96361",
    ),
    # P9/HIE006: a second site without documented need → no second initial, with a warning
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:00", site="L arm"),
                adm("drug B", "therapeutic", "iv_infusion", "10:30", "11:30", site="R arm"),
            ),
            want=expect(("96365", 1), ("96367", 1)),
            warns=("HIE006",),
        ),
        "P9-second-site-no-need-warned",
    ),
    # E3 (HIE005 example): chemo in the morning, return for fluids → 96413 + 96360-XE
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00", encounter=1),
                adm("normal saline", "hydration", "iv_infusion", "15:00", "16:00", encounter=2),
            ),
            want=expect(("96413", 1), ("96360", 1, ["XE"])),
            policy=X,
        ),
        "E3-return-for-fluids",
    ),
    # E3: only the second encounter's initial carries the modifier; its add-on is plain
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00", encounter=1),
                adm("ondansetron", "therapeutic", "iv_push", "15:00", encounter=2),
                adm("normal saline", "hydration", "iv_infusion", "15:05", "16:05", encounter=2),
            ),
            want=expect(("96413", 1), ("96374", 1, ["XE"]), ("96361", 1)),
            policy=X,
        ),
        "E3-second-encounter-push-and-hydration",
    ),
    # E4(a)/D11: a three-date observation stay is one encounter → one initial in all
    P(
        Row(
            case(
                adm("ceftriaxone", "therapeutic", "iv_infusion", f"{DATE}T20:00", f"{DATE}T20:40"),
                adm("ceftriaxone", "therapeutic", "iv_infusion", f"{NEXT}T08:00", f"{NEXT}T08:40"),
                adm(
                    "ceftriaxone",
                    "therapeutic",
                    "iv_infusion",
                    "2026-03-04T08:00",
                    "2026-03-04T08:40",
                ),
            ),
            want=expect(("96365", 1), ("96366", 2)),
        ),
        "E4-observation-three-dates-one-initial",
    ),
    # E1/H3: two infusions through one access are never two initials (no site info)
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:00"),
                adm("drug B", "therapeutic", "iv_infusion", "13:00", "14:00"),
            ),
            want=expect(("96365", 1), ("96367", 1)),
        ),
        "E1-one-initial-per-encounter",
    ),
)


SECTION_5 += _rows(
    # E2 control: the same case with the documented site starting later in the clock → the
    # required site gets its own initial (96374-XS) and its hydration 96361
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "08:55", "10:00", site="L arm"),
                adm(
                    "normal saline",
                    "hydration",
                    "iv_infusion",
                    "09:00",
                    "10:00",
                    site="R arm",
                    separate_site_required="fluid bolus needed during vancomycin",
                ),
                adm(
                    "ondansetron",
                    "therapeutic",
                    "iv_push",
                    "09:30",
                    site="R arm",
                    separate_site_required="fluid bolus needed during vancomycin",
                ),
            ),
            want=expect(("96365", 1), ("96374", 1, ["XS"]), ("96361", 1)),
            policy=X,
        ),
        "E2-control-required-site-later",
    ),
    # E4(a)/Y8: day-2 hydration of an observation stay is not a new 96360 → 96374 + 96361
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", f"{DATE}T22:00"),
                adm("normal saline", "hydration", "iv_infusion", f"{NEXT}T08:00", f"{NEXT}T09:00"),
            ),
            want=expect(("96374", 1), ("96361", 1)),
            absent=("96360",),
        ),
        "E4-observation-day-2-hydration-96361",
    ),
)


SECTION_5 += _rows(
    # E2 + case format ("administrations with no site share one access"): the unsited drug is
    # the first access; the sited one with a documented need earns its own initial (59)
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
                adm(
                    "acyclovir",
                    "therapeutic",
                    "iv_infusion",
                    "09:00",
                    "10:00",
                    site="R arm PIV",
                    separate_site_required="incompatible with vancomycin",
                ),
            ),
            want=expect(("96365", 1), ("96365", 1, ["59"])),
            absent=("96368",),
        ),
        "E2-unsited-first-access-plus-required-site",
    ),
)


SECTION_5 += _rows(
    # E2/§12: the distinct-service modifier marks a *second* initial; when the first access
    # bills nothing (KVO only), the required site's initial is the only one → no 59
    P(
        Row(
            case(
                adm(
                    "normal saline",
                    "hydration",
                    "iv_infusion",
                    "09:00",
                    "10:00",
                    site="L arm",
                    purpose="kvo",
                ),
                adm(
                    "vancomycin",
                    "therapeutic",
                    "iv_infusion",
                    "09:30",
                    "10:30",
                    site="R arm",
                    separate_site_required="incompatible",
                ),
            ),
            want=expect(("96365", 1)),
        ),
        "E2-lone-initial-no-modifier",
    ),
    # E3/§12: likewise when the first encounter bills nothing (20-min hydration)
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "09:00", "09:20", encounter=1),
                adm("vancomycin", "therapeutic", "iv_infusion", "15:00", "16:00", encounter=2),
            ),
            want=expect(("96365", 1)),
        ),
        "E3-lone-initial-no-modifier",
    ),
)


@pytest.mark.parametrize("row", SECTION_5)
def test_section_5_sites_and_encounters(row: Row) -> None:
    _verify(row)


# ============================================================================ §6 sequence

SECTION_6 = _rows(
    # Q3/G11: 96368 once per encounter/date: two concurrent pairs the same day → one 96368
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:00", bag="a"),
                adm("drug B", "therapeutic", "iv_infusion", "09:00", "10:00", bag="b"),
                adm("drug C", "therapeutic", "iv_infusion", "11:00", "12:00", bag="c"),
                adm("drug D", "therapeutic", "iv_infusion", "11:00", "12:00", bag="d"),
            ),
            want=expect(("96365", 1), ("96368", 1), ("96367", 1)),
        ),
        "Q3-96368-once-two-pairs",
    ),
    # G11 default "once per encounter and per date (strictest)": a two-date observation stay
    # with a concurrent pair on each date still bills 96368 once
    P(
        Row(
            case(
                adm(
                    "drug A",
                    "therapeutic",
                    "iv_infusion",
                    f"{DATE}T09:00",
                    f"{DATE}T10:00",
                    bag="a",
                ),
                adm(
                    "drug B",
                    "therapeutic",
                    "iv_infusion",
                    f"{DATE}T09:00",
                    f"{DATE}T10:00",
                    bag="b",
                ),
                adm(
                    "drug C",
                    "therapeutic",
                    "iv_infusion",
                    f"{NEXT}T09:00",
                    f"{NEXT}T10:00",
                    bag="c",
                ),
                adm(
                    "drug D",
                    "therapeutic",
                    "iv_infusion",
                    f"{NEXT}T09:00",
                    f"{NEXT}T10:00",
                    bag="d",
                ),
            ),
            want=expect(("96365", 1), ("96368", 1), ("96367", 1)),
        ),
        "G11-96368-once-per-encounter-across-dates",
    ),
    # Q3 (S46/S63): TPD drug concurrent with chemo → 96368 with 96413 (not 96367)
    P(
        Row(
            case(
                adm("rituximab", "chemotherapy", "iv_infusion", "09:00", "12:00", bag="a"),
                adm("magnesium sulfate", "therapeutic", "iv_infusion", "10:00", "11:00", bag="b"),
            ),
            want=expect(("96413", 1), ("96415", 2), ("96368", 1)),
        ),
        "Q3-tpd-concurrent-with-chemo",
    ),
    # Q3/G12: concurrent chemo + chemo is flagged, never 96368 or 96417
    P(
        Row(
            case(
                adm("drug X", "chemotherapy", "iv_infusion", "09:00", "11:00", bag="a"),
                adm("drug Y", "chemotherapy", "iv_infusion", "09:30", "10:30", bag="b"),
            ),
            want=expect(("96413", 1), ("96415", 1)),
            warns=("SEQ007",),
            skipped=("2",),
            absent=("96368", "96417"),
        ),
        "G12-concurrent-chemo-flagged",
    ),
    # G15 (S26/S93): leucovorin with a 5-FU push only → 96409 + 96367 + 96366 (non-chemo codes,
    # sequential because only a push overlaps it)
    P(
        Row(
            case(
                adm("leucovorin", None, "iv_infusion", "12:00", "14:00"),
                adm("fluorouracil", None, "iv_push", "14:05"),
            ),
            want=expect(("96409", 1), ("96367", 1), ("96366", 1)),
        ),
        "G15-leucovorin-then-5fu-push",
    ),
    # FOLFOX (§6 Q2/Q3, §9): oxaliplatin 2 h with leucovorin concurrent, 5-FU push, 5-FU pump
    # → 96413 + 96415 + 96368 + 96411 + 96416 (commercial payer: no G0498)
    P(
        Row(
            case(
                adm("oxaliplatin", None, "iv_infusion", "09:00", "11:00", bag="o"),
                adm("leucovorin", None, "iv_infusion", "09:00", "11:00", bag="l"),
                adm("fluorouracil", None, "iv_push", "11:05"),
                adm(
                    "fluorouracil",
                    None,
                    "iv_infusion",
                    "11:30",
                    pump="portable",
                    pump_supplier="other",
                ),
                payer="commercial",
            ),
            want=expect(("96413", 1), ("96415", 1), ("96368", 1), ("96411", 1), ("96416", 1)),
        ),
        "FOLFOX",
    ),
    # Q4 (S55): two different drugs pushed at the same time → 96374 + 96375 (no concurrent push)
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "10:00"),
                adm("dexamethasone", "therapeutic", "iv_push", "10:00"),
            ),
            want=expect(("96374", 1), ("96375", 1)),
        ),
        "Q4-two-pushes-same-time",
    ),
    # Q4/P1: the third push of a drug counts from the last *reported* push: 10:00 (96374),
    # 10:20 (not reported), 10:45 (45 min after 10:00 → 96376)
    P(
        Row(
            case(
                adm("morphine", "therapeutic", "iv_push", "10:00"),
                adm("morphine", "therapeutic", "iv_push", "10:20"),
                adm("morphine", "therapeutic", "iv_push", "10:45"),
            ),
            want=expect(("96374", 1), ("96376", 1)),
            skipped=("2",),
        ),
        "Q4-96376-from-last-reported-push",
    ),
    # Q4: office repeat push of the same drug → nothing extra, drug units only
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "10:00"),
                adm("ondansetron", "therapeutic", "iv_push", "12:00"),
                setting="professional",
            ),
            want=expect(("96374", 1)),
            skipped=("2",),
            absent=("96376", "96375"),
        ),
        "Q4-office-repeat-push-nothing",
    ),
    # Q6/P14 for chemotherapy: a separate repeat of the same chemo drug (45 min) → 96415
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "08:00", "09:00"),
                adm("cisplatin", "chemotherapy", "iv_infusion", "14:00", "14:45"),
            ),
            want=expect(("96413", 1), ("96415", 1)),
            warns=("SEQ008",),
            absent=("96417",),
        ),
        "Q6-repeat-chemo-96415",
    ),
    # Q1/D9: 96367 once per drug: the same sequential drug in two back-to-back bags is one
    # continuous infusion (120 min → 96367 + 96366)
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "08:00", "09:00"),
                adm("drug B", "therapeutic", "iv_infusion", "09:00", "10:00"),
                adm("drug B", "therapeutic", "iv_infusion", "10:00", "11:00"),
            ),
            want=expect(("96365", 1), ("96367", 1), ("96366", 1)),
        ),
        "Q1-back-to-back-bags-same-drug",
    ),
    # Q1: a sequential TPD drug that ran 15 minutes → 96375 (push), not 96367
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "08:00", "09:00"),
                adm("drug B", "therapeutic", "iv_infusion", "09:00", "09:15"),
            ),
            want=expect(("96365", 1), ("96375", 1)),
        ),
        "Q1-sequential-15-min-is-push",
    ),
    # P15: the push ends 16 minutes before the infusion of the same drug starts → not a
    # loading push; the push is coded (no new drug → not 96375)
    P(
        Row(
            case(
                adm("heparin", "therapeutic", "iv_push", "10:00", "10:01"),
                adm("heparin", "therapeutic", "iv_infusion", "10:01", "11:00"),
            ),
            want=expect(("96365", 1)),
            skipped=("1",),
        ),
        "P15-bolus-immediately-before-drip",
    ),
)


@pytest.mark.parametrize("row", SECTION_6)
def test_section_6_sequence_concurrency_repeats(row: Row) -> None:
    _verify(row)


# ============================================================================ §7 hydration

SECTION_7 = _rows(
    # Y4/G4: hydration before (45 min) and after (45 min) chemo are separate runs of 31+ each
    # → 96361 x2 (evaluated one by one, both above 30 minutes)
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:15", "09:00"),
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00"),
                adm("normal saline", "hydration", "iv_infusion", "10:00", "10:45"),
            ),
            want=expect(("96413", 1), ("96361", 2)),
            absent=("96360",),
        ),
        "Y4-pre-and-post-hydration",
    ),
    # Y3/T3: hydration overlapping chemo only in part: 08:00–10:00 with chemo 09:00–10:00 →
    # 60 min of its own → 96361 x1
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:00", "10:00"),
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00"),
            ),
            want=expect(("96413", 1), ("96361", 1)),
        ),
        "Y3-partial-overlap-subtracted",
    ),
    # Y3: hydration alongside chemo for all but 30 minutes → not billed (30 min is the floor)
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:30", "10:00"),
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00"),
            ),
            want=expect(("96413", 1)),
            skipped=("1",),
        ),
        "Y3-leftover-30-min-not-billed",
    ),
    # Y2: KVO before a push does not become the initial hydration; push is initial 96374
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "09:00", "11:00", purpose="kvo"),
                adm("ondansetron", "therapeutic", "iv_push", "10:00"),
            ),
            want=expect(("96374", 1)),
            skipped=("1",),
        ),
        "Y2-kvo-with-push",
    ),
    # Y2/D3: carrier fluid with category omitted (catalogue says hydration) → not billed
    P(
        Row(
            case(
                adm("normal saline", None, "iv_infusion", "09:00", "10:00", purpose="carrier"),
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
            ),
            want=expect(("96365", 1)),
            skipped=("1",),
        ),
        "Y2-carrier-category-omitted",
    ),
    # Y7/G1 (S12): premixed fluid with standard electrolytes given for dehydration → hydration
    P(
        Row(
            case(
                adm(
                    "D5 1/2 NS with 20 mEq KCl",
                    "hydration",
                    "iv_infusion",
                    "09:00",
                    "10:30",
                    purpose="hydration",
                )
            ),
            want=expect(("96360", 1)),
        ),
        "Y7-premixed-electrolytes-for-dehydration",
    ),
    # Y7/G1 (S75): KCl run to treat hypokalaemia (therapeutic) → TPD infusion 96365
    P(
        Row(
            case(adm("potassium chloride", "therapeutic", "iv_infusion", "09:00", "11:00")),
            want=expect(("96365", 1), ("96366", 1)),
        ),
        "G1-kcl-for-hypokalaemia-96365",
    ),
    # G1: fluid with KCl and no category → a flag for review (engine default "flag for review")
    P(
        Row(
            case(adm("D5 1/2 NS with 20 mEq KCl", None, "iv_infusion", "09:00", "10:30")),
            any_warning=True,
        ),
        "G1-fluid-with-kcl-no-category-flagged",
    ),
    # Y5: hydration of 31 minutes in the office with a push → push initial + 96361
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "09:00", "09:31"),
                adm("ondansetron", "therapeutic", "iv_push", "09:40"),
                setting="professional",
            ),
            want=expect(("96374", 1), ("96361", 1)),
        ),
        "Y5-office-hydration-31-min-secondary",
    ),
    # Y8: hydration is never concurrent: saline alongside a TPD infusion in a separate bag for
    # the whole time → no 96368 and no 96361
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00", bag="v"),
                adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00", bag="s"),
            ),
            want=expect(("96365", 1)),
            absent=("96368", "96361"),
            skipped=("2",),
        ),
        "Y8-hydration-never-96368",
    ),
)


SECTION_7 += _rows(
    # D2/D5/Y5 + common ground (never a traceback): a 40-minute fluid bolus documented as an
    # attended "push" is still a hydration infusion of more than 30 minutes → 96360
    P(
        Row(
            case(adm("normal saline", "hydration", "iv_push", "10:00", "10:40", attended=True)),
            want=expect(("96360", 1)),
        ),
        "Y5-attended-fluid-bolus-40-min",
    ),
)


@pytest.mark.parametrize("row", SECTION_7)
def test_section_7_hydration(row: Row) -> None:
    _verify(row)


# ============================================================================ §8 categories

SECTION_8 = _rows(
    # §8/D4: zoledronic acid (bisphosphonate) is not chemotherapy → 96365 (wmwtl error in §17)
    P(
        Row(
            case(adm("zoledronic acid", None, "iv_infusion", "10:00", "10:20")),
            want=expect(("96365", 1)),
            absent=("96413",),
        ),
        "8-zoledronic-acid-tpd",
    ),
    # §8: pamidronate (bisphosphonate) 2 h → 96365 + 96366
    P(
        Row(
            case(adm("pamidronate", None, "iv_infusion", "10:00", "12:00")),
            want=expect(("96365", 1), ("96366", 1)),
        ),
        "8-pamidronate-tpd",
    ),
    # §8/D4 (S17): an ESA (epoetin alfa) SC → 96372, not 96401
    P(
        Row(
            case(adm("epoetin alfa", None, "sc_injection", "10:00")),
            want=expect(("96372", 1)),
        ),
        "8-epoetin-96372",
    ),
    # §8/D4: darbepoetin (ESA) SC → 96372
    P(
        Row(
            case(adm("darbepoetin alfa", None, "sc_injection", "10:00")),
            want=expect(("96372", 1)),
        ),
        "8-darbepoetin-96372",
    ),
    # §8: rituximab (monoclonal named in Ch.12 §30.5) → chemo codes
    P(
        Row(
            case(adm("rituximab", None, "iv_infusion", "10:00", "14:00")),
            want=expect(("96413", 1), ("96415", 3)),
        ),
        "8-rituximab-complex",
    ),
    # §8: trastuzumab → 96413
    P(
        Row(
            case(adm("trastuzumab", None, "iv_infusion", "10:00", "10:30")),
            want=expect(("96413", 1)),
        ),
        "8-trastuzumab-complex",
    ),
    # §8: pembrolizumab 30 min → 96413
    P(
        Row(
            case(adm("pembrolizumab", None, "iv_infusion", "10:00", "10:30")),
            want=expect(("96413", 1)),
        ),
        "8-pembrolizumab-complex",
    ),
    # §8: infliximab for a non-cancer condition is still a complex biologic → 96413 + 96415
    P(
        Row(
            case(adm("infliximab", None, "iv_infusion", "10:00", "12:00")),
            want=expect(("96413", 1), ("96415", 1)),
        ),
        "8-infliximab-complex",
    ),
    # §8: cyclophosphamide for an autoimmune disease is still chemotherapy → 96413
    P(
        Row(
            case(adm("cyclophosphamide", None, "iv_infusion", "10:00", "11:00")),
            want=expect(("96413", 1)),
        ),
        "8-cyclophosphamide-non-cancer",
    ),
    # §8: methotrexate IM (no category) → 96401
    P(
        Row(case(adm("methotrexate", None, "im_injection", "10:00")), want=expect(("96401", 1))),
        "8-methotrexate-im-96401",
    ),
    # §8/S79: leuprolide J9217 (prostate cancer) with no category or hormonal flag → 96402
    P(
        Row(
            case(adm("leuprolide", None, "im_injection", "10:00", hcpcs="J9217")),
            want=expect(("96402", 1)),
        ),
        "8-leuprolide-J9217-96402",
    ),
    # §8: goserelin implant by HCPCS (J9202) → 96402
    P(
        Row(
            case(adm("goserelin", None, "sc_injection", "10:00", hcpcs="J9202")),
            want=expect(("96402", 1)),
        ),
        "8-goserelin-J9202-96402",
    ),
    # §8 (Ch.12 §30.5 names goserelin): goserelin by name only → 96402, no guess warning
    P(
        Row(
            case(adm("goserelin", None, "sc_injection", "10:00")),
            want=expect(("96402", 1)),
        ),
        "8-goserelin-by-name-96402",
    ),
    # §8/G10: fulvestrant (hormonal) 2 x 5 mL, no category → 96402 x1 with the RTE011 warning
    P(
        Row(
            case(
                adm("fulvestrant", None, "im_injection", "10:00", site="L gluteal"),
                adm("fulvestrant", None, "im_injection", "10:00", site="R gluteal"),
            ),
            want=expect(("96402", 1)),
            warns=("RTE011",),
        ),
        "8-fulvestrant-96402-once",
    ),
    # §8 (S79): leuprolide J1950 (IVF/endometriosis) with no category → 96372, not 96402
    P(
        Row(
            case(adm("leuprolide acetate depot", None, "im_injection", "10:00", hcpcs="J1950")),
            want=expect(("96372", 1)),
        ),
        "8-leuprolide-J1950-96372",
    ),
    # §8/D4: mesna (protective agent with ifosfamide) is not chemotherapy → 96375 push
    P(
        Row(
            case(
                adm("ifosfamide", None, "iv_infusion", "09:00", "10:00"),
                adm("mesna", None, "iv_push", "10:05"),
            ),
            want=expect(("96413", 1), ("96375", 1)),
            absent=("96411",),
        ),
        "8-mesna-not-chemo",
    ),
    # §8/D4: levoleucovorin is a modulating agent like leucovorin → TPD codes
    P(
        Row(
            case(adm("levoleucovorin", None, "iv_infusion", "10:00", "12:00")),
            want=expect(("96365", 1), ("96366", 1)),
        ),
        "8-levoleucovorin-tpd",
    ),
    # §8/§14 (D1, INP003): a drug the catalogue does not know → therapeutic + a warning
    P(
        Row(
            case(adm("study drug X-123", None, "iv_infusion", "10:00", "11:00")),
            want=expect(("96365", 1)),
            warns=("INP003",),
        ),
        "8-unknown-drug-therapeutic-warned",
    ),
    # §8: the documented category wins over the catalogue (rituximab given as therapeutic)
    P(
        Row(
            case(adm("rituximab", "therapeutic", "iv_infusion", "10:00", "11:00")),
            want=expect(("96365", 1)),
        ),
        "8-documented-category-wins",
    ),
    # case format v1.1: category spelling "chemo" and route "sc" (as in the scenarios)
    P(
        Row(
            case(adm("bortezomib", "chemo", "sc", "10:00")),
            want=expect(("96401", 1)),
        ),
        "8-spelling-chemo-sc",
    ),
    # case format v1.1: category "hormonal_antineoplastic" sets hormonal → 96402
    P(
        Row(
            case(adm("some depot", "hormonal_antineoplastic", "im", "10:00")),
            want=expect(("96402", 1)),
        ),
        "8-spelling-hormonal-antineoplastic",
    ),
)


@pytest.mark.parametrize("row", SECTION_8)
def test_section_8_categories_from_catalogue(row: Row) -> None:
    _verify(row)


# ============================================================================ §9 pumps, ports

SECTION_9 = _rows(
    # §9/§10 (S70): a port flush on a day with an IM injection is bundled → 96372 only
    P(
        Row(
            case(
                adm("ceftriaxone", "therapeutic", "im_injection", "10:00"),
                adm("heparin flush", None, "port_flush", "10:30", purpose="flush"),
                setting="professional",
            ),
            want=expect(("96372", 1)),
            absent=("96523",),
            skipped=("2",),
        ),
        "9-flush-with-injection-bundled",
    ),
    # §9: pump refill and port flush the same day → 96521 only (96523 only when nothing else)
    P(
        Row(
            case(
                adm("fluorouracil", "chemotherapy", "pump_refill", "10:00", pump="portable"),
                adm("heparin flush", None, "port_flush", "10:30", purpose="flush"),
                setting="professional",
            ),
            want=expect(("96521", 1)),
            absent=("96523",),
        ),
        "9-refill-and-flush",
    ),
    # §9: two flushes the same day → 96523 once
    P(
        Row(
            case(
                adm("heparin flush", None, "port_flush", "09:00", purpose="flush"),
                adm("heparin flush", None, "port_flush", "15:00", purpose="flush"),
                setting="professional",
            ),
            want=expect(("96523", 1)),
        ),
        "9-two-flushes-one-96523",
    ),
    # §9 (S34): pump start day 1 and refill the next day (one case over two dates) → 96416 +
    # 96521 on the second date
    P(
        Row(
            case(
                adm(
                    "fluorouracil",
                    "chemotherapy",
                    "iv_infusion",
                    f"{DATE}T10:00",
                    pump="portable",
                    pump_supplier="other",
                ),
                adm(
                    "fluorouracil",
                    "chemotherapy",
                    "pump_refill",
                    f"{NEXT}T10:00",
                    pump="portable",
                ),
                setting="professional",
            ),
            want=expect(("96416", 1), ("96521", 1)),
        ),
        "9-start-and-next-day-refill",
    ),
    # P3: a non-chemo IV infusion over 8 hours without a pump → 96365 + hours, no C8957
    P(
        Row(
            case(adm("heparin", "therapeutic", "iv_infusion", "08:00", "18:00")),
            want=expect(("96365", 1), ("96366", 9)),
            absent=("C8957",),
        ),
        "P3-long-tpd-without-pump",
    ),
    # §9: intrathecal chemotherapy through an Ommaya reservoir → 96542 (not 96450)
    P(
        Row(
            case(adm("methotrexate", None, "ventricular_reservoir", "10:00")),
            want=expect(("96542", 1)),
            absent=("96450",),
        ),
        "9-ommaya-96542",
    ),
    # §9/§3.2: intrathecal of a non-chemo drug is not 96450 (manual coding with a warning)
    P(
        Row(
            case(adm("baclofen", "therapeutic", "intrathecal", "10:00")),
            want=expect(),
            warns=("RTE010",),
            absent=("96450",),
        ),
        "9-intrathecal-non-chemo-manual",
    ),
    # §9 (S14): pegfilgrastim by manual syringe → 96372, not 96377
    P(
        Row(
            case(adm("pegfilgrastim", None, "sc_injection", "10:00")),
            want=expect(("96372", 1)),
            absent=("96377",),
        ),
        "9-pegfilgrastim-syringe-96372",
    ),
)


@pytest.mark.parametrize("row", SECTION_9)
def test_section_9_pumps_ports_routes(row: Row) -> None:
    _verify(row)


# ============================================================================ §10 bundled

SECTION_10 = _rows(
    # §10 (S96): a port draw with only lab tests the same day → 36591 billed
    P(
        Row(
            case(services=[{"code": "36591"}, {"code": "85025"}], setting="professional"),
            want=expect(("36591", 1), ("85025", 1)),
        ),
        "10-draw-with-labs-only",
    ),
    # §10: a catheter draw alone → 36592
    P(
        Row(
            case(services=[{"code": "36592"}], setting="professional"),
            want=expect(("36592", 1)),
        ),
        "10-36592-alone",
    ),
    # §10 (S96): 36591/36592 not reported when any non-lab service is billed that day (an E/M)
    P(
        Row(
            case(
                services=[
                    {"code": "36591"},
                    {"code": "99213", "separately_identifiable": True},
                ],
                setting="professional",
            ),
            want=expect(("99213", 1)),
            skipped=("service:36591",),
        ),
        "10-draw-with-em-not-billed",
    ),
    # §10: IV start / venipuncture for access (36000, 36410) is included in the infusion
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
                services=[{"code": "36000"}],
            ),
            want=expect(("96365", 1)),
            skipped=("service:36000",),
        ),
        "10-iv-start-36000-bundled",
    ),
    # §10: 36410 venipuncture for access likewise included
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "09:00"),
                services=[{"code": "36410"}],
            ),
            want=expect(("96374", 1)),
            skipped=("service:36410",),
        ),
        "10-venipuncture-36410-bundled",
    ),
    # §10/§11 (S16): 99211 with drug administration on Medicare → not billed (facility, push)
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "09:00"),
                services=[{"code": "99211", "separately_identifiable": True}],
            ),
            want=expect(("96374", 1)),
            skipped=("service:99211",),
        ),
        "10-99211-medicare-even-if-separate",
    ),
    # §10: 99211 alone (no drug administration) is billed as given
    P(
        Row(
            case(services=[{"code": "99211"}], setting="professional"),
            want=expect(("99211", 1)),
        ),
        "10-99211-alone",
    ),
)


@pytest.mark.parametrize("row", SECTION_10)
def test_section_10_bundled_items(row: Row) -> None:
    _verify(row)


# ============================================================================ §11 setting

SECTION_11 = _rows(
    # §11: physician-work chemo routes are reported by the physician even in POS 22
    P(
        Row(
            case(
                adm("methotrexate", "chemotherapy", "intrathecal", "10:00"),
                setting="professional",
                place_of_service="22",
            ),
            want=expect(("96450", 1)),
        ),
        "11-96450-physician-in-facility",
    ),
    # §11: likewise 96440 in the hospital outpatient department
    P(
        Row(
            case(
                adm("bleomycin", "chemotherapy", "intrapleural", "10:00"),
                setting="professional",
                place_of_service="22",
            ),
            want=expect(("96440", 1)),
        ),
        "11-96440-physician-in-facility",
    ),
    # §11: 96401 (SC chemo) by a physician in POS 22 → the hospital reports it
    P(
        Row(
            case(
                adm("bortezomib", "chemotherapy", "sc_injection", "10:00"),
                setting="professional",
                place_of_service="22",
            ),
            want=expect(),
            skipped=("1",),
        ),
        "11-96401-not-on-professional-pos22",
    ),
    # §11: 96372 and 96523 excluded likewise in POS 19
    P(
        Row(
            case(
                adm("ceftriaxone", "therapeutic", "im_injection", "10:00"),
                setting="professional",
                place_of_service="19",
            ),
            want=expect(),
        ),
        "11-96372-not-on-professional-pos19",
    ),
    # §11: POS 21 (inpatient) is a facility place of service too
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "10:00", "11:00"),
                setting="professional",
                place_of_service="21",
            ),
            want=expect(),
        ),
        "11-pos21",
    ),
    # §11: the physician in POS 22 still bills a separately identifiable E/M (no 25 needed as
    # the physician bills no administration); never an administration line
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00"),
                setting="professional",
                place_of_service="22",
                services=[{"code": "99214", "separately_identifiable": True}],
            ),
            absent=("96413",),
        ),
        "11-pos22-em-only",
    ),
    # §11/§6 Q4: the office claim in POS 11 never carries 96376 even 2 hours later
    P(
        Row(
            case(
                adm("morphine", "therapeutic", "iv_push", "10:00"),
                adm("morphine", "therapeutic", "iv_push", "12:00"),
                setting="professional",
                place_of_service="11",
            ),
            absent=("96376",),
        ),
        "11-96376-never-office",
    ),
    # §11 (S17/S9): E/M without a statement on separate identifiability → not billed, warned
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "10:00", "11:00"),
                setting="professional",
                services=[{"code": "99213"}],
            ),
            want=expect(("96413", 1)),
            warns=("SET004",),
            skipped=("service:99213",),
        ),
        "11-em-undocumented-warned",
    ),
    # §11: a commercial claim: a separately identifiable E/M still takes 25
    P(
        Row(
            case(
                adm("ceftriaxone", "therapeutic", "im_injection", "10:00"),
                setting="professional",
                payer="commercial",
                services=[{"code": "99213", "separately_identifiable": True}],
            ),
            want=expect(("96372", 1), ("99213", 1, ["25"])),
        ),
        "11-commercial-em-25",
    ),
)


@pytest.mark.parametrize("row", SECTION_11)
def test_section_11_setting(row: Row) -> None:
    _verify(row)


# ============================================================================ §12 modifiers


def _drug(drug: str, hcpcs: str, amount: float, unit: str, **kw: Any) -> dict[str, Any]:
    return adm(
        drug,
        kw.pop("category", "therapeutic"),
        kw.pop("route", "iv_infusion"),
        kw.pop("start", "10:00"),
        kw.pop("stop", "11:00"),
        hcpcs=hcpcs,
        dose={"amount": amount, "unit": unit},
        **kw,
    )


SECTION_12 = _rows(
    # §20/P11 (MOD001): chemo infusion + a therapeutic IM injection of another drug: NCCI pair
    # 96413/96372 (indicator 1) → 96372-59
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00"),
                adm("ketorolac", "therapeutic", "im_injection", "10:30"),
            ),
            want=expect(("96413", 1), ("96372", 1, ["59"])),
        ),
        "12-96413-96372-59",
    ),
    # P11 with x_modifiers: the same pair takes XU (a separate drug, not encounter or site)
    P(
        Row(
            case(
                adm("ondansetron", "therapeutic", "iv_push", "09:00"),
                adm("ketorolac", "therapeutic", "im_injection", "09:30"),
            ),
            want=expect(("96374", 1), ("96372", 1, ["XU"])),
            policy=X,
        ),
        "12-96374-96372-XU",
    ),
    # §12: modifier 25 never goes on administration lines; JW/JZ never on administration lines
    P(
        Row(
            case(
                _drug(
                    "rituximab",
                    "J9312",
                    500,
                    "mg",
                    category="chemotherapy",
                    single_dose_container=True,
                    discarded={"amount": 0, "unit": "mg"},
                ),
                setting="professional",
                services=[{"code": "99214", "separately_identifiable": True}],
            ),
            want=expect(("96413", 1), ("99214", 1, ["25"])),
            drugs=expect(("J9312", 50, ["JZ"])),
        ),
        "12-25-on-em-jz-on-drug-only",
    ),
    # P4: a NOC drug (J3490) from a single-dose container, nothing discarded, Medicare office
    # claim (separately payable under the PFS) → 1 unit with JZ and a warning that the payer
    # may price it by invoice
    P(
        Row(
            case(
                _drug(
                    "new drug",
                    "J3490",
                    40,
                    "mg",
                    single_dose_container=True,
                    discarded={"amount": 0, "unit": "mg"},
                ),
                setting="professional",
            ),
            drugs=expect(("J3490", 1, ["JZ"])),
            any_warning=True,
        ),
        "P4-noc-jz-and-invoice-warning",
    ),
    # §12: a commercial payer with waste → JW line; with jz_scope=always and no waste → JZ
    P(
        Row(
            case(
                _drug(
                    "pembrolizumab",
                    "J9271",
                    200,
                    "mg",
                    category="chemotherapy",
                    single_dose_container=True,
                    discarded={"amount": 0, "unit": "mg"},
                ),
                payer="commercial",
            ),
            drugs=expect(("J9271", 200, ["JZ"])),
            policy={"jz_scope": "always"},
        ),
        "12-jz-scope-always-pembrolizumab",
    ),
    # §12 (S10): discarded amount in another unit (g) still converted for JW: 0.03 g = 30 mg
    P(
        Row(
            case(
                _drug(
                    "rituximab",
                    "J9312",
                    370,
                    "mg",
                    category="chemotherapy",
                    single_dose_container=True,
                    discarded={"amount": 0.03, "unit": "g"},
                )
            ),
            drugs=expect(("J9312", 37), ("J9312", 3, ["JW"])),
        ),
        "12-jw-discarded-in-grams",
    ),
    # §12: a discarded amount from a multi-dose container → no JW, a warning
    P(
        Row(
            case(
                _drug(
                    "heparin",
                    "J1644",
                    5000,
                    "units",
                    single_dose_container=False,
                    discarded={"amount": 5000, "unit": "units"},
                )
            ),
            drugs=expect(("J1644", 5)),
            warns=("DRG002",),
        ),
        "12-no-jw-multi-dose",
    ),
)


SECTION_12 += _rows(
    # §12 (S85): JW/JZ only for separately payable drugs; under OPPS a packaged drug (status N,
    # e.g. ondansetron J2405) from a single-dose vial takes neither on a facility claim
    P(
        Row(
            case(
                _drug(
                    "ondansetron",
                    "J2405",
                    8,
                    "mg",
                    route="iv_push",
                    stop=None,
                    single_dose_container=True,
                    discarded={"amount": 0, "unit": "mg"},
                )
            ),
            drugs=expect(("J2405", 8)),
        ),
        "12-packaged-drug-no-jz-facility",
    ),
    # §12: the same drug on a Medicare office claim (PFS, separately payable) → JZ
    P(
        Row(
            case(
                _drug(
                    "ondansetron",
                    "J2405",
                    8,
                    "mg",
                    route="iv_push",
                    stop=None,
                    single_dose_container=True,
                    discarded={"amount": 0, "unit": "mg"},
                ),
                setting="professional",
            ),
            drugs=expect(("J2405", 8, ["JZ"])),
        ),
        "12-same-drug-jz-office",
    ),
    # §12 (S85): a packaged chemo drug (carboplatin J9045, OPPS status N) with waste → no JW line
    P(
        Row(
            case(
                _drug(
                    "carboplatin",
                    "J9045",
                    450,
                    "mg",
                    category="chemotherapy",
                    single_dose_container=True,
                    discarded={"amount": 150, "unit": "mg"},
                )
            ),
            drugs=expect(("J9045", 9)),
        ),
        "12-packaged-drug-no-jw-facility",
    ),
    # P11 x_modifiers: the NCCI column-2 injection given in a separate encounter takes XE
    # ("XE for a separate encounter, XS for a separate site, XU otherwise")
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00", encounter=1),
                adm("ketorolac", "therapeutic", "im_injection", "15:00", encounter=2),
            ),
            want=expect(("96413", 1), ("96372", 1, ["XE"])),
            policy=X,
        ),
        "P11-ncci-pair-separate-encounter-XE",
    ),
)


@pytest.mark.parametrize("row", SECTION_12)
def test_section_12_modifiers(row: Row) -> None:
    _verify(row)


def test_section_12_noc_with_waste_is_never_jz() -> None:
    # §12/P4: JZ says nothing was discarded; a NOC line with 10 mg discarded (office claim,
    # separately payable) must not carry it, and the waste is reported or queried
    result = code_case(
        case(
            _drug(
                "new drug",
                "J9999",
                40,
                "mg",
                category="chemotherapy",
                single_dose_container=True,
                discarded={"amount": 10, "unit": "mg"},
            ),
            setting="professional",
        )
    )
    assert all("JZ" not in ln.modifiers for ln in result.lines), describe(result)
    jw = [ln for ln in result.lines if "JW" in ln.modifiers]
    assert jw or result.warnings, describe(result)


# ============================================================================ §13 drug units

SECTION_13 = _rows(
    # §13: grams converted to the mg billing unit: carboplatin 0.45 g / 50 mg → 9
    P(
        Row(
            case(_drug("carboplatin", "J9045", 0.45, "g", category="chemotherapy")),
            drugs=expect(("J9045", 9)),
        ),
        "13-grams-to-mg",
    ),
    # §13: mg to a mcg billing unit: palonosetron 0.25 mg / 25 mcg → 10
    P(
        Row(
            case(_drug("palonosetron", "J2469", 0.25, "mg", route="iv_push", stop=None)),
            drugs=expect(("J2469", 10)),
        ),
        "13-mg-to-mcg",
    ),
    # §13: mcg to a mcg unit: darbepoetin 200 mcg / 1 mcg → 200
    P(
        Row(
            case(_drug("darbepoetin alfa", "J0881", 200, "mcg", route="sc_injection", stop=None)),
            drugs=expect(("J0881", 200)),
        ),
        "13-mcg",
    ),
    # §13: units: epoetin 40,000 units / 1,000 units → 40
    P(
        Row(
            case(_drug("epoetin alfa", "J0885", 40000, "units", route="sc_injection", stop=None)),
            drugs=expect(("J0885", 40)),
        ),
        "13-units",
    ),
    # §13: units: bleomycin 30 units / 15 units → 2
    P(
        Row(
            case(_drug("bleomycin", "J9040", 30, "units", category="chemotherapy")),
            drugs=expect(("J9040", 2)),
        ),
        "13-bleomycin-units",
    ),
    # §13: mEq: potassium chloride 20 mEq / 2 mEq → 10
    P(
        Row(case(_drug("potassium chloride", "J3480", 20, "mEq")), drugs=expect(("J3480", 10))),
        "13-meq",
    ),
    # §13: floating-point safety: bortezomib 2.3 mg / 0.1 mg → 23 (not 24)
    P(
        Row(
            case(
                _drug(
                    "bortezomib",
                    "J9041",
                    2.3,
                    "mg",
                    category="chemotherapy",
                    route="sc_injection",
                    stop=None,
                )
            ),
            drugs=expect(("J9041", 23)),
        ),
        "13-bortezomib-2.3mg",
    ),
    # §13: floating-point safety: 0.7 mg / 0.1 mg → 7
    P(
        Row(
            case(
                _drug(
                    "bortezomib",
                    "J9041",
                    0.7,
                    "mg",
                    category="chemotherapy",
                    route="sc_injection",
                    stop=None,
                )
            ),
            drugs=expect(("J9041", 7)),
        ),
        "13-bortezomib-0.7mg",
    ),
    # §13: NOC (J9999) = 1 unit whatever the dose
    P(
        Row(
            case(
                _drug("investigational antineoplastic", "J9999", 350, "mg", category="chemotherapy")
            ),
            drugs=expect(("J9999", 1)),
        ),
        "13-noc-J9999-one-unit",
    ),
    # §13: NOC (J3490) = 1 unit, even with no dose documented
    P(
        Row(
            case(adm("new drug", "therapeutic", "iv_push", "10:00", hcpcs="J3490")),
            drugs=expect(("J3490", 1)),
        ),
        "13-noc-J3490-no-dose",
    ),
    # §13: the HCPCS found by name when the case gives none (ondansetron 8 mg → J2405 x8)
    P(
        Row(
            case(adm("ondansetron", None, "iv_push", "10:00", dose={"amount": 8, "unit": "mg"})),
            drugs=expect(("J2405", 8)),
        ),
        "13-hcpcs-from-catalogue",
    ),
    # §13: hydration fluid may be charged even when no administration code (KVO, J7050 250 mL)
    P(
        Row(
            case(
                adm(
                    "normal saline",
                    "hydration",
                    "iv_infusion",
                    "09:00",
                    "10:00",
                    purpose="kvo",
                    hcpcs="J7050",
                    volume_ml=250,
                ),
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
            ),
            want=expect(("96365", 1)),
            drugs=expect(("J7050", 1)),
        ),
        "13-kvo-fluid-supply-line",
    ),
    # §13/§14: a dose in mL for a mg billing unit cannot be converted → warning, no line
    P(
        Row(
            case(_drug("ondansetron", "J2405", 4, "mL", route="iv_push", stop=None)),
            drugs=expect(),
            warns=("DRG005",),
        ),
        "13-ml-to-mg-warned",
    ),
    # §13/§14: a drug code with no dose → warning, no guessed units
    P(
        Row(
            case(adm("rituximab", "chemotherapy", "iv_infusion", "10:00", "11:00", hcpcs="J9312")),
            drugs=expect(),
            warns=("DRG005",),
        ),
        "13-no-dose-warned",
    ),
    # §13: two drugs, same HCPCS, two administrations → units add up on one code
    P(
        Row(
            case(
                adm(
                    "ondansetron",
                    "therapeutic",
                    "iv_push",
                    "09:00",
                    hcpcs="J2405",
                    dose={"amount": 4, "unit": "mg"},
                ),
                adm(
                    "ondansetron",
                    "therapeutic",
                    "iv_push",
                    "13:00",
                    hcpcs="J2405",
                    dose={"amount": 4, "unit": "mg"},
                ),
            ),
            drugs=expect(("J2405", 8)),
        ),
        "13-repeat-dose-units",
    ),
)


@pytest.mark.parametrize("row", SECTION_13)
def test_section_13_drug_units(row: Row) -> None:
    _verify(row)


# ============================================================================ §14 warnings

SECTION_14 = _rows(
    # §14 item 4 / INP001: HH:MM times with no case date → coded with a warning
    P(
        Row(
            {
                "setting": "facility",
                "administrations": [
                    {
                        "drug": "vancomycin",
                        "category": "therapeutic",
                        "route": "iv_infusion",
                        "start": "09:00",
                        "stop": "10:00",
                    }
                ],
            },
            want=expect(("96365", 1)),
            warns=("INP001",),
        ),
        "14-no-date",
    ),
    # §14 item 4: a hydration without a stop time → not billed and queried
    P(
        Row(
            case(adm("normal saline", "hydration", "iv_infusion", "09:00")),
            want=expect(),
            warns=("INP005",),
            skipped=("1",),
        ),
        "14-hydration-no-stop",
    ),
    # §14 item 5 / P9: a second site with no documented need → warned
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00", site="L"),
                adm("ondansetron", "therapeutic", "iv_push", "09:30", site="R"),
            ),
            want=expect(("96374", 1), ("96361", 1)),
            warns=("HIE006",),
        ),
        "14-second-site-without-need",
    ),
    # §14 / RTE010: route "other" is never coded silently
    P(
        Row(
            case(adm("drug", "therapeutic", "other", "10:00")),
            want=expect(),
            warns=("RTE010",),
            skipped=("1",),
        ),
        "14-route-other-manual",
    ),
    # §14 / G7: an overlap of less than 16 minutes is coded sequential and warned
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:00", bag="a"),
                adm("drug B", "therapeutic", "iv_infusion", "09:50", "11:00", bag="b"),
            ),
            warns=("SEQ009",),
        ),
        "14-short-overlap-warned",
    ),
    # §14 / G4: separate short hydration runs → a warning that they were not added together
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:00", "08:30"),
                adm("normal saline", "hydration", "iv_infusion", "10:00", "10:30"),
            ),
            want=expect(),
            warns=("HYD004",),
        ),
        "14-short-runs-warned",
    ),
    # §14 item 2: single-dose container with no discarded amount documented → JZ assumed, warned
    P(
        Row(
            case(
                _drug(
                    "rituximab",
                    "J9312",
                    400,
                    "mg",
                    category="chemotherapy",
                    single_dose_container=True,
                )
            ),
            drugs=expect(("J9312", 40, ["JZ"])),
            warns=("DRG003",),
        ),
        "14-jz-assumed-warned",
    ),
)


@pytest.mark.parametrize("row", SECTION_14)
def test_section_14_nothing_guessed_silently(row: Row) -> None:
    _verify(row)


# ============================================================================ §16 G-list

SECTION_16 = _rows(
    # G2/G18: pre-hydration before chemo is allowed by default and carries no 59
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:00", "09:30"),
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:30", "10:30"),
            ),
            want=expect(("96413", 1), ("96361", 1)),
        ),
        "G18-no-59-on-96361",
    ),
    # G2 integral: post-hydration after chemo is not billed either
    P(
        Row(
            case(
                adm("cisplatin", "chemotherapy", "iv_infusion", "09:00", "10:00"),
                adm("normal saline", "hydration", "iv_infusion", "10:00", "11:00"),
            ),
            want=expect(("96413", 1)),
            skipped=("2",),
            policy={"labeled_hydration": "integral"},
        ),
        "G2-integral-post-hydration",
    ),
    # G2 integral only concerns chemotherapy encounters: hydration + TPD still billed
    P(
        Row(
            case(
                adm("vancomycin", "therapeutic", "iv_infusion", "09:00", "10:00"),
                adm("normal saline", "hydration", "iv_infusion", "10:00", "11:00"),
            ),
            want=expect(("96365", 1), ("96361", 1)),
            policy={"labeled_hydration": "integral"},
        ),
        "G2-integral-not-without-chemo",
    ),
    # G4 sum: two 40-minute hydration runs alone → 80 min → 96360 only
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:00", "08:40"),
                adm("normal saline", "hydration", "iv_infusion", "10:00", "10:40"),
            ),
            want=expect(("96360", 1)),
            policy={"short_hydration_runs": "sum"},
        ),
        "G4-sum-two-40-min-runs",
    ),
    # G4 separate: the same two 40-minute runs evaluated one by one → 96360 + 96361
    P(
        Row(
            case(
                adm("normal saline", "hydration", "iv_infusion", "08:00", "08:40"),
                adm("normal saline", "hydration", "iv_infusion", "10:00", "10:40"),
            ),
            want=expect(("96360", 1), ("96361", 1)),
        ),
        "G4-separate-two-40-min-runs",
    ),
    # G5 calendar_day: hierarchy restarts per date, push day 1 and infusion day 2 → two initials
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_push", f"{DATE}T22:00"),
                adm("drug B", "therapeutic", "iv_infusion", f"{NEXT}T08:00", f"{NEXT}T09:00"),
            ),
            want=expect(("96374", 1), ("96365", 1)),
            policy={"initial_scope": "calendar_day"},
        ),
        "G5-calendar-day",
    ),
    # G5 default (Medicare): the same stay → one initial: 96365 + 96375
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_push", f"{DATE}T22:00"),
                adm("drug B", "therapeutic", "iv_infusion", f"{NEXT}T08:00", f"{NEXT}T09:00"),
            ),
            want=expect(("96365", 1), ("96375", 1)),
        ),
        "G5-encounter",
    ),
)


@pytest.mark.parametrize("row", SECTION_16)
def test_section_16_disputed_points(row: Row) -> None:
    _verify(row)


# ============================================================================ §21 defaults

SECTION_21 = _rows(
    # P1: 96376 timed from the start of the last reported push: 10:00–10:10 then 10:35 →
    # 35 min start-to-start → 96376 (25 min end-to-start would not be)
    P(
        Row(
            case(
                adm("morphine", "therapeutic", "iv_push", "10:00", "10:10"),
                adm("morphine", "therapeutic", "iv_push", "10:35", "10:36"),
            ),
            want=expect(("96374", 1), ("96376", 1)),
        ),
        "P1-start-to-start",
    ),
    # P7 any_overlap: a 5-minute hand-over overlap → concurrent 96368
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "09:00", "10:00", bag="a"),
                adm("drug B", "therapeutic", "iv_infusion", "09:55", "11:00", bag="b"),
            ),
            want=expect(("96365", 1), ("96368", 1)),
            policy={"concurrent_overlap": "any_overlap"},
        ),
        "P7-any-overlap",
    ),
    # P7: a drug running entirely within a longer one (20 of 20 minutes) → concurrent
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "09:00", "12:00", bag="a"),
                adm("drug B", "therapeutic", "iv_infusion", "10:00", "10:20", bag="b"),
            ),
            want=expect(("96365", 1), ("96366", 2), ("96368", 1)),
        ),
        "P7-within-longer",
    ),
    # P7/T3: sequential with overlap: the overlap is taken off the lower service (A initial
    # 09:00–11:00 = 120; B 10:50–12:00 = 70 → 60 of its own → 96367)
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "09:00", "11:00", bag="a"),
                adm("drug B", "therapeutic", "iv_infusion", "10:50", "12:00", bag="b"),
            ),
            want=expect(("96365", 1), ("96366", 1), ("96367", 1)),
            warns=("SEQ009",),
        ),
        "P7-tail-overlap-sequential",
    ),
    # P10: port flush + 36592 (draw from a catheter) → the draw only
    P(
        Row(
            case(
                adm("heparin flush", None, "port_flush", "10:05", purpose="flush"),
                services=[{"code": "36592"}],
                setting="professional",
            ),
            want=expect(("36592", 1)),
            absent=("96523",),
        ),
        "P10-flush-after-catheter-draw",
    ),
    # P11 x_modifiers: a second encounter's initial → XE, a second site's → XS (both at once)
    P(
        Row(
            case(
                adm("drug A", "therapeutic", "iv_infusion", "08:00", "09:00", site="L"),
                adm(
                    "drug B",
                    "therapeutic",
                    "iv_infusion",
                    "08:00",
                    "09:00",
                    site="R",
                    separate_site_required="incompatible",
                ),
                adm("drug C", "therapeutic", "iv_infusion", "15:00", "16:00", encounter=2),
            ),
            want=expect(("96365", 1), ("96365", 1, ["XS"]), ("96365", 1, ["XE"])),
            policy=X,
        ),
        "P11-xs-and-xe",
    ),
    # P13: Medicare, professional office, clinic-supplied pump → G0498
    P(
        Row(
            case(
                adm(
                    "fluorouracil",
                    None,
                    "pump_infusion",
                    "10:00",
                    pump="portable",
                    pump_supplier="clinic",
                ),
                setting="professional",
            ),
            want=expect(("G0498", 1)),
        ),
        "P13-route-pump-infusion-g0498",
    ),
    # P14: a repeat of 31+ minutes after a hold is a pause, not a repeat: one infusion
    # 09:00–11:00 held 09:40–10:20 = 80 min → 96365 only
    P(
        Row(
            case(
                adm(
                    "vancomycin",
                    "therapeutic",
                    "iv_infusion",
                    "09:00",
                    "11:00",
                    pauses=[{"start": "09:40", "stop": "10:20"}],
                )
            ),
            want=expect(("96365", 1)),
        ),
        "P14-pause-is-not-a-repeat",
    ),
)


@pytest.mark.parametrize("row", SECTION_21)
def test_section_21_engine_defaults(row: Row) -> None:
    _verify(row)


def test_section_21_p8_longer_equal_rank_service_is_initial() -> None:
    # P8 (S61): among equal ranks the one with the most minutes is initial, even if later
    result = code_case(
        case(
            adm("drug A", "therapeutic", "iv_infusion", "09:00", "09:40"),
            adm("drug B", "therapeutic", "iv_infusion", "09:40", "12:00"),
        )
    )
    by_role = {ln.role: ln.administrations for ln in result.lines if ln.kind == "administration"}
    assert by_role.get("initial") == ["2"], describe(result)
    assert by_role.get("sequential") == ["1"], describe(result)


# ============================================================================ bad input (common ground)

HUGE = [
    # a dose of 1e400 in JSON text is infinity: an error naming the field, never a traceback
    (
        '{"setting": "facility", "date": "2026-03-02", "administrations": [{"drug": '
        '"ondansetron", "hcpcs": "J2405", "route": "iv_push", "start": "10:00", '
        '"dose": {"amount": 1e400, "unit": "mg"}}]}',
        "administrations[0].dose.amount",
    ),
    # a volume/rate pair giving an impossible stop time: an error naming a field
    (
        '{"setting": "facility", "date": "2026-03-02", "administrations": [{"drug": '
        '"normal saline", "category": "hydration", "route": "iv_infusion", "start": "10:00", '
        '"volume_ml": 1e12, "rate_ml_per_hr": 1e-9}]}',
        "administrations[0]",
    ),
]


@pytest.mark.parametrize(("text", "field_prefix"), HUGE)
def test_bad_input_out_of_range_numbers_name_the_field(text: str, field_prefix: str) -> None:
    with pytest.raises(InvalidCase) as exc:
        code_case(text)
    assert (exc.value.field or "").startswith(field_prefix), exc.value.message
