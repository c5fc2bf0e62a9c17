"""ICD-10-CM detection: precision and recall on the labelled snippets, beside a phrase baseline.

Usage::

    python benchmarks/bench_icd10_detect.py [--snippets tests/text/data/icd10_snippets.jsonl] [--misses]

A prediction is a (code, status) pair: status is confirmed, historical, uncertain or invalid;
negated mentions and history without a code are not predictions. It is right when the
snippet's labels hold the same pair. The baseline is plain exact-phrase matching: every
ICD-10-CM description (as the code set writes it) found word for word, case-insensitive, in
the snippet, taken as confirmed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

Pair = tuple[str, str]
DATA = Path(__file__).resolve().parents[1] / "tests" / "text" / "data"
#: the development set (rules were adjusted while looking at it) and a held-out set (never tuned on)
DEFAULT = [DATA / "icd10_snippets.jsonl", DATA / "icd10_snippets_holdout.jsonl"]


def ours() -> Callable[[str], list[Pair]]:
    from infusion_coder.text.icd10 import detect_icd10

    return lambda text: [(f.code, f.status.value) for f in detect_icd10(text) if f.code]


def baseline() -> Callable[[str], list[Pair]]:
    import simple_icd_10_cm as cm

    descriptions = [
        (str(cm.get_description(c)).lower(), str(cm.add_dot(c)))
        for c in cm.get_all_codes(True)
        if not cm.is_chapter_or_block(c)
    ]

    def find(text: str) -> list[Pair]:
        low = text.lower()
        return [
            (code, "confirmed")
            for desc, code in descriptions
            if desc in low and re.search(rf"(?<!\w){re.escape(desc)}(?!\w)", low)
        ]

    return find


def score(rows: list[dict[str, object]], find: Callable[[str], list[Pair]]) -> dict[str, object]:
    tp = n_pred = n_gold = 0
    by_tag: dict[str, Counter[str]] = {}
    misses: list[str] = []
    start = time.perf_counter()
    for row in rows:
        predicted = Counter(find(str(row["text"])))
        gold = Counter((e["code"], e["status"]) for e in row["expected"])  # type: ignore[attr-defined,index]
        hit = sum((predicted & gold).values())
        tp += hit
        n_pred += sum(predicted.values())
        n_gold += sum(gold.values())
        tag = by_tag.setdefault(str(row["tag"]), Counter())
        tag.update(tp=hit, pred=sum(predicted.values()), gold=sum(gold.values()))
        if predicted != gold:
            misses.append(
                f"{row['id']}: {row['text']!r}\n    expected {sorted(gold)} got {sorted(predicted)}"
            )
    seconds = time.perf_counter() - start
    return {
        "precision": tp / max(1, n_pred),
        "recall": tp / max(1, n_gold),
        "by_tag": {k: dict(v) for k, v in sorted(by_tag.items())},
        "snippets_per_s": len(rows) / seconds,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=Path, action="append", help="JSON lines (repeatable)")
    parser.add_argument("--misses", action="store_true", help="list what each side got wrong")
    args = parser.parse_args(argv)
    finders = {"infusion-coder": ours(), "exact-phrase baseline": baseline()}
    for path in args.snippets or DEFAULT:
        rows = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        tags = ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["tag"] for r in rows).items()))
        print(f"\n### {path.name}: {len(rows)} snippets ({tags})")
        for label, find in finders.items():
            find("warm up")
            result = score(rows, find)
            print(
                f"== {label}: precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
                f"{result['snippets_per_s']:.0f} snippets/s"
            )
            for tag, c in result["by_tag"].items():  # type: ignore[attr-defined]
                print(
                    f"  {tag:<10} expected {c['gold']:>3}  predicted {c['pred']:>3}  right {c['tp']:>3}"
                )
            if args.misses:
                for m in result["misses"]:  # type: ignore[attr-defined]
                    print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
