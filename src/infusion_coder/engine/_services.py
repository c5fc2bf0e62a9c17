"""Same-day services: E/M with modifier 25, 99211, port draws, pass-through (SET003–SET006),
and the setting filter (SET001)."""

from __future__ import annotations

from infusion_coder.engine._context import FACILITY_POS, Ctx

PRO_EXCLUDED_RANGES = (
    ("96360", "96379"),
    ("96401", "96402"),
    ("96409", "96425"),
    ("96521", "96523"),
)
EM_CODES = (
    {f"992{n:02d}" for n in range(2, 16)} | {f"9928{n}" for n in range(1, 6)} | {"G0463"}
)  # office, ED and the OPPS clinic visit
PORT_DRAW = {"36591", "36592"}
ACCESS_INCLUDED = {"36000", "36410", "96523"}  # §10: access and flush are part of the service


def facility_pos(ctx: Ctx) -> bool:
    pos = ctx.case.place_of_service
    return pos is not None and pos in FACILITY_POS


def apply_setting(ctx: Ctx) -> None:
    """SET001: a professional claim in a facility POS keeps no facility administration codes."""
    if ctx.facility or not facility_pos(ctx):
        return
    keep = []
    for ln in ctx.lines:
        if ln.kind == "administration" and any(
            lo <= ln.code <= hi for lo, hi in PRO_EXCLUDED_RANGES
        ):
            ctx.skip(
                ln.administrations,
                f"{ln.code} is reported by the facility, not on a professional claim in "
                f"place of service {ctx.case.place_of_service}.",
                ["SET001"],
            )
            continue
        keep.append(ln)
    ctx.lines = keep


def code_services(ctx: Ctx) -> None:
    admin = any(ln.kind == "administration" for ln in ctx.lines)
    services = ctx.case.services
    non_lab_others = admin or any(
        s.code not in PORT_DRAW and not s.code.startswith("8") for s in services
    )
    for i, s in enumerate(services):
        sid = f"service:{s.code}"
        code = s.code.strip().upper()
        if code in EM_CODES:
            if not admin:
                ctx.line(
                    code,
                    s.units,
                    "service",
                    "service",
                    [],
                    ["SET006"],
                    f"E/M visit {code}; no drug administration billed the same day",
                    list(s.modifiers),
                    ctx.case.date,
                )
                continue
            if code == "99211" and ctx.medicare:
                ctx.not_billed.append(
                    _nb(
                        sid,
                        "99211 is not paid by Medicare on the same day as drug administration.",
                        ["SET003"],
                    )
                )
                continue
            if s.separately_identifiable:
                mods = sorted(set(s.modifiers) | {"25"})
                ctx.line(
                    code,
                    s.units,
                    "service",
                    "service",
                    [],
                    ["SET004"],
                    f"E/M visit {code}: documented as significant and separately "
                    "identifiable from the drug administration → modifier 25",
                    mods,
                    ctx.case.date,
                )
            else:
                ctx.not_billed.append(
                    _nb(
                        sid,
                        f"E/M visit {code}: not documented as separately identifiable from the "
                        "drug administration (pre-administration assessment is included).",
                        ["SET004"],
                    )
                )
                if s.separately_identifiable is None:
                    ctx.warn(
                        "SET004",
                        f"services[{i}] ({code}): say whether the visit was "
                        "separately identifiable; it is billed with 25 only when it was.",
                    )
            continue
        if code in PORT_DRAW:
            others = non_lab_others or len([x for x in services if x.code in PORT_DRAW]) > 1
            if others:
                ctx.not_billed.append(
                    _nb(
                        sid,
                        f"{code}: a port/catheter draw is billed only when "
                        "it is the only non-lab service that day.",
                        ["SET005"],
                    )
                )
                continue
            ctx.line(
                code,
                s.units,
                "service",
                "service",
                [],
                ["SET005"],
                f"{code}: blood draw from a port or catheter, the only non-lab service",
                list(s.modifiers),
                ctx.case.date,
            )
            continue
        if code in ACCESS_INCLUDED and admin:
            ctx.not_billed.append(
                _nb(
                    sid,
                    f"{code}: starting the IV, drawing for access or flushing is part of the "
                    "drug administration billed the same day.",
                    ["SET007"],
                )
            )
            continue
        ctx.line(
            code,
            s.units,
            "service",
            "service",
            [],
            ["SET006"],
            f"{code}: same-day service carried from the case",
            list(s.modifiers),
            ctx.case.date,
        )


def _nb(sid: str, reason: str, rules: list[str]) -> dict[str, object]:
    return {"administrations": [], "services": [sid], "reason": reason, "rules": rules}
