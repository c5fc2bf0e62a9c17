"""The case coder page also takes a FHIR Bundle or a MAR event CSV."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from infusion_coder.api import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
client = TestClient(create_app())


def test_when_fhir_bundle_pasted_then_lines_shown() -> None:
    text = (FIXTURES / "fhir" / "epic-infusion-pause.json").read_text(encoding="utf-8")
    res = client.post("/code", data={"case_json": text})
    assert res.status_code == 200, res.text[:500]
    assert "96413" in res.text or "96365" in res.text


def test_when_mar_csv_uploaded_then_coded_or_error_named() -> None:
    raw = (FIXTURES / "mar" / "epic-export.csv").read_bytes()
    res = client.post("/code", files={"case_file": ("events.csv", raw, "text/csv")})
    assert res.status_code in (200, 422)
    assert "Traceback" not in res.text
