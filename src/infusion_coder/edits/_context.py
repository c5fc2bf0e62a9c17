"""What every check may read: the claim, normalized once, and the case when one is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from infusion_coder.edits._lookup import (
    INITIAL,
    CachedLibrary,
    CodeFacts,
    LineKind,
    code_facts,
    library,
)
from infusion_coder.edits.models import Claim, Comparison
from infusion_coder.models import Case, CodingResult


class Row(NamedTuple):
    """One claim line, normalized: 1-based number, upper-case code and modifiers, its date,
    and the facts of its code."""

    n: int
    code: str
    units: int
    modifiers: frozenset[str]
    date: str | None
    kind: LineKind
    f: CodeFacts


@dataclass(slots=True)
class Ctx:
    """The claim, its normalized rows, the library, and optionally the case and its coding."""

    claim: Claim
    lib: Any
    rows: list[Row]
    medicare: bool
    professional: bool
    mue_setting: str
    case: Case | None = None
    coded: CodingResult | None = None
    codes: frozenset[str] = field(default_factory=frozenset)
    comparison: Comparison | None = None
    raw_administrations: list[dict[str, object]] | None = None
    memo: dict[str, Any] = field(default_factory=dict)
    tags: frozenset[str] = field(default_factory=frozenset)
    """What the claim has, for skipping checks with nothing to look at: the line kinds,
    ``addon``, ``initial``, ``pair`` (two non-drug lines), ``modifiers``, ``dx``,
    ``pointers``, ``chemo``."""

    @property
    def pi(self) -> int:
        """Index into the (outpatient hospital, practitioner) pairs of ``CodeFacts``."""
        return 1 if self.professional else 0

    def on_date(self, row: Row) -> list[Row]:
        """The rows of the same date as ``row`` (rows without a date share the claim's)."""
        return [r for r in self.rows if r.date == row.date]

    def by_code(self, *codes: str) -> list[Row]:
        return [r for r in self.rows if r.code in codes]


_EMPTY: frozenset[str] = frozenset()


def build(claim: Claim, lib: Any = None) -> Ctx:
    """Normalize ``claim`` once for all checks (``lib``: a stand-in library for tests)."""
    cached = library() if lib is None else None
    source = lib if lib is not None else cached
    rows = []
    default_date = claim.date_of_service
    for n, line in enumerate(claim.lines, start=1):
        code = line.code.strip().upper()
        facts = cached.facts(code) if cached is not None else code_facts(lib, code)
        mods = frozenset(m.strip().upper() for m in line.modifiers) if line.modifiers else _EMPTY
        rows.append(Row(n, code, line.units, mods, line.date or default_date, facts.kind, facts))
    professional = claim.setting == "professional"
    tags: set[str] = {r.kind for r in rows}
    if any(r.f.addon_type is not None for r in rows):
        tags.add("addon")
    if any(r.code in INITIAL for r in rows):
        tags.add("initial")
    if sum(r.kind != "drug" for r in rows) > 1:
        tags.add("pair")
    if any(r.modifiers for r in rows):
        tags.add("modifiers")
    if claim.diagnoses:
        tags.add("dx")
    if any(line.diagnosis_pointers for line in claim.lines):
        tags.add("pointers")
    if any(r.f.family == "chemotherapy" for r in rows):
        tags.add("chemo")
    return Ctx(
        claim=claim,
        lib=source,
        rows=rows,
        medicare=claim.payer == "medicare",
        professional=professional,
        mue_setting="practitioner" if professional else "outpatient_hospital",
        codes=frozenset(r.code for r in rows),
        tags=frozenset(tags),
    )


__all__ = ["CachedLibrary", "Ctx", "Row", "build"]
