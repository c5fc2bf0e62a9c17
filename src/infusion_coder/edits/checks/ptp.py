"""NCCI procedure-to-procedure pairs billed together on one date."""

from __future__ import annotations

from collections.abc import Iterator

from infusion_coder.edits._context import Ctx, Row
from infusion_coder.edits._lookup import DISTINCT
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check
from infusion_coder.knowledge import PtpEdit

_Key = tuple[tuple[str, str | None], ...]
_FOUND: dict[_Key, list[tuple[PtpEdit, int, int]]] = {}
"""NCCI pairs by the (code, date) sequence of a claim's non-drug lines: claims of a batch
repeat a few hundred such sequences, and the pairs depend on nothing else."""
_FOUND_LIB: list[object] = [None]
"""The library the cached pairs come from (a stand-in library in tests resets the cache)."""


def _pairs(ctx: Ctx) -> list[tuple[PtpEdit, Row, Row]]:
    """Each (edit, column-1 row, column-2 row) on one date, once per pair of lines."""
    found: list[tuple[PtpEdit, Row, Row]] | None = ctx.memo.get("ptp")
    if found is not None:
        return found
    rows = [r for r in ctx.rows if r.kind != "drug"]
    key = tuple([(r.code, r.date) for r in rows])
    where = _FOUND.get(key) if ctx.lib is _FOUND_LIB[0] else None
    if where is None:
        where = _find(ctx, rows)
        if ctx.lib is not _FOUND_LIB[0]:
            _FOUND.clear()
            _FOUND_LIB[0] = ctx.lib
        if len(_FOUND) > 8192:
            _FOUND.clear()
        _FOUND[key] = where
    found = ctx.memo["ptp"] = [(edit, rows[i], rows[j]) for edit, i, j in where]
    return found


def _find(ctx: Ctx, rows: list[Row]) -> list[tuple[PtpEdit, int, int]]:
    where: list[tuple[PtpEdit, int, int]] = []
    ptp = ctx.lib.ptp
    for i, a in enumerate(rows):
        for j in range(i + 1, len(rows)):
            b = rows[j]
            if a.code == b.code or a.date != b.date:
                continue
            edit = ptp(a.code, b.code)
            if edit is not None:
                where.append((edit, i, j))
                continue
            edit = ptp(b.code, a.code)
            if edit is not None:
                where.append((edit, j, i))
    return where


@check(
    "PTP001",
    "ncci-pair-never-bypassed",
    severity="error",
    summary="Two codes form an NCCI pair with modifier indicator 0: the column-2 code is never "
    "paid with the column-1 code on the same date.",
    fix="Remove the column-2 code (it is part of the column-1 service); no modifier can bypass "
    "this pair.",
    sources=("NCCI PTP", "§10"),
    tags=frozenset(["pair"]),
)
def ptp_never(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for edit, c1, c2 in _pairs(ctx):
        if edit.modifier_indicator == 0:
            yield Hit(
                [c1.n, c2.n],
                f"{c2.code} is not payable with {c1.code} on the same date (NCCI pair, "
                "modifier indicator 0: no modifier bypasses it)",
                f"lines[{c2.n - 1}].code",
            )


@check(
    "PTP002",
    "ncci-pair-without-modifier",
    severity="error",
    summary="Two codes form an NCCI pair with modifier indicator 1 and neither line carries a "
    "modifier that marks the services as distinct.",
    fix="If the services were distinct (different drug, site or encounter, documented), add 59 "
    "or XE/XS/XP/XU to the column-2 line (25 on an E/M); otherwise remove the column-2 code.",
    sources=("NCCI PTP", "§12", "S1", "§20"),
    tags=frozenset(["pair"]),
)
def ptp_without_modifier(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for edit, c1, c2 in _pairs(ctx):
        if edit.modifier_indicator != 1:
            continue
        bypass = DISTINCT | {"25"} if c2.kind == "em" else DISTINCT
        if (c1.modifiers | c2.modifiers) & bypass:
            continue
        yield Hit(
            [c1.n, c2.n],
            f"{c2.code} with {c1.code} on the same date is an NCCI pair (modifier indicator 1): "
            f"{c2.code} denies unless a modifier shows a distinct service",
            f"lines[{c2.n - 1}].modifiers",
        )
