"""What the engine needs from the drug catalogue: category, hormonal flag, billing unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_FLUID = re.compile(
    r"\b(normal saline|saline|ns|0\.9%? ?(sodium chloride|nacl)|sodium chloride|nacl|d5w|"
    r"d5 ?1/2 ?ns|d5ns|dextrose|lactated ringer'?s?|ringer'?s? lactate|lr|plasma-?lyte|"
    r"half normal saline|1/2 ?ns)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DrugFacts:
    hcpcs: str | None
    name: str
    category: str | None  # chemotherapy | therapeutic | hydration (engine categories)
    hormonal: bool
    unit_amount: float | None
    unit: str | None
    noc: bool = False
    opps_si: str | None = None  # OPPS status indicator: JW/JZ only for separately paid G/K


_NOC = {"J3490", "J3590", "J9999", "J7799", "J7999", "J8499", "J8999", "C9399"}


#: codes whose use is non-oncologic although the molecule is an anti-neoplastic (§8, S79):
#: leuprolide for IVF/endometriosis (J1950) is a therapeutic injection (96372), not 96402
NON_ONCOLOGY = {"J1950"}


def _from_entry(entry: object) -> DrugFacts:
    get = entry.__getattribute__
    cat = getattr(entry, "engine_category", None)
    unit = getattr(entry, "billing_unit", None)
    amount = getattr(entry, "billing_unit_amount", None)
    hcpcs = get("hcpcs")
    if hcpcs in NON_ONCOLOGY:
        cat = "therapeutic"
    return DrugFacts(
        hcpcs=hcpcs,
        name=getattr(entry, "generic_name", "") or "",
        category=cat,
        hormonal=bool(getattr(entry, "hormonal", False)) and hcpcs not in NON_ONCOLOGY,
        unit_amount=float(amount) if amount else None,
        unit=_unit_only(unit, amount),
        noc=hcpcs in _NOC,
        opps_si=getattr(getattr(entry, "opps", None), "si", None),
    )


def _unit_only(unit: str | None, amount: object) -> str | None:
    """'10 mg' → 'mg' (the library may give the amount inside the unit text)."""
    if not unit:
        return None
    text = unit.strip().lower()
    text = re.sub(r"^(per\s+|up\s+to\s+|to\s+)+", "", text)
    text = re.sub(r"^[\d.,]+\s*", "", text)
    text = text.split("(")[0].strip()
    return text or None


@lru_cache(maxsize=4096)
def lookup(name: str | None, hcpcs: str | None) -> DrugFacts | None:
    """Catalogue facts for a drug given by HCPCS code and/or free-text name."""
    try:
        from infusion_coder import knowledge

        lib = knowledge.load()
    except Exception:  # pragma: no cover - library not available
        lib = None
    if lib is not None:
        if hcpcs:
            try:
                return _from_entry(lib.drug(hcpcs.strip().upper()))
            except Exception:
                pass
        if name:
            found = lib.find_drug(name)
            if found is not None:
                facts = _from_entry(found)
                if hcpcs:  # the case's own code wins; keep the catalogue's category
                    return DrugFacts(
                        hcpcs.strip().upper(),
                        facts.name,
                        facts.category,
                        facts.hormonal,
                        None,
                        None,
                        hcpcs.strip().upper() in _NOC,
                    )
                return facts
    if name and _FLUID.search(name):
        return DrugFacts(hcpcs.upper() if hcpcs else None, name, "hydration", False, None, None)
    if hcpcs and hcpcs.strip().upper() in _NOC:
        return DrugFacts(hcpcs.strip().upper(), name or "", None, False, None, None, True)
    return None


def looks_like_fluid(name: str | None) -> bool:
    return bool(name and _FLUID.search(name))
