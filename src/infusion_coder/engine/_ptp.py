"""NCCI procedure-to-procedure pairs among the lines the engine produced (rule MOD001).

When two administration lines of one date form an active NCCI pair whose modifier indicator
is 1, and they are distinct services (a different drug, injection or access), the column-2
code carries a distinct-service modifier (59 by default; XE/XS/XU with the x_modifiers
policy). Indicator 0 pairs can never be split: the column-2 line is flagged.
"""

from __future__ import annotations

from functools import lru_cache

from infusion_coder.engine._context import Ctx

DISTINCT = {"59", "XE", "XS", "XP", "XU"}


@lru_cache(maxsize=8192)
def _pair(col1: str, col2: str) -> tuple[int, str] | None:
    try:
        from infusion_coder import knowledge

        edit = knowledge.load().ptp(col1, col2)
    except Exception:  # pragma: no cover - library not packaged
        return None
    if edit is None:
        return None
    return int(edit.modifier_indicator), str(getattr(edit, "rationale", "") or "")


Pairs = dict[tuple[str, str], tuple[int, str] | None]


@lru_cache(maxsize=4096)
def _pairs_among(codes: frozenset[str]) -> tuple[Pairs, frozenset[str]]:
    """Every ordered pair of distinct codes with its NCCI edit (or None), and the codes that
    are column 2 of some edit: only those lines need the pair scan. Cached by code set (the
    same few sets recur, issue #3); callers must not change the returned dict."""
    pairs = {(c1, c2): _pair(c1, c2) for c1 in codes for c2 in codes if c1 != c2}
    return pairs, frozenset(c2 for (_, c2), pair in pairs.items() if pair is not None)


def _modifier(ctx: Ctx, ids1: list[str], ids2: list[str]) -> str:
    """59, or under x_modifiers XE (separate encounter), XS (separate access), XU otherwise."""
    if ctx.policy.distinct_modifier != "x_modifiers":
        return "59"
    a = {ctx.access.get(i, (0, 0)) for i in ids1}
    b = {ctx.access.get(i, (0, 0)) for i in ids2}
    if {e for e, _ in a}.isdisjoint({e for e, _ in b}):
        return "XE"
    if all(g >= 0 for _, g in a | b) and a.isdisjoint(b):
        return "XS"
    return "XU"


def apply_ncci_pairs(ctx: Ctx) -> None:
    admin = [ln for ln in ctx.lines if ln.kind == "administration"]
    if len(admin) < 2:
        return
    pairs, column2 = _pairs_among(frozenset(ln.code for ln in admin))
    for ln2 in admin:
        if ln2.code not in column2 or DISTINCT.intersection(ln2.modifiers):
            continue
        for ln1 in admin:
            if ln1 is ln2 or ln1.code == ln2.code or ln1.date != ln2.date:
                continue
            pair = pairs[(ln1.code, ln2.code)]
            if pair is None or not set(ln1.administrations).isdisjoint(ln2.administrations):
                continue
            indicator, _rationale = pair
            if indicator == 1:
                mod = _modifier(ctx, ln1.administrations, ln2.administrations)
                ln2.modifiers = [*ln2.modifiers, mod]
                ln2.rules = [*ln2.rules, "MOD001"]
                ln2.explanation += (
                    f"; NCCI pairs {ln1.code} (column 1) with {ln2.code} and allows a distinct "
                    f"service modifier, so {mod} is appended (a separate drug/injection)"
                )
                break
            if indicator == 0:
                ctx.warn(
                    "MOD001",
                    f"NCCI pairs {ln1.code} with {ln2.code} (modifier indicator 0: never billed "
                    f"together); review {ln2.code}.",
                    ln2.administrations,
                )
                break
