"""What the pages read from the code library, the rule catalogue and ICD-10-CM.

A thin adapter over ``infusion_coder.knowledge``: lookups raise ``UnknownCode`` for codes the
library does not hold (the pages turn that into a 404 page), lists come back sorted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from infusion_coder import rules
from infusion_coder.errors import InfusionCoderError, UnknownCode

#: the order families are listed in, when the library names them so (others follow, sorted)
FAMILY_ORDER = (
    "hydration",
    "therapeutic",
    "chemotherapy",
    "special_routes",
    "pumps_ports",
    "related",
    "evaluation_management",
)


@lru_cache(maxsize=1)
def library() -> Any:
    """The loaded code library, or ``None`` when no data release is packaged."""
    try:
        from infusion_coder import knowledge

        return knowledge.load()
    except (ImportError, InfusionCoderError, AttributeError):
        return None


def _lib() -> Any:
    lib = library()
    if lib is None:
        raise UnknownCode("the code library is not available (no data release packaged)")
    return lib


def release_id() -> str:
    lib = library()
    return str(getattr(lib, "release_id", "unreleased")) if lib is not None else "unreleased"


def clean(code: str) -> str:
    return code.strip().upper()


def code(value: str) -> Any:
    """The library entry of a CPT/HCPCS administration or service code."""
    return _lib().code(clean(value))


def codes(family: str | None = None) -> list[Any]:
    lib = _lib()
    entries = list(lib.codes(family) if family else lib.codes())
    return sorted(entries, key=lambda e: str(e.code))


def families() -> list[tuple[str, list[Any]]]:
    """Code families with their codes, in a reading order (hydration, therapeutic, chemo …)."""
    grouped: dict[str, list[Any]] = {}
    for entry in codes():
        grouped.setdefault(str(getattr(entry, "family", None) or "other"), []).append(entry)
    order = {name: i for i, name in enumerate(FAMILY_ORDER)}
    return sorted(grouped.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def drug(hcpcs: str) -> Any:
    return _lib().drug(clean(hcpcs))


def drugs() -> list[Any]:
    return sorted(_lib().drugs(), key=lambda d: str(d.hcpcs))


def modifier(value: str) -> Any:
    return _lib().modifier(clean(value).lstrip("-"))


def modifiers() -> list[Any]:
    return sorted(_lib().modifiers(), key=lambda m: str(getattr(m, "code", m)))


def icd10(value: str) -> dict[str, Any]:
    """An ICD-10-CM code with its place in the classification (``UnknownCode`` if not a code).

    The library's lookup decides what is a code; the hierarchy and the notes come from the
    CMS ICD-10-CM tables (public data) as packaged by ``simple-icd-10-cm``.
    """
    import simple_icd_10_cm as icd

    raw = clean(value)
    found: Any = None
    try:
        from infusion_coder.knowledge import icd10 as kicd

        found = kicd.lookup(raw)
    except (ImportError, AttributeError, InfusionCoderError):
        found = None
    code_text = str(getattr(found, "code", "") or "") or _icd_dotted(raw)
    if not icd.is_valid_item(code_text) or not (
        icd.is_category_or_subcategory(code_text) or icd.is_extended_subcategory(code_text)
    ):
        raise UnknownCode(f"unknown ICD-10-CM code {raw!r}", field="code")
    described = getattr(found, "description", None) or getattr(found, "label", None)

    def entry(c: str) -> dict[str, str]:
        return {"code": c, "description": icd.get_description(c)}

    ancestors = [
        c
        for c in icd.get_ancestors(code_text)
        if icd.is_category_or_subcategory(c) or icd.is_extended_subcategory(c)
    ]
    return {
        "code": code_text,
        "description": described or icd.get_description(code_text),
        "billable": icd.is_leaf(code_text),
        "ancestors": [entry(c) for c in reversed(list(dict.fromkeys(ancestors)))],
        "children": [entry(c) for c in icd.get_children(code_text)],
        "inclusion": icd.get_inclusion_term(code_text),
        "excludes1": icd.get_excludes1(code_text),
        "excludes2": icd.get_excludes2(code_text),
        "code_first": icd.get_code_first(code_text),
        "use_additional": icd.get_use_additional_code(code_text),
    }


def _icd_dotted(raw: str) -> str:
    raw = raw.replace(".", "")
    return raw if len(raw) <= 3 else f"{raw[:3]}.{raw[3:]}"


def rule(rule_id: str) -> rules.Rule:
    return rules.get(rule_id)


def related_rules(code_value: str) -> list[rules.Rule]:
    """Rules whose statement or example names ``code_value``."""
    pattern = re.compile(rf"\b{re.escape(code_value)}\b")
    return [r for r in rules.catalog() if pattern.search(f"{r.statement} {r.example}")]


def drug_choices() -> list[dict[str, str]]:
    """The drug catalogue for the case form's autocomplete: name, HCPCS and engine category."""
    try:
        entries = drugs()
    except InfusionCoderError:
        return []
    out = []
    for d in entries:
        out.append(
            {
                "name": str(getattr(d, "generic_name", "") or getattr(d, "label", "") or ""),
                "hcpcs": str(d.hcpcs),
                "category": str(getattr(d, "engine_category", "") or ""),
            }
        )
    return sorted(out, key=lambda c: (c["name"].lower(), c["hcpcs"]))
