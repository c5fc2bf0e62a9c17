"""The catalogue of claim checks.

Each check is a small record (stable id, kebab-case name, severity, one-line statement, fix,
rulebook source keys) around a generator ``(claim, ctx) -> Iterator[Hit]``. A check yields
``Hit``s (the lines, what is wrong, the field); the registry turns them into ``Finding``s that
carry the check's id, severity, fix and sources, so a check's facts live in one place.

Checks register themselves with the ``@check(...)`` decorator in ``edits/checks/<family>.py``;
``CHECKS`` lists them all, in id order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from infusion_coder.edits._context import Ctx
from infusion_coder.edits.models import Claim, Finding, Severity


class Hit(NamedTuple):
    """What a check found: the lines, the message, optionally the field and a specific fix."""

    lines: list[int]
    message: str
    path: str | None = None
    fix: str | None = None
    severity: Severity | None = None
    """Overrides the check's severity for this hit (rulebook rules that grade one situation
    differently, e.g. §18.7: fewer additional-time units than documented is info)."""


CheckFn = Callable[[Claim, Ctx], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Check:
    """One claim check and its facts."""

    id: str
    name: str
    family: str
    severity: Severity
    summary: str
    fix: str
    sources: tuple[str, ...]
    needs_case: bool
    run: CheckFn
    codes: frozenset[str] | None = None
    """When set, the check runs only on claims with one of these codes."""
    tags: frozenset[str] = frozenset()
    """The check runs only on claims with all these tags (see ``Ctx.tags``)."""

    def applies(self, ctx: Ctx) -> bool:
        """Whether the check has anything to look at on this claim."""
        if self.needs_case and ctx.case is None:
            return False
        if self.codes is not None and self.codes.isdisjoint(ctx.codes):
            return False
        return self.tags <= ctx.tags

    def finding(self, hit: Hit) -> Finding:
        """A hit of this check dressed as a finding (built without validation: every field
        is set here, from trusted values; ``model_construct`` does the same, slower)."""
        return fast_model(
            Finding,
            {
                "id": self.id,
                "name": self.name,
                "severity": hit.severity or self.severity,
                "lines": hit.lines,
                "message": hit.message,
                "fix": hit.fix or self.fix,
                "sources": list(self.sources),
                "path": hit.path,
            },
        )

    def findings(self, claim: Claim, ctx: Ctx) -> Iterator[Finding]:
        """Run the check (when it applies) and dress its hits as findings."""
        if self.applies(ctx):
            for hit in self.run(claim, ctx):
                yield self.finding(hit)


_M = TypeVar("_M", bound=BaseModel)
_setattr = object.__setattr__


def fast_model(cls: type[_M], values: dict[str, Any]) -> _M:
    """An instance of ``cls`` from ``values`` holding every field (what ``model_construct``
    does when all fields are given, without its per-field default handling)."""
    obj = cls.__new__(cls)
    _setattr(obj, "__dict__", values)
    _setattr(obj, "__pydantic_fields_set__", set(values))
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return obj


_REGISTERED: dict[str, Check] = {}


def check(
    id: str,  # noqa: A002 - the field is called id everywhere
    name: str,
    *,
    severity: Severity,
    summary: str,
    fix: str,
    sources: tuple[str, ...],
    needs_case: bool = False,
    codes: frozenset[str] | None = None,
    tags: frozenset[str] = frozenset(),
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated generator as a check."""

    def wrap(fn: CheckFn) -> CheckFn:
        if id in _REGISTERED:
            raise RuntimeError(f"duplicate claim check id {id}")
        family = fn.__module__.rsplit(".", 1)[-1]
        _REGISTERED[id] = Check(
            id, name, family, severity, summary, fix, sources, needs_case, fn, codes, tags
        )
        return fn

    return wrap


@lru_cache(maxsize=1)
def all_checks() -> tuple[Check, ...]:
    """Every registered check, in id order."""
    from infusion_coder.edits import checks  # noqa: F401 - importing registers them

    return tuple(_REGISTERED[k] for k in sorted(_REGISTERED))


def get(check_id: str) -> Check:
    """The check with ``check_id`` (KeyError naming it otherwise)."""
    all_checks()
    try:
        return _REGISTERED[check_id.upper()]
    except KeyError:
        raise KeyError(f"unknown claim check {check_id!r}") from None
