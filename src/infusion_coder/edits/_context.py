"""What every check may read: the claim, normalized once, and the case when one is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from infusion_coder.edits._lookup import LineKind, library, line_kind
from infusion_coder.edits.models import Claim, Comparison
from infusion_coder.knowledge import Library
from infusion_coder.models import Case, CodingResult


class Row(NamedTuple):
    """One claim line, normalized: 1-based number, upper-case code and modifiers, its date."""

    n: int
    code: str
    units: int
    modifiers: frozenset[str]
    date: str | None
    kind: LineKind


@dataclass(slots=True)
class Ctx:
    """The claim, its normalized rows, the library, and optionally the case and its coding."""

    claim: Claim
    lib: Library
    rows: list[Row]
    medicare: bool
    professional: bool
    mue_setting: str
    case: Case | None = None
    coded: CodingResult | None = None
    codes: frozenset[str] = field(default_factory=frozenset)
    comparison: Comparison | None = None
    raw_administrations: list[dict[str, object]] | None = None

    def on_date(self, row: Row) -> list[Row]:
        """The rows of the same date as ``row`` (rows without a date share the claim's)."""
        return [r for r in self.rows if r.date == row.date]

    def by_code(self, *codes: str) -> list[Row]:
        return [r for r in self.rows if r.code in codes]


def build(claim: Claim, case: Case | None = None, coded: CodingResult | None = None) -> Ctx:
    """Normalize ``claim`` once for all checks."""
    rows = []
    for n, line in enumerate(claim.lines, start=1):
        code = line.code.strip().upper()
        rows.append(
            Row(
                n=n,
                code=code,
                units=line.units,
                modifiers=frozenset(m.strip().upper() for m in line.modifiers),
                date=line.date or claim.date_of_service,
                kind=line_kind(code),
            )
        )
    professional = claim.setting == "professional"
    return Ctx(
        claim=claim,
        lib=library(),
        rows=rows,
        medicare=claim.payer == "medicare",
        professional=professional,
        mue_setting="practitioner" if professional else "outpatient_hospital",
        case=case,
        coded=coded,
        codes=frozenset(r.code for r in rows),
    )
