"""One JSON error shape on every route family; no PHI and no traceback in any error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from infusion_coder.api import Settings, create_app

PHI = "Jonathan Q. Patientname 1957-04-12 MRN 99887766"


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["ok"] is False and body["status"] == status
    assert body["errors"], "at least one error"
    for error in body["errors"]:
        assert set(error) == {"kind", "field", "message"}
        assert isinstance(error["kind"], str) and isinstance(error["message"], str)
    assert "Traceback" not in response.text
    return body


# (method, path, request kwargs, status, kind, field) — one row per route family at least
CASES: list[tuple[str, str, dict[str, Any], int, str, str | None]] = [
    ("GET", "/api/v1/codes/9641X", {}, 404, "unknown_code", None),
    ("GET", "/api/v1/drugs/J0000", {}, 404, "unknown_code", None),
    ("GET", "/api/v1/modifiers/QQ", {}, 404, "unknown_code", None),
    ("GET", "/api/v1/icd10/C99.999", {}, 404, "unknown_code", None),
    ("GET", "/api/v1/rules/XYZ999", {}, 404, "unknown_code", "rule"),
    ("GET", "/api/v1/search", {}, 422, "invalid_input", "q"),
    (
        "GET",
        "/api/v1/search",
        {"params": {"q": "chemo", "limit": 0}},
        422,
        "invalid_input",
        "limit",
    ),
    (
        "GET",
        "/api/v1/search",
        {"params": {"q": "chemo", "kind": "cpt"}},
        422,
        "invalid_input",
        "kind",
    ),
    (
        "POST",
        "/api/v1/code",
        {"json": {"setting": "facility"}},
        422,
        "invalid_input",
        "administrations",
    ),
    (
        "POST",
        "/api/v1/code",
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        400,
        "invalid_json",
        None,
    ),
    (
        "POST",
        "/api/v1/code",
        {"json": {"setting": "facility", "administrations": []}, "params": {"policy": "bad"}},
        422,
        "invalid_input",
        "policy[0]",
    ),
    (
        "POST",
        "/api/v1/check",
        {"json": {"claim": {"setting": "x", "lines": []}}},
        422,
        "invalid_input",
        "claim.setting",
    ),
    ("POST", "/api/v1/check", {"json": {"case": {}}}, 422, "invalid_input", "claim"),
    ("POST", "/api/v1/redact", {"json": {"text": 5}}, 422, "invalid_input", "text"),
    (
        "POST",
        "/api/v1/redact",
        {"json": {"text": "x", "operator": "pseudonym"}},
        422,
        "invalid_input",
        "operator",
    ),
    ("POST", "/api/v1/icd10/detect", {"json": {}}, 422, "invalid_input", "text"),
    ("GET", "/api/v1/nothing-here", {}, 404, "not_found", None),
    ("DELETE", "/api/v1/rules", {}, 405, "method_not_allowed", None),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "kind", "field"),
    CASES,
    ids=[f"{m} {p} {s}" for m, p, _, s, _, _ in CASES],
)
def test_every_route_family_answers_errors_in_the_one_shape(
    client: TestClient,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    kind: str,
    field: str | None,
) -> None:
    body = assert_error_shape(client.request(method, path, **kwargs), status)
    assert body["errors"][0]["kind"] == kind
    if field is not None:
        assert body["errors"][0]["field"] == field


def test_when_a_case_is_invalid_then_the_error_names_the_field_but_not_the_value(
    client: TestClient, case: dict[str, Any]
) -> None:
    case["administrations"][0]["start"] = PHI  # not a time
    case["administrations"][1]["route"] = PHI  # not a route
    response = client.post("/api/v1/code", json=case)
    body = assert_error_shape(response, 422)
    assert body["errors"][0]["field"].startswith("administrations[")
    assert PHI not in response.text and "Patientname" not in response.text


def test_when_the_engine_rejects_a_case_then_the_field_is_named_without_the_value(
    client: TestClient, case: dict[str, Any]
) -> None:
    case["administrations"][0]["start"] = "Patientname"
    response = client.post("/api/v1/code", json=case)
    body = assert_error_shape(response, 422)
    assert body["errors"][0] == {
        "kind": "invalid_case",
        "field": "administrations[0].start",
        "message": body["errors"][0]["message"],
    }
    assert "Patientname" not in response.text


def test_when_the_body_is_too_large_then_413(client: TestClient) -> None:
    big = b'{"setting": "facility", "administrations": [], "id": "' + b"x" * 1_100_000 + b'"}'
    response = client.post(
        "/api/v1/code", content=big, headers={"content-type": "application/json"}
    )
    assert_error_shape(response, 413)


def test_when_a_chunked_body_grows_too_large_then_413() -> None:
    app = create_app(Settings(max_body_bytes=1000, warm_search=False))
    chunks = (b"x" * 400 for _ in range(5))  # no Content-Length: counted as it arrives
    with TestClient(app) as c:
        response = c.post(
            "/api/v1/code", content=chunks, headers={"content-type": "application/json"}
        )
    assert_error_shape(response, 413)


def test_when_a_route_fails_unexpectedly_then_500_without_details(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app: FastAPI = create_app(Settings(warm_search=False))

    @app.get("/api/v1/boom")
    async def boom() -> None:
        raise RuntimeError(f"secret detail {PHI}")

    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/v1/boom")
    body = assert_error_shape(response, 500)
    assert body["errors"][0]["kind"] == "internal_error"
    assert "secret" not in response.text and PHI not in response.text
    assert PHI not in caplog.text and "RuntimeError" in caplog.text


def test_when_coding_takes_too_long_then_503(
    monkeypatch: pytest.MonkeyPatch, case: dict[str, Any]
) -> None:
    import time

    from infusion_coder.api.routes import coding

    def slow(*args: object, **kwargs: object) -> None:
        time.sleep(1.0)

    monkeypatch.setattr(coding, "code_case", slow)
    app = create_app(Settings(timeout_seconds=0.05, warm_search=False))
    with TestClient(app) as c:
        response = c.post("/api/v1/code", json=case)
    body = assert_error_shape(response, 503)
    assert "longer than" in body["errors"][0]["message"]


def test_the_openapi_schema_documents_the_error_shape_on_every_operation(
    client: TestClient,
) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("404", "422", "500"):
                ref = json.dumps(operation["responses"][status])
                assert "ErrorBody" in ref, (method, path, status)
