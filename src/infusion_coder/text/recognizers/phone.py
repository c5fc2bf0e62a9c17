"""Telephone and fax numbers (US formats, with extensions)."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule

_FORMATTED = (
    r"(?<![\w\-/.])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,6})?(?![\w\-/])"
)


class PhiPhoneRecognizer(LabelledRegexRecognizer):
    ENTITY = "PHONE"
    RULES = (
        rule("formatted", _FORMATTED, 0.8),
        rule(
            "labelled",
            labelled(
                r"phone|tel|telephone|ph|cell|mobile|fax|pager|home phone|work phone|callback|call back",
                r"(?P<v>\+?1?\d{10}|\d{3}[\-.]\d{4}(?:\s?x\d{1,6})?)\b",
                loose=True,
            ),
            0.85,
        ),
    )
