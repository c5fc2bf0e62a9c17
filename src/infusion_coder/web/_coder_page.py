"""The case coder page (``/code``): a form or pasted/uploaded case JSON → lines and a timeline."""

from __future__ import annotations

import json
import os
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from infusion_coder.engine import code_case, parse_case
from infusion_coder.errors import InfusionCoderError, InvalidInput
from infusion_coder.models import ROUTES, Case, CodingResult
from infusion_coder.web import _caseform, _library, _timeline
from infusion_coder.web._caseform import N_, FormError
from infusion_coder.web._export import result_csv
from infusion_coder.web._render import gettext, render

#: the largest case text accepted from the form or an upload
MAX_CASE_BYTES = 512 * 1024
CATEGORIES = ("chemotherapy", "therapeutic", "hydration")


async def _case_text(form: Any) -> str:
    """Pasted JSON wins over an uploaded file; empty when neither was given."""
    pasted = form.get("case_json")
    if isinstance(pasted, str) and pasted.strip():
        text = pasted
    else:
        upload = form.get("case_file")
        text = ""
        if isinstance(upload, UploadFile) and upload.filename:
            raw = await upload.read(MAX_CASE_BYTES + 1)
            if len(raw) > MAX_CASE_BYTES:
                raise FormError(N_("the uploaded case is larger than 512 KB"), "case_file")
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise FormError(N_("the uploaded case is not UTF-8 text"), "case_file") from None
    if len(text.encode()) > MAX_CASE_BYTES:
        raise FormError(N_("the case is larger than 512 KB"), "case_json")
    return text.strip()


def _load_json(text: str, field: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormError(
            N_("%(name)s: not valid JSON (line %(line)s, column %(column)s)"),
            field,
            name=field,
            line=exc.lineno,
            column=exc.colno,
        ) from None


def _case_from_text(text: str) -> Case:
    """Case JSON, a FHIR R4/R4B Bundle or a MAR event CSV; for an EHR payload with several
    visits the first is coded (the CLI and the API code them all)."""
    from infusion_coder.interop import read_bundle, read_mar_csv

    if not text.lstrip().startswith(("{", "[")):
        imported = read_mar_csv(text)
        if not imported:
            raise FormError(N_("the MAR export has no administrations"), "case_file")
        return imported[0].case
    data = _load_json(text, "case_json")
    if isinstance(data, dict) and data.get("resourceType") == "Bundle":
        imported = read_bundle(data)
        if not imported:
            raise FormError(N_("the FHIR Bundle has no administrations"), "case_file")
        return imported[0].case
    return parse_case(data)


def _context(state: dict[str, Any], **extra: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "state": state,
        "routes": ROUTES,
        "categories": CATEGORIES,
        "drug_choices": _library.drug_choices(),
        "result": None,
        "timeline": "",
        "legend": [],
        "case_json": "",
        "error": None,
        "error_field": None,
        "pasted": "",
    }
    ctx.update(extra)
    return ctx


def coder_form(request: Request) -> Response:
    """The empty form (``?example=1`` fills it with the example chemotherapy visit)."""
    state = _caseform.empty_state()
    if request.query_params.get("example"):
        state = _caseform.state_from_case(EXAMPLE)
    return render(request, "coder.html", _context(state))


async def coder_post(request: Request) -> Response:
    """Code the posted case; the form comes back filled, with the result below it."""
    _ = gettext(request)
    form = await request.form(max_part_size=MAX_CASE_BYTES)
    state = _caseform.state_from_form(form)
    if form.get("add_row"):
        state["rows"].append(dict.fromkeys(_caseform.ROW_FIELDS, ""))
        return render(request, "coder.html", _context(state))
    pasted = ""
    try:
        text = await _case_text(form)
        if text:
            pasted = text
            case = _case_from_text(text)
            state = _caseform.state_from_case(case.model_dump(mode="json", exclude_none=True))
        else:
            case = parse_case(_caseform.case_from_state(state))
        result = code_case(case)
    except InfusionCoderError as exc:
        ctx = _context(state, error=message(exc, _), error_field=exc.field, pasted=pasted)
        return render(request, "coder.html", ctx, status=422)
    except Exception as exc:  # a bug: say so in one line, never a traceback or the input
        if os.environ.get("INFUSION_CODER_DEBUG"):
            raise
        ctx = _context(state, error=internal_error(exc, _), pasted=pasted)
        return render(request, "coder.html", ctx, status=500)
    return render(request, "coder.html", _result_context(state, case, result, _))


def internal_error(exc: Exception, _: Any) -> str:
    """The one-line message for an unexpected error (its type only)."""
    return str(
        _("internal error (%(kind)s); please report it with the steps that led to it")
        % {"kind": type(exc).__name__}
    )


def message(exc: InfusionCoderError, _: Any) -> str:
    """The error message in the reader's language (the library's own messages stay English)."""
    if isinstance(exc, FormError):
        return str(_(exc.template) % exc.params)
    return exc.message


def _result_context(state: dict[str, Any], case: Case, result: CodingResult, _: Any) -> dict:
    return _context(
        state,
        result=result,
        timeline=_timeline.svg(case, result, _),
        legend=_timeline.legend(_),
        case_json=case.model_dump_json(exclude_none=True),
    )


async def coder_download(request: Request) -> Response:
    """The result of a posted case as JSON or CSV (``format`` = ``json`` | ``csv``)."""
    form = await request.form(max_part_size=MAX_CASE_BYTES)
    kind = form.get("format")
    text = form.get("case_json")
    try:
        if kind not in ("json", "csv"):
            raise InvalidInput("format must be json or csv", field="format")
        if not isinstance(text, str) or not text.strip():
            raise InvalidInput("no case was posted", field="case_json")
        result = code_case(parse_case(_load_json(text, "case_json")))
    except InfusionCoderError as exc:
        return JSONResponse({"ok": False, "errors": [exc.to_dict()], "status": 422}, 422)
    name = f"coding-result.{kind}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if kind == "csv":
        return Response(result_csv(result), media_type="text/csv; charset=utf-8", headers=headers)
    body = result.model_dump_json(indent=2)
    return Response(body, media_type="application/json", headers=headers)


#: the example shown by ``/code?example=1``: a visit with hydration, pushes and two chemo drugs
EXAMPLE: dict[str, Any] = {
    "setting": "facility",
    "payer": "medicare",
    "date": "2026-03-02",
    "place_of_service": "22",
    "administrations": [
        {"drug": "normal saline", "hcpcs": "J7030", "category": "hydration",
         "route": "iv_infusion", "start": "08:30", "stop": "09:30", "site": "port"},
        {"drug": "ondansetron", "hcpcs": "J2405", "category": "therapeutic", "route": "iv_push",
         "start": "09:32", "stop": "09:34", "site": "port", "dose": {"amount": 16, "unit": "mg"}},
        {"drug": "paclitaxel", "hcpcs": "J9267", "category": "chemotherapy",
         "route": "iv_infusion", "start": "09:45", "stop": "12:50", "site": "port",
         "dose": {"amount": 315, "unit": "mg"}},
        {"drug": "carboplatin", "hcpcs": "J9045", "category": "chemotherapy",
         "route": "iv_infusion", "start": "12:55", "stop": "13:40", "site": "port",
         "dose": {"amount": 610, "unit": "mg"}},
    ],
    "services": [{"code": "99214", "separately_identifiable": True}],
}  # fmt: skip
