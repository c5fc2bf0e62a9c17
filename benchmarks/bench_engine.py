"""Case coder throughput: encounters per second on one core, beside parsing alone.

Generates realistic encounters (1-10 administrations, mixed categories), then times
(a) parsing the JSON into the case model and (b) parsing + coding, on the same inputs.
Goal (issue #3): >= 20,000 encounters/s and coding <= 3x the parsing cost.

The machine may be shared, so both passes are timed in CPU time of this process
(``time.process_time``), alternated over ``--rounds`` rounds, and the best round of each is
reported (the least disturbed). ``--check`` also confirms that every result equals the same
result validated by pydantic from its own dump (the engine builds results without
re-validating them).

    .venv/bin/python benchmarks/bench_engine.py [--n 20000] [--seed 7] [--rounds 3] [--check]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable

from infusion_coder.engine import code_case, parse_case
from infusion_coder.models import CodingResult

DRUGS = [
    ("cisplatin", "chemotherapy", "J9060", 100, "mg"),
    ("rituximab", "chemotherapy", "J9312", 700, "mg"),
    ("oxaliplatin", "chemotherapy", "J9263", 150, "mg"),
    ("paclitaxel", "chemotherapy", "J9267", 300, "mg"),
    ("ondansetron", "therapeutic", "J2405", 8, "mg"),
    ("dexamethasone", "therapeutic", "J1100", 12, "mg"),
    ("fosaprepitant", "therapeutic", "J1453", 150, "mg"),
    ("leucovorin", "therapeutic", "J0640", 400, "mg"),
    ("iron sucrose", "therapeutic", "J1756", 200, "mg"),
    ("normal saline", "hydration", "J7030", 1000, "mL"),
]


def make_case(rng: random.Random, i: int) -> dict:
    n = rng.randint(1, 10)
    t = 8 * 60 + rng.randint(0, 90)
    adms = []
    for k in range(n):
        name, cat, hcpcs, dose, unit = rng.choice(DRUGS)
        route = "iv_push" if cat != "hydration" and rng.random() < 0.3 else "iv_infusion"
        length = rng.randint(2, 10) if route == "iv_push" else rng.randint(10, 240)
        start = t + rng.randint(-10, 20)
        stop = start + length
        t = stop
        adm = {
            "id": str(k + 1),
            "drug": name,
            "category": cat,
            "hcpcs": hcpcs,
            "route": route,
            "start": f"{start // 60 % 24:02d}:{start % 60:02d}",
            "stop": f"{stop // 60 % 24:02d}:{stop % 60:02d}",
            "dose": {"amount": dose, "unit": unit},
            "single_dose_container": cat == "chemotherapy",
        }
        if stop // 60 >= 24 or start // 60 >= 24:
            adm["start"] = f"2026-03-02T{start // 60 % 24:02d}:{start % 60:02d}"
            adm.pop("stop")
        if rng.random() < 0.1 and route == "iv_infusion" and length > 60:
            ps = start + 20
            adm["pauses"] = [
                {
                    "start": f"{ps // 60 % 24:02d}:{ps % 60:02d}",
                    "stop": f"{(ps + 10) // 60 % 24:02d}:{(ps + 10) % 60:02d}",
                }
            ]
        adms.append(adm)
    return {
        "id": f"E-{i}",
        "setting": rng.choice(["facility", "professional"]),
        "date": "2026-03-02",
        "administrations": adms,
    }


def _timed(docs: list[str], fn: Callable[[str], object]) -> tuple[float, int]:
    """CPU seconds to run ``fn`` over ``docs``, and how many raised."""
    errors = 0
    t0 = time.process_time()
    for d in docs:
        try:
            fn(d)
        except Exception:
            errors += 1
    return time.process_time() - t0, errors


def _check(docs: list[str]) -> int:
    """Results that differ from their pydantic-validated copy (should be 0)."""
    bad = 0
    for d in docs:
        result = code_case(d)
        again = CodingResult.model_validate(result.model_dump())
        if again != result or again.model_dump_json() != result.model_dump_json():
            bad += 1
    return bad


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--check", action="store_true", help="compare results with validated copies")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = [json.dumps(make_case(rng, i)) for i in range(args.n)]
    code_case(docs[0])  # warm caches (knowledge load, drug lookups)

    parse_s = code_s = float("inf")
    errors = 0
    for _ in range(max(1, args.rounds)):
        parse_s = min(parse_s, _timed(docs, parse_case)[0])
        seconds, errors = _timed(docs, code_case)
        code_s = min(code_s, seconds)

    print(
        f"encounters: {args.n} (seed {args.seed}), one core, best of {args.rounds} rounds (CPU time)"
    )
    print(
        f"parse only : {args.n / parse_s:,.0f} encounters/s  "
        f"({parse_s / args.n * 1e6:.1f} us per encounter)"
    )
    print(
        f"parse+code : {args.n / code_s:,.0f} encounters/s  "
        f"({code_s / args.n * 1e6:.1f} us per encounter; errors: {errors})"
    )
    print(
        f"coding cost: {code_s / parse_s:.2f}x parsing (goal <= 3x); "
        f"goal >= 20,000/s: {'met' if args.n / code_s >= 20000 else 'NOT met'}"
    )
    if args.check:
        print(f"check      : {_check(docs)} results differ from their validated copy")


if __name__ == "__main__":
    main()
