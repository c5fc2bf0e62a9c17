"""Find the diagnoses a clinical text states, with their ICD-10-CM codes.

Three finders, then one context check:

1. explicit codes in any common writing (``C50.911``, ``C50911``, ``ICD-10: Z51.11``), checked
   against the code set; a code that is not in it is reported as invalid, not dropped;
2. abbreviations and short forms of oncology and infusion notes (:mod:`.lexicon`), with
   laterality ("left breast cancer" → C50.912) and qualifiers ("CLL in remission" → C91.11);
3. the code set's own descriptions and inclusion terms, matched as whole phrases.

Each mention is then checked for negation (dropped), history (mapped to a personal-history
code where ICD-10-CM has one, e.g. Z85.3) and uncertainty (flagged, not coded as confirmed).
"""

from __future__ import annotations

import re
from functools import lru_cache

from infusion_coder.errors import InvalidInput
from infusion_coder.text.icd10 import codeset
from infusion_coder.text.icd10.context import status_of
from infusion_coder.text.icd10.lexicon import ENTRIES, HISTORY, Entry
from infusion_coder.text.models import Icd10Finding, Icd10Status

# letter (not U), digit, letter-or-digit, then optionally a dot and 1-4 more
_DOTTED = re.compile(
    r"(?<![A-Za-z0-9.])([A-TV-Z][0-9][0-9AB])\.([0-9A-Z]{1,4})(?![A-Za-z0-9]|\.[A-Za-z0-9])"
)
_UNDOTTED = re.compile(
    r"(?<![A-Za-z0-9.\-])([A-TV-Z][0-9][0-9AB][0-9A-Z]{0,4})(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)
_ICD_CONTEXT = re.compile(
    r"\b(?:ICD-?10(?:-CM)?|ICD|dx|diagnos[ie]s|diag)\b(?:\s*codes?)?\s*[:#=\-]?\s*"
    r"(?:[A-Z0-9.]{3,8}\s*(?:[,/;&]|and)\s*)*$",
    re.I,
)
#: a HCPCS Level II shape (letter and four digits) that is not also an ICD-10-CM code
_HCPCS = re.compile(r"[A-V]\d{4}")
_LATERALITY = re.compile(
    r"\b(?:(?P<rul>(?i:right upper lobe)|RUL)|(?P<lul>(?i:left upper lobe)|LUL)"
    r"|(?P<rll>(?i:right lower lobe)|RLL)|(?P<lll>(?i:left lower lobe)|LLL)"
    r"|(?P<right>(?i:right|rt\.?)|R)|(?P<left>(?i:left|lt\.?)|L))\b"
)
_LAT_KEYS = {"rul": "right upper", "lul": "left upper", "rll": "right lower", "lll": "left lower"}
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")


def detect_icd10(text: str, *, include_negated: bool = False) -> list[Icd10Finding]:
    """The diagnoses in ``text``, in text order (negated mentions only if asked for)."""
    if not isinstance(text, str):
        raise InvalidInput(f"text must be a string, not {type(text).__name__}", field="text")
    findings = _explicit(text)
    taken = [(f.start, f.end) for f in findings]
    for finding in _lexicon(text) + _phrases(text):
        if any(finding.start < e and s < finding.end for s, e in taken):
            continue
        taken.append((finding.start, finding.end))
        findings.append(finding)
    findings = _drop_restated(text, findings)
    out = []
    for f in sorted(findings, key=lambda f: f.start):
        f = _with_context(text, f)
        if f.status is Icd10Status.NEGATED and not include_negated:
            continue
        out.append(f)
    return out


def _finding(
    text: str, start: int, end: int, code: str, *, method: str, confidence: float
) -> Icd10Finding:
    billable = codeset.is_billable(code)
    return Icd10Finding(
        start=start,
        end=end,
        text=text[start:end],
        code=codeset.with_dot(code),
        description=codeset.description(code),
        billable=billable,
        confidence=confidence,
        method=method,
        category_only=not billable,
        leaves=[] if billable else codeset.leaves(code),
        note=None if billable else "only the category is supported; pick one of its billable codes",
    )


def _explicit(text: str) -> list[Icd10Finding]:
    out: list[Icd10Finding] = []
    seen: list[tuple[int, int]] = []
    candidates = [(m.start(), m.end(), m.group(1) + m.group(2)) for m in _DOTTED.finditer(text)]
    for m in _UNDOTTED.finditer(text):
        raw = m.group(1)
        # undotted codes are accepted where a diagnosis is expected, or when 6-7 characters long
        # (HCPCS codes such as J9271 have 5 and would otherwise pass for ICD-10 shapes)
        if _HCPCS.fullmatch(raw) and not codeset.is_code(raw):
            continue
        if len(raw) >= 6 or _ICD_CONTEXT.search(text[max(0, m.start() - 80) : m.start()]):
            candidates.append((m.start(), m.end(), raw))
    for start, end, raw in sorted(candidates):
        if any(start < e and s < end for s, e in seen):
            continue
        seen.append((start, end))
        if codeset.is_code(raw):
            out.append(_finding(text, start, end, raw, method="explicit-code", confidence=0.99))
        else:
            out.append(
                Icd10Finding(
                    start=start,
                    end=end,
                    text=text[start:end],
                    code=_dot(raw),
                    status=Icd10Status.INVALID,
                    confidence=0.9,
                    method="explicit-code",
                    note="not a code of ICD-10-CM (this release)",
                )
            )
    return out


def _dot(raw: str) -> str:
    return raw if len(raw) <= 3 else f"{raw[:3]}.{raw[3:]}"


@lru_cache(maxsize=1)
def _compiled() -> list[
    tuple[Entry, re.Pattern[str], re.Pattern[str], list[tuple[re.Pattern[str], str]]]
]:
    return [
        (
            e,
            re.compile(rf"(?<![\w-])(?:{e.pattern})(?![\w-])", re.I),
            re.compile(rf"(?:{e.pattern})"),
            [(re.compile(rf"^[\s,]*(?:{q})\b", re.I), code) for q, code in e.qualifiers.items()],
        )
        for e in ENTRIES
    ]


def _lexicon(text: str) -> list[Icd10Finding]:
    out: list[Icd10Finding] = []
    taken: list[tuple[int, int]] = []
    for entry, loose, strict, qualifiers in _compiled():
        for m in loose.finditer(text):
            s, e = m.span()
            word = m.group()
            if len(word) <= 5 and not (strict.fullmatch(word) or strict.fullmatch(word.lower())):
                continue  # "all", "mm": abbreviations must keep their capitals
            if any(s < b and a < e for a, b in taken):
                continue
            code = _specific(text, s, e, entry, qualifiers)
            taken.append((s, e))
            out.append(
                _finding(
                    text,
                    s,
                    e,
                    code,
                    method="abbreviation" if len(word) <= 6 else "phrase",
                    confidence=0.9,
                )
            )
    return out


def _specific(
    text: str, start: int, end: int, entry: Entry, qualifiers: list[tuple[re.Pattern[str], str]]
) -> str:
    after = text[end : end + 40]
    for pattern, code in qualifiers:
        if pattern.search(after):
            return code
    if isinstance(entry.code, str):
        return entry.code
    side = (
        _side(text[start:end])
        or _side(_clause_before(text, start)[-40:])
        or _side(after[:40], after=True)
    )
    return entry.code.get(side or "", entry.code[""]) if side in entry.code else entry.code[""]


def _clause_before(text: str, start: int) -> str:
    cut = max(text.rfind(ch, 0, start) for ch in ".;\n")
    return text[cut + 1 : start]


def _side(window: str, *, after: bool = False) -> str | None:
    if after:
        m = re.match(
            r"^[\s,]*(?:\(|of the |in the |,\s*)(right|left)(?: (upper|lower) lobe)?\b",
            window,
            re.I,
        )
        if m is None:
            return None
        return m.group(1).lower() + (f" {m.group(2).lower()}" if m.group(2) else "")
    found = None
    for m in _LATERALITY.finditer(window):
        for key in ("rul", "lul", "rll", "lll"):
            if m.group(key):
                found = _LAT_KEYS[key]
        if m.group("right"):
            found = found if found and found.startswith("right") else "right"
        if m.group("left"):
            found = found if found and found.startswith("left") else "left"
    return found


def _phrases(text: str) -> list[Icd10Finding]:
    index = codeset.phrase_index()
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    out: list[Icd10Finding] = []
    i = 0
    while i < len(words):
        for n in range(min(10, len(words) - i), 0, -1):
            span = words[i : i + n]
            if _crosses_break(text, span):
                continue
            key = codeset.normalise(" ".join(w for _, _, w in span))
            code = index.get(key)
            if code is None or (n == 1 and len(key) < 7):
                continue
            out.append(
                _finding(
                    text,
                    span[0][0],
                    span[-1][1],
                    code,
                    method="description",
                    confidence=0.8 if n > 1 else 0.6,
                )
            )
            i += n
            break
        else:
            i += 1
    return out


def _crosses_break(text: str, span: list[tuple[int, int, str]]) -> bool:
    return any(
        re.search(r"[.;:\n(),]", text[a[1] : b[0]]) for a, b in zip(span, span[1:], strict=False)
    )


_GLOSS = re.compile(r"[\s(:\-]*(?:[A-Za-z0-9'/\-]+\s+){0,8}")


def _drop_restated(text: str, findings: list[Icd10Finding]) -> list[Icd10Finding]:
    """A phrase that restates an explicit code is not a second diagnosis: keep the code.

    Restating: same category within a few words, or the words right after the code that gloss
    it ("E11.65 type 2 diabetes with hyperglycemia", "M05.79 (rheumatoid arthritis ...)").
    """
    explicit = [
        f
        for f in findings
        if f.method == "explicit-code" and f.code and f.status is not Icd10Status.INVALID
    ]
    out = []
    for f in findings:
        if f.method != "explicit-code" and f.code:
            same = any(x.code and x.code[:3] == f.code[:3] and _gap(x, f) < 40 for x in explicit)
            gloss = any(
                x.end <= f.start and _GLOSS.fullmatch(text[x.end : f.start]) for x in explicit
            )
            if same or gloss:
                continue
        out.append(f)
    return out


def _gap(a: Icd10Finding, b: Icd10Finding) -> int:
    return max(a.start, b.start) - min(a.end, b.end)


def _with_context(text: str, f: Icd10Finding) -> Icd10Finding:
    if f.status is Icd10Status.INVALID:
        return f
    status = status_of(text, f.start, f.end)
    if status is Icd10Status.CONFIRMED:
        return f
    if status is Icd10Status.NEGATED:
        return f.model_copy(update={"status": status, "note": "negated: not coded"})
    if status is Icd10Status.UNCERTAIN:
        return f.model_copy(
            update={
                "status": status,
                "confidence": round(f.confidence * 0.5, 3),
                "note": "uncertain diagnosis: not coded as confirmed (outpatient: code the signs or symptoms)",
            }
        )
    history = _history_code(f.code or "")
    if history is None:
        return f.model_copy(
            update={
                "status": status,
                "code": None,
                "billable": False,
                "leaves": [],
                "category_only": False,
                "note": f"history of {f.code}: ICD-10-CM has no personal-history code mapped for it here",
            }
        )
    found = _finding(
        text, f.start, f.end, history, method=f.method, confidence=round(f.confidence * 0.95, 3)
    )
    return found.model_copy(
        update={"status": status, "note": f"history of {f.code} coded as personal history"}
    )


def _history_code(code: str) -> str | None:
    if code.startswith(("Z85", "Z86", "Z87", "I25.2")):
        return code
    for prefix, history in HISTORY:
        if code.startswith(prefix):
            return history
    return None
