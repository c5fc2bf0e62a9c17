"""Loopback by default; another address needs an API key, checked on every route but /health."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from infusion_coder.api import API_KEY_ENV, Settings, create_app, is_loopback
from infusion_coder.errors import ConfigError

KEY = "k" * 32


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),  # all of 127.0.0.0/8
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),  # every interface
        ("192.168.1.10", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses_are_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_when_binding_a_public_address_without_a_key_then_the_server_refuses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(API_KEY_ENV, raising=False)
    with pytest.raises(ConfigError) as caught:
        Settings.from_env("0.0.0.0")
    assert API_KEY_ENV in caught.value.message and caught.value.field == "host"


def test_when_a_key_is_set_then_a_public_address_is_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(API_KEY_ENV, KEY)
    assert Settings.from_env("0.0.0.0").api_key == KEY


def test_when_the_key_is_too_short_then_the_server_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(API_KEY_ENV, "short")
    with pytest.raises(ConfigError):
        Settings.from_env("0.0.0.0")


def test_loopback_without_a_key_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(API_KEY_ENV, raising=False)
    assert Settings.from_env("127.0.0.1").api_key is None


@pytest.fixture(scope="module")
def keyed() -> TestClient:
    return TestClient(create_app(Settings(api_key=KEY, warm_search=False)))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/rules"),
        ("GET", "/api/v1/codes/96417"),
        ("GET", "/api/v1/search?q=chemo"),
        ("POST", "/api/v1/code"),
        ("GET", "/openapi.json"),
        ("GET", "/docs"),
        ("GET", "/"),  # the web pages too
        ("GET", "/api/v1/nothing-here"),
    ],
)
def test_when_a_key_is_required_then_every_route_checks_it(
    keyed: TestClient, method: str, path: str
) -> None:
    for headers in ({}, {"X-API-Key": "wrong"}):
        response = keyed.request(method, path, headers=headers)
        assert response.status_code == 401
        body = response.json()
        assert body["ok"] is False and body["errors"][0]["field"] == "X-API-Key"
        assert "wrong" not in response.text.replace("wrong API key", "")


def test_when_the_right_key_is_sent_then_the_request_goes_through(keyed: TestClient) -> None:
    response = keyed.get("/api/v1/rules/SEQ004", headers={"X-API-Key": KEY})
    assert response.status_code == 200


def test_health_needs_no_key(keyed: TestClient) -> None:
    assert keyed.get("/api/v1/health").status_code == 200
    assert keyed.get("/health").status_code == 200
