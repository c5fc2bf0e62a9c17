"""Shared machinery for the regex recognizers: labelled values and validated patterns.

Presidio's own ``PatternRecognizer`` returns the whole match; clinical identifiers usually sit
behind a label ("MRN: 00123456"), and only the value is PHI. :class:`LabelledRegexRecognizer` runs
compiled patterns and reports the named group ``v`` when the pattern has one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

#: what sits between a label and its value: "MRN: 1", "MRN # 1", "MRN no. 1", "Member ID 1"
SEP = (
    r"(?:\s*(?:#|[Nn]o\.?|[Nn]umber|[Nn]um\.?|ID|Id)?\s*[:#=]\s*#?\s*"
    r"|\s*(?:#|[Nn]o\.?|[Nn]umber|ID|Id)\s*|\s*-\s*)"
)
#: the same, also allowing plain space, for labels that never precede anything else ("MRN 1")
LOOSE_SEP = rf"(?:{SEP}|\s+)"

#: an identifier value: 4-24 letters/digits/dashes with at least one digit, not a quantity
ID_VALUE = (
    r"(?P<v>(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9](?:[A-Za-z0-9\-]{2,22})[A-Za-z0-9])\b"
    r"(?![ \t]*(?:mL|ml|mg|mcg|g|kg|units?|hrs?|min|%|/|\.\d))"
)


def labelled(labels: str, value: str = ID_VALUE, *, loose: bool = False) -> str:
    """A pattern for ``<label><separator><value>``, the label matched case-insensitively.

    ``loose`` lets a plain space separate label and value; use it only for labels that are
    identifiers by themselves (MRN, NPI, DEA, SSN, VIN).
    """
    sep = LOOSE_SEP if loose else SEP
    return rf"\b(?i:{labels})(?![A-Za-z]){sep}{value}"


@dataclass(frozen=True)
class Rule:
    """One pattern of a recognizer, with the score its matches get."""

    name: str
    regex: re.Pattern[str]
    score: float


def rule(name: str, pattern: str, score: float, flags: int = 0) -> Rule:
    return Rule(name, re.compile(pattern, flags), score)


class LabelledRegexRecognizer(EntityRecognizer):
    """A recognizer made of :class:`Rule` patterns and an optional ``validate`` check."""

    name: str

    ENTITY = "ID"
    RULES: Sequence[Rule] = ()

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language="en",
        )

    def load(self) -> None:  # patterns are compiled at import
        return None

    def validate(self, value: str) -> bool:
        """Return False to drop a match (checksums, ranges); True keeps it."""
        return True

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for r in self.RULES:
            for m in r.regex.finditer(text):
                group = "v" if "v" in r.regex.groupindex and m.group("v") is not None else 0
                start, end = m.span(group)
                value = text[start:end]
                if not value.strip() or not self.validate(value):
                    continue
                results.append(
                    RecognizerResult(
                        self.ENTITY,
                        start,
                        end,
                        r.score,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            "rule": r.name,
                        },
                    )
                )
        return results
