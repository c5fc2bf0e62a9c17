"""Is a diagnosis mention negated, historical or uncertain? (a NegEx-style window check).

Triggers are looked for in the same sentence (ended by ``.``, ``;``, a line break, "but",
"however"): before the mention, up to six words back, and a few words after it.
"""

from __future__ import annotations

import re

from infusion_coder.text.models import Icd10Status

_NEG_BEFORE = re.compile(
    r"\b(?:no|not|denies|denied|deny|without|negative for|no evidence of|no signs? of|free of"
    r"|ruled out|rules out|absence of|no history of|never had|neg for|w/o)\b",
    re.I,
)
_NEG_AFTER = re.compile(
    r"^\W*(?:(?:was|has been|is|were|been)\s+)?(?:ruled out|excluded|unlikely|negative|resolved and not present)\b",
    re.I,
)
_HIST_BEFORE = re.compile(
    r"\b(?:history of|hx of|hx|h/o|s/p|status post|previous|prior|past|former|survivor of)\b",
    re.I,
)
_HIST_AFTER = re.compile(
    r"^\W*(?:\(?(?:19|20)\d{2}\)?\s*)?,?\s*(?:in the past|years ago|remote|resolved|treated in|dx(?:'d)? in (?:19|20)\d{2})\b",
    re.I,
)
_UNCERTAIN_BEFORE = re.compile(
    r"(?:\b(?:possible|possibly|probable|probably|suspected|suspect|suspicion of|suspicious for|likely"
    r"|questionable|concern for|concerning for|r/o|rule out|rule-out|cannot exclude|cannot rule out"
    r"|may have|might have|differential includes|consistent with possible|presumed)\b|\?)",
    re.I,
)
_UNCERTAIN_AFTER = re.compile(
    r"^\W*(?:\?|(?:is )?(?:suspected|possible|not excluded|vs\.?|versus))", re.I
)
_SENTENCE_END = re.compile(r"(?<!\d)\.(?!\d)|[;\n]|\bbut\b|\bhowever\b|\balthough\b", re.I)
_WORDS_BACK = 6


def _window_before(text: str, start: int) -> str:
    line_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    before = text[line_start:start]
    words = before.split()
    return " ".join(words[-_WORDS_BACK:])


def _window_after(text: str, end: int) -> str:
    m = _SENTENCE_END.search(text, end)
    return text[end : m.start() if m else len(text)][:40]


def status_of(text: str, start: int, end: int) -> Icd10Status:
    """The standing of the mention ``text[start:end]``; negation wins over history and doubt."""
    before = _window_before(text, start)
    after = _window_after(text, end)
    if _NEG_BEFORE.search(before) or _NEG_AFTER.search(after):
        # "no history of" negates; "no longer" style phrasing is treated as negated too
        return Icd10Status.NEGATED
    if _UNCERTAIN_BEFORE.search(before) or _UNCERTAIN_AFTER.search(after):
        return Icd10Status.UNCERTAIN
    if _HIST_BEFORE.search(before) or _HIST_AFTER.search(after):
        return Icd10Status.HISTORICAL
    return Icd10Status.CONFIRMED
