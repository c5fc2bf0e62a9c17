"""Table-driven tests of the claim checks: one row per situation, a comment on each.

Each row is (check id, claim lines, claim options, should the check fire). Lines are
``(code, units, modifiers)``; the claim is a Medicare professional claim in the office on
2026-03-02 with a breast-cancer diagnosis unless the options say otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest

from infusion_coder.edits import check_claim

Line = tuple[str, int, list[str]]


def claim(rows: list[Line], **options: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "setting": "professional",
        "place_of_service": "11",
        "payer": "medicare",
        "date_of_service": "2026-03-02",
        "diagnoses": ["C50.911"],
        "lines": [{"code": c, "units": u, "modifiers": m} for c, u, m in rows],
    }
    base.update(options)
    return base


FAC = {"setting": "facility", "place_of_service": "22"}

ROWS: list[tuple[str, list[Line], dict[str, Any], bool]] = [
    # add-on without primary
    ("AOC001", [("96417", 1, [])], {}, True),  # sequential chemo alone
    ("AOC001", [("96413", 1, []), ("96417", 1, [])], {}, False),  # with its primary
    ("AOC001", [("96375", 1, []), ("96374", 1, [])], {}, False),  # primary after the add-on
    ("AOC001", [("96361", 2, [])], FAC, True),  # hydration hour without initial
    (
        "AOC001",  # professional: the primary must be on the same date
        [("96413", 1, []), ("96415", 1, [])],
        {"lines": [{"code": "96413"}, {"code": "96415", "date": "2026-03-03"}]},
        True,
    ),
    (
        "AOC001",  # facility: the same claim is enough (units split at midnight)
        [],
        {**FAC, "lines": [{"code": "96413"}, {"code": "96415", "date": "2026-03-03"}]},
        False,
    ),
    ("AOC004", [("96413", 1, []), ("96366", 1, [])], {}, True),  # 96366 without 96365/96367
    ("AOC004", [("96413", 1, []), ("96367", 1, []), ("96366", 1, [])], {}, False),
    # MUE
    ("MUE001", [("96413", 2, [])], {}, True),  # MUE 1, MAI 3
    ("MUE001", [("96413", 1, []), ("96415", 8, [])], {}, False),  # at the MUE of 8
    ("MUE001", [("96413", 1, []), ("96415", 9, [])], {}, True),  # above it
    ("MUE001", [("96361", 24, []), ("96360", 1, [])], FAC, False),  # outpatient MUE 24
    ("MUE001", [("96361", 9, []), ("96360", 1, [])], {}, True),  # practitioner MUE 8
    # NCCI pairs
    ("PTP001", [("96413", 1, []), ("96523", 1, [])], {}, True),  # indicator 0
    ("PTP002", [("96413", 1, []), ("96372", 1, [])], {}, True),  # indicator 1, no modifier
    ("PTP002", [("96413", 1, []), ("96372", 1, ["XU"])], {}, False),  # bypassed
    ("PTP002", [("96413", 1, []), ("99214", 1, ["25"])], {}, False),  # E/M with 25
    ("PTP002", [("96413", 1, []), ("99214", 1, [])], {}, True),  # E/M without 25
    # initial services
    ("INI001", [("96365", 1, []), ("96374", 1, [])], {}, True),
    ("INI001", [("96365", 1, []), ("96374", 1, ["XE"])], {}, False),  # second encounter
    ("INI001", [("96413", 1, []), ("96369", 1, [])], {}, False),  # SC infusion: own hierarchy
    ("INI001", [("96365", 1, []), ("96375", 1, [])], {}, False),  # one initial
    ("INI003", [("96413", 1, []), ("96360", 1, [])], {}, True),
    ("INI003", [("96413", 1, []), ("96360", 1, ["XE"])], {}, False),  # separate encounter
    ("INI003", [("96360", 1, []), ("96361", 1, [])], {}, False),  # hydration alone
    # setting and E/M
    ("FAC001", [("96374", 1, []), ("96376", 1, [])], {}, True),
    ("FAC001", [("96374", 1, []), ("96376", 1, [])], FAC, False),  # facility may
    ("FAC002", [("96413", 1, [])], {"place_of_service": "22"}, True),
    ("FAC002", [("96413", 1, [])], {"place_of_service": "11"}, False),
    ("FAC002", [("96450", 1, [])], {"place_of_service": "22"}, False),  # physician route
    ("EMV001", [("96372", 1, []), ("99211", 1, [])], {}, True),
    ("EMV001", [("96372", 1, []), ("99211", 1, [])], {"payer": "commercial"}, False),
    ("EMV002", [("96413", 1, []), ("99214", 1, [])], {}, True),
    ("EMV002", [("96413", 1, []), ("99214", 1, ["25"])], {}, False),
    ("EMV002", [("99214", 1, [])], {}, False),  # visit alone
    ("EMV003", [("96413", 1, ["25"])], {}, True),
    ("EMV003", [("99214", 1, ["25"]), ("96413", 1, [])], {}, False),
    # bundled services
    ("BND001", [("96523", 1, [])], {}, False),  # flush alone
    ("BND001", [("96523", 1, []), ("96372", 1, [])], {}, True),
    ("BND002", [("36591", 1, []), ("96372", 1, [])], {}, True),
    ("BND002", [("36591", 1, []), ("85025", 1, [])], {}, False),  # with a lab test only
    # drug lines
    ("DRL001", [("96413", 1, []), ("J9045", 12, [])], {}, False),  # not known single-dose
    ("DRL002", [("J9045", 12, ["JW", "JZ"])], {}, True),
    ("DRL002", [("J9045", 12, ["JZ"]), ("J9045", 1, ["JW"])], {}, True),  # JZ and a JW line
    ("DRL002", [("J9045", 12, []), ("J9045", 1, ["JW"])], {}, False),  # the CMS pattern
    ("DRL003", [("J9045", 1, ["JW"])], {}, True),  # waste without the given amount
    # codes, modifiers, units, dates
    ("COD001", [("ABC", 1, [])], {}, True),
    ("COD001", [("0708T", 1, [])], {}, False),  # category III shape
    ("COD002", [("96410", 1, [])], {}, True),  # deleted 2006
    ("COD003", [("99999", 1, [])], {}, True),  # not in the library
    ("COD003", [("96413", 1, [])], {}, False),
    ("COD004", [("96413", 1, ["JZ"])], {}, True),
    ("COD004", [("J9045", 12, ["XU"])], {}, True),
    ("COD004", [("J9045", 12, ["JZ"])], {}, False),
    ("COD005", [("96413", 1, ["ZZ"])], {}, True),
    ("COD005", [("96413", 1, ["5"])], {}, True),  # not a modifier's shape
    ("COD006", [("96413", 0, [])], {}, True),
    # diagnoses
    ("DGN001", [("96413", 1, [])], {"diagnoses": ["C50.911", "C99.9"]}, True),
    ("DGN001", [("96413", 1, [])], {"diagnoses": ["c50911"]}, False),  # no dot, lower case
    ("DGN002", [("96413", 1, [])], {"diagnoses": ["C50"]}, True),
    ("DGN004", [("96413", 1, [])], {"diagnoses": ["R11.2"]}, True),
    ("DGN004", [("96413", 1, [])], {"diagnoses": ["R11.2", "D05.11"]}, False),  # D05 in range
    ("DGN004", [("96365", 1, [])], {"diagnoses": ["R11.2"]}, False),  # not chemotherapy
    ("DGN005", [("96413", 1, [])], {"diagnoses": []}, True),
]


@pytest.mark.parametrize(("check_id", "lines", "options", "fires"), ROWS)
def test_when_claim_has_situation_then_check_fires_or_not(
    check_id: str, lines: list[Line], options: dict[str, Any], fires: bool
) -> None:
    report = check_claim(claim(lines, **options))
    ids = [f.id for f in report.findings]
    assert (check_id in ids) == fires, [(f.id, f.message) for f in report.findings]


def test_when_line_is_above_mue_then_message_names_mai_and_appeal() -> None:
    report = check_claim(claim([("96368", 2, []), ("96365", 1, [])], **FAC))
    mue = next(f for f in report.findings if f.id == "MUE001")
    assert "MAI 2" in mue.message and "appeal will not" in mue.message
    assert mue.path == "lines[0].units"


def test_when_findings_are_reported_then_most_severe_come_first() -> None:
    report = check_claim(claim([("96413", 1, ["ZZ"]), ("99214", 1, []), ("96417", 1, [])]))
    order = {"error": 0, "warning": 1, "info": 2}
    ranks = [order[f.severity] for f in report.findings]
    assert ranks == sorted(ranks)
    assert report.counts["warning"] >= 2 and not report.ok


def test_when_claim_is_clean_then_report_is_ok_with_no_findings() -> None:
    report = check_claim(claim([("96413", 1, []), ("96415", 1, []), ("99214", 1, ["25"])]))
    assert report.ok and report.findings == []
    assert report.counts == {"error": 0, "warning": 0, "info": 0}


def test_when_finding_is_made_then_it_carries_fix_sources_and_lines() -> None:
    report = check_claim(claim([("96417", 1, [])]))
    f = report.findings[0]
    assert (f.id, f.name, f.severity, f.lines) == ("AOC001", "addon-without-primary", "error", [1])
    assert f.fix and f.sources and f.path == "lines[0].code"
