"""Case coder throughput: encounters per second on one core, beside parsing alone.

Generates realistic encounters (1-10 administrations, mixed categories), then times
(a) parsing the JSON into the case model and (b) parsing + coding, on the same inputs.
Goal (issue #3): >= 20,000 encounters/s and coding <= 3x the parsing cost.

    .venv/bin/python benchmarks/bench_engine.py [--n 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import time

from infusion_coder.engine import code_case, parse_case

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = [json.dumps(make_case(rng, i)) for i in range(args.n)]
    code_case(docs[0])  # warm caches (knowledge load, drug lookups)

    t0 = time.perf_counter()
    for d in docs:
        parse_case(d)
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    errors = 0
    for d in docs:
        try:
            code_case(d)
        except Exception:
            errors += 1
    code_s = time.perf_counter() - t0

    print(f"encounters: {args.n} (seed {args.seed}), one core")
    print(f"parse only : {args.n / parse_s:,.0f} encounters/s")
    print(f"parse+code : {args.n / code_s:,.0f} encounters/s  (errors: {errors})")
    print(
        f"coding cost: {code_s / parse_s:.2f}x parsing (goal <= 3x); "
        f"goal >= 20,000/s: {'met' if args.n / code_s >= 20000 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
