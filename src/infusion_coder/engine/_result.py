"""The finished ``CodingResult``, built from the engine's own records without re-validation.

Every value in a result is made by the engine itself with the declared types (codes, dates and
texts are ``str``, units a non-negative ``int``, lists of ``str``), so validating the finished
result again cost as much as parsing the case (issue #3). ``_trusted`` fills a model instance
the way ``BaseModel.model_construct`` does (its four instance slots), without that method's
per-field default lookups, which cost more than validation itself. Every field is always given
here, in the models' declaration order, so ``model_dump()`` and ``model_fields_set`` are those
of a validated result; ``benchmarks/bench_engine.py --check`` compares the two.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from infusion_coder.engine._context import Ctx
from infusion_coder.models import CodingResult, Line, NotBilled, Warning

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__  # pydantic models refuse plain attribute setting of their slots


def _trusted(cls: type[M], values: dict[str, Any]) -> M:
    """An instance of ``cls`` holding ``values`` (all its fields, already the right types)."""
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def build_result(ctx: Ctx, case_id: str | None, ruleset: str) -> CodingResult:
    """The result of one case; lists are copied so no two result items share one."""
    lines = [
        _trusted(
            Line,
            {
                "code": ln.code,
                "units": ln.units,
                "modifiers": list(ln.modifiers),
                "kind": ln.kind,
                "role": ln.role,
                "administrations": ln.administrations,  # already a copy (Ctx.line)
                "date": ln.date,
                "rules": list(ln.rules),
                "explanation": ln.explanation,
            },
        )
        for ln in ctx.lines
    ]
    not_billed = [
        _trusted(
            NotBilled,
            {
                "administrations": list(nb["administrations"]),  # type: ignore[call-overload]
                "services": list(nb["services"]),  # type: ignore[call-overload]
                "reason": nb["reason"],
                "rules": list(nb["rules"]),  # type: ignore[call-overload]
            },
        )
        for nb in ctx.not_billed
    ]
    warnings = [
        _trusted(
            Warning,
            {
                "rule": w["rule"],
                "message": w["message"],
                "administrations": list(w["administrations"]),  # type: ignore[call-overload]
            },
        )
        for w in ctx.warnings
    ]
    return _trusted(
        CodingResult,
        {
            "id": case_id,
            "ruleset": ruleset,
            "policy": ctx.policy.as_dict(),
            "lines": lines,
            "not_billed": not_billed,
            "warnings": warnings,
        },
    )
