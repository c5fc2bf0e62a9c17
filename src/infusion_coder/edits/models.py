"""Plain data of the claim checker: a claim in, a report of findings out.

The claim format is documented in ``docs/claim-format.md``. Unknown input fields are ignored
(billing systems export more than we read); wrong types and shapes are ``InvalidInput`` errors
that name the field. Problems *of the claim* (a missing primary, too many units…) are never
errors: they are findings.
"""

from __future__ import annotations

from datetime import date as _date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

_DATE = r"^\d{4}-\d{2}-\d{2}$"
MAX_UNITS = 99_999
"""Units above this are unusable input, not a claim problem (no MUE comes near it)."""


def _calendar_date(value: str | None) -> str | None:
    if value is not None:
        try:
            _date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date (YYYY-MM-DD)") from None
    return value


def _no_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("expected a whole number, not true/false")
    return value


Date = Annotated[str | None, Field(default=None, pattern=_DATE), AfterValidator(_calendar_date)]
WholeNumber = Annotated[int, BeforeValidator(_no_bool)]


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ClaimLine(_In):
    """One service line: a procedure, a drug or an E/M code with its units and modifiers."""

    code: str = Field(min_length=1, max_length=12)
    units: WholeNumber = Field(default=1, ge=0, le=MAX_UNITS)
    modifiers: list[str] = Field(default_factory=list, max_length=8)
    date: Date = None
    diagnosis_pointers: list[WholeNumber] = Field(default_factory=list)


class Claim(_In):
    """A claim, or the drug-administration part of one (format v1)."""

    id: str | None = None
    setting: Literal["facility", "professional"]
    place_of_service: str | None = Field(default=None, pattern=r"^\d{2}$")
    payer: Literal["medicare", "commercial"] = "medicare"
    date_of_service: Date = None
    diagnoses: list[str] = Field(default_factory=list)
    lines: list[ClaimLine]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Finding(_Out):
    """One thing a billing office can act on."""

    id: str
    name: str
    severity: Severity
    lines: list[int] = Field(default_factory=list, description="1-based claim line numbers")
    message: str
    fix: str
    sources: list[str] = Field(default_factory=list)
    path: str | None = Field(default=None, description="the claim field concerned")


class ComparisonItem(_Out):
    """One code whose billed units differ from what the documentation supports."""

    code: str
    modifier: str = ""
    billed_units: int
    supported_units: int
    difference: int = Field(description="supported minus billed: >0 missed, <0 over-billed")
    unit_payment: float | None = None
    amount: float | None = Field(default=None, description="difference x unit payment (USD)")
    note: str = ""


class Comparison(_Out):
    """The claim compared with what the documented administrations support."""

    payment_basis: str
    national_estimate: bool = True
    items: list[ComparisonItem] = Field(default_factory=list)
    missed_amount: float = 0.0
    overbilled_amount: float = 0.0
    net_amount: float = Field(default=0.0, description="missed minus over-billed (USD)")


class Report(_Out):
    """The findings of one claim, most severe first."""

    claim_id: str | None = None
    release: str
    ok: bool
    counts: dict[str, int]
    findings: list[Finding] = Field(default_factory=list)
    comparison: Comparison | None = None
