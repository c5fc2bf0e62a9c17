"""The claim checker page: JSON and CSV claims, with and without the case; errors."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from infusion_coder.edits import check_claim
from infusion_coder.web._checker_page import EXAMPLE_CASE, EXAMPLE_CLAIM
from infusion_coder.web._render import money

ADDON_ALONE = {"setting": "professional", "lines": [{"code": "96417", "units": 1}]}


def finding_ids(page: str) -> list[str]:
    return re.findall(r'<article class="finding" data-finding="([^"]+)"', page)


def test_when_claim_has_an_error_then_finding_with_fix(client: TestClient) -> None:
    response = client.post("/check", data={"claim_text": json.dumps(ADDON_ALONE)})
    assert response.status_code == 200
    expected = check_claim(ADDON_ALONE)
    ids = finding_ids(response.text)
    assert sorted(ids) == sorted(f.id for f in expected.findings)
    assert "AOC001" in ids
    aoc = next(f for f in expected.findings if f.id == "AOC001")
    assert aoc.fix in response.text.replace("&#39;", "'").replace("&quot;", '"')
    assert 'class="severity-error"' in response.text
    assert 'class="flagged"' in response.text  # the claim line is marked


def test_findings_are_grouped_most_severe_first(client: TestClient) -> None:
    data = {"claim_text": json.dumps(EXAMPLE_CLAIM), "case_text": json.dumps(EXAMPLE_CASE)}
    page = client.post("/check", data=data).text
    order = re.findall(r'<section class="severity-(\w+)"', page)
    assert order == sorted(order, key=["error", "warning", "info"].index)
    assert order[0] == "error"


def test_with_the_case_the_payment_difference_is_shown(client: TestClient) -> None:
    data = {"claim_text": json.dumps(EXAMPLE_CLAIM), "case_text": json.dumps(EXAMPLE_CASE)}
    page = client.post("/check", data=data).text
    report = check_claim(EXAMPLE_CLAIM, case=EXAMPLE_CASE)
    assert report.comparison is not None and report.comparison.items
    assert "Compared with the documentation" in page
    assert money(report.comparison.net_amount) in page
    for item in report.comparison.items:
        assert f"<code>{item.code}</code>" in page


def test_csv_lines_take_the_claim_header_from_the_form(client: TestClient) -> None:
    csv_text = "code,units,modifiers,date\n96417,1,,2026-03-02\n"
    data = {"claim_text": csv_text, "setting": "professional", "payer": "medicare"}
    page = client.post("/check", data=data).text
    assert "AOC001" in finding_ids(page)


def test_csv_export_format_is_read_too(client: TestClient) -> None:
    csv_text = "encounter_id,setting,code,units\nE1,professional,96413,1\nE1,professional,96417,1\n"
    response = client.post("/check", data={"claim_text": csv_text})
    assert response.status_code == 200
    assert "AOC001" not in finding_ids(response.text)


def test_uploaded_claim_file(client: TestClient) -> None:
    files = {"claim_file": ("claim.json", json.dumps(ADDON_ALONE).encode(), "application/json")}
    page = client.post("/check", data={}, files=files).text
    assert "AOC001" in finding_ids(page)


def test_clean_claim_says_so(client: TestClient) -> None:
    clean = {
        "setting": "professional",
        "place_of_service": "11",
        "date_of_service": "2026-03-02",
        "diagnoses": ["C50.911"],
        "lines": [{"code": "96413", "units": 1}, {"code": "96417", "units": 1}],
    }
    report = check_claim(clean)
    page = client.post("/check", data={"claim_text": json.dumps(clean)}).text
    assert sorted(finding_ids(page)) == sorted(f.id for f in report.findings)
    if not report.findings:
        assert "No problems found." in page


def test_when_claim_is_missing_then_422_names_the_field(client: TestClient) -> None:
    response = client.post("/check", data={"claim_text": "  "})
    assert response.status_code == 422
    assert "paste or upload a claim" in response.text


def test_when_claim_is_invalid_then_field_is_named_without_echo(client: TestClient) -> None:
    bad = {"setting": "hospital", "lines": [{"code": "96413", "note": "JANE DOE"}]}
    response = client.post("/check", data={"claim_text": json.dumps(bad)})
    assert response.status_code == 422
    alert = re.search(r'role="alert".*?</div>', response.text, re.S)
    assert alert is not None and "setting" in alert.group(0)
    assert "JANE DOE" not in alert.group(0) and "hospital" not in alert.group(0)


def test_when_csv_has_no_code_column_then_error_in_spanish(client: TestClient) -> None:
    response = client.post("/check?lang=es", data={"claim_text": "units\n1\n"})
    assert response.status_code == 422
    assert "columna &#39;code&#39;" in response.text or "columna 'code'" in response.text


def test_example_link_fills_claim_and_case(client: TestClient) -> None:
    page = client.get("/check?example=1").text
    assert "96415" in page and "paclitaxel" in page


def test_money_format() -> None:
    assert money(1234.5) == "$1,234.50"
    assert money(-73.56) == "-$73.56"
    assert money(None) == "–"
