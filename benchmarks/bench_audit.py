"""Batch audit end to end: encounters per second, peak memory, 1 vs all cores, and the
precision/recall of the injected claim errors.

    .venv/bin/python benchmarks/bench_audit.py [--sizes 20000,100000] [--seed 1]

Goal (issue #9): 10 M encounters in under 10 minutes on a 2-core machine (16,700/s),
memory bounded (streaming), near-linear in cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from infusion_coder.batch import audit
from infusion_coder.batch.synth import ERROR_KINDS, write


def _precision_recall(d: Path, out: Path) -> dict[str, tuple[float, float, int]]:
    import duckdb

    from infusion_coder.batch.compare import detected_kinds

    truth = {}
    for line in (d / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        truth[t["encounter_id"]] = set(t["errors"])
    con = duckdb.connect()
    diffs: dict[str, list[dict]] = {}
    for row in con.execute(
        f"SELECT encounter_id, code, modifiers, delta_units, kind, setting FROM "
        f"read_parquet('{out / 'differences.parquet'}')"
    ).fetchall():
        diffs.setdefault(row[0], []).append(
            {
                "code": row[1],
                "modifiers": row[2],
                "delta_units": row[3],
                "kind": row[4],
                "setting": row[5],
            }
        )
    billed: dict[str, list[dict]] = {}
    for row in con.execute(
        f"SELECT encounter_id, code, CAST(units AS INT) FROM read_csv('{d / 'claims.csv'}', "
        "all_varchar=true)"
    ).fetchall():
        billed.setdefault(row[0], []).append({"code": row[1], "units": row[2]})
    settings = dict(
        con.execute(
            f"SELECT encounter_id, setting FROM read_parquet('{out / 'encounters.parquet'}')"
        ).fetchall()
    )
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for eid, kinds in truth.items():
        found = detected_kinds(diffs.get(eid, []), billed.get(eid, []), settings.get(eid, ""))
        for k in ERROR_KINDS:
            if k in kinds and k in found:
                tp[k] += 1
            elif k in found:
                fp[k] += 1
            elif k in kinds:
                fn[k] += 1
    out_pr = {}
    for k in ERROR_KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else float("nan")
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else float("nan")
        out_pr[k] = (p, r, tp[k] + fn[k])
    return out_pr


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    base = Path(tempfile.mkdtemp(prefix="bench_audit_"))
    try:
        for n in (int(x) for x in args.sizes.split(",")):
            d = base / f"n{n}"
            t0 = time.perf_counter()
            write(n, args.seed, d)
            gen_s = time.perf_counter() - t0
            for workers in sorted({1, cores}):
                out = d / f"out{workers}"
                t0 = time.perf_counter()
                audit(d / "cases.jsonl", out, claims=d / "claims.csv", workers=workers)
                s = time.perf_counter() - t0
                print(
                    f"n={n:>9,} workers={workers}: {n / s:8,.0f} encounters/s "
                    f"({s:6.1f} s; synth {gen_s:.1f} s)"
                )
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"   peak RSS: driver {rss:,.0f} MB, largest worker {kids:,.0f} MB")
            if n == int(args.sizes.split(",")[0]):
                print("   injected-error detection (precision, recall, n):")
                for k, (p, r, m) in _precision_recall(d, d / f"out{cores}").items():
                    print(f"     {k:22s} P={p:.3f} R={r:.3f} n={m}")
        print(f"goal: 10 M in 10 min on 2 cores = 16,667 encounters/s ({cores} cores here)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
