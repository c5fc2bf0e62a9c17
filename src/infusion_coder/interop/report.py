"""The mapping report: what came from where, what was missing, ambiguous or ignored.

Every conversion (FHIR Bundle → case, MAR events → case) returns one. Entries name resources,
rows and fields, never their values beyond codes (no patient data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from infusion_coder.models import Case

Kind = Literal["mapped", "derived", "missing", "ambiguous", "ignored"]


class MappingNote(BaseModel):
    """One line of the mapping report."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    #: where it came from: ``MedicationAdministration/ma-1.dosage.route`` or ``row 7.action``
    source: str
    #: the case-format field it went to, e.g. ``administrations[0].route`` (empty when ignored)
    target: str = ""
    note: str = ""
    #: the administrations it concerns, when known
    administrations: list[str] = Field(default_factory=list)


class MappingReport(BaseModel):
    """All the notes of one conversion, in order."""

    model_config = ConfigDict(extra="forbid")

    notes: list[MappingNote] = Field(default_factory=list)

    def add(
        self,
        kind: Kind,
        source: str,
        target: str = "",
        note: str = "",
        administrations: list[str] | None = None,
    ) -> None:
        self.notes.append(
            MappingNote(
                kind=kind,
                source=source,
                target=target,
                note=note,
                administrations=administrations or [],
            )
        )

    def of_kind(self, kind: Kind) -> list[MappingNote]:
        return [n for n in self.notes if n.kind == kind]


@dataclass
class ImportedCase:
    """A case read from an EHR payload, with what a claim needs beyond the case format."""

    case: Case
    report: MappingReport
    #: ``Patient/…`` reference (or the MAR's encounter when no patient is known)
    patient: str | None = None
    #: the Encounter reference the case came from
    encounter: str | None = None
    #: references kept for the claim: provider organization, coverage
    provider: str | None = None
    coverage: str | None = None
    #: ICD-10-CM codes of the visit, in order of first mention
    diagnoses: list[str] = field(default_factory=list)
    #: administration id → ICD-10-CM codes of its order's reason
    reasons: dict[str, list[str]] = field(default_factory=dict)
    #: administration id → the MedicationAdministration/Procedure reference it came from
    sources: dict[str, str] = field(default_factory=dict)
