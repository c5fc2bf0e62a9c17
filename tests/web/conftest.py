"""Page tests run in-process: a fresh FastAPI app with only the pages mounted."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import EXAMPLE_CASE

from infusion_coder.web import mount


@pytest.fixture(scope="session")
def app() -> FastAPI:
    application = FastAPI()
    mount(application)
    return application


@pytest.fixture()
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@pytest.fixture()
def example_case() -> dict[str, Any]:
    return json.loads(EXAMPLE_CASE.read_text())
