"""Reading claims: one claim as JSON (or a dict), many claims from a CSV export."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pydantic import ValidationError

from infusion_coder.edits.models import Claim
from infusion_coder.errors import InvalidInput, pydantic_errors_to_message

CSV_COLUMNS = (
    "encounter_id",
    "setting",
    "place_of_service",
    "payer",
    "date_of_service",
    "diagnoses",
    "code",
    "units",
    "modifiers",
    "date",
    "diagnosis_pointers",
)
_HEADER = ("setting", "place_of_service", "payer", "date_of_service", "diagnoses")
_REQUIRED = ("encounter_id", "setting", "code")


def parse_claim(data: Claim | dict[str, Any] | str | bytes) -> Claim:
    """Validate claim format v1 input (a dict or JSON text) into a ``Claim``."""
    if isinstance(data, Claim):
        return data
    if isinstance(data, str | bytes):
        try:
            return Claim.model_validate_json(data)  # the fast path: one pass in pydantic-core
        except ValidationError as exc:
            if exc.errors()[0]["type"] != "json_invalid" and not _wrapped(data):
                message, field = pydantic_errors_to_message(exc)
                raise InvalidInput(f"invalid claim: {message}", field=field) from None
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                f"the claim is not valid JSON (line {exc.lineno}, column {exc.colno})",
                field="(root)",
            ) from None
        except RecursionError:
            raise InvalidInput("the claim JSON is nested too deeply", field="(root)") from None
        except UnicodeDecodeError:
            raise InvalidInput("the claim is not UTF-8 text", field="(root)") from None
    try:
        if not isinstance(data, dict):
            raise InvalidInput("a claim must be a JSON object", field="(root)")
        if "lines" not in data and isinstance(data.get("claim"), dict):
            data = data["claim"]  # a wrapped claim, e.g. a golden test file
        return Claim.model_validate(data)
    except ValidationError as exc:
        message, field = pydantic_errors_to_message(exc)
        raise InvalidInput(f"invalid claim: {message}", field=field) from None


def _wrapped(text: str | bytes) -> bool:
    """Whether JSON text may be a wrapped claim (``{"claim": {...}}``) or not an object."""
    head = text[:200] if isinstance(text, str) else text[:200].decode("utf-8", "replace")
    return '"claim"' in head or not head.lstrip().startswith("{")


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(",", ";").replace(" ", ";").split(";") if p.strip()]


def read_claims_csv(text: str) -> list[Claim]:
    """Claims from a CSV export: one row per line, grouped by ``encounter_id`` (in order).

    Header fields (setting, place of service, payer, date of service, diagnoses) may be on
    every row of an encounter or only on its first; rows that disagree are an error.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        raise InvalidInput(
            f"the CSV has no {', '.join(missing)} column; expected columns: "
            + ", ".join(CSV_COLUMNS),
            field=missing[0],
        )
    try:
        claims = _group(reader)
    except csv.Error as exc:
        raise InvalidInput(
            f"the CSV cannot be read near line {reader.line_num} ({exc})", field="(csv)"
        ) from None
    out = []
    for enc, data in claims.items():
        try:
            out.append(Claim.model_validate(data))
        except ValidationError as exc:
            message, field = pydantic_errors_to_message(exc)
            raise InvalidInput(f"encounter {enc[:20]}: {message}", field=field) from None
    return out


def _group(reader: csv.DictReader[str]) -> dict[str, dict[str, Any]]:
    """The rows of a CSV export grouped into claim dicts by encounter id."""
    claims: dict[str, dict[str, Any]] = {}
    for rowno, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        enc = row.get("encounter_id", "")
        if not enc:
            raise InvalidInput(f"row {rowno}: encounter_id is empty", field="encounter_id")
        claim = claims.setdefault(enc, {"id": enc, "lines": []})
        for col in _HEADER:
            value = row.get(col, "")
            if not value:
                continue
            parsed: Any = _split(value) if col == "diagnoses" else value
            if col in claim and claim[col] != parsed:
                raise InvalidInput(
                    f"row {rowno}: {col} differs from an earlier row of the same encounter",
                    field=col,
                )
            claim[col] = parsed
        line: dict[str, Any] = {"code": row.get("code", "")}
        if row.get("units"):
            try:
                line["units"] = int(row["units"])
            except ValueError:
                raise InvalidInput(
                    f"row {rowno}: units must be a whole number", field="units"
                ) from None
        line["modifiers"] = _split(row.get("modifiers", ""))
        if row.get("date"):
            line["date"] = row["date"]
        try:
            line["diagnosis_pointers"] = [int(p) for p in _split(row.get("diagnosis_pointers", ""))]
        except ValueError:
            raise InvalidInput(
                f"row {rowno}: diagnosis_pointers must be numbers such as 1;2",
                field="diagnosis_pointers",
            ) from None
        claim["lines"].append(line)
    return claims
