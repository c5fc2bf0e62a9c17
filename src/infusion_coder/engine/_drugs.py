"""HCPCS drug lines: units, JW and JZ (rules DRG*, rulebook §12–§13)."""

from __future__ import annotations

import math
from functools import lru_cache

from infusion_coder.engine._context import Adm, Ctx

# unit -> (dimension, factor to the dimension's base)
_UNITS: dict[str, tuple[str, float]] = {
    "mcg": ("mass", 0.001),
    "microgram": ("mass", 0.001),
    "micrograms": ("mass", 0.001),
    "ug": ("mass", 0.001),
    "µg": ("mass", 0.001),
    "mg": ("mass", 1.0),
    "milligram": ("mass", 1.0),
    "milligrams": ("mass", 1.0),
    "g": ("mass", 1000.0),
    "gm": ("mass", 1000.0),
    "gram": ("mass", 1000.0),
    "grams": ("mass", 1000.0),
    "ml": ("volume", 1.0),
    "cc": ("volume", 1.0),
    "l": ("volume", 1000.0),
    "liter": ("volume", 1000.0),
    "litre": ("volume", 1000.0),
    "unit": ("units", 1.0),
    "units": ("units", 1.0),
    "u": ("units", 1.0),
    "iu": ("units", 1.0),
    "meq": ("meq", 1.0),
    "mmol": ("mmol", 1.0),
}


def _convert(amount: float, unit: str, to_unit: str) -> float | None:
    a = _UNITS.get(unit.strip().lower())
    b = _UNITS.get(to_unit.strip().lower())
    if a is None or b is None or a[0] != b[0]:
        return None
    return amount * a[1] / b[1]


def _units(amount_in_unit: float) -> int:
    # tolerate floating error (e.g. 0.1 + 0.2) before rounding up
    return max(1, math.ceil(round(amount_in_unit, 6)))


@lru_cache(maxsize=8192)
def _dose_units(
    drug: str, amount: float, unit: str, per: float, per_unit: str
) -> tuple[float, int, str] | None:
    """The dose in billing units: (amount in the billing unit, units, explanation), or None
    when the units cannot be converted. Cached: the same drug and dose recur (issue #3)."""
    given = _convert(amount, unit, per_unit)
    if given is None:
        return None
    n = _units(given / per)
    why = (
        f"{drug}: {amount:g} {unit} ÷ {per:g} {per_unit} per unit = {given / per:.4g} → "
        f"{n} unit{'s' if n != 1 else ''} (rounded up)"
    )
    return given, n, why


def code_drugs(ctx: Ctx, adms: list[Adm]) -> None:
    for a in adms:
        _drug_line(ctx, a)


def _drug_line(ctx: Ctx, a: Adm) -> None:
    src = a.src
    if a.route in ("port_flush", "pump_refill") and not src.dose:
        return
    if a.purpose in ("kvo", "carrier", "flush") and not src.hcpcs:
        return
    hcpcs = a.hcpcs
    inferred = not src.hcpcs
    date = ctx.date_of(a.start)
    if inferred and a.category == "hydration":
        return  # fluid codes depend on the bag size: only a documented HCPCS is billed
    if not hcpcs:
        if a.category != "hydration" and a.route not in ("oral", "topical"):
            ctx.warn(
                "DRG005",
                f"Administration {a.id} ({a.drug}): no HCPCS code known for the "
                "drug; add the drug line by hand.",
                [a.id],
            )
        return
    facts = a.facts
    if facts is not None and facts.noc:
        wasted = bool(
            src.single_dose_container and src.discarded and src.discarded.amount > 0
        ) and not _packaged(ctx, a)
        ctx.line(
            hcpcs,
            1,
            "drug",
            "drug",
            [a.id],
            ["DRG001"],
            f"{a.drug}: not-otherwise-classified code, 1 unit (NDC, name and dose go in the "
            "claim narrative)",
            [] if wasted else _jz_mods(ctx, a, 0),
            date,
        )
        if wasted:
            ctx.line(
                hcpcs,
                1,
                "drug",
                "drug_wasted",
                [a.id],
                ["DRG002"],
                f"{a.drug}: amount discarded from the single-dose container, reported on its "
                "own JW line (the amount goes in the narrative)",
                ["JW"],
                date,
            )
        if src.single_dose_container:
            ctx.warn(
                "DRG003",
                f"Administration {a.id}: {hcpcs} is a not-otherwise-classified "
                "code; JW/JZ applied as for any single-dose drug, but the payer may price "
                "it by invoice (policy P4).",
                [a.id],
            )
        return
    dose = src.dose
    amount: float | None = None
    unit: str | None = None
    if dose is not None:
        amount, unit = dose.amount, dose.unit
    elif a.category == "hydration" and src.volume_ml:
        amount, unit = src.volume_ml, "mL"
    if amount is None or unit is None:
        ctx.warn(
            "DRG005",
            f"Administration {a.id} ({a.drug}): no dose documented, so the units "
            f"of {hcpcs} cannot be computed.",
            [a.id],
        )
        return
    per = facts.unit_amount if facts else None
    per_unit = facts.unit if facts else None
    if not per or not per_unit:
        ctx.warn(
            "DRG005",
            f"Administration {a.id}: the billing unit of {hcpcs} is not in the "
            "catalogue; compute the units by hand.",
            [a.id],
        )
        return
    # -0.0 == 0.0 share a cache entry but print differently ("-0"), so zero is not cached
    dose_units = _dose_units if amount else _dose_units.__wrapped__
    dosed = dose_units(a.drug, amount, unit, per, per_unit)
    if dosed is None:
        ctx.warn(
            "DRG005",
            f"Administration {a.id}: the dose unit '{unit}' cannot be converted to "
            f"the billing unit of {hcpcs} ({per:g} {per_unit}).",
            [a.id],
        )
        return
    given, n, why = dosed
    if inferred:
        why += f"; {hcpcs} found in the drug catalogue by name (confirm the code)"
    waste_units = 0
    discarded = src.discarded
    sdv = bool(src.single_dose_container) and not _packaged(ctx, a)
    if sdv and discarded is not None and discarded.amount > 0:
        d = _convert(discarded.amount, discarded.unit, per_unit)
        if d is None:
            ctx.warn(
                "DRG002",
                f"Administration {a.id}: discarded amount unit cannot be "
                "converted; JW line not computed.",
                [a.id],
            )
        else:
            total = math.ceil(round((given + d) / per, 6))
            waste_units = max(0, total - n)
    elif not sdv and discarded is not None and discarded.amount > 0:
        ctx.warn(
            "DRG002",
            f"Administration {a.id}: a discarded amount is documented but the "
            "container is not marked single-dose; JW applies to single-dose containers "
            "only.",
            [a.id],
        )
    rules = ["DRG001"]
    mods = _jz_mods(ctx, a, waste_units)
    if mods == ["JZ"]:
        rules.append("DRG003" if not (discarded and discarded.amount > 0) else "DRG004")
        why += (
            "; nothing discarded from the single-dose container → JZ"
            if "DRG003" in rules
            else "; the rounded-up units already cover the discarded amount → JZ, no JW line"
        )
    ctx.line(hcpcs, n, "drug", "drug", [a.id], rules, why, mods, date)
    if waste_units:
        ctx.line(
            hcpcs,
            waste_units,
            "drug",
            "drug_wasted",
            [a.id],
            ["DRG002"],
            f"{a.drug}: {discarded.amount:g} {discarded.unit} discarded from the single-dose "  # type: ignore[union-attr]
            f"container → {waste_units} unit{'s' if waste_units != 1 else ''} with JW",
            ["JW"],
            date,
        )
    if sdv and discarded is None and mods == ["JZ"]:
        ctx.warn(
            "DRG003",
            f"Administration {a.id}: single-dose container with no discarded "
            "amount documented; JZ assumes nothing was discarded.",
            [a.id],
        )


def _packaged(ctx: Ctx, a: Adm) -> bool:
    """§12: JW/JZ are for separately payable drugs; under OPPS only status G or K drugs."""
    si = a.facts.opps_si if a.facts else None
    return ctx.facility and si is not None and si not in ("G", "K")


def _jz_mods(ctx: Ctx, a: Adm, waste_units: int) -> list[str]:
    if not a.src.single_dose_container or waste_units or _packaged(ctx, a):
        return []
    if ctx.medicare or ctx.policy.jz_scope == "always":
        return ["JZ"]
    return []
