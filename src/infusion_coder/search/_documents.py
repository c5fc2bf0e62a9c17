"""The documents the search index holds, gathered from the library, the rule catalogue and the
whole ICD-10-CM code set.

Each ``Doc`` has a label (what a hit shows), keywords (our own index words: synonyms, brand
names, the coder's vocabulary) and a body (longer text that can match, weighted lower).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from infusion_coder.search._vocabulary import (
    ADDON_BOOST,
    BRANDS,
    CODE_KEYWORDS,
    DELETED_BOOST,
    RARE_ROUTE_BOOST,
    RARE_ROUTES,
)


@dataclass(frozen=True, slots=True)
class Doc:
    kind: str
    code: str
    label: str
    family: str | None = None
    keywords: str = ""
    body: str = ""
    #: other exact names (brand names, synonyms): a query equal to one ranks like the label
    names: tuple[str, ...] = ()
    #: a prior on the score: below 1 for what a coder rarely means unless the query says so
    boost: float = 1.0

    @property
    def key(self) -> str:
        return code_key(self.code)


def code_key(text: str) -> str:
    """The form codes are compared in: upper case, no dots, dashes or spaces (``c50.911`` →
    ``C50911``, ``-25`` → ``25``)."""
    return re.sub(r"[\s.\-]", "", text).upper()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | set):
        return " ".join(_text(v) for v in value)
    return str(value)


def _attr(obj: Any, *names: str) -> Any:
    for name in names:
        value = getattr(obj, name, None)
        if value not in (None, ""):
            return value
    return None


def library_release() -> str:
    """The release id of the packaged code library (``unreleased`` when there is none)."""
    lib = _library()
    return str(lib.release_id) if lib is not None else "unreleased"


def _library() -> Any:
    try:
        knowledge = importlib.import_module("infusion_coder.knowledge")
        return knowledge.load()
    except Exception:  # the library is optional for search: rules and ICD-10-CM still work
        return None


def code_docs(lib: Any) -> Iterator[Doc]:
    """The library's codes: our label, our index words and the family; the long description is
    left out (its length would weigh more in BM25 than its words help)."""
    for entry in lib.codes():
        code = str(entry.code)
        family = _attr(entry, "family")
        addon = bool(getattr(entry, "addon", False))
        deleted = getattr(entry, "status", "") == "deleted"
        boost = (
            (ADDON_BOOST if addon else 1.0)
            * (RARE_ROUTE_BOOST if code in RARE_ROUTES else 1.0)
            * (DELETED_BOOST if deleted else 1.0)
        )
        yield Doc(
            kind="code",
            code=code,
            label=_text(_attr(entry, "label")) or code,
            family=str(family) if family else None,
            keywords=" ".join(
                filter(
                    None,
                    [
                        CODE_KEYWORDS.get(code, ""),
                        _text(family).replace("_", " "),
                        "add-on" if addon else "",
                        "deleted retired" if deleted else "",
                    ],
                )
            ),
            boost=boost,
        )


def _brands(drugs: list[Any]) -> dict[str, list[str]]:
    """hcpcs → brand names: each brand goes to the drug named exactly as its generic, else to
    those so named but for a parenthesised part, else to those whose name starts with it."""
    raw = {d.hcpcs: _text(_attr(d, "generic_name", "name")).lower().strip() for d in drugs}
    plain = {h: name_key(n) for h, n in raw.items()}
    out: dict[str, list[str]] = {}
    for brand, generic in BRANDS.items():
        targets = [h for h, n in raw.items() if n == generic]
        targets = targets or [h for h, n in plain.items() if n == generic]
        targets = targets or [h for h, n in plain.items() if n.startswith(generic)]
        for hcpcs in targets:
            out.setdefault(hcpcs, []).append(brand)
    return out


def name_key(text: str) -> str:
    """How names are compared: lower case, no parenthesised part, single spaces."""
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+(?:['/&\-][a-z0-9]+)*", text))


def drug_docs(lib: Any) -> Iterator[Doc]:
    drugs = list(lib.drugs())
    brand_map = _brands(drugs)
    for drug in drugs:
        name = _text(_attr(drug, "generic_name", "name"))
        brands = brand_map.get(drug.hcpcs, [])
        synonyms = [_text(s) for s in (_attr(drug, "synonyms") or [])]
        category = _attr(drug, "category")
        yield Doc(
            kind="drug",
            code=str(drug.hcpcs),
            label=name,
            family=str(category) if category else None,
            keywords=" ".join([" ".join(synonyms), " ".join(brands)]).strip(),
            body=" ".join(
                [_text(_attr(drug, "billing_unit")), _text(_attr(drug, "route")), "drug"]
            ).strip(),
            names=tuple(synonyms + brands),
        )


def modifier_docs(lib: Any) -> Iterator[Doc]:
    for mod in lib.modifiers():
        code = str(_attr(mod, "code", "modifier", "id"))
        yield Doc(
            kind="modifier",
            code=code,
            label=_text(_attr(mod, "label", "name")) or code,
            family="modifier",
            keywords=f"modifier {CODE_KEYWORDS.get(code, '')}".strip(),
            body=" ".join([_text(_attr(mod, "meaning")), _text(_attr(mod, "applies_to"))]).strip(),
        )


def rule_docs() -> Iterator[Doc]:
    from infusion_coder import rules

    for rule in rules.catalog():
        yield Doc(
            kind="rule",
            code=rule.id,
            label=rule.statement,
            family=rule.family,
            keywords=" ".join(
                [rule.name.replace("-", " "), rule.family, CODE_KEYWORDS.get(rule.id, "")]
            ).strip(),
            body=rule.example,
        )


def icd10_docs() -> Iterator[Doc]:
    """Every ICD-10-CM category and subcategory (about 98,000), from ``simple-icd-10-cm``."""
    import simple_icd_10_cm as icd

    seen: set[str] = set()
    for code in icd.get_all_codes(True):
        # a one-category block ("C50") is listed twice: once as the block, once as the category
        if code in seen or not (
            icd.is_category_or_subcategory(code) or icd.is_extended_subcategory(code)
        ):
            continue
        seen.add(code)
        yield Doc(
            kind="icd10",
            code=code,
            label=icd.get_description(code),
            family=code[:3],
            keywords="",
            body=" ".join(icd.get_inclusion_term(code)),
        )


def all_docs() -> Iterable[Doc]:
    """Everything, grouped by kind in the order of ``KINDS`` (the index relies on this)."""
    lib = _library()
    if lib is not None:
        yield from code_docs(lib)
        yield from drug_docs(lib)
        yield from modifier_docs(lib)
    yield from rule_docs()
    yield from icd10_docs()
