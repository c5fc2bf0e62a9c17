"""The case coder: one encounter's administrations → billing lines, each with its rules.

``code_case(case, *, policy=None)`` takes a ``Case`` (or a dict in case format v1) and returns a
``CodingResult``. Invalid input raises ``InvalidCase`` naming the field; nothing is guessed
silently: every assumption is a warning in the result.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from infusion_coder.engine._context import Adm, Ctx
from infusion_coder.engine._drugs import code_drugs
from infusion_coder.engine._iv import Distinct, build_services, code_group
from infusion_coder.engine._normalize import read
from infusion_coder.engine._ptp import apply_ncci_pairs
from infusion_coder.engine._result import build_result
from infusion_coder.engine._routes import code_other, is_iv
from infusion_coder.engine._services import PORT_DRAW, apply_setting, code_services
from infusion_coder.engine._time import minute_to_date
from infusion_coder.engine.policy import OPTIONS, Policy
from infusion_coder.errors import InvalidCase, pydantic_errors_to_message
from infusion_coder.models import Case, CodingResult

__all__ = ["OPTIONS", "Policy", "code_case", "parse_case", "ruleset_id"]


def parse_case(data: Case | dict[str, Any] | str | bytes) -> Case:
    """Validate case format v1 input (dict or JSON text) into a ``Case``."""
    if isinstance(data, Case):
        return data
    try:
        if isinstance(data, str | bytes):
            return Case.model_validate_json(data)
        if not isinstance(data, dict):
            raise InvalidCase("a case must be a JSON object", field="(root)")
        if "administrations" not in data and isinstance(data.get("case"), dict):
            data = data["case"]  # a wrapped case, e.g. a golden test file
        return Case.model_validate(data)
    except ValidationError as exc:
        message, field = pydantic_errors_to_message(exc)
        raise InvalidCase(f"invalid case: {message}", field=field) from None


@lru_cache(maxsize=1)
def ruleset_id() -> str:
    """The data release and rule set in force (recorded on every result)."""
    try:
        from infusion_coder import knowledge

        return str(knowledge.load().release_id)
    except Exception:  # pragma: no cover - library not packaged
        return "unreleased"


def code_case(
    case: Case | dict[str, Any] | str | bytes, *, policy: Policy | dict[str, Any] | None = None
) -> CodingResult:
    """Code one case. See ``docs/case-format.md`` and the rule catalogue."""
    parsed = parse_case(case)
    pol = Policy.from_any(policy)
    ctx = Ctx(
        case=parsed,
        policy=pol,
        facility=parsed.setting == "facility",
        medicare=parsed.payer == "medicare",
        dated=True,
    )
    adms = read(ctx)
    encounters = sorted({a.encounter for a in adms})
    flushes: list[Adm] = []
    for n, enc in enumerate(encounters):
        e_adms = [a for a in adms if a.encounter == enc]
        for gi, (g_adms, separate) in enumerate(
            _access_groups(ctx, [a for a in e_adms if is_iv(a)])
        ):
            for a in g_adms:
                ctx.access[a.id] = (enc, gi)
            svcs = build_services(ctx, g_adms)
            distinct: Distinct | None = None
            if not any(ln.role == "initial" for ln in ctx.lines):
                pass  # the first initial billed needs no distinct-service modifier
            elif n > 0:
                distinct = (_mod(pol, "XE"), "HIE005", f"separate encounter {enc} the same day")
            elif separate:
                distinct = (
                    _mod(pol, "XS"),
                    "HIE004",
                    "a second access site that was medically required",
                )
            for scope in _scopes(ctx, svcs):
                code_group(ctx, scope, distinct)
        for a in e_adms:
            ctx.access.setdefault(a.id, (enc, -1))
        flushes.extend(code_other(ctx, [a for a in e_adms if not is_iv(a)]))
    _port_flushes(ctx, flushes)
    apply_ncci_pairs(ctx)
    apply_setting(ctx)
    code_services(ctx)
    code_drugs(ctx, adms)
    _mue_warnings(ctx)
    return build_result(ctx, parsed.id, ruleset_id())


def _mue_warnings(ctx: Ctx) -> None:
    """LIM001: units per code and date above the MUE of the setting."""
    totals: dict[tuple[str, str | None], tuple[int, list[str]]] = {}
    for ln in ctx.lines:
        if ln.kind == "administration":
            n, ids = totals.get((ln.code, ln.date), (0, []))
            totals[(ln.code, ln.date)] = (n + ln.units, ids + ln.administrations)
    for (code, date), (units, ids) in totals.items():
        mue = _mue(code, "outpatient_hospital" if ctx.facility else "practitioner")
        if mue is not None and units > mue[0]:
            ctx.warn(
                "LIM001",
                f"{code}: {units} units on {date or 'the date of service'} exceed the MUE of "
                f"{mue[0]} ({mue[1]}); the units above it will deny unless appealed with the "
                "record.",
                ids,
            )


@lru_cache(maxsize=2048)
def _mue(code: str, setting: str) -> tuple[int, str] | None:
    try:
        from infusion_coder import knowledge

        m = knowledge.load().mue(code, setting)
    except Exception:  # pragma: no cover - library not packaged
        return None
    return None if m is None else (int(m.value), f"MAI {m.mai}: {m.mai_meaning}")


def _mod(policy: Policy, x: str) -> str:
    return x if policy.distinct_modifier == "x_modifiers" else "59"


def _access_groups(ctx: Ctx, iv: list[Adm]) -> list[tuple[list[Adm], bool]]:
    """HIE004/HIE006: the first access is the unsited administrations plus the sites that
    document no medical need for a separate access; each site that documents the need is an
    access of its own (when every site documents it, the earliest is the first access)."""
    if not iv:
        return []
    by_site: dict[str | None, list[Adm]] = {}
    for a in iv:
        by_site.setdefault(a.site, []).append(a)
    named = [s for s in by_site if s is not None]
    required = [s for s in named if any(a.separate_site for a in by_site[s])]
    plain = [s for s in named if s not in required]
    primary: list[Adm] = list(by_site.get(None, []))
    for i, site in enumerate(plain):
        primary.extend(by_site[site])
        if i > 0 or None in by_site:
            ctx.warn(
                "HIE006",
                f"A second access site ({site}) has no documented medical need "
                "(separate_site_required); its services are coded through the first access. "
                "A second initial service needs that documentation.",
                [a.id for a in by_site[site]],
            )
    if not primary and required:
        primary = list(by_site[required.pop(0)])
    return [(primary, False), *((by_site[s], True) for s in required)]


def _scopes(ctx: Ctx, svcs: list[Any]) -> list[list[Any]]:
    if ctx.policy.initial_scope != "calendar_day" or not ctx.dated:
        return [svcs]
    by_date: dict[str, list[Any]] = {}
    for s in svcs:
        by_date.setdefault(minute_to_date(s.start) if s.start is not None else "", []).append(s)
    if len(by_date) > 1:
        ctx.warn(
            "HIE007",
            "The hierarchy restarts on each date (policy initial_scope="
            "calendar_day); Medicare keeps one initial per encounter.",
        )
    return [by_date[d] for d in sorted(by_date)]


def _port_flushes(ctx: Ctx, flushes: list[Adm]) -> None:
    """RTE008/P10: 96523 only when nothing else is billed that day."""
    for a in flushes:
        date = ctx.date_of(a.start)
        other = [ln for ln in ctx.lines if ln.kind == "administration" and ln.date == date]
        draw = any(s.code in PORT_DRAW for s in ctx.case.services)
        if other or draw:
            ctx.skip(
                [a.id],
                "Port flush on a day with other infusion/injection services"
                + (" or a draw from the port" if draw else "")
                + " is part of those services (96523 only as the sole service).",
                ["RTE008"],
            )
            continue
        if any(ln.code == "96523" and ln.date == date for ln in ctx.lines):
            ctx.skip([a.id], "96523 is already reported for this day.", ["RTE008"])
            continue
        ctx.line(
            "96523",
            1,
            "administration",
            "standalone",
            [a.id],
            ["RTE008"],
            "Irrigation of an implanted venous access device, the only service that day → 96523",
            None,
            date,
        )
