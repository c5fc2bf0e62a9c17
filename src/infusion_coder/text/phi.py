"""PHI redaction: Presidio's analyzer with our recognizers finds, its anonymizer with our operators acts.

Runs fully offline: the analyzer gets Presidio's no-op NLP engine (no spaCy model is loaded)
unless a spaCy pipeline is asked for by name, and no recognizer looks anything up on a network.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as Finding

from infusion_coder.errors import InvalidInput
from infusion_coder.text.models import PhiKind, RedactionResult, Span
from infusion_coder.text.operators import OPERATORS, document_shift_days, make_operator
from infusion_coder.text.recognizers import SpacyPersonRecognizer, default_recognizers

#: used when no key is given: pseudonyms and date shifts then agree within one process only
_PROCESS_KEY = secrets.token_bytes(32)
_MERGE_GAP = frozenset({" ", ", ", ",", "\t", "  "})


class PhiRedactor:
    """Finds and replaces PHI; build once, use for many texts (the engines are reused)."""

    def __init__(self, *, spacy_model: str | None = None, min_score: float = 0.5) -> None:
        registry = RecognizerRegistry(supported_languages=["en"])
        for recognizer in default_recognizers():
            registry.add_recognizer(recognizer)
        if spacy_model:
            spacy_recognizer = SpacyPersonRecognizer(spacy_model)
            spacy_recognizer.load()
            registry.add_recognizer(spacy_recognizer)
        engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
        engine.load()
        self.analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=engine, supported_languages=["en"]
        )
        self.anonymizer = AnonymizerEngine()
        self.min_score = min_score
        self.kinds = [k.value for k in PhiKind]

    def find(self, text: str, kinds: Sequence[str] | None = None) -> list[Span]:
        """The PHI spans of ``text``, without overlaps, in text order."""
        text = _checked_text(text)
        entities = list(kinds) if kinds else self.kinds
        unknown = sorted(set(entities) - set(self.kinds))
        if unknown:
            raise InvalidInput(f"unknown PHI kind(s): {', '.join(unknown)}", field="kinds")
        if not text.strip():
            return []
        results = self.analyzer.analyze(text=text, language="en", entities=entities)
        return _resolve(text, results, self.min_score)

    def redact(
        self,
        text: str,
        *,
        operator: str = "tag",
        key: bytes | str | None = None,
        document_id: str | None = None,
        shift_days: int | None = None,
        kinds: Sequence[str] | None = None,
    ) -> RedactionResult:
        """``text`` with its PHI replaced by ``operator`` (one of tag, mask, pseudonym, dateshift).

        ``key`` makes pseudonyms and date offsets reproducible across runs (same key, same
        token); ``document_id`` picks the document's date offset (default: derived from the
        text), or ``shift_days`` sets it.
        """
        if operator not in OPERATORS:
            raise InvalidInput(
                f"unknown operator {operator!r}; choose one of {', '.join(OPERATORS)}",
                field="operator",
            )
        spans = self.find(text, kinds)
        secret = _key_bytes(key)
        if shift_days is None:
            shift_days = document_shift_days(
                secret, document_id if document_id is not None else text
            )
        op = make_operator(operator, key=secret, shift_days=shift_days)
        if not spans:
            return RedactionResult(text=text, spans=[], operator=operator)
        results = [Finding(s.kind, s.start, s.end, s.score) for s in spans]
        configs = {
            kind: OperatorConfig("custom", {"lambda": _bound(op.replace, kind)})
            for kind in {s.kind for s in spans}
        }
        out = self.anonymizer.anonymize(text=text, analyzer_results=results, operators=configs)
        return RedactionResult(text=out.text, spans=spans, operator=operator)

    def redact_many(self, texts: Iterable[str], **options: object) -> list[RedactionResult]:
        """Redact a batch with one key, so pseudonyms agree across its documents."""
        if options.get("key") is None:
            options["key"] = secrets.token_bytes(32)
        return [self.redact(t, **options) for t in texts]  # type: ignore[arg-type]


def _bound(replace: Callable[[str, str], str], kind: str) -> Callable[[str], str]:
    return lambda value: replace(kind, value)


def _key_bytes(key: bytes | str | None) -> bytes:
    if key is None:
        return _PROCESS_KEY
    if isinstance(key, str):
        if not key:
            raise InvalidInput("the pseudonym key is empty", field="key")
        return key.encode()
    return key


def _checked_text(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"text must be a string, not {type(text).__name__}", field="text")
    return text


def _resolve(text: str, results: list[RecognizerResult], min_score: float) -> list[Span]:
    """Keep the strongest of overlapping findings (then the longest), merge adjacent names."""
    chosen: list[RecognizerResult] = []
    taken: list[tuple[int, int]] = []
    ranked = sorted(
        (r for r in results if r.score >= min_score and r.end > r.start),
        key=lambda r: (-r.score, -(r.end - r.start), r.start),
    )
    for r in ranked:
        if any(r.start < e and s < r.end for s, e in taken):
            continue
        chosen.append(r)
        taken.append((r.start, r.end))
    chosen.sort(key=lambda r: r.start)
    spans: list[Span] = []
    for r in chosen:
        meta = r.recognition_metadata or {}
        name = meta.get(RecognizerResult.RECOGNIZER_NAME_KEY) or "?"
        source = f"{name}.{meta['rule']}" if meta.get("rule") else str(name)
        prev = spans[-1] if spans else None
        if (
            prev is not None
            and prev.kind == r.entity_type == "NAME"
            and text[prev.end : r.start] in _MERGE_GAP
        ):
            spans[-1] = Span(
                kind="NAME",
                start=prev.start,
                end=r.end,
                score=max(prev.score, r.score),
                source=prev.source,
                text=text[prev.start : r.end],
            )
            continue
        spans.append(
            Span(
                kind=r.entity_type,
                start=r.start,
                end=r.end,
                score=round(float(r.score), 3),
                source=source,
                text=text[r.start : r.end],
            )
        )
    return spans


@lru_cache(maxsize=4)
def get_redactor(spacy_model: str | None = None) -> PhiRedactor:
    """A shared :class:`PhiRedactor` (building one takes a moment)."""
    return PhiRedactor(spacy_model=spacy_model)


def find_phi(
    text: str, *, kinds: Sequence[str] | None = None, spacy_model: str | None = None
) -> list[Span]:
    """The PHI spans in ``text`` (kind, start, end, score, recognizer)."""
    return get_redactor(spacy_model).find(text, kinds)


def redact(
    text: str,
    *,
    operator: str = "tag",
    key: bytes | str | None = None,
    document_id: str | None = None,
    shift_days: int | None = None,
    kinds: Sequence[str] | None = None,
    spacy_model: str | None = None,
) -> RedactionResult:
    """``text`` with its protected health information replaced, and the spans found.

    See :meth:`PhiRedactor.redact` for the options.
    """
    return get_redactor(spacy_model).redact(
        text,
        operator=operator,
        key=key,
        document_id=document_id,
        shift_days=shift_days,
        kinds=kinds,
    )
