"""Add-on codes without a primary (CMS add-on code edits, rulebook §18.2–3)."""

from __future__ import annotations

from collections.abc import Iterator

from infusion_coder.edits._context import Ctx, Row
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check

_OWN_BASE: dict[str, tuple[str, ...]] = {
    "96366": ("96365", "96367", "96366"),
    "96415": ("96413",),
    "96423": ("96422",),
    "96370": ("96369",),
    "96371": ("96369",),
}
"""Extra-time add-ons and the base services whose time they extend (rulebook §18.3)."""


def _peers(ctx: Ctx, row: Row) -> list[Row]:
    """Where the primary must be: the same date on a professional claim, the claim otherwise."""
    return ctx.on_date(row) if ctx.professional else ctx.rows


def _addons(ctx: Ctx) -> Iterator[tuple[Row, int, list[str]]]:
    for row in ctx.rows:
        if row.f.addon_type is None or row.kind != "procedure":
            continue
        yield row, row.f.addon_type, sorted(row.f.primaries[ctx.pi])


@check(
    "AOC001",
    "addon-without-primary",
    severity="error",
    summary="An add-on code (CMS edit type 1) is billed without one of its listed primary codes.",
    fix="Bill the primary service the add-on extends on the same claim and date, or remove "
    "the add-on (or recode it as the initial service if it was the only one).",
    sources=("§18.2", "§3", "CMS AOC edits"),
    tags=frozenset(["addon", "addon1"]),
)
def addon_without_primary(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row, edit_type, primaries in _addons(ctx):
        if edit_type != 1:
            continue
        if not any(r.code in primaries for r in _peers(ctx, row) if r is not row):
            where = "on the same date" if ctx.professional else "on the claim"
            listed = f"({', '.join(primaries)})" if primaries else "(none in this setting)"
            yield Hit(
                [row.n],
                f"add-on {row.code} has none of its primary codes {listed} {where}; CMS "
                "denies it (add-on edit type 1: only the listed primaries)",
                f"lines[{row.n - 1}].code",
            )


@check(
    "AOC002",
    "addon-primary-not-listed",
    severity="warning",
    summary="An add-on code (CMS edit type 3) has none of the primaries CMS lists; the "
    "contractor may accept others.",
    fix="Check the contractor's list of primaries for this add-on, or bill one of the listed "
    "primaries if the documentation supports it.",
    sources=("§18.2", "CMS AOC edits"),
    tags=frozenset(["addon", "addon3"]),
)
def addon_primary_not_listed(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row, edit_type, primaries in _addons(ctx):
        if edit_type != 3:
            continue
        if not any(r.code in primaries for r in _peers(ctx, row) if r is not row):
            yield Hit(
                [row.n],
                f"add-on {row.code} has none of the primaries CMS lists ({', '.join(primaries)}); "
                "edit type 3: the contractor decides whether another primary is acceptable",
                f"lines[{row.n - 1}].code",
            )


@check(
    "AOC003",
    "addon-payer-defined-primary",
    severity="info",
    summary="An add-on code (CMS edit type 2) has no CMS list of primaries and no other "
    "procedure billed with it.",
    fix="Confirm with the payer which primary codes it accepts for this add-on.",
    sources=("CMS AOC edits",),
    tags=frozenset(["addon", "addon2"]),
)
def addon_payer_defined(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row, edit_type, _ in _addons(ctx):
        if edit_type != 2:
            continue
        others = [r for r in _peers(ctx, row) if r.kind == "procedure" and r is not row]
        if not others:
            yield Hit(
                [row.n],
                f"add-on {row.code} is billed with no other procedure; CMS edit type 2 leaves "
                "the primary to the payer",
                f"lines[{row.n - 1}].code",
            )


@check(
    "AOC004",
    "extra-time-without-its-base",
    severity="error",
    summary="An additional-time add-on is billed without the service whose time it extends.",
    fix="Bill the base service of that drug (e.g. 96365 or 96367 before 96366, 96413 before "
    "96415), or remove the additional-time units.",
    sources=("§18.3", "§2"),
    codes=frozenset({"96423", "96371", "96366", "96370", "96415"}),
)
def extra_time_without_base(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        bases = _OWN_BASE.get(row.code)
        if bases is None:
            continue
        peers = [r.code for r in _peers(ctx, row) if r is not row]
        if row.f.addon_type == 1 and not row.f.primaries[ctx.pi].intersection(peers):
            continue  # AOC001 reports it
        if not any(c in bases for c in peers):
            yield Hit(
                [row.n],
                f"{row.code} extends the time of {' or '.join(b for b in bases if b != row.code)}, "
                "which is not billed",
                f"lines[{row.n - 1}].code",
            )


@check(
    "AOC005",
    "concurrent-more-than-once",
    severity="error",
    summary="96368 (concurrent infusion) is billed on several dates of one Medicare stay (one "
    "encounter); more than once on one date is MUE001.",
    fix="Bill 96368 once per encounter, whatever the number of drugs running concurrently.",
    sources=("§18.8", "§6 Q3", "G11", "S33", "S46"),
    codes=frozenset({"96368"}),
)
def concurrent_more_than_once(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if not ctx.medicare:
        return  # other payers: once per date, which the MUE of 1 (MUE001) enforces
    rows = ctx.by_code("96368")
    per_date: dict[str | None, int] = {}
    for row in rows:
        per_date[row.date] = per_date.get(row.date, 0) + row.units
    units = sum(per_date.values())
    if units > 1 and max(per_date.values()) <= 1:  # one date above 1: MUE001 reports it
        yield Hit(
            [r.n for r in rows],
            f"96368 on {units} dates of one stay; Medicare counts the stay as one encounter "
            "and 96368 is reported once per encounter, never per drug or per date",
            f"lines[{rows[-1].n - 1}].code",
        )
