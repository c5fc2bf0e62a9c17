"""Reading a case: ids, times, pauses, categories (rules INP*, TIM001, TIM002)."""

from __future__ import annotations

import re
from datetime import date as date_cls
from functools import lru_cache

from infusion_coder.engine import _time as t
from infusion_coder.engine._catalog import DrugFacts, lookup
from infusion_coder.engine._context import Adm, Ctx
from infusion_coder.errors import InvalidCase
from infusion_coder.models import Administration

MAX_MINUTES = 7 * 24 * 60
_ELECTROLYTE = re.compile(
    r"\b(kcl|potassium|magnesium|mag|mgso4|calcium|phosphate|bicarbonate|meq)\b", re.I
)
TIMED_ROUTES = {"iv_infusion", "sc_infusion", "intra_arterial_infusion"}
_WS = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=8192)
def drug_key(name: str | None, hcpcs: str | None, facts_name: str | None) -> str:
    """Identity of a drug for "same drug" tests: the catalogue name, else the text."""
    if facts_name:
        return _WS.sub(" ", facts_name.lower()).strip()
    if name:
        return _WS.sub(" ", name.lower()).strip()
    return (hcpcs or "").upper()


@lru_cache(maxsize=8192)
def _identity(drug: str | None, hcpcs: str | None) -> tuple[DrugFacts | None, str, str, str | None]:
    """Catalogue facts, display name, same-drug key and HCPCS of a documented drug (cached:
    the same drugs recur across administrations and cases, issue #3)."""
    facts = lookup(drug, hcpcs)
    name = facts.name if facts else None
    return (
        facts,
        drug or name or hcpcs or "",
        drug_key(drug, hcpcs, name),
        hcpcs.upper() if hcpcs else (facts.hcpcs if facts else None),
    )


def read(ctx: Ctx) -> list[Adm]:
    case = ctx.case
    day: date_cls | None = None
    if case.date:
        try:
            day = date_cls.fromisoformat(case.date)
        except ValueError:
            raise InvalidCase("date: not a valid calendar date", field="date") from None
    out: list[Adm] = []
    missing_date_warned = False
    for i, a in enumerate(case.administrations):
        base = f"administrations[{i}]"
        aid = a.id or str(i + 1)
        if not a.drug and not a.hcpcs and a.route not in ("port_flush", "pump_refill"):
            raise InvalidCase(f"{base}: give drug or hcpcs", field=f"{base}.drug")
        if day is None and not missing_date_warned and _has_clock_only(a):
            ctx.dated = False
            missing_date_warned = True
            ctx.warn(
                "INP001",
                "The case has no date: HH:MM times are read as one day and lines carry no date.",
            )
        start = t.parse_clock(a.start, day, base + ".start") if a.start else None
        stop = t.parse_clock(a.stop, day, base + ".stop") if a.stop else None
        if start is not None and stop is not None and stop < start:
            raise InvalidCase(
                f"{base}.stop is earlier than start; give full ISO date-times for an "
                "administration that crosses midnight",
                field=f"{base}.stop",
            )
        if start is not None and stop is None and a.volume_ml and a.rate_ml_per_hr:
            minutes = a.volume_ml / a.rate_ml_per_hr * 60
            if minutes > MAX_MINUTES:
                raise InvalidCase(
                    f"{base}.volume_ml / rate_ml_per_hr give more than 7 days of infusion",
                    field=f"{base}.volume_ml",
                )
            stop = start + round(minutes)
            ctx.warn(
                "INP004",
                f"Administration {aid}: stop time derived from volume and rate "
                f"({t.minute_to_clock(stop)}); confirm against the record.",
                [aid],
            )
        segments: list[t.Segment] = []
        if start is not None and stop is not None:
            segments = [(start, stop)] if stop > start else []
            for j, p in enumerate(a.pauses):
                pf = f"{base}.pauses[{j}]"
                ps = t.parse_clock(p.start, day, f"{pf}.start")
                pe = t.parse_clock(p.stop, day, f"{pf}.stop")
                if pe < ps:
                    raise InvalidCase(f"{pf}.stop is earlier than its start", field=f"{pf}.stop")
                if ps < start or pe > stop:
                    raise InvalidCase(
                        f"{pf} lies outside the administration's start and stop", field=pf
                    )
                segments = t.subtract(segments, [(ps, pe)])
        facts, drug, key, hcpcs = _identity(a.drug, a.hcpcs)
        category = a.category or (facts.category if facts else None)
        if category is None:
            category = "therapeutic"
            if a.route not in ("port_flush", "pump_refill", "oral", "topical"):
                ctx.warn(
                    "INP003",
                    f"Administration {aid}: the drug is not in the catalogue and no category was "
                    "given; coded as therapeutic. Confirm the category.",
                    [aid],
                )
        elif not a.category and facts is not None:
            pass  # INP002 is cited on the lines it shapes
        if (
            category == "hydration"
            and not a.category
            and a.drug
            and _ELECTROLYTE.search(a.drug)
            and a.purpose != "hydration"
        ):
            ctx.warn(
                "HYD007",
                f"Administration {aid}: a fluid with an electrolyte is hydration only when given "
                "for volume depletion; if the documented purpose is electrolyte replacement it "
                "is a therapeutic infusion. Coded as hydration; confirm the purpose.",
                [aid],
            )
        if category == "hydration" and a.purpose is None and a.route == "iv_infusion":
            purpose: str | None = "hydration"
        else:
            purpose = a.purpose
        out.append(
            Adm(
                src=a,
                id=aid,
                drug=drug,
                key=key,
                hcpcs=hcpcs,
                category=category,
                hormonal=bool(a.hormonal if a.hormonal is not None else (facts and facts.hormonal)),
                route=a.route,
                start=start,
                stop=stop,
                segments=segments,
                minutes=t.total(segments),
                site=_site_key(a.site),
                separate_site=bool(a.separate_site_required),
                encounter=a.encounter,
                bag=a.bag,
                purpose=purpose,
                facts=facts,
            )
        )
    out.sort(key=_order)
    return out


def _has_clock_only(a: Administration) -> bool:
    return any(v and t.is_clock_only(v) for v in (a.start, a.stop))


@lru_cache(maxsize=4096)
def _site_key(site: str | None) -> str | None:
    if not site:
        return None
    return _WS.sub(" ", site.lower()).strip() or None


def _order(a: Adm) -> tuple[int, int, int, str, str, str]:
    big = 1 << 40
    return (
        a.encounter,
        a.start if a.start is not None else big,
        a.stop if a.stop is not None else big,
        a.key,
        a.route,
        a.id,
    )
