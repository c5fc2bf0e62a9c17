"""The one JSON error shape of the HTTP API, and the handlers that produce it.

Every error (400, 401, 404, 405, 413, 422, 500, 503) is::

    {"ok": false, "status": 422, "errors": [{"kind": "invalid_case", "field": "administrations[0].route", "message": "..."}]}

Messages name fields and codes, never the values that were sent (they may hold PHI), and never
carry a traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from infusion_coder.errors import (
    ConfigError,
    DataReleaseNotFound,
    InfusionCoderError,
    InvalidInput,
    UnknownCode,
)

log = logging.getLogger("infusion_coder.api")


class ErrorItem(BaseModel):
    """One problem: a stable machine-readable kind, the field it concerns, and a message."""

    kind: str = Field(examples=["unknown_code"])
    field: str | None = Field(default=None, examples=["code"])
    message: str = Field(examples=["unknown code '9641X'"])


class ErrorBody(BaseModel):
    """The body of every error response."""

    ok: Literal[False] = False
    status: int = Field(examples=[404])
    errors: list[ErrorItem]


_HTTP_KINDS = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "invalid_input",
    500: "internal_error",
    503: "unavailable",
}

#: the error responses every operation can give (for the OpenAPI schema)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "Malformed request (for example a body that is not JSON)"),
        (401, "Missing or wrong X-API-Key (only when the server requires a key)"),
        (404, "Unknown code, rule or path"),
        (413, "Request body larger than the limit"),
        (422, "Invalid input: each error names the field"),
        (500, "Internal error (no details are returned)"),
        (503, "The request took longer than the time limit"),
    )
}


def body(status: int, errors: list[dict[str, Any]]) -> bytes:
    """The serialized error body (used by the ASGI guard, which has no FastAPI response)."""
    return json.dumps({"ok": False, "status": status, "errors": errors}).encode()


def error_response(
    status: int,
    kind: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        {
            "ok": False,
            "status": status,
            "errors": [{"kind": kind, "field": field, "message": message}],
        },
        status_code=status,
        headers=headers,
    )


def status_for(exc: InfusionCoderError) -> int:
    if isinstance(exc, UnknownCode):
        return 404
    if isinstance(exc, InvalidInput | ConfigError):
        return 422
    if isinstance(exc, DataReleaseNotFound):
        return 503
    return 500


async def _library_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InfusionCoderError)
    return error_response(status_for(exc), exc.kind, exc.message, exc.field)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    message = exc.detail if isinstance(exc.detail, str) else _HTTP_KINDS.get(status, "error")
    if status == 404 and message == "Not Found":
        message = "no such path"
    return error_response(
        status, _HTTP_KINDS.get(status, "error"), message, headers=getattr(exc, "headers", None)
    )


def _field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or None


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors: list[dict[str, Any]] = []
    status = 422
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            status = 400
            errors.append(
                {"kind": "invalid_json", "field": None, "message": "the body is not valid JSON"}
            )
            continue
        field = _field(err.get("loc", ()))
        message = str(err.get("msg", "invalid value"))
        if err.get("type") == "missing" and field is None:
            message = "a JSON body is required"
        errors.append({"kind": "invalid_input", "field": field, "message": message})
    return JSONResponse({"ok": False, "status": status, "errors": errors[:20]}, status_code=status)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one shape."""
    app.add_exception_handler(InfusionCoderError, _library_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
