"""Internal records shared by the engine modules: normalized administrations and the result
being built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from infusion_coder.engine._catalog import DrugFacts
from infusion_coder.engine._time import Segment, minute_to_date
from infusion_coder.engine.policy import Policy
from infusion_coder.models import Administration, Case

LineKind = Literal["administration", "drug", "service"]

CAT_RANK = {"chemotherapy": 3, "therapeutic": 2, "hydration": 1}
METHOD_RANK = {"infusion": 2, "push": 1}
FACILITY_POS = {
    "19",
    "21",
    "22",
    "23",
    "24",
    "26",
    "31",
    "34",
    "41",
    "42",
    "51",
    "52",
    "53",
    "56",
    "61",
}


@dataclass(slots=True)
class Adm:
    """One administration after reading: times in minutes, category resolved."""

    src: Administration
    id: str
    drug: str
    key: str
    hcpcs: str | None
    category: str
    hormonal: bool
    route: str
    start: int | None
    stop: int | None
    segments: list[Segment]
    minutes: int
    site: str | None
    separate_site: bool
    encounter: int
    bag: str | None
    purpose: str | None
    facts: DrugFacts | None


@dataclass(slots=True)
class Svc:
    """One IV administration service: one administration, or one bag of several."""

    adms: list[Adm]
    category: str
    method: str  # "infusion" | "push"
    start: int | None
    stop: int | None
    segments: list[Segment]
    minutes: int
    keys: frozenset[str]
    label: str
    eff_segments: list[Segment] = field(default_factory=list)
    eff: int = 0
    concurrent_with: Svc | None = None
    attended: bool = False

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.adms]

    @property
    def rank(self) -> tuple[int, int]:
        return CAT_RANK[self.category], METHOD_RANK[self.method]


@dataclass(slots=True)
class LineRec:
    """A billing line under construction (becomes ``models.Line`` in the result)."""

    code: str
    units: int
    modifiers: list[str]
    kind: LineKind
    role: str | None
    administrations: list[str]
    date: str | None
    rules: list[str]
    explanation: str

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "units": self.units,
            "modifiers": self.modifiers,
            "kind": self.kind,
            "role": self.role,
            "administrations": self.administrations,
            "date": self.date,
            "rules": self.rules,
            "explanation": self.explanation,
        }


@dataclass(slots=True)
class Ctx:
    """The result under construction."""

    case: Case
    policy: Policy
    facility: bool
    medicare: bool
    dated: bool
    lines: list[LineRec] = field(default_factory=list)
    not_billed: list[dict[str, object]] = field(default_factory=list)
    warnings: list[dict[str, object]] = field(default_factory=list)
    concurrent_used: set[tuple[int, str | None]] = field(default_factory=set)
    #: administration id -> (encounter, access group; -1 outside the IV hierarchy)
    access: dict[str, tuple[int, int]] = field(default_factory=dict)
    intra_arterial_initial: set[int] = field(default_factory=set)

    def date_of(self, minute: int | None) -> str | None:
        if minute is None or not self.dated:
            return self.case.date if self.dated else None
        return minute_to_date(minute)

    def line(
        self,
        code: str,
        units: int,
        kind: LineKind,
        role: str | None,
        ids: list[str],
        rules: list[str],
        explanation: str,
        modifiers: list[str] | None = None,
        date: str | None = None,
    ) -> LineRec:
        ln = LineRec(code, units, modifiers or [], kind, role, list(ids), date, rules, explanation)
        self.lines.append(ln)
        return ln

    def skip(self, ids: list[str], reason: str, rules: list[str]) -> None:
        self.not_billed.append(
            {"administrations": list(ids), "services": [], "reason": reason, "rules": rules}
        )

    def warn(self, rule: str, message: str, ids: list[str] | None = None) -> None:
        self.warnings.append({"rule": rule, "message": message, "administrations": list(ids or [])})
