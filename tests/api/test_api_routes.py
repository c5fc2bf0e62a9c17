"""Each route family answers with the library's own models."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from infusion_coder.engine import code_case
from infusion_coder.models import CodingResult


def test_health_is_ok(client: TestClient) -> None:
    for path in ("/api/v1/health", "/health"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.json()["ok"] is True


def test_search_returns_ranked_hits(client: TestClient) -> None:
    response = client.get("/api/v1/search", params={"q": "SEQ004"})
    assert response.status_code == 200
    body = response.json()
    assert body["hits"][0]["code"] == "SEQ004"
    assert body["hits"][0]["kind"] == "rule"
    assert body["count"] == len(body["hits"])


def test_search_filters_by_kind_family_and_limit(client: TestClient) -> None:
    params: dict[str, Any] = {"q": "hydration", "kind": ["rule"], "family": "hydration", "limit": 2}
    hits = client.get("/api/v1/search", params=params).json()["hits"]
    assert len(hits) == 2
    assert {(h["kind"], h["family"]) for h in hits} == {("rule", "hydration")}


def test_post_code_returns_the_same_result_as_the_library(
    client: TestClient, case: dict[str, Any]
) -> None:
    response = client.post("/api/v1/code", json=case)
    assert response.status_code == 200
    result = CodingResult.model_validate(response.json())
    assert result == code_case(case)
    assert "96413" in [line.code for line in result.lines]


def test_post_code_takes_policy_options(client: TestClient, case: dict[str, Any]) -> None:
    response = client.post(
        "/api/v1/code", json=case, params={"policy": ["initial_scope=calendar_day"]}
    )
    assert response.status_code == 200
    assert response.json()["policy"]["initial_scope"] == "calendar_day"


def test_rules_list_and_one_rule(client: TestClient) -> None:
    rules = client.get("/api/v1/rules").json()
    assert len(rules) > 20 and rules == sorted(rules, key=lambda r: r["id"])
    hydration = client.get("/api/v1/rules", params={"family": "hydration"}).json()
    assert hydration and {r["family"] for r in hydration} == {"hydration"}
    rule = client.get("/api/v1/rules/seq004").json()
    assert rule["id"] == "SEQ004" and "96411" in rule["statement"]


def test_openapi_schema_and_offline_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/v1/code" in schema["paths"]
    assert "ErrorBody" in schema["components"]["schemas"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    page = client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert "/docs/assets/redoc.standalone.js" in client.get("/redoc").text


def test_post_check_returns_findings_and_with_the_case_a_comparison(
    client: TestClient, case: dict[str, Any]
) -> None:
    claim = {
        "setting": "facility",
        "date_of_service": "2026-03-02",
        "lines": [{"code": "96417", "units": 1}],  # add-on without its primary
    }
    report = client.post("/api/v1/check", json={"claim": claim}).json()
    assert report["ok"] is False
    assert "AOC001" in [f["id"] for f in report["findings"]]
    compared = client.post("/api/v1/check", json={"claim": claim, "case": case}).json()
    assert compared["comparison"] is not None
    assert compared["comparison"]["missed_amount"] > 0  # 96413, 96415 ... not billed


def test_post_redact_replaces_phi_and_never_returns_the_original_words(client: TestClient) -> None:
    note = "Patient John Smith, MRN 12345678, seen 03/02/2026 for chemo."
    body = client.post("/api/v1/redact", json={"text": note}).json()
    assert "John Smith" not in body["text"] and "12345678" not in body["text"]
    assert {s["kind"] for s in body["spans"]} >= {"NAME", "MRN"}
    assert all(s.get("text") is None for s in body["spans"])
    assert "Smith" not in json.dumps(body)


def test_post_icd10_detect_finds_the_diagnoses_of_a_note(client: TestClient) -> None:
    text = "Right breast cancer, on chemotherapy today."
    findings = client.post("/api/v1/icd10/detect", json={"text": text}).json()
    assert any(f["code"] and f["code"].startswith(("C50", "Z51")) for f in findings)
