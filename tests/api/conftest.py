"""Fixtures for the API tests: the app in-process (no server) and a sample case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infusion_coder.api import Settings, create_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings()), raise_server_exceptions=False) as c:
        yield c  # the lifespan has built (or opened) the search index


@pytest.fixture
def case() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (ROOT / "examples" / "case-chemo-visit.json").read_text(encoding="utf-8")
    )
    return data
