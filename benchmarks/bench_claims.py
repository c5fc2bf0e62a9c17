"""Claim checker throughput: claims checked per second on one core, for a mix of claims.

The mix: one claim in ten is a golden claim of ``tests/cases/claims`` (without its case), the
others are generated visits (chemotherapy, therapeutic infusion, hydration, injections, pushes;
E/M with 25, drug lines, 1-3 diagnoses), one in four with a common billing error. Times (a) parsing the JSON text into a claim and (b) parsing + every check.
Goal (issue #4): >= 20,000 claims/s on one core for (b). The claim-vs-case comparison codes
the case as well, so it is timed separately (c), as claims with their case per second.

    .venv/bin/python benchmarks/bench_claims.py [--n 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

from infusion_coder.edits import Report, check_claim, parse_claim

ROOT = Path(__file__).parents[1]
GOLDEN = sorted((ROOT / "tests" / "cases" / "claims").glob("*.json"))
#: visit templates: (administration lines as (code, min units, max units), drugs, diagnoses)
TEMPLATES: list[tuple[list[tuple[str, int, int]], list[str], list[str]]] = [
    ([("96413", 1, 1), ("96415", 0, 3), ("96417", 0, 1), ("96375", 0, 2), ("96361", 0, 1)],
     ["J9045", "J9267", "J2405", "J1100"], ["C50.911", "C34.90", "C18.9"]),
    ([("96365", 1, 1), ("96366", 0, 2), ("96367", 0, 1), ("96375", 0, 1)],
     ["J1756", "J2405"], ["D50.9", "A41.9"]),
    ([("96360", 1, 1), ("96361", 0, 3)], ["J7030"], ["E86.0", "R11.2"]),
    ([("96372", 1, 2)], ["J1100"], ["M54.50", "D51.0"]),
    ([("96401", 1, 1)], ["J9045"], ["C61"]),
    ([("96374", 1, 1), ("96375", 0, 2)], ["J2405", "J1100"], ["R11.2", "K52.9"]),
]  # fmt: skip
ERRORS = ["drop_primary", "units", "no_25", "jw_jz", "header_dx", "flush", "99211", "zero"]


def generated(rng: random.Random, i: int) -> str:
    """A plausible visit; one in four carries one of the common billing errors."""
    admin, drugs, dx = rng.choice(TEMPLATES)
    lines: list[dict[str, object]] = []
    for code, lo, hi in admin:
        units = rng.randint(lo, hi)
        if units:
            lines.append({"code": code, "units": units, "diagnosis_pointers": [1]})
    setting = rng.choice(["facility", "professional"])
    if setting == "professional" and rng.random() < 0.4:
        lines.append({"code": rng.choice(["99213", "99214", "99215"]), "modifiers": ["25"]})
    for code in rng.sample(drugs, rng.randint(1, len(drugs))):
        lines.append({"code": code, "units": rng.randint(1, 20)})
    diagnoses = rng.sample(dx, rng.randint(1, len(dx)))
    if rng.random() < 0.25:
        error = rng.choice(ERRORS)
        if error == "drop_primary" and len(lines) > 1:
            lines.pop(0)
        elif error == "units":
            lines[0]["units"] = 2
        elif error == "no_25":
            lines.append({"code": "99214"})
        elif error == "jw_jz":
            lines[-1]["modifiers"] = ["JW", "JZ"]
        elif error == "header_dx":
            diagnoses = ["C50.9"]
        elif error == "flush":
            lines.append({"code": "96523"})
        elif error == "99211":
            lines.append({"code": "99211"})
        else:
            lines[-1]["units"] = 0
    claim = {
        "id": f"B-{i}",
        "setting": setting,
        "place_of_service": "11" if setting == "professional" else "22",
        "payer": rng.choice(["medicare", "medicare", "commercial"]),
        "date_of_service": "2026-03-02",
        "diagnoses": diagnoses,
        "lines": lines,
    }
    return json.dumps(claim)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    golden = [json.dumps(json.loads(p.read_text())["claim"]) for p in GOLDEN]
    texts = [golden[i % len(golden)] if i % 10 == 0 else generated(rng, i) for i in range(args.n)]
    for t in texts[:200]:  # warm the library and lookup caches (not timed)
        check_claim(t)

    def timed(fn: Callable[[], object]) -> tuple[float, float]:
        """(wall seconds, CPU seconds of this process): on a busy machine the CPU time is
        the one-core figure, the wall time includes waiting for a core."""
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - w0, time.process_time() - c0

    parsed = []
    parse_w, parse_c = timed(lambda: parsed.extend(parse_claim(t) for t in texts))
    reports: list[Report] = []
    check_w, check_c = timed(lambda: reports.extend(check_claim(t) for t in texts))
    only_w, only_c = timed(lambda: [check_claim(c) for c in parsed])
    errors = sum(not r.ok for r in reports)
    findings = sum(len(r.findings) for r in reports)

    docs = [json.loads(p.read_text()) for p in GOLDEN]
    docs = [d for d in docs if "case" in d]
    rounds = max(1, 2_000 // max(1, len(docs)))
    case_w, case_c = timed(
        lambda: [check_claim(d["claim"], case=d["case"]) for _ in range(rounds) for d in docs]
    )

    n = len(texts)
    print(f"claims: {n} ({len(golden)} golden claims in the mix), {findings} findings, "
          f"{errors} claims with errors; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")  # fmt: skip
    print("                    CPU time (one core)      wall clock")
    for label, w, c, count in (
        ("parse only", parse_w, parse_c, n),
        ("parse + check", check_w, check_c, n),
        ("check (parsed)", only_w, only_c, n),
        ("with --case", case_w, case_c, rounds * len(docs)),
    ):
        print(f"{label:16}  {count / c:>10,.0f} claims/s {1e6 * c / count:7.1f} us"
              f"   {count / w:>10,.0f} claims/s")  # fmt: skip
    print("goal (issue #4): parse + check >= 20,000 claims/s on one core")


if __name__ == "__main__":
    main()
