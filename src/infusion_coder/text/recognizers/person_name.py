"""Person names without a model: titles, labels, roles, signatures, credentials, word lists.

Rules, strongest first (the score says which fired):

* a label or a role before the name ("Patient: Jane Doe", "signed by", "her daughter Ana");
* a title ("Dr. Okafor", "Mrs. Lee") or a credential after it ("Jane Doe, RN");
* a parenthesised relation after it ("Ana Ruiz (daughter)");
* a capitalised pair whose first word is a common given name or last word a common surname;
* every other occurrence, in the same text, of a word of a name found by the rules above.

A candidate whose first word is a clinical word ("Port", "Cisplatin", "Infusion") is dropped;
clinical words at its end are trimmed off.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from infusion_coder.text.recognizers._vocab import (
    CREDENTIALS,
    FIRST_NAMES,
    NOT_NAMES,
    SURNAMES,
    TITLES,
)

_S = r"[ \t]+"  # names never run across a line break
NT = r"(?:[A-Z]'[A-Z][a-z]+|(?:Mc|Mac|Van|De|Le|La|Di|Da)[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
UNT = r"(?:[A-Z]'[A-Z]{2,}|[A-Z]{2,}(?:-[A-Z]{2,})?)"
MI = r"(?:[A-Z]\.|[A-Z](?![A-Za-z']))"
FULL = rf"{NT}(?:{_S}{MI})?(?:{_S}{NT}){{1,2}}"
INV = rf"{NT},[ \t]*{NT}(?:{_S}{MI}(?![a-z]))?"
UINV = rf"{UNT},[ \t]*{UNT}(?:{_S}[A-Z]\.?)?"
UFULL = rf"{UNT}(?:{_S}[A-Z]\.?)?{_S}{UNT}"
ANY = rf"(?:{INV}|{UINV}|{FULL}|{UFULL}|{NT})"

_TITLE = rf"(?:{'|'.join(TITLES)})\.?"
_CRED = "|".join(re.escape(c) for c in sorted(CREDENTIALS, key=len, reverse=True))
_REL = (
    r"mother|father|mom|dad|parent|spouse|husband|wife|partner|daughter|son|sister|brother"
    r"|sibling|grandson|granddaughter|grandchild|niece|nephew|aunt|uncle|guardian|caregiver"
    r"|friend|neighbor|neighbour|fiance|fiancee|daughter-in-law|son-in-law|stepdaughter|stepson"
)
_LABELS = (
    r"patient name|patient|pt name|pt|name|full name|resident|client|member name|subscriber name"
    r"|subscriber|insured|guarantor|" + _REL + r"|emergency contact|next of kin|nok|contact"
    r"|contact person|poa|health ?care proxy|attending|attending physician|ordering physician"
    r"|ordering provider|ordered by|referring physician|referring provider|referred by|provider"
    r"|physician|oncologist|pcp|primary care physician|primary care provider|nurse|rn|charge nurse"
    r"|primary nurse|infusion nurse|pharmacist|verifying pharmacist|prescriber|signed|signed by"
    r"|electronically signed by|e-signed by|verified by|cosigned by|co-signed by|reviewed by"
    r"|dictated by|transcribed by|witness|witnessed by|interpreter|seen by|cc|author|performed by"
    r"|administered by|given by|infused by|accessed by|checked by|double-checked by|second nurse"
    r"|second rn|scribe|np|pa|md|from|to|attn|dear|signature|sent by|requested by|approved by"
    r"|completed by|documented by|entered by|recorded by|authenticated by|surgeon|radiologist"
    r"|pathologist|case manager|social worker|dietitian|chaplain|aide|technician"
)
_PHRASES = (
    r"seen by|signed by|verified by|reviewed by|cosigned by|co-signed by|dictated by|discussed with"
    r"|spoke with|spoken with|accompanied by|per|called|notified|paged|informed|consulted"
    r"|referred by|referred to|ordered by|administered by|accessed by|given by|checked by"
    r"|witnessed by|cared for by|seen with|visited by|care of|c/o|attn|dear|thanks|thank you"
    r"|regards|sincerely|/s/|-{1,2}|with|and|patient|pt|resident|client|for|to|from|referring|regarding|re:?|about|call|contact|ask for|page|text|tell|told|asked"
)


def _c(pattern: str) -> re.Pattern[str]:
    """Compile; a pattern that starts at the name is tried at every word start (overlapping)."""
    if pattern.startswith("(?P<v>"):
        pattern = rf"(?<![\w'])(?={pattern})"
    return re.compile(pattern)


# (rule name, compiled pattern, score, needs word-list support)
_RULES: tuple[tuple[str, re.Pattern[str], float, bool], ...] = (
    (
        "label",
        _c(rf"(?<![\w-])(?i:{_LABELS})[ \t]*:[ \t]*(?:{_TITLE}{_S})?(?P<v>{ANY})"),
        0.85,
        False,
    ),
    ("title", _c(rf"\b{_TITLE}{_S}(?P<v>{NT}(?:{_S}{MI})?(?:{_S}{NT}){{0,2}}|{UNT})"), 0.9, False),
    ("credential", _c(rf"(?P<v>{FULL}|{INV}|{UFULL}),?[ \t]+(?:{_CRED})(?![\w])"), 0.85, False),
    (
        "relation",
        _c(rf"\b(?i:{_REL}),?{_S}(?P<v>{FULL}|{NT})"),
        0.7,
        True,
    ),
    (
        "relation-before",
        _c(
            rf"\b(?i:(?:his|her|their|pt's|patient's|the patient's|a) (?:{_REL}))[ \t]*,?[ \t]+(?P<v>{FULL}|{NT})"
        ),
        0.8,
        False,
    ),
    (
        "relation-after",
        _c(rf"(?P<v>{FULL}|{NT})[ \t]*\((?i:{_REL}|{_CRED}|nurse|pharmacist)\)"),
        0.8,
        False,
    ),
    ("phrase", _c(rf"\b(?i:{_PHRASES}){_S}(?:{_TITLE}{_S})?(?P<v>{FULL}|{INV})"), 0.7, False),
    ("phrase-one", _c(rf"\b(?i:{_PHRASES}){_S}(?P<v>{NT})\b"), 0.6, True),
    ("word-list", _c(rf"(?P<v>{FULL}|{INV}|{UFULL}|{UINV})"), 0.6, True),
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _word_key(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word.isupper() else word


def _known(word: str) -> bool:
    key = _word_key(word)
    return key in FIRST_NAMES or key in SURNAMES


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim clinical words off the end of a candidate; None when it starts with one."""
    words = [
        (m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])
    ]
    while words and _word_key(words[-1][2].rstrip("'")) in NOT_NAMES:
        words.pop()
    if not words or _word_key(words[0][2]) in NOT_NAMES:
        return None
    if all(len(w) == 1 for _, _, w in words):
        return None
    return words[0][0], words[-1][1]


class PersonNameRecognizer(EntityRecognizer):
    """Rule- and context-based person names (works without any language model)."""

    name: str

    ENTITY = "NAME"

    def __init__(self, *, propagate: bool = True) -> None:
        super().__init__(
            supported_entities=[self.ENTITY], name="PersonNameRecognizer", supported_language="en"
        )
        self.propagate = propagate

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        found: dict[tuple[int, int], tuple[float, str]] = {}
        for name, regex, score, needs_list in _RULES:
            for m in regex.finditer(text):
                span = _trim(text, *m.span("v"))
                if span is None:
                    continue
                words = _WORD.findall(text[span[0] : span[1]])
                if needs_list and not any(_known(w) for w in words if len(w) > 1):
                    continue
                if (
                    name == "word-list"
                    and len(words) > 1
                    and _known(words[0])
                    and _known(words[-1])
                ):
                    score = 0.75
                previous = found.get(span)
                if previous is None or previous[0] < score:
                    found[span] = (score, name)
        if self.propagate and found:
            self._propagate(text, found)
        return [
            RecognizerResult(
                self.ENTITY,
                start,
                end,
                score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    "rule": rule,
                },
            )
            for (start, end), (score, rule) in found.items()
        ]

    @staticmethod
    def _propagate(text: str, found: dict[tuple[int, int], tuple[float, str]]) -> None:
        """Mark every other occurrence of a word of a name already found."""
        words: set[str] = set()
        for start, end in list(found):
            for w in _WORD.findall(text[start:end]):
                if len(w) > 2 and _word_key(w) not in NOT_NAMES:
                    words.add(w)
                    words.add(w.upper())
                    words.add(_word_key(w))
        if not words:
            return
        covered = sorted(found)
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w'-])(?:{alternatives})(?![\w'-])", text):
            s, e = m.span()
            if any(a <= s and e <= b for a, b in covered):
                continue
            found.setdefault((s, e), (0.65, "same-name"))
