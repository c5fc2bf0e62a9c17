"""The claim compared with what the documented administrations support.

The case is coded with the case coder (``engine.code_case``); billed and supported units are
summed per code (and JW for discarded drug) over the claim, and each difference is priced at
the national Medicare payment of one unit: the physician fee schedule (non-facility amount)
for a professional claim, the OPPS national rate for a facility claim. Both are national
estimates: local payment is adjusted by locality/wage index, and packaged OPPS codes pay
nothing on their own.
"""

from __future__ import annotations

from collections import Counter

from infusion_coder.edits._context import Ctx
from infusion_coder.edits.models import Comparison, ComparisonItem
from infusion_coder.models import CodingResult

PFS_BASIS = "Medicare physician fee schedule, national non-facility amount (estimate)"
OPPS_BASIS = "Medicare OPPS national payment rate (estimate)"


def _key(code: str, modifiers: frozenset[str] | list[str]) -> tuple[str, str]:
    return code.strip().upper(), "JW" if "JW" in modifiers else ""


def compare(ctx: Ctx, coded: CodingResult) -> Comparison:
    """Billed vs supported units per code, with the payment difference of each."""
    billed: Counter[tuple[str, str]] = Counter()
    for row in ctx.rows:
        billed[_key(row.code, row.modifiers)] += row.units
    supported: Counter[tuple[str, str]] = Counter()
    for ln in coded.lines:
        supported[_key(ln.code, ln.modifiers)] += ln.units
    items = []
    missed = over = 0.0
    for code, mod in sorted(set(billed) | set(supported)):
        diff = supported[code, mod] - billed[code, mod]
        if diff == 0:
            continue
        pay = ctx.lib.payment(code, ctx.claim.setting)
        unit = pay.amount if pay is not None else None
        amount = round(diff * unit, 2) if unit is not None else None
        note = ""
        if pay is None:
            note = "no national payment for this code in this setting (packaged or not priced)"
        items.append(
            ComparisonItem(
                code=code,
                modifier=mod,
                billed_units=billed[code, mod],
                supported_units=supported[code, mod],
                difference=diff,
                unit_payment=unit,
                amount=amount,
                note=note,
            )
        )
        if amount is not None:
            if amount > 0:
                missed += amount
            else:
                over -= amount
    return Comparison(
        payment_basis=PFS_BASIS if ctx.professional else OPPS_BASIS,
        items=items,
        missed_amount=round(missed, 2),
        overbilled_amount=round(over, 2),
        net_amount=round(missed - over, 2),
    )
