"""Services included in drug administration the same day (rulebook §10, §18.14)."""

from __future__ import annotations

from collections.abc import Iterator

from infusion_coder.edits._context import Ctx
from infusion_coder.edits._lookup import CPT_SHAPE, is_injection_infusion
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check

_DRAWS = ("36591", "36592")
_COLLECTION = frozenset({"36415", "36416"})
"""Specimen collection by venipuncture or capillary puncture: laboratory-side, not a
separate non-laboratory service for BND002."""


def _non_lab(code: str, kind: str) -> bool:
    """A service that is not a laboratory test (80000–89999, PLA ``####U``) or a drug line."""
    if kind in ("procedure", "em"):
        return not code.startswith("8")
    if kind != "other" or not CPT_SHAPE.match(code) or code in _COLLECTION:
        return False
    return not (code.startswith("8") or code.endswith("U"))


@check(
    "BND001",
    "port-flush-with-infusion",
    severity="error",
    summary="96523 (port or catheter irrigation) is billed with another injection or infusion "
    "the same day.",
    fix="Remove 96523: flushing the access is part of the injection or infusion.",
    sources=("§18.14", "§9", "S70", "S95"),
    codes=frozenset({"96523"}),
)
def flush_with_infusion(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.by_code("96523"):
        others = [r.n for r in ctx.on_date(row) if is_injection_infusion(r.code)]
        if others:
            yield Hit(
                [row.n, *others],
                "96523 with another injection or infusion the same day",
                f"lines[{row.n - 1}].code",
            )


@check(
    "BND002",
    "blood-draw-with-other-services",
    severity="error",
    summary="36591/36592 (blood draw from a device or catheter) is billed with a non-laboratory "
    "service the same day.",
    fix="Remove 36591/36592: the draw is included in the other service; bill only the "
    "laboratory tests with it.",
    sources=("§18.14", "§10", "S96"),
    codes=frozenset({"36591", "36592"}),
)
def draw_with_services(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.by_code(*_DRAWS):
        others = [
            r.n for r in ctx.on_date(row) if r.code not in _DRAWS and _non_lab(r.code, r.kind)
        ]
        if others:
            yield Hit(
                [row.n, *others],
                f"{row.code} with another non-laboratory service the same day",
                f"lines[{row.n - 1}].code",
            )
