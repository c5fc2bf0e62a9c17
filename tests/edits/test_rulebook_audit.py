"""Audit of the claim checker against rulebook §18 (rules 1–20) and the checks of issue #4.

Each row is a small claim (and a case when the rule needs the documentation) with the
findings that must be present (id and severity) and the ids that must not be. "Clean" rows
must raise no error: the published scenarios coded by the case coder, and correct claims of
each situation. A rule already covered row by row in ``test_checks.py`` or the golden claims
is not repeated here unless its severity or a neighbouring false error is the point.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from infusion_coder.cli import app
from infusion_coder.edits import check_claim
from infusion_coder.engine import code_case

DOS = "2026-03-02"
NEXT = "2026-03-03"
SCENARIOS = Path(__file__).parents[1] / "cases"


def claim(*lines: dict[str, Any] | str, **options: Any) -> dict[str, Any]:
    """A Medicare professional office claim with a breast-cancer diagnosis unless told."""
    base: dict[str, Any] = {
        "setting": "professional",
        "place_of_service": "11",
        "payer": "medicare",
        "date_of_service": DOS,
        "diagnoses": ["C50.911"],
        "lines": [{"code": ln} if isinstance(ln, str) else ln for ln in lines],
    }
    base.update(options)
    return base


def ln(code: str, units: int = 1, *mods: str, date: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "units": units, "modifiers": list(mods)}
    if date:
        out["date"] = date
    return out


def case(*adms: dict[str, Any], setting: str = "professional", **extra: Any) -> dict[str, Any]:
    return {
        "setting": setting,
        "payer": "medicare",
        "date": DOS,
        "administrations": [
            {"id": str(i), "site": "L arm PIV", "response": "tolerated", **a}
            for i, a in enumerate(adms, 1)
        ],
        **extra,
    }


def inf(drug: str, category: str, start: str, stop: str | None, **more: Any) -> dict[str, Any]:
    a: dict[str, Any] = {"drug": drug, "category": category, "route": "iv_infusion"}
    a["start"] = start
    if stop:
        a["stop"] = stop
    return {**a, **more}


def push(drug: str, category: str, at: str, **more: Any) -> dict[str, Any]:
    return {"drug": drug, "category": category, "route": "iv_push", "start": at, **more}


FAC = {"setting": "facility", "place_of_service": "22"}
COMMERCIAL = {"payer": "commercial"}
CHEMO_2H = inf("carboplatin", "chemotherapy", "10:00", "12:00", dose={"amount": 300, "unit": "mg"})

Row = tuple[str, dict[str, Any], dict[str, Any] | None, set[tuple[str, str]], set[str]]

ROWS: list[Row] = [
    # §18.1 / §18.19: one initial per encounter; Medicare counts a stay across dates as one
    (
        "18.1 two initials across dates of a Medicare stay",
        claim(ln("96365"), ln("96365", date=NEXT), **FAC),
        None,
        {("INI001", "error")},
        set(),
    ),
    (
        "18.19 commercial payer: each date has its own initial",
        claim(ln("96365"), ln("96365", date=NEXT), **FAC, **COMMERCIAL),
        None,
        set(),
        {"INI001"},
    ),
    (
        "18.1 second initial with XS is not INI001",
        claim(ln("96413"), ln("96365", 1, "XS")),
        None,
        set(),
        {"INI001"},
    ),
    (
        "18.1 XP is a distinct-service modifier too (RAC list)",
        claim(ln("96374"), ln("96365", 1, "XP"), **FAC),
        None,
        set(),
        {"INI001"},
    ),
    (
        "18.1 96369 (SC) is counted apart from the IV initial",
        claim(ln("96365"), ln("96369")),
        None,
        set(),
        {"INI001"},
    ),
    # §18.2 add-ons from the rulebook list
    ("18.2 96375 alone", claim(ln("96375")), None, {("AOC001", "error")}, set()),
    ("18.2 96368 alone", claim(ln("96368")), None, {("AOC001", "error")}, set()),
    ("18.2 96411 alone", claim(ln("96411")), None, {("AOC001", "error")}, set()),
    ("18.2 96370 alone", claim(ln("96370")), None, {("AOC001", "error")}, set()),
    ("18.2 96423 alone", claim(ln("96423")), None, {("AOC001", "error")}, set()),
    (
        "18.2 96376 on a facility claim without a primary",
        claim(ln("96376"), **FAC),
        None,
        {("AOC001", "error")},
        set(),
    ),
    # §18.3 extra time without its own base
    (
        "18.3 96366 with 96413 only",
        claim(ln("96413"), ln("96366")),
        None,
        {("AOC004", "error")},
        set(),
    ),
    (
        "18.3 96371 with 96369 is fine",
        claim(ln("96369"), ln("96371")),
        None,
        set(),
        {"AOC001", "AOC004"},
    ),
    # §18.4 facility hierarchy
    (
        "18.4 facility: push initial with a sequential infusion",
        claim(ln("96374"), ln("96367"), **FAC),
        None,
        {("INI004", "error")},
        set(),
    ),
    (
        "18.4 facility: TPD infusion initial with a concurrent infusion is in order",
        claim(ln("96365"), ln("96368"), **FAC),
        None,
        set(),
        {"INI004"},
    ),
    (
        "18.4 professional: the primary reason decides (H2), no hierarchy error",
        claim(ln("96374"), ln("96367")),
        None,
        set(),
        {"INI004"},
    ),
    (
        "18.4 facility: 96360 initial with 96365 initial",
        claim(ln("96360"), ln("96365"), **FAC),
        None,
        {("INI003", "error")},
        set(),
    ),
    (
        "18.4 facility: chemo push initial over a TPD infusion (category beats method)",
        claim(ln("96409"), ln("96367"), **FAC),
        None,
        set(),
        {"INI004"},
    ),
    # §18.5–7, 10–11 with the documentation: CMP002 errors, fewer extra-time units info
    (
        "18.5 96360 for 30 minutes of hydration",
        claim(ln("96360"), **FAC),
        case(
            inf("normal saline", "hydration", "10:00", "10:30", purpose="hydration", volume_ml=250),
            setting="facility",
        ),
        {("CMP002", "error")},
        set(),
    ),
    (
        "18.6 96365 for a 15-minute infusion",
        claim(ln("96365")),
        case(inf("ceftriaxone", "therapeutic", "10:00", "10:15", dose={"amount": 1, "unit": "g"})),
        {("CMP002", "error")},
        set(),
    ),
    (
        "18.7 96415 x2 for 2 hours of chemotherapy",
        claim(ln("96413"), ln("96415", 2)),
        case(CHEMO_2H),
        {("CMP002", "error")},
        set(),
    ),
    (
        "18.7 fewer extra-time units than the times support is info",
        claim(ln("96413"), ln("96415", 1)),
        case(
            inf("carboplatin", "chemotherapy", "10:00", "13:00", dose={"amount": 300, "unit": "mg"})
        ),
        {("CMP001", "info")},
        set(),
    ),
    (
        "18.8 96368 when only one bag ran",
        claim(ln("96365"), ln("96368")),
        case(inf("ceftriaxone", "therapeutic", "10:00", "11:00", dose={"amount": 1, "unit": "g"})),
        {("CMP002", "error")},
        set(),
    ),
    (
        "18.8 96368 on two dates of one Medicare stay",
        claim(ln("96365"), ln("96368"), ln("96368", date=NEXT), **FAC),
        None,
        {("AOC005", "error")},
        set(),
    ),
    (
        "18.8 96368 x2 on one date is the MUE (MAI 2)",
        claim(ln("96365"), ln("96368", 2), **FAC),
        None,
        {("MUE001", "error")},
        set(),
    ),
    (
        "18.9 96376 on a professional claim",
        claim(ln("96374"), ln("96376")),
        None,
        {("FAC001", "error")},
        set(),
    ),
    (
        "18.9 96376 within 30 minutes of the same drug's push",
        claim(ln("96374"), ln("96376"), **FAC),
        case(
            push("ondansetron", "therapeutic", "10:00", dose={"amount": 4, "unit": "mg"}),
            push("ondansetron", "therapeutic", "10:20", dose={"amount": 4, "unit": "mg"}),
            setting="facility",
        ),
        {("CMP002", "error")},
        set(),
    ),
    (
        "18.10 96375 for the same drug pushed again",
        claim(ln("96374"), ln("96375")),
        case(
            push("ondansetron", "therapeutic", "10:00", dose={"amount": 4, "unit": "mg"}),
            push("ondansetron", "therapeutic", "11:00", dose={"amount": 4, "unit": "mg"}),
        ),
        {("CMP002", "error")},
        set(),
    ),
    (
        "18.11 hydration concurrent with chemotherapy",
        claim(ln("96413"), ln("96415"), ln("96361", 2), **FAC),
        case(
            CHEMO_2H,
            inf(
                "normal saline", "hydration", "10:00", "12:00", purpose="hydration", volume_ml=1000
            ),
            setting="facility",
        ),
        {("CMP002", "error")},
        set(),
    ),
    # §18.12 setting
    (
        "18.12 professional claim in the hospital outpatient POS",
        claim(ln("96365"), place_of_service="22"),
        None,
        {("FAC002", "error")},
        set(),
    ),
    (
        "18.12 physician-work route (96450) may be billed in a facility POS",
        claim(ln("96450"), place_of_service="22"),
        None,
        set(),
        {"FAC002"},
    ),
    # §18.13 E/M
    (
        "18.13 99211 with drug administration, commercial payer: not EMV001",
        claim(ln("96372"), ln("99211", 1, "25"), **COMMERCIAL),
        None,
        set(),
        {"EMV001"},
    ),
    (
        "18.13 99211 without 25 next to an injection, commercial payer",
        claim(ln("96372"), ln("99211"), **COMMERCIAL),
        None,
        {("EMV002", "warning")},
        {"EMV001"},
    ),
    (
        "18.13 25 without a separately documented evaluation",
        claim(ln("96413"), ln("96415"), ln("99214", 1, "25")),
        case(CHEMO_2H, services=[{"code": "99214", "separately_identifiable": False}]),
        {("EMV004", "warning")},
        set(),
    ),
    (
        "18.13 25 with a separately documented evaluation",
        claim(ln("96413"), ln("96415"), ln("99214", 1, "25")),
        case(CHEMO_2H, services=[{"code": "99214", "separately_identifiable": True}]),
        set(),
        {"EMV004", "EMV002"},
    ),
    (
        "18.13 E/M on another date than the administration needs no 25",
        claim(ln("96372"), ln("99213", date=NEXT)),
        None,
        set(),
        {"EMV002"},
    ),
    # §18.14 bundling
    (
        "18.14 96523 with a chemotherapy push",
        claim(ln("96409"), ln("96523")),
        None,
        {("BND001", "error")},
        set(),
    ),
    ("18.14 96523 alone", claim(ln("96523")), None, set(), {"BND001"}),
    (
        "18.14 36591 with an E/M",
        claim(ln("36591"), ln("99213")),
        None,
        {("BND002", "error")},
        set(),
    ),
    (
        "18.14 36592 with a non-lab CPT service outside the library",
        claim(ln("36592"), ln("71045")),
        None,
        {("BND002", "error")},
        set(),
    ),
    (
        "18.14 36591 with laboratory tests only",
        claim(ln("36591"), ln("80053"), ln("85025")),
        None,
        set(),
        {"BND002"},
    ),
    # §18.15 chemotherapy codes and drugs
    (
        "18.15 96409 with only an anti-emetic drug",
        claim(ln("96409"), ln("J2405", 2)),
        None,
        {("DRL005", "error")},
        set(),
    ),
    (
        "18.15 96413 with a complex biologic (rituximab) is chemotherapy administration",
        claim(ln("96413"), ln("J9312", 50, "JZ"), diagnoses=["C83.30"]),
        None,
        set(),
        {"DRL005", "DGN004"},
    ),
    (
        "18.15 chemo drug billed with 96365 only",
        claim(ln("96365"), ln("J9045", 12, "JZ")),
        None,
        {("DRL006", "warning")},
        set(),
    ),
    # §18.16 JW/JZ
    (
        "18.16 single-dose drug on Medicare without JW/JZ",
        claim(ln("96413"), ln("J9312", 50)),
        None,
        {("DRL001", "error")},
        set(),
    ),
    (
        "18.16 commercial payer: JZ not required",
        claim(ln("96413"), ln("J9312", 50), **COMMERCIAL),
        None,
        set(),
        {"DRL001"},
    ),
    (
        "18.16 JW and JZ on one line",
        claim(ln("96413"), ln("J9312", 50, "JW", "JZ")),
        None,
        {("DRL002", "error")},
        set(),
    ),
    (
        "18.16 JW line with no administered line",
        claim(ln("96413"), ln("J9312", 5, "JW")),
        None,
        {("DRL003", "error")},
        set(),
    ),
    (
        "18.16 JW on an administration code",
        claim(ln("96413", 1, "JW")),
        None,
        {("COD004", "error")},
        set(),
    ),
    # §18.17 units vs dose (case)
    (
        "18.17 drug units above the documented dose",
        claim(ln("96374"), ln("J2405", 8)),
        case(
            push(
                "ondansetron",
                "therapeutic",
                "10:00",
                hcpcs="J2405",
                dose={"amount": 4, "unit": "mg"},
            )
        ),
        {("DRL004", "warning")},
        set(),
    ),
    # §18.18 documentation
    (
        "18.18 time-based code with an infusion lacking its stop time",
        claim(ln("96365")),
        case(inf("ceftriaxone", "therapeutic", "10:00", None, dose={"amount": 1, "unit": "g"})),
        {("DOC001", "error")},
        set(),
    ),
    (
        "§14 documentation query for a missing dose",
        claim(ln("96365")),
        case(inf("ceftriaxone", "therapeutic", "10:00", "11:00")),
        {("DOC002", "info")},
        set(),
    ),
    # §18.20 distinct modifier not documented
    (
        "18.20 second initial with 59 and one access in the case",
        claim(ln("96413"), ln("96365", 1, "59")),
        case(
            CHEMO_2H,
            inf("ceftriaxone", "therapeutic", "12:00", "13:00", dose={"amount": 1, "unit": "g"}),
        ),
        {("INI002", "warning")},
        set(),
    ),
    # issue #4: codes, modifiers, units, dates, diagnoses
    ("#4 deleted CPT code", claim(ln("90780")), None, {("COD002", "error")}, set()),
    ("#4 deleted G code", claim(ln("G0345")), None, {("COD002", "error")}, set()),
    (
        "#4 invalid code in the administration range",
        claim(ln("96395")),
        None,
        {("COD008", "error")},
        {"COD003"},
    ),
    ("#4 malformed code", claim(ln("9641")), None, {("COD001", "error")}, set()),
    (
        "#4 59 on a drug line",
        claim(ln("96372"), ln("J2405", 2, "59")),
        None,
        {("COD004", "error")},
        set(),
    ),
    ("#4 unknown modifier", claim(ln("96372", 1, "ZZ")), None, {("COD005", "warning")}, set()),
    (
        "#4 25 on a procedure",
        claim(ln("96372", 1, "25")),
        None,
        {("EMV003", "error")},
        {"COD004"},
    ),
    ("#4 zero units", claim(ln("96372", 0)), None, {("COD006", "error")}, set()),
    (
        "#4 line dated before the date of service",
        claim(ln("96372", date="2026-03-01")),
        None,
        {("COD007", "error")},
        set(),
    ),
    (
        "#4 invalid diagnosis",
        claim(ln("96372"), diagnoses=["C99.999"]),
        None,
        {("DGN001", "error")},
        set(),
    ),
    (
        "#4 header diagnosis",
        claim(ln("96372"), diagnoses=["C50.91"]),
        None,
        {("DGN002", "error")},
        set(),
    ),
    (
        "#4 chemotherapy with a symptom diagnosis only",
        claim(ln("96413"), diagnoses=["R11.2"]),
        None,
        {("DGN004", "warning")},
        set(),
    ),
    (
        "#4 complex biologic for a non-oncology indication (Crohn's disease)",
        claim(ln("96413"), ln("J1745", 40, "JZ"), diagnoses=["K50.90"]),
        None,
        set(),
        {"DGN004"},
    ),
    (
        "#4 MUE: practitioner table on a professional claim",
        claim(ln("96360"), ln("96361", 9)),
        None,
        {("MUE001", "error")},
        set(),
    ),
    (
        "#4 MUE: outpatient hospital table on a facility claim",
        claim(ln("96360"), ln("96361", 9), **FAC),
        None,
        set(),
        {"MUE001"},
    ),
    (
        "#4 NCCI pair bypassed with XU",
        claim(ln("96413"), ln("96372", 1, "XU")),
        None,
        set(),
        {"PTP002"},
    ),
    (
        "#4 NCCI pair without a modifier",
        claim(ln("96413"), ln("96372")),
        None,
        {("PTP002", "error")},
        set(),
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_when_rule_situation_is_checked_then_findings_match(row: Row) -> None:
    _, data, case_data, present, absent = row
    report = check_claim(data, case=case_data)
    got = {(f.id, f.severity) for f in report.findings}
    assert present <= got, [(f.id, f.severity, f.message) for f in report.findings]
    assert not {f.id for f in report.findings} & absent, [
        (f.id, f.message) for f in report.findings
    ]


CLEAN: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = [
    (
        "chemo with hours, sequential chemo, E/M-25, JZ",
        claim(
            ln("96413"),
            ln("96415"),
            ln("96417"),
            ln("99214", 1, "25"),
            ln("J9312", 50, "JZ"),
            diagnoses=["C83.30"],
        ),
        None,
    ),  # fmt: skip
    (
        "facility hierarchy in order",
        claim(ln("96365"), ln("96366", 2), ln("96375"), ln("96361"), ln("J2405", 2), **FAC),
        None,
    ),  # fmt: skip
    (
        "facility stay across midnight, add-on on the second date",
        claim(ln("96365"), ln("96366", 2), ln("96366", 3, date=NEXT), **FAC),
        None,
    ),  # fmt: skip
    (
        "second initial at a required site with XU",
        claim(ln("96413"), ln("96365", 1, "XU"), ln("96372", 1, "59")),
        None,
    ),  # fmt: skip
    (
        "SC immune globulin infusion",
        claim(ln("96369"), ln("96370", 2), ln("96371"), diagnoses=["D80.1"]),
        None,
    ),  # fmt: skip
    ("port draw with laboratory tests only", claim(ln("36591"), ln("80053")), None),
    ("port flush alone", claim(ln("96523")), None),
]


@pytest.mark.parametrize("row", CLEAN, ids=[r[0] for r in CLEAN])
def test_when_claim_is_correct_then_no_error(row: tuple[str, Any, Any]) -> None:
    _, data, case_data = row
    report = check_claim(data, case=case_data)
    assert report.ok, [(f.id, f.message) for f in report.findings if f.severity == "error"]


FAMILIES = ("hydration", "therapeutic", "chemotherapy", "pumps_ports", "special_routes", "mixed")
PUBLISHED = sorted(p for fam in FAMILIES for p in (SCENARIOS / fam).glob("*.json"))


def _known(finding_id: str, lines: list[tuple[str, int, list[str]]]) -> bool:
    """Documented exception: two units of one initial code at two medically required sites
    (rulebook §5 E2) are correct CPT coding, but the CMS MUE of the initial codes is 1 per
    date (MAI 3): the second unit denies and needs an appeal."""
    return finding_id == "MUE001" and any(
        set(mods) & {"59", "XE", "XS", "XU"} and code in ("96413", "96365", "96374", "96409")
        for code, _, mods in lines
    )


def test_when_published_scenarios_are_read_then_there_are_many() -> None:
    assert len(PUBLISHED) >= 30


@pytest.mark.parametrize("path", PUBLISHED, ids=[p.stem for p in PUBLISHED])
def test_when_claim_is_the_case_coder_result_then_no_error(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    data, policy = doc["case"], doc.get("policy") or None
    result = code_case(data, policy=policy)
    lines = [(x.code, x.units, list(x.modifiers)) for x in result.lines]
    built = {
        "setting": data["setting"],
        "payer": data.get("payer", "medicare"),
        "date_of_service": data.get("date"),
        "diagnoses": ["C50.911"],
        "lines": [
            {"code": x.code, "units": x.units, "modifiers": list(x.modifiers), "date": x.date}
            for x in result.lines
        ],
    }
    report = check_claim(built, case=data, policy=policy)
    errors = [
        (f.id, f.message)
        for f in report.findings
        if f.severity == "error" and not _known(f.id, lines)
    ]
    assert errors == [], lines


runner = CliRunner()

BAD_INPUT: list[tuple[str, str, str]] = [
    ("units not a number", '{"setting":"professional","lines":[{"code":"96413","units":"x"}]}',
     "lines[0].units"),
    ("units huge", '{"setting":"professional","lines":[{"code":"96413","units":1e30}]}',
     "lines[0].units"),
    ("units true", '{"setting":"professional","lines":[{"code":"96413","units":true}]}',
     "lines[0].units"),
    ("setting missing", '{"lines":[]}', "setting"),
    ("lines not a list", '{"setting":"facility","lines":{"code":"96413"}}', "lines"),
    ("modifiers not a list",
     '{"setting":"facility","lines":[{"code":"96413","modifiers":"59"}]}', "lines[0].modifiers"),
    ("not a calendar date",
     '{"setting":"facility","date_of_service":"2026-02-30","lines":[]}', "date_of_service"),
    ("code a number", '{"setting":"facility","lines":[{"code":96413}]}', "lines[0].code"),
    ("not JSON", "setting: facility", "JSON"),
    ("nested too deeply", "[" * 50000 + "]" * 50000, "nested"),
]  # fmt: skip


@pytest.mark.parametrize("row", BAD_INPUT, ids=[r[0] for r in BAD_INPUT])
def test_when_claim_is_malformed_then_exit_2_and_one_line_naming_the_field(
    row: tuple[str, str, str], tmp_path: Path
) -> None:
    _, text, field = row
    path = tmp_path / "claim.json"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert field in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


BAD_CSV: list[tuple[str, str, str]] = [
    ("code column missing", "encounter_id,setting\nE1,facility\n", "code"),
    ("units not a number", "encounter_id,setting,code,units\nE1,facility,96365,two\n", "units"),
    ("units huge",
     "encounter_id,setting,code,units\nE1,facility,96365,99999999999\n", "units"),
    ("bad line date",
     "encounter_id,setting,code,date\nE1,facility,96365,2026-13-01\n", "date"),
    ("field too large", 'encounter_id,setting,code\nE1,facility,"' + "9" * 200_000 + '"\n',
     "CSV"),
    ("two setting values",
     "encounter_id,setting,code\nE1,facility,96365\nE1,professional,96366\n", "setting"),
]  # fmt: skip


@pytest.mark.parametrize("row", BAD_CSV, ids=[r[0] for r in BAD_CSV])
def test_when_csv_is_malformed_then_exit_2_naming_the_column(
    row: tuple[str, str, str], tmp_path: Path
) -> None:
    _, text, field = row
    path = tmp_path / "claims.csv"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert field in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
