"""The claim checker page (``/check``): a claim in JSON or CSV, optionally with its case.

A JSON claim is claim format v1 (``docs/claim-format.md``). A CSV claim is either the checker's
export format (an ``encounter_id`` column, one claim) or just its lines, one per row, with a
header (``code,units,modifiers,date``; modifiers separated by spaces or ``;``); the claim's
setting, payer, place of service and date of service then come from the form.
"""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from infusion_coder.engine import parse_case
from infusion_coder.errors import InfusionCoderError
from infusion_coder.web._caseform import N_, FormError
from infusion_coder.web._coder_page import MAX_CASE_BYTES, internal_error, message
from infusion_coder.web._render import gettext, render

CLAIM_FIELDS = ("setting", "payer", "place_of_service", "date_of_service")
SEVERITIES = ("error", "warning", "info")


def _state(form: Any = None) -> dict[str, str]:
    state = {
        "setting": "facility",
        "payer": "medicare",
        "place_of_service": "",
        "date_of_service": "",
    }
    state.update(claim_text="", case_text="")
    if form is not None:
        for key in (*CLAIM_FIELDS, "claim_text", "case_text"):
            value = form.get(key)
            if isinstance(value, str):
                state[key] = value.strip() if key not in ("claim_text", "case_text") else value
    return state


def checker_form(request: Request) -> Response:
    """The empty form (``?example=1``: a claim with mistakes, and the case it bills)."""
    state = _state()
    if request.query_params.get("example"):
        state.update(claim_text=json.dumps(EXAMPLE_CLAIM, indent=2))
        state.update(case_text=json.dumps(EXAMPLE_CASE, indent=2))
    return render(request, "checker.html", _context(state))


def _context(state: dict[str, str], **extra: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "state": state,
        "report": None,
        "claim": None,
        "groups": [],
        "error": None,
        "error_field": None,
        "severities": SEVERITIES,
    }
    ctx.update(extra)
    return ctx


async def _text(form: Any, text_key: str, file_key: str) -> str:
    """The pasted text, else the uploaded file's, else empty."""
    pasted = form.get(text_key)
    if isinstance(pasted, str) and pasted.strip():
        text = pasted
    else:
        text = ""
        upload = form.get(file_key)
        if isinstance(upload, UploadFile) and upload.filename:
            raw = await upload.read(MAX_CASE_BYTES + 1)
            if len(raw) > MAX_CASE_BYTES:
                raise FormError(N_("the uploaded file is larger than 512 KB"), file_key)
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise FormError(N_("the uploaded file is not UTF-8 text"), file_key) from None
    if len(text.encode()) > MAX_CASE_BYTES:
        raise FormError(N_("the text is larger than 512 KB"), text_key)
    return text.strip()


def read_claim(text: str, state: dict[str, str]) -> dict[str, Any]:
    """A claim from JSON (an object, or a list of lines) or CSV lines plus the form's fields."""
    header = {k: v for k, v in state.items() if k in CLAIM_FIELDS and v}
    if text[:1] in "{[":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormError(
                N_("%(name)s: not valid JSON (line %(line)s, column %(column)s)"),
                "claim_text",
                name="claim_text",
                line=exc.lineno,
                column=exc.colno,
            ) from None
        if isinstance(data, list):
            return {**header, "lines": data}
        if isinstance(data, dict) and isinstance(data.get("claim"), dict):
            data = data["claim"]  # a wrapped claim, e.g. a test file
        if isinstance(data, dict):
            return {**header, **data}
        raise FormError(N_("a claim must be a JSON object or a list of lines"), "claim_text")
    first = text.splitlines()[0].lower() if text else ""
    if "encounter_id" in [c.strip() for c in first.split(",")]:
        return _export_claim(text)
    return {**header, "lines": _csv_lines(text)}


def _export_claim(text: str) -> dict[str, Any]:
    """One claim from the checker's CSV export format (``encounter_id,setting,…,code,…``)."""
    from infusion_coder.edits import read_claims_csv

    claims = read_claims_csv(text)
    if len(claims) != 1:
        raise FormError(
            N_("the CSV holds %(n)s claims; this page checks one claim at a time"),
            "claim_text",
            n=len(claims),
        )
    return claims[0].model_dump(mode="json", exclude_none=True)


def _csv_lines(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "code" not in fields:
        raise FormError(N_("a CSV claim needs a header row with a 'code' column"), "claim_text")
    lines: list[dict[str, Any]] = []
    for n, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue
        line: dict[str, Any] = {"code": row.get("code", "")}
        if row.get("units"):
            try:
                line["units"] = int(float(row["units"]))
            except ValueError:
                raise FormError(
                    N_("CSV row %(n)s: units must be a whole number"), "claim_text", n=n
                ) from None
        mods = row.get("modifiers", "").replace(";", " ").replace(",", " ")
        line["modifiers"] = [m for m in mods.split() if m]
        if row.get("date"):
            line["date"] = row["date"]
        lines.append(line)
    if not lines:
        raise FormError(N_("the CSV claim has no lines"), "claim_text")
    return lines


async def checker_post(request: Request) -> Response:
    """Check the posted claim (and compare it with the case when one is given)."""
    _ = gettext(request)
    form = await request.form(max_part_size=MAX_CASE_BYTES)
    state = _state(form)
    try:
        claim_text = await _text(form, "claim_text", "claim_file")
        if not claim_text:
            raise FormError(N_("paste or upload a claim"), "claim_text")
        state["claim_text"] = claim_text
        claim_data = read_claim(claim_text, state)
        case_text = await _text(form, "case_text", "case_file")
        state["case_text"] = case_text
        case = None
        if case_text:
            try:
                case = parse_case(json.loads(case_text))
            except json.JSONDecodeError as exc:
                raise FormError(
                    N_("%(name)s: not valid JSON (line %(line)s, column %(column)s)"),
                    "case_text",
                    name="case_text",
                    line=exc.lineno,
                    column=exc.colno,
                ) from None
        try:
            from infusion_coder.edits import check_claim
        except ImportError:  # pragma: no cover - the checker ships with the package
            raise FormError(
                N_("the claim checker is not available in this build"), "claim"
            ) from None
        report = check_claim(claim_data, case=case)
    except InfusionCoderError as exc:
        ctx = _context(state, error=message(exc, _), error_field=exc.field)
        return render(request, "checker.html", ctx, status=422)
    except Exception as exc:  # a bug: say so in one line, never a traceback or the input
        if os.environ.get("INFUSION_CODER_DEBUG"):
            raise
        return render(request, "checker.html", _context(state, error=internal_error(exc, _)), 500)
    groups = [
        (sev, [f for f in report.findings if f.severity == sev])
        for sev in SEVERITIES
        if any(f.severity == sev for f in report.findings)
    ]
    lines = claim_data.get("lines") if isinstance(claim_data.get("lines"), list) else []
    ctx = _context(state, report=report, groups=groups, claim_lines=lines)
    return render(request, "checker.html", ctx)


#: the example of ``/check?example=1``: the chemotherapy visit billed with mistakes
EXAMPLE_CLAIM: dict[str, Any] = {
    "setting": "facility",
    "payer": "medicare",
    "place_of_service": "22",
    "date_of_service": "2026-03-02",
    "diagnoses": ["C50.911", "Z51.11"],
    "lines": [
        {"code": "96413", "units": 1},
        {"code": "96415", "units": 3},
        {"code": "96413", "units": 1},
        {"code": "96375", "units": 1},
        {"code": "J9267", "units": 315},
        {"code": "J9045", "units": 13, "modifiers": ["JZ"]},
        {"code": "99214", "units": 1},
    ],
}
EXAMPLE_CASE: dict[str, Any] = {
    "setting": "facility",
    "payer": "medicare",
    "date": "2026-03-02",
    "administrations": [
        {"id": "1", "drug": "ondansetron", "hcpcs": "J2405", "category": "therapeutic",
         "route": "iv_push", "start": "09:32", "stop": "09:34", "dose": {"amount": 16, "unit": "mg"}},
        {"id": "2", "drug": "paclitaxel", "hcpcs": "J9267", "category": "chemotherapy",
         "route": "iv_infusion", "start": "09:45", "stop": "12:50",
         "dose": {"amount": 315, "unit": "mg"}},
        {"id": "3", "drug": "carboplatin", "hcpcs": "J9045", "category": "chemotherapy",
         "route": "iv_infusion", "start": "12:55", "stop": "13:40",
         "dose": {"amount": 610, "unit": "mg"}},
    ],
    "services": [{"code": "99214", "separately_identifiable": True}],
}  # fmt: skip
