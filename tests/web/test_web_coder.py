"""The case coder page: a form post codes a case; pasted and uploaded JSON; errors; downloads."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import THREE_DRUGS, form_fields

from infusion_coder.engine import code_case


def line_codes(page: str) -> list[str]:
    return re.findall(r'<tr class="line kind-\w+" data-code="([^"]+)"', page)


def expected_codes(case: dict[str, Any]) -> list[str]:
    return [line.code for line in code_case(case).lines]


def test_when_form_is_posted_then_the_case_is_coded(client: TestClient) -> None:
    response = client.post("/code", data=form_fields(THREE_DRUGS))
    assert response.status_code == 200
    codes = line_codes(response.text)
    assert codes == expected_codes(THREE_DRUGS)
    assert codes[:1] == ["96413"]  # the chemotherapy infusion is the initial service
    assert "96417" in codes and "96361" in codes
    assert "initial service" in response.text


def test_result_page_shows_timeline_with_units_and_roles(client: TestClient) -> None:
    page = client.post("/code", data=form_fields(THREE_DRUGS)).text
    svg = page[page.index('<svg class="timeline"') : page.index("</svg>", page.index("timeline"))]
    assert svg.count('class="tl-bar"') == 3
    assert "tl-chemotherapy tl-role-initial" in svg
    assert "tl-hydration tl-role-sequential" in svg
    # unit boundaries on the 190-minute chemotherapy bar: 16, 91, 151
    labels = re.findall(r'class="tl-unit-label">(\d+)<', svg)
    assert labels.count("16") >= 2 and "91" in labels and "151" in labels
    assert "31" in labels  # the 60-minute hydration earns its unit at 31 minutes
    assert 'role="img"' in svg and "<title" in svg


def test_when_case_json_is_pasted_then_it_wins_over_the_form(
    client: TestClient, example_case: dict[str, Any]
) -> None:
    data = form_fields(THREE_DRUGS) | {"case_json": json.dumps(example_case)}
    page = client.post("/code", data=data).text
    assert line_codes(page) == expected_codes(example_case)
    # the form now shows the pasted case, ready to edit
    assert 'value="ondansetron"' in page


def test_when_case_file_is_uploaded_then_it_is_coded(
    client: TestClient, example_case: dict[str, Any]
) -> None:
    files = {"case_file": ("case.json", json.dumps(example_case).encode(), "application/json")}
    page = client.post("/code", data={"setting": "facility"}, files=files).text
    assert line_codes(page) == expected_codes(example_case)


def test_when_json_is_broken_then_error_names_the_field_without_echoing(
    client: TestClient,
) -> None:
    response = client.post("/code", data={"case_json": '{"patient": "JANE DOE", oops}'})
    assert response.status_code == 422
    alert = re.search(r'role="alert".*?</div>', response.text, re.S)
    assert alert is not None
    assert "case_json" in alert.group(0) and "not valid JSON" in alert.group(0)
    assert "JANE DOE" not in alert.group(0)


def test_when_case_is_invalid_then_engine_message_is_shown(client: TestClient) -> None:
    bad = {
        **THREE_DRUGS,
        "administrations": [{**THREE_DRUGS["administrations"][0], "stop": "07:00"}],
    }
    response = client.post("/code", data=form_fields(bad))
    assert response.status_code == 422
    assert "earlier than start" in response.text
    assert "administrations[0].stop" in response.text


def test_when_form_is_empty_then_asks_for_an_administration(client: TestClient) -> None:
    response = client.post("/code", data={"setting": "facility", "adm-0-drug": ""})
    assert response.status_code == 422
    assert "add at least one administration" in response.text


def test_when_pause_is_malformed_then_the_row_is_named_in_spanish(client: TestClient) -> None:
    data = {"adm-0-drug": "x", "adm-0-route": "iv_infusion", "adm-0-pauses": "soon"}
    response = client.post("/code?lang=es", data=data)
    assert response.status_code == 422
    assert "fila de administración 1" in response.text


def test_add_row_without_javascript_adds_an_empty_row(client: TestClient) -> None:
    data = form_fields(THREE_DRUGS) | {"add_row": "1"}
    page = client.post("/code", data=data).text
    assert 'id="adm-3-drug"' in page and 'id="adm-4-drug"' not in page
    assert 'value="carboplatin"' in page  # what was typed is kept
    assert line_codes(page) == []  # nothing coded yet


def _posted_case(page: str) -> str:
    m = re.search(r'name="case_json" value="([^"]*)"', page)
    assert m is not None
    return htmllib.unescape(m.group(1))


def test_download_json_is_the_coding_result(client: TestClient) -> None:
    page = client.post("/code", data=form_fields(THREE_DRUGS)).text
    response = client.post(
        "/code/download", data={"case_json": _posted_case(page), "format": "json"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "attachment" in response.headers["content-disposition"]
    body = response.json()
    assert [line["code"] for line in body["lines"]] == expected_codes(THREE_DRUGS)
    assert body["ruleset"]


def test_download_csv_has_one_row_per_line_then_warnings(client: TestClient) -> None:
    page = client.post("/code", data=form_fields(THREE_DRUGS)).text
    response = client.post(
        "/code/download", data={"case_json": _posted_case(page), "format": "csv"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    result = code_case(THREE_DRUGS)
    lines = [r for r in rows if r["section"] == "line"]
    assert [r["code"] for r in lines] == [line.code for line in result.lines]
    assert [int(r["units"]) for r in lines] == [line.units for line in result.lines]
    assert sum(r["section"] == "warning" for r in rows) == len(result.warnings)


def test_when_download_format_is_unknown_then_422_error_shape(client: TestClient) -> None:
    response = client.post("/code/download", data={"case_json": "{}", "format": "xml"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"


def test_example_link_fills_the_form(client: TestClient) -> None:
    page = client.get("/code?example=1").text
    assert 'value="paclitaxel"' in page and 'value="J9267"' in page


def test_drug_autocomplete_lists_the_catalogue(client: TestClient) -> None:
    from infusion_coder import knowledge

    page = client.get("/code").text
    assert 'list="drug-list"' in page
    options = re.findall(r'<option value="([^"]*)">(J\w+)</option>', page)
    assert len(options) == len(knowledge.load().drugs())
    data = json.loads(re.search(r'id="drug-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert {"name": "paclitaxel", "hcpcs": "J9267", "category": "chemotherapy"} in data


def test_when_the_engine_fails_then_one_line_error_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infusion_coder.web import _coder_page

    def broken(case: object) -> None:
        raise RuntimeError("secret detail JANE DOE")

    monkeypatch.delenv("INFUSION_CODER_DEBUG", raising=False)
    monkeypatch.setattr(_coder_page, "code_case", broken)
    response = client.post("/code", data=form_fields(THREE_DRUGS))
    assert response.status_code == 500
    assert "internal error (RuntimeError)" in response.text
    assert "JANE DOE" not in response.text and "Traceback" not in response.text
