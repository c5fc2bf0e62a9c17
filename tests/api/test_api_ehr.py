"""``POST /api/v1/fhir/code`` and ``POST /api/v1/mar/code`` over the real app in-process."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from infusion_coder.api import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
client = TestClient(create_app())


def test_when_fhir_bundle_posted_then_charge_bundle_returned() -> None:
    body = (FIXTURES / "fhir" / "epic-infusion-pause.json").read_bytes()
    res = client.post(
        "/api/v1/fhir/code", content=body, headers={"content-type": "application/fhir+json"}
    )
    assert res.status_code == 200, res.text
    assert res.headers["content-type"].startswith("application/fhir+json")
    bundle = res.json()
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"ChargeItem", "Claim"} <= kinds


def test_when_fhir_body_is_not_a_bundle_then_one_error_shape() -> None:
    res = client.post(
        "/api/v1/fhir/code",
        content=b'{"resourceType": "Patient"}',
        headers={"content-type": "application/fhir+json"},
    )
    assert res.status_code in (400, 422)
    data = res.json()
    assert data["ok"] is False and data["errors"][0]["message"]


def test_when_mar_csv_posted_then_one_result_per_encounter() -> None:
    body = (FIXTURES / "mar" / "epic-export.csv").read_bytes()
    res = client.post("/api/v1/mar/code", content=body, headers={"content-type": "text/csv"})
    # the Epic export needs its column mapping; without it the error names the column
    if res.status_code == 200:
        assert isinstance(res.json(), list) and res.json()
    else:
        assert res.status_code in (400, 422)
        assert res.json()["errors"][0]["message"]


def test_when_mar_body_empty_then_error_names_body() -> None:
    res = client.post("/api/v1/mar/code", content=b"", headers={"content-type": "text/csv"})
    assert res.status_code in (400, 422)
    assert res.json()["errors"][0]["field"] == "body"
