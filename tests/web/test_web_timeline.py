"""The timeline picture: rows, overlaps, unit boundaries, pushes, pauses."""

from __future__ import annotations

from typing import Any

import pytest

from infusion_coder.engine import code_case, parse_case
from infusion_coder.web import _timeline


def picture(case: dict[str, Any]) -> str:
    parsed = parse_case(case)
    return str(_timeline.svg(parsed, code_case(parsed), lambda s: s))


def rows(case: dict[str, Any]) -> list[_timeline.Row]:
    parsed = parse_case(case)
    return _timeline.rows(parsed, code_case(parsed))


def adm(**kw: Any) -> dict[str, Any]:
    return {"route": "iv_infusion", **kw}


CONCURRENT = {
    "setting": "facility",
    "date": "2026-03-02",
    "administrations": [
        adm(drug="vancomycin", category="therapeutic", start="09:00", stop="10:30", site="L arm"),
        adm(drug="magnesium", category="therapeutic", start="09:30", stop="10:00", site="L arm"),
        {"drug": "ondansetron", "category": "therapeutic", "route": "iv_push", "start": "10:40"},
    ],
}


def test_overlap_is_where_two_infusions_run_at_once() -> None:
    assert _timeline.overlaps(rows(CONCURRENT)) == [(_m("09:30"), _m("10:00"))]


def test_concurrent_infusion_is_drawn_dashed_and_push_as_diamond() -> None:
    svg = picture(CONCURRENT)
    assert "tl-role-concurrent" in svg
    assert 'stroke-dasharray="5 3"' in svg
    assert svg.count('class="tl-push"') == 1
    assert svg.count('class="tl-overlap"') == 1


@pytest.mark.parametrize(
    ("category", "minutes", "marks"),
    [
        ("therapeutic", 15, []),  # a push by the time rule: no unit boundary reached
        ("therapeutic", 16, [16]),
        ("therapeutic", 90, [16]),
        ("therapeutic", 91, [16, 91]),
        ("chemotherapy", 200, [16, 91, 151]),
        ("hydration", 30, []),  # hydration needs more than 30 minutes
        ("hydration", 31, [31]),
        ("hydration", 151, [31, 91, 151]),
    ],
)
def test_unit_boundaries_by_category(category: str, minutes: int, marks: list[int]) -> None:
    row = _timeline.Row("1", "x", category, 600, 600 + minutes, route="iv_infusion")
    found = _timeline.unit_marks(row)
    assert [t for _, t in found] == marks
    assert [at for at, _ in found] == [600 + t for t in marks]


def test_paused_minutes_do_not_count_toward_units() -> None:
    row = _timeline.Row("1", "x", "therapeutic", 0, 100, pauses=[(10, 20)], route="iv_infusion")
    assert [(at, t) for at, t in _timeline.unit_marks(row)] == [(26, 16)]  # 91 never reached


def test_pauses_are_cut_out_of_the_bar() -> None:
    case = {
        "setting": "facility",
        "date": "2026-03-02",
        "administrations": [
            adm(
                drug="iron sucrose",
                category="therapeutic",
                start="09:00",
                stop="10:00",
                pauses=[{"start": "09:20", "stop": "09:30"}],
            )
        ],
    }
    svg = picture(case)
    assert svg.count('class="tl-pause"') == 1
    assert "50 minutes" in svg  # 60 minutes less the 10-minute hold


def test_category_comes_from_the_codes_when_the_case_gives_none() -> None:
    case = {
        "setting": "facility",
        "date": "2026-03-02",
        "administrations": [
            {"drug": "paclitaxel", "hcpcs": "J9267", **adm(start="09:00", stop="10:00")}
        ],
    }
    assert [r.category for r in rows(case)] == ["chemotherapy"]


def test_when_no_administration_has_a_time_then_no_picture() -> None:
    case = {
        "setting": "professional",
        "administrations": [{"drug": "ceftriaxone", "route": "im_injection"}],
    }
    assert picture(case) == ""


def test_labels_are_escaped() -> None:
    case = {
        "setting": "facility",
        "date": "2026-03-02",
        "administrations": [
            adm(drug="<b>x</b>", category="therapeutic", start="09:00", stop="09:40")
        ],
    }
    svg = picture(case)
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def _m(clock: str) -> int:
    from datetime import date

    from infusion_coder.engine._time import parse_clock

    return parse_clock(clock, date(2026, 3, 2), "t")
