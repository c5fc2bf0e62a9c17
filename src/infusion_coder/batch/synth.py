"""Synthetic encounters and billed claims for testing and benchmarking the audit.

``generate(n, seed)`` yields ``(case, claim_lines, truth)`` for realistic regimens (FOLFOX,
R-CHOP, AC-T, pembrolizumab, IVIG, iron, an ED push + hydration visit), with clock noise,
pauses, missing stop times at a realistic rate and separate sites. The billed claim is the
coded result with errors of the kinds the market research names injected at a known rate;
``truth`` records which were injected, so the audit's precision and recall can be measured.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from infusion_coder.engine import code_case

ERROR_KINDS = (
    "unbilled_96415",
    "missing_96417",
    "hydration_concurrent",
    "extra_initial",
    "mue_overrun",
    "jw_jz_gap",
)
SITES = ("infusion-center-north", "infusion-center-south", "hospital-opd", "ed")


@dataclass
class _Clock:
    t: int  # minutes since midnight

    def hhmm(self, m: int | None = None) -> str:
        v = self.t if m is None else m
        return f"{v // 60 % 24:02d}:{v % 60:02d}"


def _adm(
    clock: _Clock,
    rng: random.Random,
    drug: str,
    hcpcs: str,
    cat: str,
    route: str,
    minutes: int,
    dose: float,
    unit: str,
    **kw: Any,
) -> dict[str, Any]:
    start = clock.t + rng.randint(0, 6)
    dur = max(1, minutes + rng.randint(-5, 8)) if route != "iv_push" else rng.randint(2, 6)
    a: dict[str, Any] = {
        "drug": drug,
        "hcpcs": hcpcs,
        "category": cat,
        "route": route,
        "start": clock.hhmm(start),
        "dose": {"amount": dose, "unit": unit},
    }
    if route in ("iv_push", "iv_infusion", "sc_infusion"):
        a["stop"] = clock.hhmm(start + dur)
    a.update(kw)
    clock.t = start + dur
    return a


def _premeds(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    return [
        _adm(clock, rng, "ondansetron", "J2405", "therapeutic", "iv_push", 3, 16, "mg"),
        _adm(clock, rng, "dexamethasone", "J1100", "therapeutic", "iv_push", 3, 12, "mg"),
    ]


def _folfox(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    adms = _premeds(clock, rng)
    start = clock.t + 5
    ox = _adm(
        clock,
        rng,
        "oxaliplatin",
        "J9263",
        "chemotherapy",
        "iv_infusion",
        120,
        170,
        "mg",
        single_dose_container=True,
        discarded={"amount": rng.choice([0, 0, 30]), "unit": "mg"},
    )
    clock.t = start
    lv = _adm(clock, rng, "leucovorin", "J0640", "therapeutic", "iv_infusion", 120, 800, "mg")
    clock.t = max(clock.t, start + 125)
    bolus = _adm(clock, rng, "fluorouracil", "J9190", "chemotherapy", "iv_push", 3, 800, "mg")
    pump = _adm(
        clock,
        rng,
        "fluorouracil",
        "J9190",
        "chemotherapy",
        "iv_infusion",
        0,
        4800,
        "mg",
        pump="portable",
        pump_supplier="other",
    )
    pump.pop("stop", None)
    return [*adms, ox, lv, bolus, pump]


def _rchop(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    adms = [
        _adm(clock, rng, "diphenhydramine", "J1200", "therapeutic", "iv_push", 3, 50, "mg"),
        *_premeds(clock, rng),
    ]
    rit = _adm(
        clock,
        rng,
        "rituximab",
        "J9312",
        "chemotherapy",
        "iv_infusion",
        rng.choice([240, 270, 300]),
        700,
        "mg",
        single_dose_container=True,
        discarded={"amount": rng.choice([0, 0, 0, 30]), "unit": "mg"},
    )
    if rng.random() < 0.2:  # infusion reaction: a hold
        s = _hhmm_to_min(rit["start"]) + 60
        rit["pauses"] = [{"start": _fmt(s), "stop": _fmt(s + rng.randint(15, 45))}]
        clock.t += 30
    cyc = _adm(
        clock,
        rng,
        "cyclophosphamide",
        "J9070",
        "chemotherapy",
        "iv_infusion",
        rng.choice([30, 45, 60]),
        1400,
        "mg",
    )
    dox = _adm(clock, rng, "doxorubicin", "J9000", "chemotherapy", "iv_push", 5, 90, "mg")
    vin = _adm(clock, rng, "vincristine", "J9370", "chemotherapy", "iv_push", 3, 2, "mg")
    return [*adms, rit, cyc, dox, vin]


def _act(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    adms = _premeds(clock, rng)
    if rng.random() < 0.5:
        adms += [
            _adm(clock, rng, "doxorubicin", "J9000", "chemotherapy", "iv_push", 5, 110, "mg"),
            _adm(
                clock,
                rng,
                "cyclophosphamide",
                "J9070",
                "chemotherapy",
                "iv_infusion",
                45,
                1100,
                "mg",
            ),
        ]
    else:
        adms.append(
            _adm(
                clock,
                rng,
                "paclitaxel",
                "J9267",
                "chemotherapy",
                "iv_infusion",
                rng.choice([60, 180]),
                300,
                "mg",
            )
        )
    return adms


def _pembro(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    adms = [
        _adm(
            clock,
            rng,
            "pembrolizumab",
            "J9271",
            "chemotherapy",
            "iv_infusion",
            30,
            200,
            "mg",
            single_dose_container=True,
            discarded={"amount": 0, "unit": "mg"},
        )
    ]
    if rng.random() < 0.4:
        adms.append(
            _adm(
                clock,
                rng,
                "normal saline",
                "J7030",
                "hydration",
                "iv_infusion",
                rng.choice([45, 60, 120]),
                1000,
                "mL",
            )
        )
    return adms


def _ivig(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    return [
        _adm(
            clock,
            rng,
            "immune globulin",
            "J1569",
            "therapeutic",
            "iv_infusion",
            rng.choice([150, 210, 240]),
            35000,
            "mg",
        )
    ]


def _iron(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    if rng.random() < 0.5:
        return [_adm(clock, rng, "iron sucrose", "J1756", "therapeutic", "iv_push", 5, 200, "mg")]
    return [
        _adm(
            clock,
            rng,
            "ferric carboxymaltose",
            "J1439",
            "therapeutic",
            "iv_infusion",
            20,
            750,
            "mg",
            single_dose_container=True,
            discarded={"amount": 0, "unit": "mg"},
        )
    ]


def _ed(clock: _Clock, rng: random.Random) -> list[dict[str, Any]]:
    start = clock.t
    adms = [_adm(clock, rng, "ondansetron", "J2405", "therapeutic", "iv_push", 3, 4, "mg")]
    clock.t = start + 10
    adms.append(
        _adm(
            clock,
            rng,
            "normal saline",
            "J7030",
            "hydration",
            "iv_infusion",
            rng.choice([60, 120, 180]),
            1000,
            "mL",
        )
    )
    if rng.random() < 0.5:
        adms.append(
            _adm(clock, rng, "ketorolac", "J1885", "therapeutic", "im_injection", 0, 30, "mg")
        )
    return adms


REGIMENS = {
    "FOLFOX": (_folfox, 0.18),
    "R-CHOP": (_rchop, 0.12),
    "AC-T": (_act, 0.15),
    "pembrolizumab": (_pembro, 0.15),
    "IVIG": (_ivig, 0.12),
    "iron": (_iron, 0.13),
    "ED push + hydration": (_ed, 0.15),
}


def _hhmm_to_min(v: str) -> int:
    h, m = v.split(":")
    return int(h) * 60 + int(m)


def _fmt(m: int) -> str:
    return f"{m // 60 % 24:02d}:{m % 60:02d}"


def make_case(rng: random.Random, i: int) -> tuple[dict[str, Any], str, str]:
    names = list(REGIMENS)
    weights = [REGIMENS[n][1] for n in names]
    regimen = rng.choices(names, weights)[0]
    clock = _Clock(7 * 60 + rng.randint(0, 240))
    adms = REGIMENS[regimen][0](clock, rng)
    for k, a in enumerate(adms, 1):
        a["id"] = str(k)
        if "stop" in a and a["route"] == "iv_infusion" and rng.random() < 0.03:
            del a["stop"]  # missing stop time (documentation gap)
    if len(adms) > 1 and rng.random() < 0.04:
        adms[-1]["site"] = "left forearm PIV"
        adms[-1]["separate_site_required"] = "incompatible with the running infusion"
        adms[0]["site"] = "port"
    site = "ed" if regimen.startswith("ED") else rng.choice(SITES[:3])
    setting = (
        "facility" if site in ("hospital-opd", "ed") else rng.choice(["professional", "facility"])
    )
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    case = {
        "id": f"E{i:09d}",
        "setting": setting,
        "payer": "medicare" if rng.random() < 0.7 else "commercial",
        "date": f"2026-{month:02d}-{day:02d}",
        "administrations": adms,
    }
    return case, regimen, site


def _inject(
    rng: random.Random, lines: list[dict[str, Any]], rate: float
) -> tuple[list[dict[str, Any]], list[str]]:
    injected: list[str] = []
    if rng.random() >= rate:
        return lines, injected
    kinds = list(ERROR_KINDS)
    rng.shuffle(kinds)
    for kind in kinds:
        if kind == "unbilled_96415":
            ln = next((x for x in lines if x["code"] == "96415"), None)
            if ln:
                ln["units"] -= 1
                if ln["units"] == 0:
                    lines.remove(ln)
                injected.append(kind)
        elif kind == "missing_96417":
            ln = next((x for x in lines if x["code"] == "96417"), None)
            if ln:
                lines.remove(ln)
                injected.append(kind)
        elif kind == "hydration_concurrent":
            if any(x["code"] in ("96413", "96365") for x in lines):
                lines.append({"code": "96361", "units": 1, "modifiers": []})
                injected.append(kind)
        elif kind == "extra_initial":
            ln = next((x for x in lines if x["code"] in ("96413", "96365", "96374", "96360")), None)
            if ln:
                lines.append({"code": ln["code"], "units": 1, "modifiers": []})
                injected.append(kind)
        elif kind == "mue_overrun":
            ln = next((x for x in lines if x["code"] in ("96413", "96365", "96374")), None)
            if ln:
                ln["units"] += 2
                injected.append(kind)
        elif kind == "jw_jz_gap":
            ln = next((x for x in lines if {"JZ", "JW"} & set(x["modifiers"])), None)
            if ln:
                ln["modifiers"] = [m for m in ln["modifiers"] if m not in ("JZ", "JW")]
                injected.append(kind)
        if injected:
            break
    return lines, injected


def generate(
    n: int, seed: int = 0, error_rate: float = 0.3
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]]:
    """Yield ``(case, billed_claim_lines, truth)`` for ``n`` encounters."""
    rng = random.Random(seed)
    for i in range(n):
        case, regimen, site = make_case(rng, i)
        result = code_case(case)
        lines = [
            {"code": ln.code, "units": ln.units, "modifiers": list(ln.modifiers), "date": ln.date}
            for ln in result.lines
        ]
        billed, injected = _inject(rng, lines, error_rate)
        case["site"] = site  # an extra field: the case format ignores it; the audit groups by it
        truth = {"encounter_id": case["id"], "regimen": regimen, "errors": injected}
        yield case, billed, truth


def write(n: int, seed: int, out_dir: Any, error_rate: float = 0.3) -> dict[str, str]:
    """Write ``cases.jsonl``, ``claims.csv`` (billed lines) and ``truth.jsonl`` to ``out_dir``."""
    import csv
    import json
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        k: str(out / f)
        for k, f in (("cases", "cases.jsonl"), ("claims", "claims.csv"), ("truth", "truth.jsonl"))
    }
    with (
        open(paths["cases"], "w", encoding="utf-8") as fc,
        open(paths["claims"], "w", newline="", encoding="utf-8") as fl,
        open(paths["truth"], "w", encoding="utf-8") as ft,
    ):
        w = csv.writer(fl)
        w.writerow(["encounter_id", "code", "units", "modifiers", "date"])
        for case, billed, truth in generate(n, seed, error_rate):
            fc.write(json.dumps(case, separators=(",", ":")) + "\n")
            ft.write(json.dumps(truth, separators=(",", ":")) + "\n")
            for b in billed:
                w.writerow(
                    [
                        case["id"],
                        b["code"],
                        b["units"],
                        ";".join(b["modifiers"]),
                        b.get("date") or "",
                    ]
                )
    return paths
