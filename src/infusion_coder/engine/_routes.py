"""Administrations outside the IV hierarchy: injections, SC infusion, intra-arterial, special
routes, pumps, refills and port flushes (rules RTE*)."""

from __future__ import annotations

from infusion_coder.engine import units as u
from infusion_coder.engine._context import Adm, Ctx

IV_ROUTES = {"iv_push", "iv_infusion"}


def is_iv(a: Adm) -> bool:
    """In the IV hierarchy: IV pushes and infusions that are not pump starts."""
    return a.route in IV_ROUTES and not (a.src.pump and a.route == "iv_infusion")


def code_other(ctx: Ctx, adms: list[Adm]) -> list[Adm]:
    """Code the non-IV administrations of one encounter; returns the port flushes, which are
    decided last (96523 only when nothing else is billed that day)."""
    flushes: list[Adm] = []
    sc_infusions: list[Adm] = []
    injections: dict[tuple[str, str, int | None], list[Adm]] = {}
    for a in adms:
        date = ctx.date_of(a.start)
        r = a.route
        chemo = a.category == "chemotherapy"
        if r in ("sc_injection", "im_injection"):
            key = (
                (a.key, r, a.start)
                if ctx.policy.split_dose_injections == "one_unit"
                else (a.key, r + a.id, a.start)
            )
            injections.setdefault(key, []).append(a)
        elif r == "sc_infusion":
            sc_infusions.append(a)
        elif r == "iv_infusion" and a.src.pump:
            _pump_start(ctx, a, date)
        elif r in ("intra_arterial_push", "intra_arterial_infusion"):
            _intra_arterial(ctx, a, date)
        elif r == "intralesional":
            if not chemo:
                _manual(
                    ctx,
                    a,
                    "intralesional injection of a non-chemotherapy drug is coded "
                    "outside the drug-administration family",
                )
                continue
            n = a.src.lesions
            code = "96406" if n and n > 7 else "96405"
            ctx.line(
                code,
                1,
                "administration",
                "standalone",
                [a.id],
                ["RTE004"],
                f"{a.drug}: intralesional chemotherapy, "
                + (f"{n} lesions" if n else "lesion count not documented")
                + f" → {code}",
                None,
                date,
            )
            if not n:
                ctx.warn(
                    "RTE004",
                    f"{a.drug}: number of lesions not documented (96405 is up to "
                    "7, 96406 more than 7).",
                    [a.id],
                )
        elif r in ("intrathecal", "ventricular_reservoir", "intrapleural", "intraperitoneal"):
            code = {
                "intrathecal": "96450",
                "ventricular_reservoir": "96542",
                "intrapleural": "96440",
                "intraperitoneal": "96446",
            }[r]
            if not chemo:
                _manual(
                    ctx,
                    a,
                    f"{r.replace('_', ' ')} of a non-chemotherapy drug is coded "
                    "outside the chemotherapy family",
                )
                continue
            ctx.line(
                code,
                1,
                "administration",
                "standalone",
                [a.id],
                ["RTE005"],
                f"{a.drug}: chemotherapy by the {r.replace('_', ' ')} route → {code}",
                None,
                date,
            )
        elif r == "on_body_injector":
            ctx.line(
                "96377",
                1,
                "administration",
                "standalone",
                [a.id],
                ["RTE009"],
                f"{a.drug}: on-body injector applied → 96377",
                None,
                date,
            )
        elif r == "pump_refill":
            pump = a.src.pump
            code = "96522" if pump == "implantable" else "96521"
            ctx.line(
                code,
                1,
                "administration",
                "standalone",
                [a.id],
                ["RTE007"],
                f"{a.drug or 'pump'}: refill/maintenance of a {pump or 'portable'} pump → {code}",
                None,
                date,
            )
            if pump is None:
                ctx.warn("RTE007", "Pump type not documented; 96521 (portable) assumed.", [a.id])
        elif r == "port_flush":
            flushes.append(a)
        elif r in ("oral", "topical"):
            ctx.skip([a.id], f"{a.drug}: {r} drugs earn no administration code.", ["RTE010"])
        else:
            _manual(ctx, a, "route 'other' has no automatic code")
    for group in injections.values():
        _injection(ctx, group)
    if sc_infusions:
        _sc_infusion(ctx, sc_infusions)
    return flushes


def _manual(ctx: Ctx, a: Adm, why: str) -> None:
    ctx.skip([a.id], f"{a.drug}: {why}; code manually.", ["RTE010"])
    ctx.warn("RTE010", f"{a.drug}: needs manual coding ({why}).", [a.id])


def _injection(ctx: Ctx, group: list[Adm]) -> None:
    a = group[0]
    ids = [g.id for g in group]
    date = ctx.date_of(a.start)
    if a.category == "chemotherapy":
        code = "96402" if a.hormonal else "96401"
        why = (
            f"{a.drug}: {'hormonal ' if a.hormonal else ''}anti-neoplastic by "
            f"{'SC' if a.route == 'sc_injection' else 'IM'} injection → {code}"
        )
    else:
        code = "96372"
        why = f"{a.drug}: {'SC' if a.route == 'sc_injection' else 'IM'} injection → 96372"
    rules = ["RTE001"]
    if len(group) > 1:
        rules.append("RTE011")
        why += f" (one dose given as {len(group)} injections counts once)"
        ctx.warn(
            "RTE011",
            f"{a.drug}: {len(group)} injections of one dose coded as one unit "
            "(policy split_dose_injections=one_unit).",
            ids,
        )
    ctx.line(code, 1, "administration", "standalone", ids, rules, why, None, date)


def _sc_infusion(ctx: Ctx, adms: list[Adm]) -> None:
    timed = sorted((a for a in adms if a.minutes > 0), key=lambda a: (-a.minutes, a.start or 0))
    first = timed[0] if timed else None
    if first is not None and first.minutes >= u.INFUSION_MIN:
        ctx.line(
            "96369",
            1,
            "administration",
            "initial",
            [first.id],
            ["RTE002", "TIM005"],
            f"{first.drug}: subcutaneous infusion, {first.minutes} minutes → 96369 "
            "(includes pump set-up and the first sites)",
            None,
            ctx.date_of(first.start),
        )
        extra = u.addon_hours(first.minutes)
        if extra:
            ctx.line(
                "96370",
                extra,
                "administration",
                "additional_hour",
                [first.id],
                ["RTE002", "TIM004"],
                f"{first.drug}: {first.minutes} minutes → 96370 ×{extra}",
                None,
                ctx.date_of(first.start),
            )
    elif first is not None:
        ctx.skip(
            [first.id],
            f"{first.drug}: subcutaneous infusion of {first.minutes} minutes; "
            "96369 needs more than 15 minutes.",
            ["RTE002", "TIM005"],
        )
        first = None
    others = [a for a in adms if a is not first]
    if first is None:
        for a in others:
            ctx.skip(
                [a.id],
                f"{a.drug}: subcutaneous infusion without a timed first infusion.",
                ["RTE002"],
            )
            ctx.warn(
                "INP005", f"{a.drug}: subcutaneous infusion needs start and stop times.", [a.id]
            )
        return
    if others:
        ctx.line(
            "96371",
            1,
            "administration",
            "additional",
            [a.id for a in others],
            ["RTE002"],
            "Additional pump set-up with new subcutaneous site(s) → 96371 (once per encounter)",
            None,
            ctx.date_of(others[0].start or first.start),
        )


def _pump_start(ctx: Ctx, a: Adm, date: str | None) -> None:
    pump = a.src.pump
    if a.category == "chemotherapy":
        supplier = a.src.pump_supplier
        if ctx.medicare and pump == "portable" and supplier == "clinic":
            ctx.line(
                "G0498",
                1,
                "administration",
                "standalone",
                [a.id],
                ["RTE006"],
                f"{a.drug}: chemotherapy started on a clinic-supplied portable pump to "
                "continue at home (Medicare) → G0498",
                None,
                date,
            )
            return
        ctx.line(
            "96416",
            1,
            "administration",
            "standalone",
            [a.id],
            ["RTE006"],
            f"{a.drug}: prolonged chemotherapy infusion started with a {pump} pump → 96416",
            None,
            date,
        )
        if ctx.medicare and pump == "portable" and supplier is None:
            ctx.warn(
                "RTE006",
                f"{a.drug}: pump supplier not documented; Medicare wants G0498 "
                "instead of 96416 when the clinic supplied the portable pump.",
                [a.id],
            )
        return
    if ctx.facility:
        ctx.line(
            "C8957",
            1,
            "administration",
            "standalone",
            [a.id],
            ["RTE006"],
            f"{a.drug}: prolonged non-chemotherapy infusion started with a pump (hospital) → C8957",
            None,
            date,
        )
    else:
        _manual(ctx, a, "a non-chemotherapy pump start has no professional code in this family")


def _intra_arterial(ctx: Ctx, a: Adm, date: str | None) -> None:
    if a.category != "chemotherapy":
        if a.route == "intra_arterial_push":
            ctx.line(
                "96373",
                1,
                "administration",
                "standalone",
                [a.id],
                ["RTE003"],
                f"{a.drug}: intra-arterial injection → 96373",
                None,
                date,
            )
        else:
            _manual(ctx, a, "a non-chemotherapy intra-arterial infusion has no specific code")
        return
    if a.src.pump:
        ctx.line(
            "96425",
            1,
            "administration",
            "standalone",
            [a.id],
            ["RTE006", "RTE003"],
            f"{a.drug}: prolonged intra-arterial chemotherapy started with a pump → 96425",
            None,
            date,
        )
        return
    if a.encounter in ctx.intra_arterial_initial:
        _manual(
            ctx,
            a,
            "a second intra-arterial chemotherapy drug in one encounter has no sequential "
            "intra-arterial code (one initial per encounter)",
        )
        return
    ctx.intra_arterial_initial.add(a.encounter)
    if a.route == "intra_arterial_push" or (0 < a.minutes < u.INFUSION_MIN):
        ctx.line(
            "96420",
            1,
            "administration",
            "initial",
            [a.id],
            ["RTE003"],
            f"{a.drug}: intra-arterial chemotherapy push → 96420",
            None,
            date,
        )
        return
    if a.minutes <= 0:
        ctx.skip(
            [a.id], f"{a.drug}: intra-arterial infusion without start and stop times.", ["INP005"]
        )
        ctx.warn("INP005", f"{a.drug}: start or stop time missing.", [a.id])
        return
    ctx.line(
        "96422",
        1,
        "administration",
        "initial",
        [a.id],
        ["RTE003", "TIM005"],
        f"{a.drug}: intra-arterial chemotherapy infusion, {a.minutes} minutes → 96422",
        None,
        date,
    )
    extra = u.addon_hours(a.minutes)
    if extra:
        ctx.line(
            "96423",
            extra,
            "administration",
            "additional_hour",
            [a.id],
            ["RTE003", "TIM004"],
            f"{a.drug}: {a.minutes} minutes → 96423 ×{extra}",
            None,
            date,
        )
