"""What every check may read: the claim, normalized once, and the case when one is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from infusion_coder.edits._lookup import (
    FACILITY_POS,
    INITIAL,
    CachedLibrary,
    CodeFacts,
    LineKind,
    code_facts,
    icd10_status,
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
    ``pointers``, ``initials`` (more than one unit of initial codes), ``chemo`` (a chemotherapy administration code), ``chemodrug`` (a
    chemotherapy drug), ``addon1``/``addon2``/``addon3`` (add-on edit types); and what may be wrong: ``malformed``, ``unlisted`` (a
    well-formed code not in the library), ``deleted``, ``zero`` (units), ``dated`` (a line
    date), ``jw``/``jwjz`` (modifiers), ``dxbad`` (a diagnosis not billable), ``nodx``,
    ``fpos`` (a professional claim in a facility place of service)."""

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
    known = cached._facts if cached is not None else {}
    rows = []
    default_date = claim.date_of_service
    tags: set[str] = set()
    non_drug = 0
    initial_units = 0
    for n, line in enumerate(claim.lines, start=1):
        code = line.code.strip().upper()
        facts = known.get(code)
        if facts is None:
            facts = cached.facts(code) if cached is not None else code_facts(lib, code)
        if line.modifiers:
            mods = frozenset(m.strip().upper() for m in line.modifiers)
            tags.add("modifiers")
            if "JW" in mods:
                tags.update(("jw", "jwjz"))
            elif "JZ" in mods:
                tags.add("jwjz")
        else:
            mods = _EMPTY
        if not facts.in_library:
            tags.add("unlisted" if facts.well_formed else "malformed")
        if facts.deleted:
            tags.add("deleted")
        if line.units == 0:
            tags.add("zero")
        if line.date:
            tags.add("dated")
        kind = facts.kind
        rows.append(Row(n, code, line.units, mods, line.date or default_date, kind, facts))
        tags.add(kind)
        if kind != "drug":
            non_drug += 1
        if facts.addon_type is not None:
            tags.add("addon")
        if code in INITIAL:
            tags.add("initial")
            initial_units += line.units
        if facts.family == "chemotherapy":
            tags.add("chemo")
        elif facts.drug_category == "chemotherapy":
            tags.add("chemodrug")
        if facts.addon_type is not None:
            tags.add(f"addon{facts.addon_type}")
        if line.diagnosis_pointers:
            tags.add("pointers")
    if non_drug > 1:
        tags.add("pair")
    if initial_units > 1:
        tags.add("initials")
    if claim.diagnoses:
        tags.add("dx")
        if any(icd10_status(d) != "billable" for d in claim.diagnoses):
            tags.add("dxbad")
    elif rows:
        tags.add("nodx")
    professional = claim.setting == "professional"
    if professional and claim.place_of_service in FACILITY_POS:
        tags.add("fpos")
    return Ctx(
        claim=claim,
        lib=source,
        rows=rows,
        medicare=claim.payer == "medicare",
        professional=professional,
        mue_setting="practitioner" if professional else "outpatient_hospital",
        codes=frozenset([r.code for r in rows]),
        tags=frozenset(tags),
    )


__all__ = ["CachedLibrary", "Ctx", "Row", "build"]
