"""IV pushes, infusions and hydration through one access: hierarchy, sequence, concurrency,
time (rules HIE*, SEQ*, HYD*, TIM003–TIM007)."""

from __future__ import annotations

from infusion_coder.engine import _time as t
from infusion_coder.engine import units as u
from infusion_coder.engine._context import Adm, Ctx, Svc

CODES = {
    # (category, method) -> (initial, initial add-on hour, sequential, sequential add-on hour)
    ("chemotherapy", "infusion"): ("96413", "96415", "96417", "96415"),
    ("therapeutic", "infusion"): ("96365", "96366", "96367", "96366"),
    ("hydration", "infusion"): ("96360", "96361", "96361", "96361"),
    ("chemotherapy", "push"): ("96409", "", "96411", ""),
    ("therapeutic", "push"): ("96374", "", "96375", ""),
}


def build_services(ctx: Ctx, adms: list[Adm]) -> list[Svc]:
    """Bags become one service; KVO/carrier/flush and untimed infusions drop out."""
    svcs: list[Svc] = []
    bags: dict[str, list[Adm]] = {}
    for a in adms:
        if a.purpose in ("kvo", "carrier", "flush"):
            ctx.skip(
                [a.id],
                f"{a.drug or 'fluid'} given as {a.purpose.upper() if a.purpose == 'kvo' else a.purpose}"
                " fluid: no hydration or infusion code.",
                ["HYD001"],
            )
            continue
        if a.bag:
            bags.setdefault(a.bag, []).append(a)
            continue
        svc = _service([a], ctx)
        if svc is not None:
            svcs.append(svc)
    for members in bags.values():
        svc = _service(members, ctx)
        if svc is not None:
            svcs.append(svc)
    return svcs


_CAT_ORDER = {"chemotherapy": 3, "therapeutic": 2}


def _service(members: list[Adm], ctx: Ctx) -> Svc | None:
    if len(members) == 1:
        m = members[0]
        drugs = members
        cat = m.category
        timed = members if m.start is not None and m.stop is not None else []
        start, stop = m.start, m.stop if timed else None
        segments = m.segments if timed else []
        minutes = m.minutes if timed else 0
        route_push = m.route == "iv_push"
        attended = bool(m.src.attended)
        ids = [m.id]
        label = m.drug or "fluid"
        keys = frozenset((m.key,))
    else:
        drugs = [m for m in members if m.category != "hydration"] or members
        cat = max(drugs, key=lambda m: _CAT_ORDER.get(m.category, 1)).category
        if cat != "hydration" and any(m.category == "hydration" for m in members):
            ctx.warn(
                "HYD005",
                "Fluid mixed in the same bag as a drug is the drug's infusion, not hydration.",
                [m.id for m in members],
            )
        timed = [m for m in members if m.start is not None and m.stop is not None]
        start = min((m.start for m in members if m.start is not None), default=None)
        stop = max((m.stop for m in timed if m.stop is not None), default=None)
        segments = t.merge([s for m in timed for s in m.segments]) if timed else []
        minutes = t.total(segments)
        route_push = all(m.route == "iv_push" for m in members)
        attended = any(bool(m.src.attended) for m in members)
        ids = [m.id for m in members]
        label = " + ".join(sorted({m.drug for m in drugs if m.drug})) or "fluid"
        keys = frozenset(m.key for m in drugs)
    if route_push and cat != "hydration":  # fluids are infused, never pushed (D2)
        if timed and minutes >= u.INFUSION_MIN and not attended:
            method = "infusion"
            ctx.warn(
                "SEQ013",
                f"{label}: documented as a push but ran {minutes} minutes without continuous "
                "attendance, so the time rule codes it as an infusion.",
                ids,
            )
        else:
            method = "push"
    else:
        if not timed or minutes == 0:
            what = "no documented start and stop time" if not timed else "no infusion minutes"
            ctx.skip(
                ids,
                f"{label}: {what}, so no time-based code; query the record (an infusion is "
                "never turned into a push).",
                ["INP005"],
            )
            ctx.warn("INP005", f"{label}: {what} (start/stop or pauses).", ids)
            return None
        method = "infusion" if minutes >= u.INFUSION_MIN or cat == "hydration" else "push"
    return Svc(
        adms=members,
        category=cat,
        method=method,
        start=start,
        stop=stop,
        segments=segments,
        minutes=minutes,
        keys=keys,
        label=label,
        attended=attended,
    )


def _priority(s: Svc) -> tuple[int, int, int, int, str]:
    """Hierarchy rank, then (infusions) the most minutes (P8), then the earlier start."""
    big = 1 << 40
    minutes = s.minutes if s.method == "infusion" else 0
    category, method = s.rank
    return (-category, -method, -minutes, s.start if s.start is not None else big, s.label)


Distinct = tuple[str, str, str]  # (modifier, rule id, reason)


def code_group(ctx: Ctx, svcs: list[Svc], distinct: Distinct | None) -> None:
    """Code the IV services of one access site in one encounter (or date)."""
    if not svcs:
        return
    svcs = _merge_runs(ctx, svcs)
    svcs = _drop_loading_pushes(ctx, svcs)
    _mark_concurrent(ctx, svcs)
    order = sorted(svcs, key=_priority)
    _effective_minutes(order)

    billable: list[Svc] = []
    for s in order:
        if s.category == "hydration":
            if s.eff < u.HYDRATION_MIN:
                overlapped = s.minutes >= u.HYDRATION_MIN
                ctx.skip(
                    s.ids,
                    f"{s.label}: {s.eff} minutes of hydration on its own"
                    + (" (the rest ran alongside other infusions)" if overlapped else "")
                    + "; hydration needs more than 30 minutes.",
                    ["HYD002", "TIM006"] if overlapped else ["TIM006"],
                )
                continue
            if ctx.policy.labeled_hydration == "integral" and any(
                o.category == "chemotherapy" for o in svcs
            ):
                ctx.skip(
                    s.ids,
                    f"{s.label}: hydration in a chemotherapy encounter treated as part of the drug "
                    "(policy labeled_hydration=integral).",
                    ["HYD006"],
                )
                continue
        billable.append(s)
    if not billable:
        return
    initial = billable[0]
    _code_initial(ctx, initial, billable, distinct)
    reported: dict[frozenset[str], Svc] = {initial.keys: initial}
    reported_drugs: set[str] = set(initial.keys)
    last_push: dict[str, int | None] = {}
    if initial.method == "push":
        for k in initial.keys:
            last_push[k] = initial.start
    rest = sorted(
        billable[1:], key=lambda s: (s.start if s.start is not None else 1 << 40, _priority(s))
    )
    for s in rest:
        _code_subsequent(ctx, s, initial, reported, reported_drugs, last_push)


# --------------------------------------------------------------------------- preparation


def _merge_runs(ctx: Ctx, svcs: list[Svc]) -> list[Svc]:
    """Touching hydration runs join; policy 'sum' joins all runs (and same-drug repeats)."""
    out: list[Svc] = []
    hyd = sorted((s for s in svcs if s.category == "hydration"), key=lambda s: s.start or 0)
    merged: list[Svc] = []
    for s in hyd:
        prev = merged[-1] if merged else None
        touching = (
            prev is not None
            and prev.stop is not None
            and s.start is not None
            and s.start <= prev.stop
        )
        if prev is not None and (touching or ctx.policy.short_hydration_runs == "sum"):
            _absorb(prev, s)
            if not touching:
                ctx.warn(
                    "HYD004",
                    f"Separate hydration runs added together (policy short_hydration_runs=sum): "
                    f"{prev.minutes} minutes in all.",
                    prev.ids,
                )
        else:
            merged.append(s)
    if ctx.policy.short_hydration_runs == "separate":
        short = [s for s in merged if s.minutes < u.HYDRATION_MIN]
        if len(merged) > 1 and short:
            ctx.warn(
                "HYD004",
                "Separate hydration runs are not added together; runs of 30 minutes or less are "
                "not billed (policy short_hydration_runs=separate).",
                [i for s in short for i in s.ids],
            )
    out.extend(merged)
    drugs = _join_continuous([s for s in svcs if s.category != "hydration"])
    if ctx.policy.repeat_same_drug == "sum":
        by_key: dict[tuple[frozenset[str], str], Svc] = {}
        for s in sorted(drugs, key=lambda s: s.start or 0):
            k = (s.keys, s.method)
            if s.method == "infusion" and k in by_key:
                _absorb(by_key[k], s)
                ctx.warn(
                    "SEQ008",
                    f"{s.label}: repeat infusion of the same drug added to the earlier one "
                    "(policy repeat_same_drug=sum).",
                    by_key[k].ids,
                )
            else:
                by_key[k] = s
                out.append(s)
    else:
        out.extend(drugs)
    return out


def _join_continuous(drugs: list[Svc]) -> list[Svc]:
    """Bags of the same drug hung back to back (or overlapping) are one continuous infusion."""
    out: list[Svc] = []
    for s in sorted(drugs, key=lambda s: (s.start if s.start is not None else 1 << 40, s.label)):
        prev = next(
            (
                p
                for p in reversed(out)
                if p.keys == s.keys
                and p.method == "infusion" == s.method
                and p.stop is not None
                and s.start is not None
                and s.start <= p.stop
            ),
            None,
        )
        if prev is not None:
            _absorb(prev, s)
        else:
            out.append(s)
    return out


def _absorb(into: Svc, other: Svc) -> None:
    into.adms = into.adms + other.adms
    into.segments = t.merge(into.segments + other.segments)
    into.minutes = t.total(into.segments)
    if other.stop is not None and (into.stop is None or other.stop > into.stop):
        into.stop = other.stop
    if other.start is not None and (into.start is None or other.start < into.start):
        into.start = other.start


def _drop_loading_pushes(ctx: Ctx, svcs: list[Svc]) -> list[Svc]:
    """P15: a push followed within 15 minutes by an infusion of the same drug."""
    infusions = [s for s in svcs if s.method == "infusion" and s.category != "hydration"]
    out = []
    for s in svcs:
        if s.method == "push" and s.start is not None:
            follow = next(
                (
                    i
                    for i in infusions
                    if i.keys == s.keys
                    and i.start is not None
                    and 0 <= i.start - s.start <= u.LOADING_PUSH_GAP + (s.minutes or 0)
                ),
                None,
            )
            if follow is not None:
                ctx.skip(
                    s.ids,
                    f"{s.label}: loading push followed within 15 minutes by an infusion of the "
                    "same drug; only the infusion is coded (the drug units are still billed).",
                    ["SEQ012"],
                )
                continue
        out.append(s)
    return out


def _mark_concurrent(ctx: Ctx, svcs: list[Svc]) -> None:
    """P7/SEQ009: which overlapping infusions (separate bags) are concurrent."""
    inf = sorted(
        (s for s in svcs if s.method == "infusion" and s.category != "hydration"), key=_priority
    )
    for i, hi in enumerate(inf):
        if hi.concurrent_with is not None:
            continue
        for lo in inf[i + 1 :]:
            if lo.concurrent_with is not None or _apart(hi, lo):
                continue
            ov = t.overlap(hi.segments, lo.segments)
            if ov <= 0:
                continue
            shorter = min(hi.minutes, lo.minutes)
            if ctx.policy.concurrent_overlap == "any_overlap":
                concurrent = True
            else:
                concurrent = ov >= u.INFUSION_MIN and 2 * ov >= shorter
            if concurrent:
                lo.concurrent_with = hi
            else:
                ctx.warn(
                    "SEQ009",
                    f"{hi.label} and {lo.label} overlap {ov} minutes: coded as sequential, the "
                    "shared minutes counted once (policy concurrent_overlap="
                    f"{ctx.policy.concurrent_overlap}).",
                    hi.ids + lo.ids,
                )


def _apart(x: Svc, y: Svc) -> bool:
    """True when the start-stop spans show that two services share no minute (a service's
    segments lie within its start and stop), so their overlap need not be computed."""
    if x.start is None or x.stop is None or y.start is None or y.stop is None:
        return False
    return x.stop <= y.start or y.stop <= x.start


def _effective_minutes(order: list[Svc]) -> None:
    """TIM003/HYD002: shared minutes go to the higher-priority service."""
    taken: list[t.Segment] = []
    drug_time: list[t.Segment] = []
    for s in order:
        if s.category != "hydration":
            drug_time.extend(s.segments)
            if s.start is not None and s.method == "push" and not s.segments:
                drug_time.append((s.start, s.start + 1))
    hyd_taken: list[t.Segment] = []
    # subtract() removes the union of the cuts, so the cuts need no merging first
    for s in order:
        if s.category == "hydration":
            s.eff_segments = t.subtract(s.segments, drug_time + hyd_taken)
            hyd_taken.extend(s.segments)
        elif s.concurrent_with is not None or s.method == "push":
            s.eff_segments = list(s.segments)
        else:
            s.eff_segments = t.subtract(s.segments, taken)
            taken.extend(s.segments)
        s.eff = t.total(s.eff_segments)


# --------------------------------------------------------------------------- coding


def _code_initial(ctx: Ctx, s: Svc, billable: list[Svc], distinct: Distinct | None) -> None:
    base, addon, _, _ = CODES[(s.category, s.method)]
    rules = ["HIE001" if ctx.facility else "HIE002", "HIE003"]
    others = len(billable) - 1
    why = f"{s.label}: the initial service" + (
        f", ranked highest of {others + 1} services through this access ({_cat_phrase(s)})"
        if others
        else ""
    )
    mods: list[str] = []
    if distinct:
        mods = [distinct[0]]
        rules.append(distinct[1])
        why += f"; {distinct[2]}"
    if s.category == "hydration":
        rules.append("TIM006")
    elif s.method == "infusion":
        rules.append("TIM005")
    if len(s.adms) > 1:
        rules.append("SEQ011")
    ctx.line(
        base,
        1,
        "administration",
        "initial",
        s.ids,
        rules,
        _with_time(why, s),
        mods,
        ctx.date_of(s.start),
    )
    if s.method == "infusion" and addon:
        _hour_lines(ctx, s, addon, u.addon_hours(s.eff), "additional_hour", ["TIM004"])


def _code_subsequent(
    ctx: Ctx,
    s: Svc,
    initial: Svc,
    reported: dict[frozenset[str], Svc],
    reported_drugs: set[str],
    last_push: dict[str, int | None],
) -> None:
    ids = s.ids
    date = ctx.date_of(s.start)
    if s.category == "hydration":
        n = u.secondary_hydration_units(s.eff)
        _hour_lines(
            ctx,
            s,
            "96361",
            n,
            "sequential",
            ["HYD003", "TIM006", "TIM004"],
            first=u.HYDRATION_MIN,
            why=f"{s.label}: hydration that is not the initial service, {s.eff} minutes "
            "on its own → 96361 per the secondary-hydration thresholds (31, 91, 151 …)",
        )
        return
    if s.concurrent_with is not None:
        hi = s.concurrent_with
        if s.category == "chemotherapy" and hi.category == "chemotherapy":
            ctx.skip(
                ids,
                f"{s.label}: chemotherapy running concurrently with {hi.label}; no "
                "concurrent chemotherapy code exists — code manually (96549 is one "
                "published answer).",
                ["SEQ007"],
            )
            ctx.warn("SEQ007", f"{s.label}: concurrent chemotherapy needs manual coding.", ids)
            return
        # G11: once per encounter (and per date when the hierarchy restarts each date)
        per_date = ctx.policy.initial_scope == "calendar_day"
        key = (s.adms[0].encounter, date if per_date else None)
        if key in ctx.concurrent_used:
            ctx.skip(
                ids,
                f"{s.label}: another concurrent infusion was already reported for this "
                "encounter and date; 96368 is reported once.",
                ["SEQ006"],
            )
            return
        ctx.concurrent_used.add(key)
        ctx.line(
            "96368",
            1,
            "administration",
            "concurrent",
            ids,
            ["SEQ006", "SEQ009"],
            f"{s.label}: ran at the same time as {hi.label} from a separate bag through the "
            "same access → 96368 once, not timed",
            None,
            date,
        )
        reported_drugs.update(s.keys)
        return
    if s.method == "infusion" and s.eff >= u.INFUSION_MIN:
        prev = reported.get(s.keys)
        if prev is not None and prev.method == "infusion":
            _code_repeat(ctx, s)
            return
        _, _, seq, addon = CODES[(s.category, "infusion")]
        rule = "SEQ002" if s.category == "chemotherapy" else "SEQ001"
        why = _with_time(
            f"{s.label}: a different drug infused in sequence with the initial service → {seq}", s
        )
        ctx.line(
            seq,
            1,
            "administration",
            "sequential",
            ids,
            [rule, "TIM005", "HIE003"] + (["TIM003"] if s.eff < s.minutes else []),
            why,
            None,
            date,
        )
        _hour_lines(ctx, s, addon, u.addon_hours(s.eff), "additional_hour", [rule, "TIM004"])
        reported[s.keys] = s
        reported_drugs.update(s.keys)
        return
    # a push (or an infusion left with 15 minutes or less of its own)
    new = not s.keys <= reported_drugs
    if s.category == "chemotherapy":
        if new:
            ctx.line(
                "96411",
                1,
                "administration",
                "sequential",
                ids,
                ["SEQ004", "HIE003"],
                f"{s.label}: push of a new chemotherapy drug in addition to the initial service → 96411",
                None,
                date,
            )
            reported_drugs.update(s.keys)
            reported.setdefault(s.keys, s)
        else:
            ctx.skip(
                ids,
                f"{s.label}: repeat push of a chemotherapy drug already reported; no "
                "additional administration code (drug units only).",
                ["SEQ004"],
            )
        for k in s.keys:
            last_push[k] = s.start
        return
    if new:
        extra = ""
        if s.method == "infusion":
            extra = f" (it ran {s.eff} minutes of its own, 15 or less, so it counts as a push)"
        ctx.line(
            "96375",
            1,
            "administration",
            "sequential",
            ids,
            ["SEQ003", "HIE003"] + (["TIM005"] if extra else []),
            f"{s.label}: push of a new drug in addition to the initial service → 96375{extra}",
            None,
            date,
        )
        reported_drugs.update(s.keys)
        reported.setdefault(s.keys, s)
        for k in s.keys:
            last_push[k] = s.start
        return
    # same drug pushed again
    if not ctx.facility:
        ctx.skip(
            ids,
            f"{s.label}: repeat push of the same drug; 96376 is facility-only and "
            "96375 needs a new drug, so only the drug units are billed.",
            ["SEQ005", "SET002"],
        )
        return
    prev_times = [last_push.get(k) for k in s.keys if k in last_push]
    if s.start is None:
        ctx.skip(
            ids,
            f"{s.label}: repeat push without a time; 96376 needs more than 30 minutes "
            "since the last reported push of the drug.",
            ["SEQ005"],
        )
        ctx.warn("SEQ005", f"{s.label}: repeat push has no documented time.", ids)
        return
    last = max((p for p in prev_times if p is not None and p <= s.start), default=None)
    if last is None:
        # no earlier push of the drug: it was infused; a push during that infusion is part of it
        during = [
            r
            for k, r in reported.items()
            if k & s.keys
            and r.method == "infusion"
            and any(a <= s.start < b for a, b in r.segments)
        ]
        if during:
            ctx.skip(
                ids,
                f"{s.label}: pushed while the same drug was infusing; part of that "
                "infusion (drug units only).",
                ["SEQ005"],
            )
            return
    gap = s.start - last if last is not None else None
    if gap is None or gap > u.REPEAT_PUSH_GAP:
        ctx.line(
            "96376",
            1,
            "administration",
            "sequential",
            ids,
            ["SEQ005", "HIE003"],
            f"{s.label}: the same drug pushed again"
            + (f" {gap} minutes after its last reported push" if gap is not None else "")
            + " → 96376 (facility)",
            None,
            date,
        )
        for k in s.keys:
            last_push[k] = s.start
    else:
        ctx.skip(
            ids,
            f"{s.label}: pushed again {gap} minutes after its last reported push; "
            "96376 needs more than 30 minutes (drug units only).",
            ["SEQ005"],
        )


def _code_repeat(ctx: Ctx, s: Svc) -> None:
    """G3/P14: a separate later infusion of a drug already reported."""
    addon = "96415" if s.category == "chemotherapy" else "96366"
    if s.eff < u.HYDRATION_MIN:
        ctx.skip(
            s.ids,
            f"{s.label}: repeat infusion of the same drug for {s.eff} minutes; a "
            "repeat needs 31 minutes or more to earn an additional hour.",
            ["SEQ008"],
        )
        ctx.warn(
            "SEQ008",
            f"{s.label}: short repeat infusion not billed (policy repeat_same_drug=separate).",
            s.ids,
        )
        return
    n = u.secondary_hydration_units(s.eff)
    _hour_lines(
        ctx,
        s,
        addon,
        n,
        "additional_hour",
        ["SEQ008", "TIM004"],
        first=u.HYDRATION_MIN,
        why=f"{s.label}: a separate later infusion of a drug already reported, "
        f"{s.eff} minutes → {addon} from its own time",
    )
    ctx.warn(
        "SEQ008",
        f"{s.label}: repeat infusion of the same drug coded as additional hours "
        "(policy repeat_same_drug=separate; some sources add the times together).",
        s.ids,
    )


def _hour_lines(
    ctx: Ctx,
    s: Svc,
    code: str,
    units: int,
    role: str,
    rules: list[str],
    first: int | None = None,
    why: str | None = None,
) -> None:
    """Emit ``units`` of ``code``, split by the date each unit was earned (TIM007)."""
    if units <= 0:
        return
    text = why or (
        f"{s.label}: {s.eff} minutes → {units} additional hour{'s' if units > 1 else ''} "
        "(each needs more than 30 minutes past the hour: 91, 151, 211 …)"
    )
    by_date: dict[str | None, int] = {}
    segs = s.eff_segments
    one_day = not segs or segs[0][0] // 1440 == (segs[-1][1] - 1) // 1440
    if ctx.dated and ctx.policy.midnight_units == "split_by_date" and not one_day:
        if first is None:  # add-on hours after a first-hour code: thresholds 91, 151, …
            thresholds = [u.COVERS + u.HOUR * k + 1 for k in range(units)]
        else:
            thresholds = u.unit_thresholds(first, units)
        for th in thresholds:
            when = t.crossing(s.eff_segments, th)
            d = ctx.date_of(when if when is not None else s.start)
            by_date[d] = by_date.get(d, 0) + 1
    else:
        by_date[ctx.date_of(s.start)] = units
    multi = len(by_date) > 1
    for d, n in by_date.items():
        r = rules + (["TIM007"] if multi else [])
        ctx.line(
            code,
            n,
            "administration",
            role,
            s.ids,
            r,
            text + (f"; {n} of them earned on {d}" if multi else ""),
            None,
            d,
        )


def _cat_phrase(s: Svc) -> str:
    return f"{s.category} {s.method}"


def _with_time(text: str, s: Svc) -> str:
    if s.method != "infusion":
        return text
    if s.eff != s.minutes:
        return f"{text}; {s.eff} of its {s.minutes} minutes count (shared minutes counted once)"
    return f"{text}; {s.minutes} minutes"
