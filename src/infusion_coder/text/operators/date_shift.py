"""Shift dates by a fixed number of days, keeping how each one is written.

The same offset applies to every date of a document, so intervals between dates survive. A date
written without a year is shifted as if in a leap year and stays without a year; a month and
year ("March 2024") is shifted from the 15th and stays a month and year.
"""

from __future__ import annotations

import datetime as dt
import re

_FULL = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def _month_word(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Mar", "March", "MAR", "Sept."), else None."""
    w = word.rstrip(".").lower()
    if w == "sept":
        return 9
    if len(w) < 3:
        return None
    for i, full in enumerate(_FULL):
        if full.lower().startswith(w):
            return i + 1
    return None


def _render_month(month: int, like: str) -> str:
    full = _FULL[month - 1]
    core = like.rstrip(".")
    if len(core) <= 3 or (core.lower() == "sept"):
        out = full[:3]
    else:
        out = full
    if core.isupper():
        out = out.upper()
    return out + ("." if like.endswith(".") and len(out) == 3 else "")


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def shift_date(text: str, days: int) -> str | None:
    """``text`` (one date) moved by ``days``, written the same way; None if it is not a date."""
    tokens = [
        (m.start(), m.end(), m.group())
        for m in re.finditer(r"\d+(?:st|nd|rd|th)?|[A-Za-z]+\.?", text)
    ]
    month_tok = next((t for t in tokens if _month_word(t[2]) is not None), None)
    nums = [t for t in tokens if t[2][0].isdigit()]
    y_tok = m_tok = d_tok = None
    if month_tok is not None:
        m_tok = month_tok
        for t in nums:
            digits = _ORDINAL.sub(r"\1", t[2])
            if len(digits) == 4 or (y_tok is None and d_tok is not None and len(digits) == 2):
                y_tok = t
            elif d_tok is None:
                d_tok = t
    else:
        if len(nums) == 3:
            if len(nums[0][2]) == 4:
                y_tok, m_tok, d_tok = nums
            else:
                m_tok, d_tok, y_tok = nums
        elif len(nums) == 2:
            m_tok, d_tok = nums
        else:
            return None
    try:
        month = _month_word(m_tok[2]) or int(m_tok[2])
        day = int(_ORDINAL.sub(r"\1", d_tok[2])) if d_tok else 15
        if y_tok is None:
            year = 2000
        else:
            year = int(y_tok[2])
            if len(y_tok[2]) == 2:
                year += 1900 if year >= 30 else 2000
        new = dt.date(year, month, day) + dt.timedelta(days=days)
    except (ValueError, OverflowError):
        return None

    md = [t[2] for t in (m_tok, d_tok) if t is not None and t[2][0].isdigit()]
    zero = any(t.startswith("0") for t in md) or (
        all(len(t) == 2 for t in md) and (month_tok is None or "-" in text)  # 23-FEB-1964 style
    )
    replacements: list[tuple[int, int, str]] = []
    if month_tok is not None:
        replacements.append((m_tok[0], m_tok[1], _render_month(new.month, m_tok[2])))
    else:
        replacements.append((m_tok[0], m_tok[1], _pad(new.month, zero)))
    if d_tok is not None:
        raw = d_tok[2]
        replacements.append(
            (d_tok[0], d_tok[1], _ordinal(new.day) if _ORDINAL.match(raw) else _pad(new.day, zero))
        )
    if y_tok is not None:
        replacements.append(
            (y_tok[0], y_tok[1], str(new.year) if len(y_tok[2]) == 4 else f"{new.year % 100:02d}")
        )
    out = text
    for start, end, value in sorted(replacements, reverse=True):
        out = out[:start] + value + out[end:]
    return out


def _pad(value: int, zero: bool) -> str:
    return f"{value:02d}" if zero else str(value)


class DateShiftOperator:
    """Dates moved by ``days``; every other kind is tagged (see :class:`TagOperator`)."""

    name = "dateshift"

    def __init__(self, days: int) -> None:
        from infusion_coder.text.operators.tag import TagOperator

        self.days = days
        self._tag = TagOperator()

    def replace(self, kind: str, text: str) -> str:
        if kind == "DATE":
            shifted = shift_date(text, self.days)
            if shifted is not None:
                return shifted
        return self._tag.replace(kind, text)
