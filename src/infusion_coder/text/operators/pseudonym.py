"""Consistent keyed pseudonyms: the same value gives the same token under the same key.

``[NAME-4f1c9a]`` is the first 6 hex digits of HMAC-SHA256(key, kind + normalised value), so a
batch redacted with one key links the same person across notes without revealing who it is,
and nobody without the key can test a guess. Names are normalised (case, titles, word order:
"Smith, Jane" = "Jane Smith"). Dates are shifted (see :mod:`.date_shift`), ages over 89 become
"90+", ZIP codes keep their allowed 3 digits.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from infusion_coder.text.operators._generalize import AGE_90_PLUS, zip3
from infusion_coder.text.operators.date_shift import shift_date

_TITLE = re.compile(r"^(?:dr|mr|mrs|ms|miss|mx|prof)\.?$")


def normalise(kind: str, text: str) -> str:
    """The form of a value that decides its pseudonym."""
    if kind == "NAME":
        words = [
            w for w in re.findall(r"[a-z']+", text.lower()) if not _TITLE.match(w) and len(w) > 1
        ]
        return " ".join(sorted(words))
    return re.sub(r"[^a-z0-9]", "", text.lower())


class PseudonymOperator:
    name = "pseudonym"

    def __init__(self, key: bytes, date_shift_days: int) -> None:
        self.key = key
        self.days = date_shift_days

    def token(self, kind: str, text: str) -> str:
        digest = hmac.new(self.key, f"{kind}\x1f{normalise(kind, text)}".encode(), hashlib.sha256)
        return f"[{kind}-{digest.hexdigest()[:6]}]"

    def replace(self, kind: str, text: str) -> str:
        if kind == "DATE":
            return shift_date(text, self.days) or "[DATE]"
        if kind == "AGE":
            return AGE_90_PLUS
        if kind == "ZIP":
            return f"[ZIP {zip3(text)}]"
        return self.token(kind, text)
