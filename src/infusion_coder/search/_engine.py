"""Running a search against the index: code lookups first, then FTS5 ranking (BM25).

Ordering is stable: exact codes, then code prefixes (shortest code first), then exact names (a
drug's generic or brand name, a label), then documents that match every part of the query, then
documents that match some of it; within a tier by BM25
score (weighted by kind), then kind, then code.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from pathlib import Path

from infusion_coder.errors import InvalidInput
from infusion_coder.search._documents import code_key, name_key
from infusion_coder.search._index import WORD, family_tag
from infusion_coder.search._query import Group, Query, parse
from infusion_coder.search.models import KINDS, Hit, SearchResults

#: BM25 column weights: label, keywords, body, tags
COLUMN_WEIGHTS = (6.0, 3.0, 1.0, 0.0)
#: a prior per kind: the drug-administration library first, the 98,000 ICD-10-CM codes last
KIND_WEIGHTS = {"code": 1.5, "drug": 1.3, "modifier": 1.2, "rule": 1.0, "icd10": 0.8}
MAX_LIMIT = 100
DEFAULT_CACHE_SIZE = 2048
#: up to this many query words, a query that finds too little is retried without each word
MAX_RELAXED_GROUPS = 6
#: ... when it finds fewer than this many documents
RELAX_BELOW = 3

_TIER_CODE, _TIER_PREFIX, _TIER_NAME, _TIER_ALL, _TIER_SOME = range(5)
_BM25 = "bm25(fts, " + ", ".join(str(w) for w in COLUMN_WEIGHTS) + ")"


class SearchIndex:
    """A built index file; safe to share between threads."""

    def __init__(self, path: Path, release: str, *, cache_size: int | None = None) -> None:
        self.path = path
        self.release = release
        # one connection, opened now and kept: SQLite is built serialized here (threadsafety 3),
        # so threads may share it, and the open file survives a newer build deleting it
        self._connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        # (a SQLite built without serialized mode gets one search at a time)
        self._guard: AbstractContextManager[object] = (
            nullcontext() if sqlite3.threadsafety == 3 else threading.Lock()
        )
        if cache_size is None:
            cache_size = int(os.environ.get("INFUSION_CODER_SEARCH_CACHE", DEFAULT_CACHE_SIZE))
        #: the latest results, by (query, kinds, family, limit): an as-you-type box repeats
        #: itself, and a query with very common words costs milliseconds (BM25 counts the
        #: documents of every word); 0 turns the cache off
        self._cached = lru_cache(maxsize=cache_size)(self._search) if cache_size else self._search
        meta = dict(self._con().execute("SELECT key, value FROM meta").fetchall())
        self.ranges: dict[str, tuple[int, int]] = {
            k: (v[0], v[1]) for k, v in json.loads(meta["ranges"]).items()
        }
        self.boosts: dict[int, float] = dict(
            self._con().execute("SELECT id, boost FROM docs WHERE boost != 1.0").fetchall()
        )

    def _con(self) -> sqlite3.Connection:
        return self._connection

    def search(
        self,
        query: str,
        *,
        kind: str | Sequence[str] | None = None,
        family: str | None = None,
        limit: int = 10,
    ) -> SearchResults:
        kinds = _kinds(kind)
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", field="limit")
        if not isinstance(query, str):
            raise InvalidInput("the search query must be text", field="q")
        return self._cached(
            " ".join(query.split()), kinds, family.lower() if family else None, limit
        )

    def _search(
        self, query: str, kinds: tuple[str, ...], family: str | None, limit: int
    ) -> SearchResults:
        con = self._con()
        parsed = parse(query, con)
        found: dict[int, tuple[int, float, str]] = {}  # rowid -> (tier, score, why)
        for token in parsed.codes:
            self._codes(con, token, kinds, family, limit, found)
        self._names(con, query, parsed, kinds, family, found)
        if parsed.groups:
            self._text(con, parsed, None, _TIER_ALL, kinds, family, limit, found)
            n = len(parsed.groups)
            if 1 < n <= MAX_RELAXED_GROUPS and len(found) < min(limit, RELAX_BELOW):
                # retry without each word in turn; over ICD-10-CM only when nothing matched at
                # all (one common word left alone, e.g. "encounter", would score 30,000 rows)
                relaxed = kinds if not found else tuple(k for k in kinds if k != "icd10")
                for skip in range(n):
                    self._text(con, parsed, skip, _TIER_SOME, relaxed, family, limit, found)
            if n > 1 and not found:
                # last resort: any of the words, in the small kinds only (an OR over the
                # 98,000 ICD-10-CM codes would score thousands of rows)
                small = tuple(k for k in kinds if k != "icd10")
                self._text(con, parsed, -1, _TIER_SOME, small, family, limit, found)
        hits = self._hits(con, found, parsed, limit)
        return SearchResults(
            count=len(hits), hits=hits, corrections=parsed.corrections, release=self.release
        )

    def _codes(
        self,
        con: sqlite3.Connection,
        token: str,
        kinds: tuple[str, ...],
        family: str | None,
        limit: int,
        found: dict[int, tuple[int, float, str]],
    ) -> None:
        key = code_key(token)
        if not key:
            return
        where, args = _filters(kinds, family)
        for rowid, code in con.execute(
            f"SELECT id, code FROM docs WHERE code_key = ?{where}", (key, *args)
        ):
            found.setdefault(rowid, (_TIER_CODE, 0.0, f"exact code {code}"))
        if len(key) < 2:
            return
        rows = con.execute(
            f"SELECT id, code FROM docs WHERE code_key > ? AND code_key < ?{where} "
            "ORDER BY length(code_key), code_key LIMIT ?",
            (key, key + "\uffff", *args, limit),
        )
        for rowid, _code in rows:
            found.setdefault(rowid, (_TIER_PREFIX, 0.0, f"code starts with {token.upper()}"))

    def _names(
        self,
        con: sqlite3.Connection,
        query: str,
        parsed: Query,
        kinds: tuple[str, ...],
        family: str | None,
        found: dict[int, tuple[int, float, str]],
    ) -> None:
        typed = name_key(query)
        keys = {typed: ""}
        if parsed.corrections:
            fixed = " ".join(parsed.corrections.get(w, w) for w in typed.split())
            keys[fixed] = (
                " (respelled: "
                + ", ".join(f"{a!r} read as {b!r}" for a, b in parsed.corrections.items())
                + ")"
            )
        keys.pop("", None)
        if not keys:
            return
        where, args = _filters(kinds, family)
        marks = ",".join("?" * len(keys))
        for rowid, code, name in con.execute(
            f"SELECT docs.id, docs.code, names.name FROM names JOIN docs ON docs.id = names.id "
            f"WHERE names.name IN ({marks}){where} ORDER BY names.name",
            (*sorted(keys), *args),
        ):
            found.setdefault(rowid, (_TIER_NAME, 0.0, f"exact name of {code}{keys[name]}"))

    def _text(
        self,
        con: sqlite3.Connection,
        parsed: Query,
        skip: int | None,
        tier: int,
        kinds: tuple[str, ...],
        family: str | None,
        limit: int,
        found: dict[int, tuple[int, float, str]],
    ) -> None:
        for first, last, span_kinds in self._spans(kinds):
            icd = span_kinds == ("icd10",)
            if skip == -1:  # any of the words
                expression = parsed.match_any(icd=icd)
            else:  # all the words (but the one at ``skip``)
                expression = parsed.match_all(skip, icd=icd)
            if family:
                expression = f'({expression}) AND tags : "{family_tag(family)}"'
            # the small kinds share one statement (rowids are contiguous); more rows are read
            # so that the per-kind weights can still reorder them
            wanted = (limit + len(found)) * (1 if icd else 3)
            rows = con.execute(
                f"SELECT rowid, {_BM25} AS r FROM fts WHERE fts MATCH ? "
                "AND rowid BETWEEN ? AND ? ORDER BY r LIMIT ?",
                (expression, first, last, wanted),
            )
            for rowid, rank in rows:
                if rowid not in found:
                    weight = KIND_WEIGHTS[self._kind_of(rowid)] * self.boosts.get(rowid, 1.0)
                    found[rowid] = (tier, -rank * weight, "")

    def _spans(self, kinds: tuple[str, ...]) -> list[tuple[int, int, tuple[str, ...]]]:
        """Rowid ranges to query: runs of adjacent requested kinds, ICD-10-CM on its own."""
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        for kind in KINDS:
            span = self.ranges.get(kind)
            if kind not in kinds or span is None:
                continue
            if (
                spans
                and kind != "icd10"
                and spans[-1][2][-1] != "icd10"
                and spans[-1][1] + 1 == span[0]
            ):
                first, _, run = spans[-1]
                spans[-1] = (first, span[1], (*run, kind))
            else:
                spans.append((span[0], span[1], (kind,)))
        return spans

    def _kind_of(self, rowid: int) -> str:
        for kind, (first, last) in self.ranges.items():
            if first <= rowid <= last:
                return kind
        raise LookupError(rowid)  # pragma: no cover - rowids come from the index

    def _hits(
        self,
        con: sqlite3.Connection,
        found: dict[int, tuple[int, float, str]],
        parsed: Query,
        limit: int,
    ) -> list[Hit]:
        if not found:
            return []
        ids = list(found)
        marks = ",".join("?" * len(ids))
        docs = {
            row[0]: row
            for row in con.execute(
                f"SELECT id, kind, code, label, family, keywords, body FROM docs "
                f"WHERE id IN ({marks})",
                ids,
            )
        }
        order = {k: i for i, k in enumerate(KINDS)}

        def sort_key(rowid: int) -> tuple[int, float, int, str]:
            tier, score, _ = found[rowid]
            doc = docs[rowid]
            return (tier, -round(score, 6), order[doc[1]], doc[2])

        hits: list[Hit] = []
        for rowid in sorted(ids, key=sort_key)[:limit]:
            tier, score, why = found[rowid]
            _, kind, code, label, fam, keywords, body = docs[rowid]
            if tier >= _TIER_ALL:
                why = _explain(parsed, label, keywords, body, partial=tier == _TIER_SOME)
            hits.append(
                Hit(
                    kind=kind,
                    code=code,
                    label=label,
                    family=fam,
                    match="code"
                    if tier == _TIER_CODE
                    else "code_prefix"
                    if tier == _TIER_PREFIX
                    else "text",
                    score=round(score, 4) if tier >= _TIER_ALL else 1000.0 - tier,
                    why=why,
                )
            )
        return hits


_MATCH = {
    _TIER_CODE: "code",
    _TIER_PREFIX: "code_prefix",
    _TIER_NAME: "name",
    _TIER_ALL: "text",
    _TIER_SOME: "text",
}


def _kinds(kind: str | Sequence[str] | None) -> tuple[str, ...]:
    if kind is None:
        return KINDS
    wanted: Iterable[str] = [kind] if isinstance(kind, str) else kind
    out: list[str] = []
    for item in wanted:
        for part in str(item).split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name not in KINDS:
                raise InvalidInput(
                    f"unknown kind {name!r}; expected one of {', '.join(KINDS)}", field="kind"
                )
            out.append(name)
    return tuple(k for k in KINDS if k in out) or KINDS


def _filters(kinds: tuple[str, ...], family: str | None) -> tuple[str, list[str]]:
    where = ""
    args: list[str] = []
    if len(kinds) < len(KINDS):
        where += f" AND kind IN ({','.join('?' * len(kinds))})"
        args.extend(kinds)
    if family:
        where += " AND lower(family) = ?"
        args.append(family.lower())
    return where, args


class _Field:
    """The words of one field, bucketed by their first four letters for quick comparison."""

    __slots__ = ("name", "words", "buckets")

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.words = set(WORD.findall(text.lower()))
        self.buckets: dict[str, list[str]] = {}
        for word in self.words:
            self.buckets.setdefault(word[:4], []).append(word)

    def has(self, part: str, prefix: bool) -> bool:
        if part in self.words:
            return True
        candidates = self.buckets.get(part[:4], ()) if len(part) >= 4 else ()
        if prefix:
            return any(w.startswith(part) for w in candidates)
        return any(_same_word(part, w) for w in candidates)


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word ("infusion", "infusions"): a long enough common beginning."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, max(len(a), len(b)) - 3)


def _found_in(alternative: str, field: _Field, prefix: bool) -> bool:
    parts = WORD.findall(alternative)
    return bool(parts) and all(field.has(p, prefix) for p in parts)


@lru_cache(maxsize=8192)
def _fields(label: str, keywords: str, body: str) -> tuple[_Field, ...]:
    """A document's fields, ready to compare (documents recur across searches)."""
    return (_Field("label", label), _Field("keywords", keywords), _Field("text", body))


def _explain(parsed: Query, label: str, keywords: str, body: str, *, partial: bool) -> str:
    fields = _fields(label, keywords, body)
    parts: list[str] = []
    for group in parsed.groups:
        note = _explain_group(group, fields, parsed.corrections.get(group.typed))
        if note:
            parts.append(note)
    why = "; ".join(parts) if parts else "matched the query words"
    return ("some words: " if partial else "words: ") + why


def _explain_group(group: Group, fields: tuple[_Field, ...], respelled: str | None) -> str | None:
    for alternative in group.shown:
        for field in fields:
            name = field.name
            if _found_in(alternative, field, group.prefix):
                typed = f'"{group.typed}"'
                if respelled:
                    typed += f" (read as {respelled!r})"
                if group.prefix:
                    return f"{typed}… in {name}"
                if alternative != group.typed and alternative != respelled:
                    return f'{typed} as "{alternative}" in {name}'
                return f"{typed} in {name}"
    return None
