"""Shared helpers for the engine tests: build cases, code them, and compare billed totals.

What is billed for a code is the sum of its units per modifier set (case format v1), so the
tests compare those totals rather than line lists: the engine may split a code across several
lines (e.g. the extra hours of two sequential drugs, or the lines of two dates).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from infusion_coder.engine import code_case
from infusion_coder.models import CodingResult, Line

Key = tuple[str, tuple[str, ...]]
DISTINCT = frozenset({"59", "XE", "XS", "XP", "XU"})
DATE = "2026-03-02"


def key(code: str, modifiers: Iterable[str] = ()) -> Key:
    """The (code, sorted modifiers) key that totals are kept under."""
    return (code, tuple(sorted(modifiers)))


def totals(
    lines: Iterable[Line | dict[str, Any]], kinds: Iterable[str] | None = None
) -> Counter[Key]:
    """Units per (code, sorted modifiers) over lines of the given kinds (all kinds when None).

    Keys whose units sum to zero are dropped: a zero-unit line bills nothing.
    """
    wanted = set(kinds) if kinds is not None else None
    out: Counter[Key] = Counter()
    for ln in lines:
        d = ln.model_dump() if isinstance(ln, Line) else ln
        if wanted is not None and d.get("kind", "administration") not in wanted:
            continue
        out[key(d["code"], d.get("modifiers", []))] += int(d["units"])
    return Counter({k: v for k, v in out.items() if v})


def admin_totals(result: CodingResult) -> Counter[Key]:
    """Totals of the administration and service lines (drug lines left out)."""
    return totals(result.lines, ("administration", "service"))


def expect(*items: tuple[str, int] | tuple[str, int, Iterable[str]]) -> Counter[Key]:
    """Expected totals from ``("96365", 1)`` or ``("96372", 1, ["XU"])`` items."""
    out: Counter[Key] = Counter()
    for item in items:
        code, units = item[0], item[1]
        mods: Iterable[str] = item[2] if len(item) > 2 else ()
        out[key(code, mods)] += units
    return out


def adm(
    drug: str,
    category: str | None,
    route: str,
    start: str | None = None,
    stop: str | None = None,
    **kw: Any,
) -> dict[str, Any]:
    """One administration in case format v1 (only the given fields)."""
    d: dict[str, Any] = {"drug": drug, "route": route}
    if category is not None:
        d["category"] = category
    if start is not None:
        d["start"] = start
    if stop is not None:
        d["stop"] = stop
    d.update(kw)
    return d


def case(*adms: dict[str, Any], setting: str = "facility", **kw: Any) -> dict[str, Any]:
    """A case in format v1 on ``DATE`` with ids "1", "2", … in order."""
    administrations = [{"id": str(i), **a} for i, a in enumerate(adms, 1)]
    return {"setting": setting, "date": DATE, "administrations": administrations, **kw}


def describe(result: CodingResult) -> str:
    """Every line with its explanation, plus what was not billed and the warnings."""
    rows = [
        f"  {ln.code} x{ln.units} {ln.modifiers} {ln.kind}/{ln.role} {ln.date} "
        f"adm={ln.administrations} rules={ln.rules}: {ln.explanation}"
        for ln in result.lines
    ]
    rows += [
        f"  not billed {nb.administrations}{nb.services}: {nb.reason}" for nb in result.not_billed
    ]
    rows += [f"  warning {w.rule} {w.administrations}: {w.message}" for w in result.warnings]
    return "\n".join(rows) or "  (nothing)"


@pytest.fixture
def code() -> Callable[..., CodingResult]:
    """``code(case_dict, policy=None)`` → ``CodingResult``."""
    return code_case
