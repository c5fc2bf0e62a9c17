"""Safe Harbor generalisations shared by the operators: year kept, ages folded, ZIP to 3 digits."""

from __future__ import annotations

import re

#: 3-digit ZIP areas with 20,000 people or fewer (2000 Census, as listed in the HHS de-
#: identification guidance): their first three digits must become 000.
RESTRICTED_ZIP3 = frozenset(
    "036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893".split()
)

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def year_of(date_text: str) -> str | None:
    """The four-digit year written in a date, if any (a year alone is not PHI)."""
    m = _YEAR.search(date_text)
    return m.group() if m else None


def zip3(zip_text: str) -> str:
    """The first three digits a ZIP code may keep, or ``000`` for a sparsely populated area."""
    digits = re.sub(r"\D", "", zip_text)[:3]
    return "000" if digits in RESTRICTED_ZIP3 or len(digits) < 3 else digits


AGE_90_PLUS = "90+"
