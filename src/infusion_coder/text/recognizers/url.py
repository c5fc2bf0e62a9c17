"""Web addresses: scheme URLs, ``www.`` hosts and bare host names with a path."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, rule

_TAIL = r"(?:[/?#][^\s<>\"'\])]*[^\s<>\"'\]).,;:!?])?"


class PhiUrlRecognizer(LabelledRegexRecognizer):
    ENTITY = "URL"
    RULES = (
        rule("scheme", r"\b(?:https?|ftp)://[^\s<>\"'\])]*[^\s<>\"'\]).,;:!?]", 0.95),
        rule("www", r"\bwww\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+" + _TAIL, 0.9),
        rule(
            "host-path",
            r"(?<![@\w.])[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|org|net|edu|gov|health|io|us|info)/"
            r"[^\s<>\"'\])]*[^\s<>\"'\]).,;:!?]",
            0.8,
        ),
    )
