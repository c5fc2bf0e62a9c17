"""ICD-10-CM lookups through the offline ``simple-icd-10-cm`` code set.

Codes are accepted with or without the dot and in any case (``c50911`` → ``C50.911``).
Only categories and subcategories count as codes here (not chapters or blocks); a code is
billable when it has no children.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import ModuleType
from typing import Any

from infusion_coder.errors import UnknownCode
from infusion_coder.knowledge.models import Icd10Entry

_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?$")


def _cm() -> Any:
    """The code set, imported on first use (loading it takes about a second)."""
    import simple_icd_10_cm

    module: ModuleType = simple_icd_10_cm
    return module


def _compact(code: object) -> str:
    return re.sub(r"[\s.]", "", str(code if code is not None else "")).upper()


def _known(compact: str) -> bool:
    return bool(_SHAPE.match(compact)) and bool(
        _cm().is_valid_item(compact) and _cm().is_category_or_subcategory(compact)
    )


def normalize(code: str) -> str:
    """The dotted upper-case form of a valid ICD-10-CM code; UnknownCode otherwise."""
    compact = _compact(code)
    if not _known(compact):
        text = str(code if code is not None else "").strip()
        shown = text[:10] + ("…" if len(text) > 10 else "")
        raise UnknownCode(
            f"unknown ICD-10-CM code '{shown}': not in the ICD-10-CM code set", field="icd10"
        )
    return str(_cm().add_dot(compact))


def is_valid(code: str) -> bool:
    """True for any ICD-10-CM category or subcategory (billable or not)."""
    return _known(_compact(code))


def is_billable(code: str) -> bool:
    """True for a valid code that has no children (the level a claim must use)."""
    compact = _compact(code)
    return _known(compact) and bool(_cm().is_leaf(compact))


@lru_cache(maxsize=4096)
def lookup(code: str) -> Icd10Entry:
    """Description, billability and hierarchy of an ICD-10-CM code."""
    dotted = normalize(code)
    ancestors: list[str] = []
    for item in _cm().get_ancestors(dotted):
        if item not in ancestors and item != dotted:
            ancestors.append(item)
    chapter = next((a for a in ancestors if _cm().is_chapter(a)), None)
    block = next((a for a in ancestors if _cm().is_block(a) and not _cm().is_category(a)), None)
    if block is None:
        block = next((a for a in ancestors if _cm().is_block(a)), None)
    parent = _cm().get_parent(dotted) or None
    return Icd10Entry(
        code=dotted,
        description=str(_cm().get_description(dotted)),
        billable=bool(_cm().is_leaf(dotted)),
        parent=str(parent) if parent else None,
        ancestors=ancestors,
        chapter=chapter,
        block=block,
    )
