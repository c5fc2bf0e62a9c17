"""Codes, modifiers, units and dates that a payer cannot accept (rulebook §12, §13)."""

from __future__ import annotations

from collections.abc import Iterator

from infusion_coder.edits._context import Ctx
from infusion_coder.edits._lookup import MODIFIER_SHAPE, MODIFIERS, is_drug_admin
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check

_OWN_CHECK = frozenset({"25"})
"""Modifiers whose misuse has a check of its own (EMV003)."""

_KIND_WORDS = {"procedure": "procedure", "em": "E/M visit", "drug": "drug", "other": "other"}


@check(
    "COD001",
    "malformed-code",
    severity="error",
    summary="A line's code is neither a CPT code (5 characters) nor a HCPCS Level II code "
    "(a letter and 4 digits).",
    fix="Correct the code on the line.",
    sources=("§3", "§13"),
    tags=frozenset(["malformed"]),
)
def malformed(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        if not row.f.well_formed:
            yield Hit([row.n], "the code is not a CPT or HCPCS code", f"lines[{row.n - 1}].code")


@check(
    "COD002",
    "deleted-code",
    severity="error",
    summary="A line carries a deleted procedure or drug code.",
    fix="Replace it with the current code for the service or drug.",
    sources=("§3", "HCPCS Level II"),
    tags=frozenset(["deleted"]),
)
def deleted(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        if not row.f.deleted:
            continue
        year = row.f.deleted_year
        since = f" (deleted {year})" if year else ""
        yield Hit([row.n], f"{row.code} is a deleted code{since}", f"lines[{row.n - 1}].code")


@check(
    "COD003",
    "code-not-in-library",
    severity="info",
    summary="A line's code is not in the code library, so the checks that need its facts skip it.",
    fix="Check the code; nothing is wrong if it is a service outside drug administration.",
    sources=("docs/data-releases.md",),
    tags=frozenset(["unlisted"]),
)
def unknown(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    seen: set[str] = set()
    for row in ctx.rows:
        f = row.f
        if f.in_library or f.deleted or not f.well_formed or row.code in seen:
            continue
        if is_drug_admin(row.code):
            continue  # COD008 reports it
        seen.add(row.code)
        yield Hit(
            [row.n],
            f"{row.code} is not in the code library (release {ctx.lib.release_id})",
            f"lines[{row.n - 1}].code",
        )


@check(
    "COD004",
    "modifier-not-for-code",
    severity="error",
    summary="A modifier is on a kind of line it does not belong on (e.g. JW/JZ on an "
    "administration code, 59 on a drug line).",
    fix="Move the modifier to the line it belongs on, or remove it.",
    sources=("§12",),
    tags=frozenset(["modifiers"]),
)
def modifier_for_code(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        for mod in sorted(row.modifiers - _OWN_CHECK):
            kinds = MODIFIERS.get(mod)
            if kinds is not None and row.kind not in kinds:
                yield Hit(
                    [row.n],
                    f"modifier {mod} does not belong on {row.code} "
                    f"(a {_KIND_WORDS[row.kind]} line)",
                    f"lines[{row.n - 1}].modifiers",
                )


@check(
    "COD005",
    "unknown-modifier",
    severity="warning",
    summary="A modifier is malformed or not one this checker knows.",
    fix="Check the modifier (two letters or digits, e.g. JZ, 59, XE).",
    sources=("§12",),
    tags=frozenset(["modifiers"]),
)
def unknown_modifier(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        for mod in sorted(row.modifiers):
            if mod in MODIFIERS:
                continue
            what = "not a modifier" if not MODIFIER_SHAPE.match(mod) else "an unknown modifier"
            yield Hit(
                [row.n], f"'{mod[:4]}' on {row.code} is {what}", f"lines[{row.n - 1}].modifiers"
            )


@check(
    "COD006",
    "zero-units",
    severity="error",
    summary="A line is billed with 0 units.",
    fix="Bill the units given (at least 1), or remove the line.",
    sources=("§13",),
    tags=frozenset(["zero"]),
)
def zero_units(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        if row.units == 0:
            yield Hit([row.n], f"{row.code} has 0 units", f"lines[{row.n - 1}].units")


@check(
    "COD007",
    "date-out-of-order",
    severity="error",
    summary="A line's date is earlier than the claim's date of service.",
    fix="Correct the line date, or the claim's date of service (the first date of the stay).",
    sources=("§2", "S19"),
    tags=frozenset(["dated"]),
)
def date_order(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    start = claim.date_of_service
    if start is None:
        return
    for row in ctx.rows:
        if row.date is not None and row.date < start:
            yield Hit(
                [row.n],
                f"line date {row.date} is before the date of service {start}",
                f"lines[{row.n - 1}].date",
            )


@check(
    "COD008",
    "invalid-administration-code",
    severity="error",
    summary="A line's code is in the drug-administration range (96360–96549) but is not a "
    "current or deleted CPT code.",
    fix="Correct the code: the library lists every drug-administration code in force.",
    sources=("§3", "§18.2"),
    tags=frozenset(["unlisted"]),
)
def invalid_admin(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        f = row.f
        if not f.in_library and not f.deleted and f.well_formed and is_drug_admin(row.code):
            yield Hit(
                [row.n],
                f"{row.code} is not a drug-administration code (release {ctx.lib.release_id})",
                f"lines[{row.n - 1}].code",
            )
