"""Documentation audit against the case (rulebook §14, §18.18)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from infusion_coder.edits._context import Ctx
from infusion_coder.edits._lookup import TIME_BASED
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check
from infusion_coder.models import Administration

_TIMED = frozenset({"iv_infusion", "sc_infusion", "intra_arterial_infusion"})
_PUSHES = frozenset({"iv_push", "intra_arterial_push"})
_VASCULAR = _TIMED | _PUSHES | {"port_flush"}


def _has_times(a: Administration) -> bool:
    if a.start and a.stop:
        return True
    return bool(a.start and a.volume_ml and a.rate_ml_per_hr)


def _is_fluid(a: Administration) -> bool:
    return a.category == "hydration" or a.purpose is not None


@check(
    "DOC001",
    "time-based-code-without-times",
    severity="error",
    summary="A time-based code is billed while an infusion in the case has no start or stop "
    "time (and no volume and rate to derive it).",
    fix="Ask the clinician for the start and stop times (or the volume and rate); without them "
    "the infusion's time cannot support a time-based code.",
    sources=("§18.18", "§14", "S64", "S81", "S82"),
    needs_case=True,
)
def missing_times(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if ctx.case is None:
        return
    timed = [r.n for r in ctx.rows if r.code in TIME_BASED]
    if not timed:
        return
    for i, a in enumerate(ctx.case.administrations):
        if a.route in _TIMED and a.pump is None and not _has_times(a):
            missing = "stop" if a.start else "start"
            yield Hit(
                timed,
                f"administration {a.id or i + 1} ({a.route.replace('_', ' ')}) has no {missing} "
                "time, and the claim bills time-based codes",
                f"case.administrations[{i}].{missing}",
            )


def _missing(ctx: Ctx, i: int, a: Administration, sites: dict[int, list[str]]) -> list[str]:
    out = []
    fluid = _is_fluid(a)
    if not (a.drug or a.hcpcs):
        out.append("the drug or fluid given")
    if fluid:
        if a.volume_ml is None:
            out.append("the volume infused")
    elif a.dose is None and a.route not in ("port_flush", "pump_refill"):
        out.append("the dose given")
    if a.single_dose_container and a.discarded is None:
        out.append("the amount discarded from the single-dose container (JW/JZ)")
    if a.route in _TIMED:
        if not a.start:
            out.append("the start time")
        if not a.stop and a.pump is None:
            out.append("the stop time")
    elif a.route in _PUSHES and not a.start:
        out.append("the time of the push")
    if a.route in _VASCULAR and not a.site:
        out.append("the access site")
    enc_sites = sites.get(a.encounter, [])
    if a.site and enc_sites and a.site != enc_sites[0] and not a.separate_site_required:
        out.append("why a second access site was medically necessary")
    if fluid and a.purpose is None and a.category == "hydration":
        out.append("the hydration indication (signs of volume depletion, or the order's reason)")
    return out


@check(
    "DOC002",
    "documentation-query",
    severity="info",
    summary="An administration in the case lacks documentation elements a coder needs "
    "(drug, dose, route, times, site, second-site reason, hydration indication).",
    fix="Send the listed questions to the clinician as a documentation query.",
    sources=("§14", "S64", "S67", "S106", "S12", "S6", "S3"),
    needs_case=True,
)
def documentation_query(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if ctx.case is None:
        return
    sites: dict[int, list[str]] = defaultdict(list)
    for a in ctx.case.administrations:
        if a.site and a.site not in sites[a.encounter]:
            sites[a.encounter].append(a.site)
    for i, a in enumerate(ctx.case.administrations):
        missing = _missing(ctx, i, a, sites)
        if missing:
            name = f"administration {a.id or i + 1}"
            yield Hit(
                [],
                f"{name}: please document " + "; ".join(missing),
                f"case.administrations[{i}]",
            )


@check(
    "DOC003",
    "response-not-recorded",
    severity="info",
    summary="The case does not record the patient's response and monitoring for its "
    "administrations (optional case field ``response``).",
    fix="Confirm that the record documents the patient's response, monitoring and any "
    "reaction for each administration.",
    sources=("§14", "S3"),
    needs_case=True,
)
def response_not_recorded(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    if ctx.case is None:
        return
    raw = ctx.raw_administrations or []
    ids = [
        a.id or str(i + 1)
        for i, a in enumerate(ctx.case.administrations)
        if not (i < len(raw) and raw[i].get("response"))
    ]
    if ids:
        yield Hit(
            [],
            f"no patient response or monitoring recorded for administration(s) {', '.join(ids)}",
            "case.administrations",
        )
