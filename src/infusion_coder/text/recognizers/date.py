"""Dates: every element of a date except a year on its own (numeric, ISO, month-name forms).

A bare year ("2019") is not PHI under Safe Harbor and is never matched; a month with a year
("March 2024") is, because the month is a date element. A day/month without a year ("3/14")
is matched only after a word that introduces a date, so fractions and ratios are left alone.
"""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, rule

MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
MONTH_UPPER = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
_M = r"(?:0?[1-9]|1[0-2])"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_Y = r"(?:(?:19|20)\d{2}|'?\d{2})"
_ORD = r"(?:st|nd|rd|th)?"
_INTRO = (
    r"(?i:on|since|from|until|till|through|thru|by|dated|date|dos|dob|admitted|discharged|seen"
    r"|started|last|next|due|scheduled|before|after|of|effective|eff|d/c|adm)"
)


class PhiDateRecognizer(LabelledRegexRecognizer):
    ENTITY = "DATE"
    RULES = (
        rule(
            "iso",
            r"(?<![\d\-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d\-])",
            0.95,
        ),
        rule(
            "numeric",
            rf"(?<![\d/\-.]){_M}([/\-.]){_D}\1(?:(?:19|20)\d{{2}}|\d{{2}})(?![\d/\-]|\.\d)",
            0.9,
        ),
        rule("year-first", rf"(?<![\d/]){'(?:19|20)'}\d{{2}}/{_M}/{_D}(?![\d/])", 0.9),
        rule("month-day-year", rf"\b{MONTH}\s+{_D}{_ORD},?\s+(?:19|20)\d{{2}}\b", 0.95),
        rule(
            "day-month-year",
            rf"\b{_D}{_ORD}(?:\s+|-)(?:of\s+)?{MONTH}(?:,?\s+|-)(?:(?:19|20)\d{{2}}|\d{{2}})\b",
            0.95,
        ),
        rule("day-MON-year", rf"\b{_D}-?{MONTH_UPPER}-?(?:(?:19|20)\d{{2}}|\d{{2}})\b", 0.9),
        rule("month-year", rf"\b{MONTH}\.?,?\s+(?:19|20)\d{{2}}\b", 0.85),
        rule(
            "month-day",
            rf"\b{MONTH}\s+{_D}{_ORD}\b(?!,?\s+(?:19|20)\d{{2}})(?!\s*(?:mg|mL|units))",
            0.85,
        ),
        rule("day-month", rf"\b{_D}{_ORD}\s+(?:of\s+)?{MONTH}\b(?!,?\s+(?:19|20)?\d{{2}})", 0.8),
        rule("m/d-after-intro", rf"\b{_INTRO}:?\s+(?P<v>{_M}/{_D})(?![\d/])", 0.8),
    )
