"""Page tests run in-process: a fresh FastAPI app with only the pages mounted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from infusion_coder.web import mount
from infusion_coder.web._caseform import state_from_case

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CASE = ROOT / "examples" / "case-chemo-visit.json"

#: three drugs: hydration, then a chemotherapy infusion with a push during it, then a second
#: chemotherapy drug in sequence
THREE_DRUGS: dict[str, Any] = {
    "setting": "facility",
    "payer": "medicare",
    "date": "2026-03-02",
    "administrations": [
        {
            "drug": "normal saline",
            "category": "hydration",
            "route": "iv_infusion",
            "start": "08:00",
            "stop": "09:00",
        },
        {
            "drug": "paclitaxel",
            "hcpcs": "J9267",
            "category": "chemotherapy",
            "route": "iv_infusion",
            "start": "09:10",
            "stop": "12:20",
            "dose": {"amount": 300, "unit": "mg"},
        },
        {
            "drug": "carboplatin",
            "hcpcs": "J9045",
            "category": "chemotherapy",
            "route": "iv_infusion",
            "start": "12:30",
            "stop": "13:15",
            "dose": {"amount": 600, "unit": "mg"},
        },
    ],
}


@pytest.fixture(scope="session")
def app() -> FastAPI:
    application = FastAPI()
    mount(application)
    return application


@pytest.fixture()
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def form_fields(case: dict[str, Any]) -> dict[str, str]:
    """The fields a browser posts for ``case`` typed into the coder's form."""
    state = state_from_case(case)
    data = {k: v for k, v in state.items() if k != "rows" and v}
    for i, row in enumerate(state["rows"]):
        for key, value in row.items():
            data[f"adm-{i}-{key}"] = value
    return data


@pytest.fixture()
def example_case() -> dict[str, Any]:
    return json.loads(EXAMPLE_CASE.read_text())
