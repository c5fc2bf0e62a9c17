"""The documentation audit (case given): missing times, elements to query, response."""

from __future__ import annotations

from typing import Any

from infusion_coder.edits import check_claim

CLAIM = {
    "setting": "professional",
    "date_of_service": "2026-03-02",
    "diagnoses": ["A41.9"],
    "lines": [{"code": "96365"}, {"code": "96375"}, {"code": "J2405", "units": 4}],
}


def case(*adms: dict[str, Any]) -> dict[str, Any]:
    return {"setting": "professional", "date": "2026-03-02", "administrations": list(adms)}


FULL = {
    "id": "1",
    "drug": "ceftriaxone",
    "category": "therapeutic",
    "route": "iv_infusion",
    "start": "09:00",
    "stop": "09:40",
    "site": "L arm PIV",
    "dose": {"amount": 1, "unit": "g"},
    "response": "no reaction",
}
PUSH = {
    "id": "2",
    "drug": "ondansetron",
    "hcpcs": "J2405",
    "route": "iv_push",
    "start": "09:45",
    "site": "L arm PIV",
    "dose": {"amount": 4, "unit": "mg"},
    "response": "nausea settled",
}


def _by_id(report: Any, check_id: str) -> list[Any]:
    return [f for f in report.findings if f.id == check_id]


def test_when_documentation_is_complete_then_no_query() -> None:
    report = check_claim(CLAIM, case=case(FULL, PUSH))
    assert report.ok, [(f.id, f.message) for f in report.findings]
    assert not [f for f in report.findings if f.id.startswith("DOC")]


def test_when_infusion_has_no_stop_then_time_based_codes_are_an_error() -> None:
    no_stop = {k: v for k, v in FULL.items() if k != "stop"}
    report = check_claim(CLAIM, case=case(no_stop, PUSH))
    (doc1,) = _by_id(report, "DOC001")
    assert doc1.severity == "error" and doc1.lines == [1]
    assert doc1.path == "case.administrations[0].stop"
    (query,) = _by_id(report, "DOC002")
    assert "the stop time" in query.message


def test_when_volume_and_rate_give_the_stop_then_no_time_error() -> None:
    derived = {k: v for k, v in FULL.items() if k != "stop"} | {
        "volume_ml": 100,
        "rate_ml_per_hr": 150,
    }
    report = check_claim(CLAIM, case=case(derived, PUSH))
    assert not _by_id(report, "DOC001")


def test_when_elements_are_missing_then_one_query_lists_them() -> None:
    bare = {"id": "1", "drug": "normal saline", "category": "hydration", "route": "iv_infusion"}
    report = check_claim(CLAIM, case=case(bare))
    (query,) = _by_id(report, "DOC002")
    for element in ("volume", "start time", "stop time", "access site", "hydration indication"):
        assert element in query.message
    assert query.severity == "info"


def test_when_second_site_has_no_reason_then_query_asks_why() -> None:
    other_site = PUSH | {"site": "R arm PIV"}
    report = check_claim(CLAIM, case=case(FULL, other_site))
    (query,) = _by_id(report, "DOC002")
    assert "second access site" in query.message and query.path == "case.administrations[1]"


def test_when_response_is_not_recorded_then_one_info_lists_the_administrations() -> None:
    no_response = {k: v for k, v in FULL.items() if k != "response"}
    report = check_claim(CLAIM, case=case(no_response, PUSH))
    (resp,) = _by_id(report, "DOC003")
    assert resp.message.endswith("administration(s) 1")
