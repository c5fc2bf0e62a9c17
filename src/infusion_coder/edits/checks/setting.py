"""Setting rules (rulebook §11) and E/M next to drug administration (§18.13)."""

from __future__ import annotations

from collections.abc import Iterator

from infusion_coder.edits._context import Ctx
from infusion_coder.edits._lookup import FACILITY_POS, is_drug_admin
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check


def _facility_reported(code: str) -> bool:
    """96360–96379, 96401–96402, 96409–96425, 96521–96523 (rulebook §11)."""
    if not code.isdigit():
        return False
    n = int(code)
    return 96360 <= n <= 96379 or 96401 <= n <= 96402 or 96409 <= n <= 96425 or 96521 <= n <= 96523


@check(
    "FAC001",
    "facility-only-push-on-professional",
    severity="error",
    summary="96376 (repeat push of the same drug) is billed on a professional claim; it is "
    "facility-only.",
    fix="Remove 96376 from the professional claim; the drug units are still billed.",
    sources=("§18.9", "§11", "S55", "S72", "§20"),
    codes=frozenset({"96376"}),
)
def professional_96376(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if not ctx.professional:
        return
    for row in ctx.by_code("96376"):
        yield Hit([row.n], "96376 is facility-only (PFS status X)", f"lines[{row.n - 1}].code")


@check(
    "FAC002",
    "administration-in-facility-pos",
    severity="error",
    summary="A professional claim with a facility place of service carries an administration "
    "code that the facility reports.",
    fix="Remove the administration codes from the professional claim (the hospital bills "
    "them); keep the E/M or procedures the physician performed.",
    sources=("§18.12", "§11", "S71", "S7"),
    tags=frozenset(["fpos"]),
)
def professional_in_facility(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    pos = claim.place_of_service
    if not ctx.professional or pos not in FACILITY_POS:
        return
    for row in ctx.rows:
        if _facility_reported(row.code):
            yield Hit(
                [row.n],
                f"{row.code} on a professional claim in place of service {pos}: the facility "
                "reports this administration",
                f"lines[{row.n - 1}].code",
            )


@check(
    "EMV001",
    "99211-with-drug-administration",
    severity="error",
    summary="99211 is billed with drug administration on a Medicare claim.",
    fix="Remove 99211: Medicare does not pay it with a drug-administration service.",
    sources=("§18.13", "§11", "S16", "S101", "G17"),
    codes=frozenset({"99211"}),
)
def em_99211(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if not ctx.medicare:
        return
    for row in ctx.by_code("99211"):
        admin = [r.n for r in ctx.on_date(row) if is_drug_admin(r.code)]
        if admin:
            yield Hit(
                [row.n, *admin], "99211 with drug administration the same day",
                f"lines[{row.n - 1}].code",
            )  # fmt: skip


@check(
    "EMV002",
    "em-without-25",
    severity="warning",
    summary="An E/M visit is billed with drug administration the same day without modifier 25.",
    fix="If a significant, separately identifiable evaluation is documented, add 25 to the E/M; "
    "otherwise remove the E/M (a pre-treatment check is part of the administration).",
    sources=("§18.13", "§11", "S9", "S17"),
    tags=frozenset(["em"]),
)
def em_without_25(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        if row.kind != "em" or "25" in row.modifiers:
            continue
        if row.code == "99211" and ctx.medicare:
            continue  # EMV001: Medicare never pays 99211 with drug administration
        if any(is_drug_admin(r.code) for r in ctx.on_date(row)):
            yield Hit(
                [row.n],
                f"E/M {row.code} with drug administration the same day has no modifier 25",
                f"lines[{row.n - 1}].modifiers",
            )


@check(
    "EMV003",
    "25-on-non-em",
    severity="error",
    summary="Modifier 25 is on a line that is not an E/M visit.",
    fix="Move modifier 25 to the E/M line, or remove it.",
    sources=("§12", "S17"),
    tags=frozenset(["modifiers"]),
)
def modifier_25_misplaced(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for row in ctx.rows:
        if "25" in row.modifiers and row.kind != "em":
            yield Hit(
                [row.n], f"modifier 25 on {row.code}, which is not an E/M visit",
                f"lines[{row.n - 1}].modifiers",
            )  # fmt: skip


@check(
    "EMV004",
    "25-without-separate-evaluation",
    severity="warning",
    summary="An E/M visit carries modifier 25, but the case does not document a separately "
    "identifiable evaluation.",
    fix="Document the significant, separately identifiable evaluation (beyond the "
    "pre-administration check), or remove the E/M.",
    sources=("§18.13", "§14", "S9", "S17"),
    needs_case=True,
    tags=frozenset(["em", "modifiers"]),
)
def em_25_undocumented(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if ctx.case is None:
        return
    documented = {s.code.strip().upper() for s in ctx.case.services if s.separately_identifiable}
    for row in ctx.rows:
        if row.kind == "em" and "25" in row.modifiers and row.code not in documented:
            yield Hit(
                [row.n],
                f"E/M {row.code} carries 25, but the case shows no separately identifiable "
                "evaluation for it",
                f"lines[{row.n - 1}].modifiers",
            )
