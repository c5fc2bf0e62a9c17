"""Search across the drug-administration codes, the HCPCS drug catalogue, modifiers, the rule
catalogue and the whole ICD-10-CM code set.

::

    from infusion_coder import search
    results = search.search("second chemo drug by push", limit=5)
    results.hits[0].code     # '96411'
    results.hits[0].why      # 'words: "second" as "additional" in keywords; ...'

Codes are found exactly or by their start (``96417``, ``9641``, ``J9312``, ``C50.911``,
``c50911``, ``-25``, ``JZ``); words through SQLite FTS5 (BM25 ranking, Porter stemming) with a
coder's abbreviations and synonyms (``_vocabulary.py``) and a spelling corrector for words the
index does not know. The index is built on first use and cached (see ``index_location()``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from infusion_coder.search._engine import MAX_LIMIT, SearchIndex
from infusion_coder.search._index import cache_dir, ensure, locate
from infusion_coder.search._query import MAX_QUERY_CHARS
from infusion_coder.search.models import KINDS, Hit, Kind, SearchResults

__all__ = [
    "KINDS",
    "MAX_LIMIT",
    "MAX_QUERY_CHARS",
    "Hit",
    "Kind",
    "SearchIndex",
    "SearchResults",
    "build_index",
    "cache_dir",
    "get_index",
    "index_is_built",
    "index_location",
    "search",
]

_lock = threading.Lock()
_current: SearchIndex | None = None


def get_index(*, rebuild: bool = False) -> SearchIndex:
    """The process-wide index, built (or rebuilt) first if needed."""
    global _current
    with _lock:
        if _current is None or rebuild:
            path, release = ensure(force=rebuild)
            _current = SearchIndex(path, release)
        return _current


def index_is_built() -> bool:
    """True when an up-to-date index is loaded or on disk (a search will not build one)."""
    return _current is not None or locate()[0].exists()


def build_index(*, force: bool = False) -> Path:
    """Build the index now (instead of at first search) and return where it lives."""
    return get_index(rebuild=force).path


def index_location() -> Path:
    """The index file in use (building it first if needed)."""
    return get_index().path


def search(
    query: str,
    *,
    kind: str | Sequence[str] | None = None,
    family: str | None = None,
    limit: int = 10,
) -> SearchResults:
    """Ranked hits for ``query``, best first.

    ``kind`` keeps only some kinds (``code``, ``drug``, ``modifier``, ``rule``, ``icd10``; a list
    or a comma-separated string), ``family`` only one family (a code family such as
    ``chemotherapy``, a rule family, a drug category, or a three-character ICD-10-CM category),
    ``limit`` caps the hits (1–100). Bad arguments raise ``InvalidInput`` naming the field.
    """
    return get_index().search(query, kind=kind, family=family, limit=limit)
