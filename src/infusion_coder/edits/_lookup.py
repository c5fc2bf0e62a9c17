"""Code facts the checks need, on top of the code library (``knowledge``).

The library knows the active drug-administration codes, drugs, MUE/PTP/add-on edits and
payments. This adapter adds what it does not (yet) carry: the code-number sets the rulebook
names, a table of modifiers and the lines they belong on, and drug-administration codes that
were deleted (so that an old code on a claim is reported as deleted rather than unknown).
Lookups are cached: a claim batch asks the same questions many times.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from infusion_coder import knowledge
from infusion_coder.knowledge import Library, Mue, Payment, PtpEdit

LineKind = Literal["procedure", "em", "drug", "other"]

CPT_SHAPE = re.compile(r"^(?:\d{5}|\d{4}[A-Z])$")
HCPCS_SHAPE = re.compile(r"^[A-Z]\d{4}$")
MODIFIER_SHAPE = re.compile(r"^[A-Z0-9]{2}$")

INITIAL = frozenset({"96360", "96365", "96369", "96374", "96409", "96413", "96420", "96422"})
"""Initial services: one per encounter (rulebook §5 E1, §18.1)."""

DISTINCT = frozenset({"59", "XE", "XS", "XP", "XU"})
"""Distinct-service modifiers (rulebook §12)."""

FACILITY_POS = frozenset(
    {"19", "21", "22", "23", "24", "26", "31", "34", "51", "52", "53", "56", "61"}
)
"""Places of service where the facility reports drug administration (rulebook §11)."""

TIME_BASED = frozenset(
    {
        "96360", "96361", "96365", "96366", "96367", "96369", "96370", "96371",
        "96413", "96415", "96417", "96422", "96423",
    }
)  # fmt: skip
"""Codes whose units come from documented start and stop times (rulebook §2, §18.18)."""

NEOPLASM = re.compile(r"^(?:C\d|D[0-4]\d)")
"""ICD-10-CM chapter 2 (neoplasms): C00–D49."""

DELETED: dict[str, int] = {
    **{c: 2009 for c in ("90760", "90761", "90765", "90766", "90767", "90768")},
    **{c: 2009 for c in ("90769", "90770", "90771", "90772", "90773", "90774")},
    **{c: 2009 for c in ("90775", "90776", "90779")},
    **{c: 2006 for c in ("90780", "90781", "90782", "90783", "90784", "90788")},
    **{c: 2006 for c in ("96400", "96408", "96410", "96412", "96414", "96520", "96530")},
    **{f"G{n:04d}": 2006 for n in range(345, 364)},
}
"""Drug-administration codes deleted from CPT/HCPCS, with the year they ended (the 2006 and
2009 revisions of the code family; G0345–G0363 were the 2005 Medicare-only series)."""

# Modifier -> the kinds of line it may sit on (our own short table of public HCPCS modifiers).
_ANY: tuple[LineKind, ...] = ("procedure", "em", "drug", "other")
MODIFIERS: dict[str, tuple[LineKind, ...]] = {
    "25": ("em",),
    "24": ("em",),
    "57": ("em",),
    "FT": ("em",),
    "59": ("procedure", "other"),
    "XE": ("procedure", "other"),
    "XS": ("procedure", "other"),
    "XP": ("procedure", "other"),
    "XU": ("procedure", "other"),
    "52": ("procedure", "other"),
    "53": ("procedure", "other"),
    "76": ("procedure", "other"),
    "77": ("procedure", "other"),
    "91": ("procedure", "other"),
    "JW": ("drug",),
    "JZ": ("drug",),
    "JG": ("drug",),
    "TB": ("drug",),
    "JB": ("drug",),
    "GA": _ANY,
    "GZ": _ANY,
    "GY": _ANY,
    "GX": _ANY,
    "KX": _ANY,
    "CR": _ANY,
    "PO": _ANY,
    "PN": _ANY,
    "95": _ANY,
    "93": _ANY,
    "Q5": _ANY,
    "Q6": _ANY,
    "LT": ("procedure", "other"),
    "RT": ("procedure", "other"),
}


class CodeFacts(NamedTuple):
    """What the checks need to know about one code, computed once per code."""

    code: str
    kind: LineKind
    well_formed: bool
    in_library: bool
    is_drug: bool
    deleted: bool
    deleted_year: int | None
    family: str
    addon_type: int | None
    primaries: tuple[frozenset[str], frozenset[str]]
    """(outpatient hospital, practitioner) primaries of an add-on."""
    mue: tuple[Mue | None, Mue | None]
    """(outpatient hospital, practitioner) MUE."""
    drug_category: str | None
    single_dose_typical: bool
    opps_si: str | None


def code_facts(lib: Any, code: str) -> CodeFacts:
    """The facts of ``code`` from a library (any object with the library's accessors)."""
    well_formed = bool(CPT_SHAPE.match(code) or HCPCS_SHAPE.match(code))
    in_library = well_formed and lib.has_code(code)
    entry = lib.code(code) if in_library else None
    drug = lib.drug(code) if well_formed and lib.has_drug(code) else None
    family = entry.family if entry is not None else ""
    if code.startswith("992") and CPT_SHAPE.match(code):
        kind: LineKind = "em"
    elif entry is not None:
        kind = "em" if family == "evaluation_management" else "procedure"
    elif HCPCS_SHAPE.match(code) and (drug is not None or code[0] in "JQ"):
        kind = "drug"
    else:
        kind = "other"
    addon_type = lib.addon_edit_type(code) if in_library and lib.is_addon(code) else None
    primaries = (
        frozenset(lib.addon_primaries(code, "outpatient_hospital")),
        frozenset(lib.addon_primaries(code, "practitioner")),
    )
    deleted_year = DELETED.get(code)
    deleted = deleted_year is not None
    if entry is not None and entry.status == "deleted":
        deleted, deleted_year = True, entry.deleted_year
    if drug is not None and drug.deleted:
        deleted = True
    return CodeFacts(
        code=code,
        kind=kind,
        well_formed=well_formed,
        in_library=in_library or drug is not None,
        is_drug=drug is not None,
        deleted=deleted,
        deleted_year=deleted_year,
        family=family,
        addon_type=addon_type,
        primaries=primaries,
        mue=(lib.mue(code, "outpatient_hospital"), lib.mue(code, "practitioner"))
        if well_formed
        else (None, None),
        drug_category=drug.category if drug is not None else None,
        single_dose_typical=bool(drug is not None and drug.single_dose_typical),
        opps_si=drug.opps.si if drug is not None and drug.opps is not None else None,
    )


class CachedLibrary:
    """The library with memoized per-code facts, NCCI pairs and payments (a batch asks the
    same questions for every claim); anything else is passed through to the library."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.release_id = lib.release_id
        self._facts: dict[str, CodeFacts] = {}
        self._ptp: dict[tuple[str, str], PtpEdit | None] = {}
        self._pay: dict[tuple[str, str], Payment | None] = {}

    def facts(self, code: str) -> CodeFacts:
        try:
            return self._facts[code]
        except KeyError:
            found = self._facts[code] = code_facts(self.lib, code)
            return found

    def ptp(self, column1: str, column2: str) -> PtpEdit | None:
        key = (column1, column2)
        try:
            return self._ptp[key]
        except KeyError:
            found = self._ptp[key] = self.lib.ptp(column1, column2)
            return found

    def payment(self, code: str, setting: str) -> Payment | None:
        key = (code, setting)
        try:
            return self._pay[key]
        except KeyError:
            found = self._pay[key] = self.lib.payment(code, setting)
            return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.lib, name)


@lru_cache(maxsize=1)
def library() -> CachedLibrary:
    """The code library in force, with memoized accessors."""
    return CachedLibrary(knowledge.load())


@lru_cache(maxsize=8192)
def is_drug_admin(code: str) -> bool:
    """96360–96549 and the Medicare administration codes the library carries (C8957, G0498)."""
    if code.isdigit() and 96360 <= int(code) <= 96549:
        return True
    return code in ("C8957", "G0498")


@lru_cache(maxsize=8192)
def is_injection_infusion(code: str) -> bool:
    """An injection or infusion service other than a port flush (96360–96549 but 96523)."""
    return is_drug_admin(code) and code != "96523"


@lru_cache(maxsize=8192)
def icd10_status(code: str) -> Literal["billable", "header", "invalid"]:
    """Whether a diagnosis code is billable, a header (has children) or not a code at all."""
    icd = knowledge.icd10
    if not icd.is_valid(code):
        return "invalid"
    return "billable" if icd.is_billable(code) else "header"


@lru_cache(maxsize=8192)
def icd10_normal(code: str) -> str:
    """The dotted form of a valid code (the input unchanged otherwise)."""
    try:
        return knowledge.icd10.normalize(code)
    except Exception:
        return code
