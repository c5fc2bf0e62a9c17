"""Drug (HCPCS) lines: JW/JZ and units (rulebook §12–§13, §18.16–17)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from infusion_coder.edits._context import Ctx, Row
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check

_SEPARATELY_PAID_SI = frozenset({"G", "K"})


def _drug_rows(ctx: Ctx) -> dict[tuple[str, str | None], list[Row]]:
    """The drug rows per (code, date), computed once per claim."""
    groups: dict[tuple[str, str | None], list[Row]] | None = ctx.memo.get("drugs")
    if groups is None:
        groups = ctx.memo["drugs"] = defaultdict(list)
        for row in ctx.rows:
            if row.kind == "drug":
                groups[row.code, row.date].append(row)
    return groups


def _single_dose(ctx: Ctx, row: Row) -> bool:
    """From the case when given (the documented container), else the drug catalogue."""
    if ctx.case is not None and ctx.coded is not None:
        ids = {a for ln in ctx.coded.lines if ln.code == row.code for a in ln.administrations}
        by_id = {a.id: a for a in ctx.case.administrations}
        return any(by_id[i].single_dose_container for i in ids if i in by_id)
    return row.f.single_dose_typical


def _separately_paid(ctx: Ctx, row: Row) -> bool:
    if ctx.professional or not row.f.is_drug:
        return True
    return row.f.opps_si is None or row.f.opps_si in _SEPARATELY_PAID_SI


@check(
    "DRL001",
    "jw-jz-missing",
    severity="error",
    summary="A separately payable drug from a single-dose container is billed to Medicare "
    "without JW or JZ.",
    fix="Add JZ to the drug line when nothing was discarded; otherwise add a second line with "
    "the discarded units and JW.",
    sources=("§18.16", "§12", "S13", "S83", "S84"),
    tags=frozenset(["drug"]),
)
def jw_jz_missing(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if not ctx.medicare:
        return
    for (code, _), rows in _drug_rows(ctx).items():
        if any(r.modifiers & {"JW", "JZ"} for r in rows):
            continue
        if _single_dose(ctx, rows[0]) and _separately_paid(ctx, rows[0]):
            yield Hit(
                [r.n for r in rows],
                f"{code} is from a single-dose container and has neither JW nor JZ; Medicare "
                "returns the claim as unprocessable",
                f"lines[{rows[0].n - 1}].modifiers",
            )


@check(
    "DRL002",
    "jw-and-jz-together",
    severity="error",
    summary="JW and JZ are both reported for one drug (on one line, or a JW line next to the "
    "drug's only administered line, which carries JZ).",
    fix="Use JZ only when nothing was discarded; when some was, put the discarded units on "
    "their own JW line and no JZ.",
    sources=("§18.16", "§12", "S86"),
    tags=frozenset(["drug", "jwjz"]),
)
def jw_and_jz(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for (code, _), rows in _drug_rows(ctx).items():
        both = [r for r in rows if {"JW", "JZ"} <= r.modifiers]
        for r in both:
            yield Hit([r.n], f"{code} has both JW and JZ", f"lines[{r.n - 1}].modifiers")
        jz = [r for r in rows if "JZ" in r.modifiers and r not in both]
        jw = [r for r in rows if "JW" in r.modifiers and r not in both]
        plain = [r for r in rows if not r.modifiers & {"JW", "JZ"}]
        if jz and jw and not plain:
            yield Hit(
                [r.n for r in jz + jw],
                f"{code} has a JZ line (nothing discarded) and a JW line (discarded units)",
                f"lines[{jz[0].n - 1}].modifiers",
            )


def _supported(ctx: Ctx, code: str, date: str | None) -> tuple[int, int]:
    """Administered and discarded (JW) units the documentation supports for ``code``."""
    given = wasted = 0
    assert ctx.coded is not None
    for ln in ctx.coded.lines:
        if ln.code != code or ln.kind != "drug":
            continue
        if date is not None and ln.date is not None and ln.date != date:
            continue
        if "JW" in ln.modifiers:
            wasted += ln.units
        else:
            given += ln.units
    return given, wasted


@check(
    "DRL003",
    "jw-units-inconsistent",
    severity="error",
    summary="A JW (discarded) line does not fit: no administered line of the drug, or units "
    "other than the documented discarded amount supports.",
    fix="Bill JW units = (dose + discarded, rounded up) − (dose, rounded up); when the billed "
    "units already cover the vial, bill JZ and no JW line.",
    sources=("§18.16", "§12", "S10"),
    tags=frozenset(["drug", "jw"]),
)
def jw_units(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    for (code, date), rows in _drug_rows(ctx).items():
        jw = [r for r in rows if "JW" in r.modifiers and "JZ" not in r.modifiers]
        if not jw:
            continue
        given = [r for r in rows if "JW" not in r.modifiers]
        if not given:
            yield Hit(
                [r.n for r in jw],
                f"{code} has a JW line but no line for the amount given",
                f"lines[{jw[0].n - 1}].modifiers",
            )
            continue
        if ctx.coded is None:
            continue
        billed = sum(r.units for r in jw)
        _, supported = _supported(ctx, code, date)
        if billed != supported:
            yield Hit(
                [r.n for r in jw],
                f"{code}: {billed} JW units billed, the documented discarded amount supports "
                f"{supported}",
                f"lines[{jw[0].n - 1}].units",
            )


@check(
    "DRL004",
    "drug-units-vs-dose",
    severity="warning",
    summary="A drug line's units differ from the documented dose divided by the HCPCS unit, "
    "rounded up.",
    fix="Bill units = dose ÷ HCPCS billing unit, rounded up to a whole unit (1 at least).",
    sources=("§18.17", "§13"),
    needs_case=True,
    tags=frozenset(["drug"]),
)
def drug_units(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if ctx.coded is None:
        return
    for (code, date), rows in _drug_rows(ctx).items():
        given = [r for r in rows if "JW" not in r.modifiers]
        if not given:
            continue
        supported, _ = _supported(ctx, code, date)
        billed = sum(r.units for r in given)
        if supported and billed != supported:
            yield Hit(
                [r.n for r in given],
                f"{code}: {billed} units billed, the documented dose supports {supported}",
                f"lines[{given[0].n - 1}].units",
            )


_NON_CHEMO_DRUGS = frozenset({"supportive", "hydration"})
"""Drug categories that never make an administration chemotherapy (anti-emetics, ESAs,
leucovorin, bisphosphonates, fluids: rulebook §1 D4, §18.15)."""


def _chemo_admin(code: str) -> bool:
    """96401–96549 except the pump and port maintenance codes (96521–96523)."""
    return (
        code.isdigit() and 96401 <= int(code) <= 96549 and code not in ("96521", "96522", "96523")
    )


def _case_has_chemo(ctx: Ctx) -> bool:
    return ctx.case is not None and any(
        a.category == "chemotherapy" for a in ctx.case.administrations
    )


@check(
    "DRL005",
    "chemo-code-with-non-chemo-drugs",
    severity="error",
    summary="Chemotherapy administration (96401–96549) is billed and every drug on the claim is "
    "a non-chemotherapy drug (anti-emetic, ESA, leucovorin, bisphosphonate, fluid).",
    fix="Code the administration of these drugs with the therapeutic codes (96365–96379), or "
    "add the chemotherapy drug line that is missing.",
    sources=("§18.15", "§1 D4", "S17", "S26"),
    tags=frozenset(["drug", "chemo"]),
)
def chemo_code_non_chemo_drugs(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    admin = [r for r in ctx.rows if _chemo_admin(r.code)]
    drugs = [r for r in ctx.rows if r.kind == "drug"]
    if not admin or not drugs or _case_has_chemo(ctx):
        return
    if all(r.f.is_drug and r.f.drug_category in _NON_CHEMO_DRUGS for r in drugs):
        yield Hit(
            [r.n for r in admin],
            f"{', '.join(r.code for r in admin)} billed, but the claim's drugs "
            f"({', '.join(sorted({r.code for r in drugs}))}) are not chemotherapy",
            f"lines[{admin[0].n - 1}].code",
        )


@check(
    "DRL006",
    "chemo-drug-with-therapeutic-codes",
    severity="warning",
    summary="A chemotherapy drug is billed and the only administration codes are the "
    "therapeutic/hydration codes (96360–96379).",
    fix="Code the chemotherapy drug's administration with 96401–96549 (96409/96413 and their "
    "add-ons), unless the record shows it was not given as chemotherapy.",
    sources=("§18.15", "§8", "S17"),
    tags=frozenset(["drug", "chemodrug"]),
)
def chemo_drug_therapeutic_codes(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    chemo = [r for r in ctx.rows if r.kind == "drug" and r.f.drug_category == "chemotherapy"]
    if not chemo or any(_chemo_admin(r.code) for r in ctx.rows):
        return
    tpd = [r for r in ctx.rows if r.code.isdigit() and 96360 <= int(r.code) <= 96379]
    if not tpd or (ctx.case is not None and not _case_has_chemo(ctx)):
        return
    yield Hit(
        sorted([r.n for r in chemo] + [r.n for r in tpd]),
        f"chemotherapy drug {', '.join(sorted({r.code for r in chemo}))} with only "
        f"therapeutic administration codes ({', '.join(r.code for r in tpd)})",
        f"lines[{tpd[0].n - 1}].code",
    )
