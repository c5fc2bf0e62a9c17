"""Missed charges and over-billing against the documented administrations (case given)."""

from __future__ import annotations

from collections.abc import Iterator

from infusion_coder.edits._context import Ctx
from infusion_coder.edits._lookup import is_drug_admin
from infusion_coder.edits.models import Claim, ComparisonItem
from infusion_coder.edits.registry import Hit, check

_EXTRA_TIME = frozenset({"96361", "96366", "96370", "96415", "96423"})
"""Additional-time codes: billing fewer units than the times support is info (§18.7)."""


def _money(item: ComparisonItem, ctx: Ctx) -> str:
    if item.amount is None:
        return "no national payment figure for it"
    basis = "PFS" if ctx.professional else "OPPS"
    return f"about ${abs(item.amount):,.2f} ({basis} national estimate)"


def _items(ctx: Ctx, sign: int) -> Iterator[ComparisonItem]:
    if ctx.comparison is None:
        return
    listed = {s.code for s in ctx.case.services} if ctx.case is not None else set()
    for item in ctx.comparison.items:
        # drug lines are reported by DRL003/DRL004; other services only when the case lists any
        if item.difference * sign > 0 and (is_drug_admin(item.code) or item.code in listed):
            yield item


def _units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def _lines(ctx: Ctx, code: str) -> list[int]:
    return [r.n for r in ctx.rows if r.code == code]


@check(
    "CMP001",
    "missed-charge",
    severity="warning",
    summary="The documentation supports units of a code that the claim does not bill.",
    fix="Add the missing units if the documentation is complete; they are payable services.",
    sources=("§2", "§6", "§15"),
    needs_case=True,
)
def missed(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for item in _items(ctx, +1):
        lines = _lines(ctx, item.code)
        extra_time = item.code in _EXTRA_TIME
        yield Hit(
            lines,
            f"{item.code}: the documentation supports {_units(item.supported_units)}, the "
            f"claim bills {item.billed_units}; {item.difference} missed, {_money(item, ctx)}"
            + ("; possible under-coding of the documented time" if extra_time else ""),
            f"lines[{lines[0] - 1}].units" if lines else None,
            severity="info" if extra_time else None,
        )


@check(
    "CMP002",
    "over-billing",
    severity="error",
    summary="The claim bills more units of a code than the documented times and "
    "administrations support.",
    fix="Reduce the units to what the documentation supports, or complete the documentation "
    "if it is missing.",
    sources=("§2", "§18.7"),
    needs_case=True,
)
def over_billed(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for item in _items(ctx, -1):
        lines = _lines(ctx, item.code)
        yield Hit(
            lines,
            f"{item.code}: the claim bills {_units(item.billed_units)}, the documentation "
            f"supports {item.supported_units}; {-item.difference} over, {_money(item, ctx)}",
            f"lines[{lines[0] - 1}].units" if lines else "lines",
        )
