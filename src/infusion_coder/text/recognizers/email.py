"""E-mail addresses (no network look-up of the domain, unlike Presidio's stock recognizer)."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, rule


class PhiEmailRecognizer(LabelledRegexRecognizer):
    ENTITY = "EMAIL"
    RULES = (
        rule(
            "email",
            r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}\b",
            0.95,
        ),
    )
