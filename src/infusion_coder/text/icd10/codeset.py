"""The ICD-10-CM code set (from ``simple-icd-10-cm``, offline) and a phrase index over it."""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import simple_icd_10_cm as cm

_PAREN = re.compile(r"\s*\([^)]*\)")
_UNSPEC = re.compile(
    r",?\s*\b(?:unspecified|not elsewhere classified)\b(?:\s+(?:site|type|organism))?", re.I
)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def normalise(phrase: str) -> str:
    """Lower-case words only: how phrases are compared."""
    return " ".join(_TOKEN.findall(phrase.lower()))


def is_code(code: str) -> bool:
    """A category, subcategory or full code of ICD-10-CM (not a chapter or block)."""
    return bool(cm.is_valid_item(code)) and not cm.is_chapter_or_block(code)


def with_dot(code: str) -> str:
    return str(cm.add_dot(code)) if is_code(code) else code


def description(code: str) -> str:
    return str(cm.get_description(code))


def is_billable(code: str) -> bool:
    return bool(cm.is_leaf(code))


def leaves(code: str, limit: int = 25) -> list[str]:
    """The billable codes under ``code`` (at most ``limit``)."""
    out = [c for c in cm.get_descendants(code) if cm.is_leaf(c)]
    return [with_dot(c) for c in out[:limit]]


@lru_cache(maxsize=1)
def phrase_index() -> dict[str, str]:
    """The phrase index, read from the user cache when built before (building takes seconds)."""
    path = _cache_path()
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and cached.get("version") == _INDEX_VERSION:
            return dict(cached["index"])
    except (OSError, ValueError, KeyError):
        pass
    index = build_phrase_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": _INDEX_VERSION, "index": index}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the rebuild
    return index


_INDEX_VERSION = 2


def _cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    release = getattr(cm, "__version__", None) or _package_version()
    return Path(base) / "infusion-coder" / f"icd10-phrases-v{_INDEX_VERSION}-{release}.json"


def _package_version() -> str:
    try:
        return metadata.version("simple-icd-10-cm")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"


def build_phrase_index() -> dict[str, str]:
    """Normalised description variants and inclusion terms → code (leaves preferred).

    Variants drop parenthesised words ("Essential (primary) hypertension" → "essential
    hypertension") and "unspecified" ("Iron deficiency anemia, unspecified" → "iron deficiency
    anemia"). A phrase shared by several codes keeps a billable one, then the shortest.
    """
    index: dict[str, str] = {}
    leaf: dict[str, bool] = {}

    def add(phrase: str, code: str) -> None:
        key = normalise(phrase)
        if len(key) < 5 or key.count(" ") > 9:
            return
        old = index.get(key)
        if old is None or _better(code, old, leaf):
            index[key] = code

    for code in cm.get_all_codes(True):
        if cm.is_chapter_or_block(code):
            continue
        leaf[code] = is_leaf = bool(cm.is_leaf(code))
        desc = str(cm.get_description(code))
        variants = {desc}
        if "(" in desc:
            variants.add(_PAREN.sub("", desc))
        if "nspecified" in desc or "elsewhere" in desc:
            variants |= {_UNSPEC.sub("", v) for v in list(variants)}
        for variant in variants:
            add(variant, code)
        if is_leaf:
            for term in cm.get_inclusion_term(code):
                add(str(term), code)
    return index


def _better(new: str, old: str, leaf: dict[str, bool]) -> bool:
    new_leaf, old_leaf = leaf[new], leaf[old]
    if new_leaf != old_leaf:
        return bool(new_leaf)
    return (len(new), new) < (len(old), old)
