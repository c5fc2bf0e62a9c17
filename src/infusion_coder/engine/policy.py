"""Named policy options for the questions the sources leave open (rulebook §16 G-list, §21 P-list).

Every option has a documented default; the coding result lists the options in force
(``CodingResult.policy``) so that any result can be reproduced.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from infusion_coder.errors import ConfigError

#: option -> (default, allowed values, rulebook keys, one-line meaning)
OPTIONS: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    "repeat_same_drug": (
        "separate",
        ("separate", "sum"),
        "G3, P14",
        "separate: a later separate infusion of the same drug (31+ min) earns additional hours "
        "from its own time; sum: the intervals' minutes are added together",
    ),
    "short_hydration_runs": (
        "separate",
        ("separate", "sum"),
        "G4",
        "separate: hydration runs are evaluated one by one (30 min or less never billed); "
        "sum: the minutes of separate runs are added",
    ),
    "midnight_units": (
        "split_by_date",
        ("split_by_date", "start_date"),
        "G6, T8",
        "split_by_date: each unit on the date its threshold was crossed; start_date: all units "
        "on the start date",
    ),
    "initial_scope": (
        "encounter",
        ("encounter", "calendar_day"),
        "G5, E4",
        "encounter: one initial per encounter and access site across dates (Medicare); "
        "calendar_day: the hierarchy restarts each date (CPT)",
    ),
    "concurrent_overlap": (
        "p7",
        ("p7", "any_overlap"),
        "P7, G7",
        "p7: concurrent when the overlap is 16+ minutes and covers half the shorter infusion; "
        "any_overlap: any overlap from separate bags is concurrent",
    ),
    "split_dose_injections": (
        "one_unit",
        ("one_unit", "per_injection"),
        "G10",
        "one_unit: one dose split into injections at the same time is one unit; "
        "per_injection: each injection is a unit",
    ),
    "distinct_modifier": (
        "59",
        ("59", "x_modifiers"),
        "P11, G16",
        "59: modifier 59 on a second initial service and on the column-2 code of an NCCI pair "
        "(what the published answers and most payers use); x_modifiers: XE for a separate "
        "encounter, XS for a separate site, XU otherwise (CMS's more specific modifiers)",
    ),
    "labeled_hydration": (
        "allow",
        ("allow", "integral"),
        "G2",
        "allow: medically necessary hydration around chemotherapy is billable; integral: "
        "hydration in a chemotherapy encounter is part of the drug (Noridian JE)",
    ),
    "jz_scope": (
        "medicare_only",
        ("medicare_only", "always"),
        "P5",
        "medicare_only: JZ on Medicare claims only (JW for every payer); always: JZ for all payers",
    ),
}


@dataclass(frozen=True, slots=True)
class Policy:
    """The policy options in force for one coding run."""

    repeat_same_drug: str = "separate"
    short_hydration_runs: str = "separate"
    midnight_units: str = "split_by_date"
    initial_scope: str = "encounter"
    concurrent_overlap: str = "p7"
    split_dose_injections: str = "one_unit"
    distinct_modifier: str = "59"
    labeled_hydration: str = "allow"
    jz_scope: str = "medicare_only"

    @classmethod
    def from_any(cls, value: Policy | dict[str, Any] | None) -> Policy:
        """Build a policy from a dict of option names (unknown names or values are errors)."""
        if value is None:
            return DEFAULT_POLICY
        if isinstance(value, Policy):
            return value
        if not isinstance(value, dict):
            raise ConfigError("policy must be an object of option names", field="policy")
        for key, val in value.items():
            if key not in OPTIONS:
                raise ConfigError(
                    f"unknown policy option {key!r}; known: {', '.join(sorted(OPTIONS))}",
                    field=f"policy.{key}",
                )
            allowed = OPTIONS[key][1]
            if val not in allowed:
                raise ConfigError(
                    f"policy option {key} must be one of {', '.join(allowed)}",
                    field=f"policy.{key}",
                )
        return cls(**value)

    def as_dict(self) -> dict[str, str]:
        return dict(_items(self))


@lru_cache(maxsize=64)
def _items(policy: Policy) -> tuple[tuple[str, str], ...]:
    """The options of a policy in declaration order (cached: one per coded case, issue #3)."""
    return tuple((f.name, getattr(policy, f.name)) for f in fields(policy))


DEFAULT_POLICY = Policy()


def parse_options(items: list[str] | None) -> dict[str, str] | None:
    """``["initial_scope=calendar_day"]`` → ``{"initial_scope": "calendar_day"}`` (None when
    empty); the names and values are checked by ``Policy.from_any``."""
    if not items:
        return None
    options: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"a policy option is NAME=VALUE, got {item!r}", field="policy")
        options[name.strip()] = value.strip()
    return options
