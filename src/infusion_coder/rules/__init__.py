"""The rule catalogue: every coding rule as a small record with a stable id.

``catalog()`` returns all rules; ``get(rule_id)`` one of them (``UnknownCode`` otherwise).
Rule ids never change meaning and are never reused; the engine cites them on every line.
"""

from __future__ import annotations

from infusion_coder.rules._catalog import RULES
from infusion_coder.rules.model import Rule

__all__ = ["Rule", "catalog", "families", "get"]


def catalog(family: str | None = None) -> list[Rule]:
    """All rules (optionally of one family), sorted by id."""
    rules = sorted(RULES.values(), key=lambda r: r.id)
    if family:
        rules = [r for r in rules if r.family == family.lower()]
    return rules


def families() -> list[str]:
    return sorted({r.family for r in RULES.values()})


def get(rule_id: str) -> Rule:
    from infusion_coder.errors import UnknownCode

    rule = RULES.get(rule_id.strip().upper())
    if rule is None:
        raise UnknownCode(f"unknown rule id {rule_id!r}", field="rule")
    return rule
