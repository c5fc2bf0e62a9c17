"""PHI redaction: recall and precision per identifier type, and notes/s, beside stock Presidio.

Usage::

    python benchmarks/bench_phi.py                 # 240 eval-mix notes, seed 20251125
    python benchmarks/bench_phi.py --mix tune --seed 1   # the mix the rules were written on
    python benchmarks/bench_phi.py --write benchmarks/data/phi_eval_corpus.jsonl

Scoring (the usual de-identification view): a gold span is *found* when every letter and digit
of it lies inside some predicted span (of any type: a redacted identifier is redacted);
a predicted span is *correct* when it overlaps a gold span. Recall is per gold type, precision
per predicted type. Stock Presidio runs its predefined recognizers with the same no-model NLP
engine (no spaCy model may be downloaded here), so both sides see the same text and no model.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from infusion_coder.text.phi import PhiRedactor
from infusion_coder.text.synth_notes import Note, generate

Found = list[tuple[str, int, int]]


def _covered(text: str, start: int, end: int, predicted: Found) -> bool:
    mask = [False] * (end - start)
    for _, s, e in predicted:
        for i in range(max(s, start), min(e, end)):
            mask[i - start] = True
    return all(m or not text[start + i].isalnum() for i, m in enumerate(mask))


def evaluate(notes: Sequence[Note], find: Callable[[str], Found]) -> dict[str, object]:
    tp_r: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    tp_p: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    start = time.perf_counter()
    predictions = [find(n.text) for n in notes]
    seconds = time.perf_counter() - start
    for note, pred in zip(notes, predictions, strict=True):
        for g in note.spans:
            n_gold[g.kind] += 1
            tp_r[g.kind] += _covered(note.text, g.start, g.end, pred)
        for kind, s, e in pred:
            n_pred[kind] += 1
            tp_p[kind] += any(s < g.end and g.start < e for g in note.spans)
    return {
        "recall": {k: tp_r[k] / n_gold[k] for k in sorted(n_gold)},
        "gold": dict(sorted(n_gold.items())),
        "precision": {k: tp_p[k] / n_pred[k] for k in sorted(n_pred)},
        "predicted": dict(sorted(n_pred.items())),
        "overall_recall": sum(tp_r.values()) / max(1, sum(n_gold.values())),
        "overall_precision": sum(tp_p.values()) / max(1, sum(n_pred.values())),
        "notes_per_s": len(notes) / seconds,
    }


def ours() -> Callable[[str], Found]:
    redactor = PhiRedactor()
    return lambda text: [(s.kind, s.start, s.end) for s in redactor.find(text)]


def stock_presidio() -> Callable[[str], Found]:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])
    return lambda text: [
        (r.entity_type, r.start, r.end)
        for r in analyzer.analyze(text=text, language="en")
        if r.score >= 0.4
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=240)
    parser.add_argument("--seed", type=int, default=20251125)
    parser.add_argument("--mix", choices=["tune", "eval"], default="eval")
    parser.add_argument("--write", type=Path, help="also write the corpus (JSON lines) here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    notes = generate(args.n, seed=args.seed, mix=args.mix)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        with args.write.open("w", encoding="utf-8") as fh:
            for note in notes:
                fh.write(json.dumps(note.to_dict()) + "\n")
    figures = {}
    for label, make in (("infusion-coder", ours), ("stock-presidio", stock_presidio)):
        find = make()
        find(notes[0].text)  # warm up (compiles, loads)
        figures[label] = evaluate(notes, find)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"corpus: {len(notes)} notes, mix={args.mix}, seed={args.seed}")
    for label, f in figures.items():
        print(
            f"\n== {label}: recall {f['overall_recall']:.4f}  precision {f['overall_precision']:.4f}  "
            f"{f['notes_per_s']:.0f} notes/s"
        )
        print(f"  {'gold type':<12} {'n':>5} {'recall':>7}")
        for k, r in f["recall"].items():  # type: ignore[union-attr]
            print(f"  {k:<12} {f['gold'][k]:>5} {r:>7.3f}")  # type: ignore[index]
        print(f"  {'predicted':<18} {'n':>5} {'precision':>9}")
        for k, p in f["precision"].items():  # type: ignore[union-attr]
            print(f"  {k:<18} {f['predicted'][k]:>5} {p:>9.3f}")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())
