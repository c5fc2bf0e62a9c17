"""One initial service per encounter (rulebook §5, §18.1, §18.4, §18.20)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from infusion_coder.edits._context import Ctx, Row
from infusion_coder.edits._lookup import DISTINCT, INITIAL
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check

_IV_INITIAL = INITIAL - {"96369"}
"""96369 (SC infusion) is not part of the IV hierarchy; it is counted on its own."""


def _scopes(ctx: Ctx, codes: frozenset[str]) -> list[list[Row]]:
    """Initial rows per scope: the whole claim for Medicare (one encounter, even across
    midnight), each date otherwise."""
    groups: dict[str | None, list[Row]] = defaultdict(list)
    for row in ctx.rows:
        if row.code in codes:
            groups[None if ctx.medicare else row.date].append(row)
    return list(groups.values())


@check(
    "INI001",
    "second-initial-without-modifier",
    severity="error",
    summary="More than one initial service is billed without a distinct-service modifier.",
    fix="Bill one initial service per encounter; report the others as sequential, concurrent "
    "or push add-ons, or add 59/XE/XS/XU to the second initial when a separate, medically "
    "required site or a separate encounter is documented.",
    sources=("§18.1", "§5", "S1", "S49", "S5"),
    tags=frozenset(["initial", "initials"]),
)
def second_initial(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for codes in (_IV_INITIAL, frozenset({"96369"})):
        for rows in _scopes(ctx, codes):
            plain = [r for r in rows if not r.modifiers & DISTINCT]
            if sum(r.units for r in rows) > 1 and sum(r.units for r in plain) > 1:
                yield Hit(
                    [r.n for r in plain],
                    f"{sum(r.units for r in plain)} initial services "
                    f"({', '.join(r.code for r in plain)}) without 59/XE/XS/XU in one encounter",
                    f"lines[{plain[-1].n - 1}].modifiers",
                )


@check(
    "INI002",
    "distinct-modifier-not-documented",
    severity="warning",
    summary="An initial service carries a distinct-service modifier, but the case shows no "
    "second encounter and no medically required second access site.",
    fix="Document why the second site was required or that the patient left and came back; "
    "otherwise recode the second initial as a subsequent service and drop the modifier.",
    sources=("§18.20", "§5 E2–E4", "S57", "S62"),
    needs_case=True,
    tags=frozenset(["initial"]),
)
def distinct_not_documented(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if ctx.case is None:
        return
    adms = ctx.case.administrations
    if len({a.encounter for a in adms}) > 1 or any(a.separate_site_required for a in adms):
        return
    for row in ctx.rows:
        if row.code in INITIAL and row.modifiers & DISTINCT:
            mods = ", ".join(sorted(row.modifiers & DISTINCT))
            yield Hit(
                [row.n],
                f"{row.code} carries {mods}, but the documentation shows one encounter and no "
                "medically required second site",
                f"lines[{row.n - 1}].modifiers",
            )


@check(
    "INI003",
    "hydration-initial-with-other-initial",
    severity="error",
    summary="96360 (hydration) is billed as an initial service next to another initial service.",
    fix="Hydration is the lowest in the hierarchy: bill the other service as the initial one "
    "and the hydration as 96361, unless it was a separate encounter (then add XE/59).",
    sources=("§18.4", "§4 H1", "S3"),
    codes=frozenset({"96360"}),
    tags=frozenset(["initials"]),
)
def hydration_initial(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for rows in _scopes(ctx, _IV_INITIAL):
        others = [r for r in rows if r.code != "96360" and not r.modifiers & DISTINCT]
        for row in rows:
            if row.code == "96360" and others and not row.modifiers & DISTINCT:
                yield Hit(
                    [row.n, *(r.n for r in others)],
                    f"96360 is billed as initial with {', '.join(r.code for r in others)}",
                    f"lines[{row.n - 1}].code",
                )


_RANK: dict[str, tuple[int, int]] = {
    "96413": (3, 3), "96409": (3, 2), "96365": (2, 3), "96374": (2, 2), "96360": (1, 3),
    "96417": (3, 3), "96411": (3, 2), "96367": (2, 3), "96368": (2, 3), "96375": (2, 2),
    "96376": (2, 2),
}  # fmt: skip
"""Facility hierarchy (rulebook §4 H1): (category chemo 3 > TPD 2 > hydration 1, method
infusion 3 > push 2) of the IV initial codes and of the subsequent codes of a new service."""

_SUBSEQUENT = frozenset({"96417", "96411", "96367", "96368", "96375", "96376"})


@check(
    "INI004",
    "initial-lower-in-hierarchy",
    severity="error",
    summary="On a facility claim, the initial service is lower in the hierarchy than a "
    "sequential or concurrent service of the same encounter.",
    fix="Apply the facility hierarchy (chemotherapy > therapeutic > hydration; infusion > "
    "push): bill the highest service as the initial one and the others as subsequent codes.",
    sources=("§18.4", "§4 H1", "S3", "S60"),
    tags=frozenset(["initial", "addon"]),
)
def initial_lower(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if ctx.professional:
        return
    groups: dict[str | None, list[Row]] = defaultdict(list)
    for row in ctx.rows:
        if row.code in _RANK:
            groups[None if ctx.medicare else row.date].append(row)
    for rows in groups.values():
        initials = [r for r in rows if r.code in _IV_INITIAL]
        if len(initials) != 1 or initials[0].units != 1:
            continue  # no initial (AOC001) or several sites/encounters (INI001)
        first = initials[0]
        higher = [
            r
            for r in rows
            if r.code in _SUBSEQUENT
            and _RANK[r.code] > _RANK[first.code]
            and first.code in r.f.primaries[ctx.pi]  # otherwise AOC001 reports it
        ]
        if higher:
            yield Hit(
                [first.n, *(r.n for r in higher)],
                f"{first.code} is billed as the initial service, but "
                f"{', '.join(r.code for r in higher)} is higher in the facility hierarchy",
                f"lines[{first.n - 1}].code",
            )
