"""Shared data and helpers of the page tests (imported by name: ``web_support``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def form_fields(case: dict[str, Any]) -> dict[str, str]:
    """The fields a browser posts for ``case`` typed into the coder's form."""
    state = state_from_case(case)
    data = {k: v for k, v in state.items() if k != "rows" and v}
    for i, row in enumerate(state["rows"]):
        for key, value in row.items():
            data[f"adm-{i}-{key}"] = value
    return data
