"""Ages over 89 (Safe Harbor lets ages up to 89 stay; 90 and over are folded into "90+")."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, rule

_OLD = r"(?P<v>9\d|1[0-2]\d)(?![+\d])"


class PhiAgeRecognizer(LabelledRegexRecognizer):
    ENTITY = "AGE"
    RULES = (
        rule(
            "years-old",
            rf"\b{_OLD}(?:\s*-\s*|\s+)?(?i:years?[\s\-]old|year-old|yr[\s\-]old|y/o|y\.o\.|yo|yrs? old|years of age)(?![a-z])",
            0.9,
        ),
        rule(
            "age-label",
            rf"\b(?i:age|aged|age:)\s*:?\s*{_OLD}\b(?!\s*(?:mg|mL|%|kg|lb|min|bpm))",
            0.9,
        ),
        rule("age-sex", rf"\b{_OLD}\s?(?:M|F|yoM|yoF|yom|yof)\b", 0.8),
        rule(
            "in-her-90s",
            r"\b(?i:in (?:his|her|their) )(?P<v>(?:late |early |mid-)?(?:nineties|90s|hundreds))",
            0.7,
        ),
    )
