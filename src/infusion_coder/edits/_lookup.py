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
from typing import Literal

from infusion_coder import knowledge
from infusion_coder.knowledge import Library

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


def library() -> Library:
    """The code library in force (cached by ``knowledge.load``)."""
    return knowledge.load()


@lru_cache(maxsize=8192)
def line_kind(code: str) -> LineKind:
    """What kind of line a code makes: a procedure, an E/M visit, a drug, or other."""
    lib = library()
    if code.startswith("992") and CPT_SHAPE.match(code):
        return "em"
    if lib.has_code(code):
        entry = lib.code(code)
        return "em" if entry.family == "evaluation_management" else "procedure"
    if HCPCS_SHAPE.match(code) and (lib.has_drug(code) or code[0] in "JQ"):
        return "drug"
    return "other"


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
