"""Mask each letter and digit with ``*``, keeping punctuation, length, a date's year and a ZIP's 3 digits."""

from __future__ import annotations

import re

from infusion_coder.text.operators._generalize import year_of, zip3

_ALNUM = re.compile(r"[A-Za-z0-9]")


class MaskOperator:
    name = "mask"

    def __init__(self, char: str = "*") -> None:
        self.char = char

    def replace(self, kind: str, text: str) -> str:
        masked = _ALNUM.sub(self.char, text)
        if kind == "DATE":
            year = year_of(text)
            if year:
                i = text.index(year)
                masked = masked[:i] + year + masked[i + 4 :]
        elif kind == "ZIP":
            masked = zip3(text) + masked[3:]
        return masked
