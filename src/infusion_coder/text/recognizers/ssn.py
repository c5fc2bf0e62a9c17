"""US Social Security numbers, dashed or behind an SSN label."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule

_DASHED = r"(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}"


class PhiSsnRecognizer(LabelledRegexRecognizer):
    ENTITY = "SSN"
    RULES = (
        rule("dashed", rf"(?<![\d\-]){_DASHED}(?![\d\-])", 0.85),
        rule(
            "labelled",
            labelled(
                r"SSN|SS#|social security(?: number| no\.?)?|soc\. sec\. no\.",
                r"(?P<v>\d{9}|\d{3}-\d{2}-\d{4}|(?:XXX|\*\*\*)-(?:XX|\*\*)-\d{4})\b",
                loose=True,
            ),
            0.95,
        ),
        rule(
            "last-four",
            r"\b(?i:SSN|social security)[^\n\d]{0,20}(?i:last (?:4|four))\D{0,4}(?P<v>\d{4})\b",
            0.8,
        ),
    )
