"""Replace each span with a type tag: ``[NAME]``; dates keep their year, ZIPs their 3 digits."""

from __future__ import annotations

from infusion_coder.text.operators._generalize import AGE_90_PLUS, year_of, zip3


class TagOperator:
    name = "tag"

    def replace(self, kind: str, text: str) -> str:
        if kind == "DATE":
            year = year_of(text)
            return f"[DATE {year}]" if year else "[DATE]"
        if kind == "AGE":
            return f"[AGE {AGE_90_PLUS}]"
        if kind == "ZIP":
            return f"[ZIP {zip3(text)}]"
        return f"[{kind}]"
