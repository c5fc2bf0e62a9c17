"""Plain data for the clinical text tools: spans found, redaction results, diagnoses found.

A :class:`Span` says *where* something is, never logs *what* it is: its ``text`` is kept out of
``repr`` so a stray log line or traceback cannot leak PHI.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class PhiKind(StrEnum):
    """The HIPAA Safe Harbor identifier types that occur in free text."""

    NAME = "NAME"
    ADDRESS = "ADDRESS"  # street address, city, county: geography smaller than a state
    ZIP = "ZIP"
    DATE = "DATE"  # every date element except the year
    AGE = "AGE"  # ages over 89
    PHONE = "PHONE"  # telephone and fax
    EMAIL = "EMAIL"
    SSN = "SSN"
    MRN = "MRN"
    HEALTH_PLAN = "HEALTH_PLAN"  # member, policy, Medicare MBI, Medicaid numbers
    ACCOUNT = "ACCOUNT"
    LICENSE = "LICENSE"  # licence and certificate numbers, NPI, DEA
    VEHICLE = "VEHICLE"
    DEVICE = "DEVICE"
    URL = "URL"
    IP_ADDRESS = "IP_ADDRESS"
    ID = "ID"  # any other unique identifying number or code


class Span(BaseModel):
    """One finding in a text: ``text[start:end]`` is of ``kind``, found by ``source``."""

    model_config = ConfigDict(frozen=True)

    kind: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    score: float = Field(ge=0.0, le=1.0)
    source: str
    text: str | None = Field(default=None, repr=False)

    def __len__(self) -> int:
        return self.end - self.start


class RedactionResult(BaseModel):
    """The redacted text and the spans that were replaced (offsets into the *original* text)."""

    text: str = Field(repr=False)
    spans: list[Span]
    operator: str


class Icd10Status(StrEnum):
    """How a diagnosis mention stands in the note."""

    CONFIRMED = "confirmed"
    HISTORICAL = "historical"
    UNCERTAIN = "uncertain"
    NEGATED = "negated"
    INVALID = "invalid"  # an explicit code that is not in the code set


class Icd10Finding(BaseModel):
    """A diagnosis found in a text, with its ICD-10-CM code."""

    start: int
    end: int
    text: str
    code: str | None
    description: str | None = None
    billable: bool = False
    status: Icd10Status = Icd10Status.CONFIRMED
    confidence: float = Field(ge=0.0, le=1.0)
    method: str  # "explicit-code" | "phrase"
    category_only: bool = False
    leaves: list[str] = Field(default_factory=list)
    note: str | None = None
