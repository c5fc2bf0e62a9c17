"""The case coder's form: posted fields → a case (case format v1), and back for re-display.

Administration rows are posted as ``adm-<n>-<field>`` (``adm-0-drug``, ``adm-0-start`` …); a row
with nothing in it is ignored. Pauses are typed as ``10:00-10:15; 11:02-11:05``; services as
``99214, 36415``. Problems raise ``InvalidInput`` naming the row and field, never echoing values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from infusion_coder.errors import InvalidInput


def N_(message: str) -> str:
    """Mark a message for extraction (the page translates it)."""
    return message


class FormError(InvalidInput):
    """A problem with the form itself; ``template`` and ``params`` let the page translate it."""

    def __init__(self, template: str, field: str, **params: object) -> None:
        super().__init__(template % params, field=field)
        self.template = template
        self.params = params


ROW_FIELDS = (
    "drug",
    "hcpcs",
    "category",
    "route",
    "start",
    "stop",
    "site",
    "bag",
    "pauses",
    "dose_amount",
    "dose_unit",
)
CASE_FIELDS = ("setting", "payer", "date", "place_of_service", "services", "services_separate")
_ROW_KEY = re.compile(r"^adm-(\d{1,3})-([a-z_]+)$")
_PAUSE = re.compile(r"^\s*(\S+?)\s*(?:-|–|to)\s*(\S+)\s*$")
#: the rows shown on an empty form
EMPTY_ROWS = 3


def empty_state(rows: int = EMPTY_ROWS) -> dict[str, Any]:
    """A blank form (facility, Medicare, ``rows`` empty administration rows)."""
    return {
        "setting": "facility",
        "payer": "medicare",
        "date": "",
        "place_of_service": "",
        "services": "",
        "services_separate": "",
        "rows": [dict.fromkeys(ROW_FIELDS, "") for _ in range(rows)],
    }


def state_from_form(form: Mapping[str, Any]) -> dict[str, Any]:
    """The posted values as a form state (strings only; uploads ignored)."""
    state = empty_state(0)
    for key in CASE_FIELDS:
        value = form.get(key)
        if isinstance(value, str):
            state[key] = value.strip()
    rows: dict[int, dict[str, str]] = {}
    for key, value in form.items():
        m = _ROW_KEY.match(key)
        if m and m.group(2) in ROW_FIELDS and isinstance(value, str):
            rows.setdefault(int(m.group(1)), dict.fromkeys(ROW_FIELDS, ""))[m.group(2)] = (
                value.strip()
            )
    state["rows"] = [rows[i] for i in sorted(rows)] or empty_state()["rows"]
    return state


def state_from_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """A form state showing a case (for a pasted or uploaded case, or the example)."""
    state = empty_state(0)
    for key in ("setting", "payer", "date", "place_of_service"):
        if case.get(key) is not None:
            state[key] = str(case[key])
    services = [s for s in case.get("services") or [] if isinstance(s, dict)]
    state["services"] = ", ".join(str(s.get("code", "")) for s in services)
    state["services_separate"] = (
        "on" if any(s.get("separately_identifiable") for s in services) else ""
    )
    for adm in case.get("administrations") or []:
        if not isinstance(adm, dict):
            continue
        row = {f: str(adm.get(f) or "") for f in ROW_FIELDS}
        dose = adm.get("dose") if isinstance(adm.get("dose"), dict) else {}
        row["dose_amount"] = _number_text(dose.get("amount")) if dose else ""
        row["dose_unit"] = str(dose.get("unit") or "") if dose else ""
        pauses = [p for p in adm.get("pauses") or [] if isinstance(p, dict)]
        row["pauses"] = "; ".join(f"{p.get('start', '')}-{p.get('stop', '')}" for p in pauses)
        state["rows"].append(row)
    if not state["rows"]:
        state["rows"] = empty_state()["rows"]
    return state


def case_from_state(state: Mapping[str, Any]) -> dict[str, Any]:
    """The case a form state describes (validated later by the engine)."""
    case: dict[str, Any] = {"setting": state.get("setting") or "facility"}
    case["payer"] = state.get("payer") or "medicare"
    for key in ("date", "place_of_service"):
        if state.get(key):
            case[key] = state[key]
    administrations: list[dict[str, Any]] = []
    for n, row in enumerate(state.get("rows") or [], start=1):
        if not any(row.get(f) for f in ("drug", "hcpcs", "start", "stop")):
            continue
        adm: dict[str, Any] = {"id": str(len(administrations) + 1)}
        for f in ("drug", "hcpcs", "category", "route", "start", "stop", "site", "bag"):
            if row.get(f):
                adm[f] = row[f]
        if not adm.get("route"):
            raise FormError(N_("administration row %(n)s: choose a route"), f"adm-{n}-route", n=n)
        if row.get("pauses"):
            adm["pauses"] = _pauses(row["pauses"], n)
        if row.get("dose_amount"):
            try:
                amount = float(row["dose_amount"].replace(",", "."))
            except ValueError:
                raise FormError(
                    N_("administration row %(n)s: the dose amount must be a number"),
                    f"adm-{n}-dose_amount",
                    n=n,
                ) from None
            adm["dose"] = {"amount": amount, "unit": row.get("dose_unit") or "mg"}
        administrations.append(adm)
    if not administrations:
        raise FormError(N_("add at least one administration"), "administrations")
    case["administrations"] = administrations
    codes = [c.strip() for c in re.split(r"[,\s;]+", state.get("services") or "") if c.strip()]
    if codes:
        separate = bool(state.get("services_separate"))
        case["services"] = [{"code": c, "separately_identifiable": separate} for c in codes]
    return case


def _pauses(text: str, n: int) -> list[dict[str, str]]:
    out = []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        m = _PAUSE.match(part)
        if not m:
            raise FormError(
                N_("administration row %(n)s: write pauses as start-stop, e.g. 10:00-10:15"),
                f"adm-{n}-pauses",
                n=n,
            )
        out.append({"start": m.group(1), "stop": m.group(2)})
    return out


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
