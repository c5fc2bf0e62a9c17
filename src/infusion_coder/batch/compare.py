"""What the documented administrations support vs what was billed, per encounter.

Aggregates units per code (and, for drug lines, per modifier set) on both sides; a positive
difference is a missed charge, a negative one over-billing. Each difference carries the national
Medicare payment estimate of one unit (fee schedule for a professional claim, OPPS for a facility
claim) when the code library has it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

INITIAL_CODES = {"96360", "96365", "96369", "96374", "96409", "96413", "96420", "96422"}


@lru_cache(maxsize=4096)
def unit_payment(code: str, setting: str) -> float | None:
    """National Medicare payment of one unit (None when the library has no figure)."""
    try:
        from infusion_coder import knowledge

        pay = knowledge.load().payment(code, setting)
    except Exception:
        return None
    # the same figure the claim checker prices with (edits.compare): PFS for professional
    # claims, OPPS for facility claims
    return None if pay is None or pay.amount is None else float(pay.amount)


@lru_cache(maxsize=4096)
def mue_value(code: str, setting: str) -> int | None:
    try:
        from infusion_coder import knowledge

        m = knowledge.load().mue(
            code, "practitioner" if setting == "professional" else "outpatient_hospital"
        )
    except Exception:
        return None
    return None if m is None else int(m.value)


def _key(line: dict[str, Any]) -> tuple[str, str]:
    code = str(line["code"])
    mods = line.get("modifiers") or []
    if isinstance(mods, str):
        mods = [m for m in mods.replace(";", ",").split(",") if m.strip()]
    keep = sorted(m.strip().upper() for m in mods if m.strip().upper() in ("JW", "JZ"))
    return code, ",".join(keep) if code[:1] in "JQ" else ""


def differences(
    coded: Iterable[dict[str, Any]], billed: Iterable[dict[str, Any]], setting: str
) -> list[dict[str, Any]]:
    """Per (code, drug modifiers): coded units, billed units, delta and dollars."""
    c: Counter[tuple[str, str]] = Counter()
    b: Counter[tuple[str, str]] = Counter()
    for ln in coded:
        c[_key(ln)] += int(ln["units"])
    for ln in billed:
        b[_key(ln)] += int(ln["units"])
    out = []
    for key in sorted(set(c) | set(b)):
        delta = c[key] - b[key]
        if delta == 0:
            continue
        price = unit_payment(key[0], setting)
        out.append(
            {
                "code": key[0],
                "modifiers": key[1],
                "coded_units": c[key],
                "billed_units": b[key],
                "delta_units": delta,
                "kind": "missed" if delta > 0 else "over_billed",
                "usd": round(abs(delta) * price, 2) if price is not None else None,
            }
        )
    return out


def detected_kinds(
    diffs: list[dict[str, Any]], billed: list[dict[str, Any]], setting: str
) -> set[str]:
    """Map differences to the error kinds the synthetic generator injects."""
    kinds: set[str] = set()
    for d in diffs:
        if d["kind"] == "missed" and d["code"] == "96415":
            kinds.add("unbilled_96415")
        elif d["kind"] == "missed" and d["code"] == "96417":
            kinds.add("missing_96417")
        elif d["kind"] == "over_billed" and d["code"] == "96361":
            kinds.add("hydration_concurrent")
        elif d["code"][:1] in "JQ" and d["modifiers"] != "":
            kinds.add("jw_jz_gap")
    over_mue = False
    for ln in billed:
        mue = mue_value(str(ln["code"]), setting)
        if mue is not None and int(ln["units"]) > mue:
            over_mue = True
            kinds.add("mue_overrun")
    if not over_mue and any(
        d["kind"] == "over_billed" and d["code"] in INITIAL_CODES for d in diffs
    ):
        kinds.add("extra_initial")
    return kinds
