"""Operators: what to put in place of each span found ("act", split from "find").

Each operator has a ``name`` and ``replace(kind, text) -> str``; :func:`make_operator` builds one
by name. They run inside Presidio's anonymizer as custom operators.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Protocol

from infusion_coder.errors import InvalidInput
from infusion_coder.text.operators.date_shift import DateShiftOperator, shift_date
from infusion_coder.text.operators.mask import MaskOperator
from infusion_coder.text.operators.pseudonym import PseudonymOperator
from infusion_coder.text.operators.tag import TagOperator

OPERATORS = ("tag", "mask", "pseudonym", "dateshift")


class Operator(Protocol):
    name: str

    def replace(self, kind: str, text: str) -> str: ...


def document_shift_days(key: bytes, document_id: str) -> int:
    """A per-document offset between -365 and -1 days, fixed by the key and the document id."""
    digest = hmac.new(key, b"dateshift\x1f" + document_id.encode(), hashlib.sha256).digest()
    return -(1 + int.from_bytes(digest[:4], "big") % 365)


def make_operator(name: str, *, key: bytes, shift_days: int) -> Operator:
    """The operator called ``name`` (one of :data:`OPERATORS`)."""
    if name == "tag":
        return TagOperator()
    if name == "mask":
        return MaskOperator()
    if name == "pseudonym":
        return PseudonymOperator(key, shift_days)
    if name == "dateshift":
        return DateShiftOperator(shift_days)
    raise InvalidInput(
        f"unknown operator {name!r}; choose one of {', '.join(OPERATORS)}", field="operator"
    )


__all__ = [
    "OPERATORS",
    "DateShiftOperator",
    "MaskOperator",
    "Operator",
    "PseudonymOperator",
    "TagOperator",
    "document_shift_days",
    "make_operator",
    "shift_date",
]
