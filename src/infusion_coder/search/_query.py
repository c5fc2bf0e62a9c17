"""Reading a query: codes apart, then words and phrases with their synonyms and respellings,
turned into an FTS5 match expression.

A ``Group`` is one meaning of the query: a plain word, or a word or phrase of a synonym group
(searched as the group's index token, see ``_synonyms``). The text query asks for every group
(AND); one-way rewrites ("nsclc" → "malignant neoplasm bronchus lung") are applied first.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from infusion_coder.errors import InvalidInput
from infusion_coder.search import _synonyms as synonyms
from infusion_coder.search._index import WORD, deletes1
from infusion_coder.search._vocabulary import STOPWORDS

MAX_QUERY_CHARS = 500

#: tokens that are codes only (they carry a digit): CPT, HCPCS, ICD-10-CM, rule ids, modifiers
_CODE_ONLY = re.compile(
    r"^(?:\d{3,5}|[A-Za-z]\d{1,4}|[A-Za-z]\d[0-9A-Za-z](?:\.?[0-9A-Za-z]{1,4})?"
    r"|[A-Za-z]\d[0-9A-Za-z]\.|[A-Za-z]{3}\d{1,3}|-[0-9A-Za-z]{2})$"
)
#: tokens that may be a code or a word: two letters or digits ("JZ", "25", "XE", "im")
_CODE_OR_WORD = re.compile(r"^[0-9A-Za-z]{2}$")
_QUERY_WORD = re.compile(r"[a-z0-9]+(?:['/&\-][a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Group:
    """One meaning of the query: ``term`` is what the index is asked for (a word, or a synonym
    group's token), ``shown`` the words that count as a match (for the explanation)."""

    typed: str
    term: str
    shown: tuple[str, ...]
    prefix: bool = False
    #: for an admin group, the words ICD-10-CM codes are searched for (with the canonical form)
    icd_term: str = ""

    def expression(self, icd: bool = False) -> str:
        if icd and self.icd_term:
            terms = dict.fromkeys((self.icd_term, self.shown[0]))
            return "(" + " OR ".join(f'"{t}"' for t in terms) + ")"
        return f'"{self.term}" *' if self.prefix else f'"{self.term}"'


@dataclass(slots=True)
class Query:
    codes: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    def match_all(self, skip: int | None = None, *, icd: bool = False) -> str:
        return " AND ".join(g.expression(icd) for i, g in enumerate(self.groups) if i != skip)

    def match_any(self, *, icd: bool = False) -> str:
        return " OR ".join(g.expression(icd) for g in self.groups)


def parse(text: str, con: sqlite3.Connection) -> Query:
    """Split ``text`` into codes and word groups; respell words the index does not know."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("the search query is empty", field="q")
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput(
            f"the search query is longer than {MAX_QUERY_CHARS} characters", field="q"
        )
    query = Query()
    tokens = re.findall(r"[^\s,;]+", text.strip())
    words: list[str] = []
    for token in tokens:
        bare = token.strip("()[]\"'")
        if _CODE_ONLY.match(bare) and any(c.isdigit() for c in bare):
            query.codes.append(bare)
            continue
        # a bare two-character token is a code when alone ("JZ") or next to "modifier" ("mod 59")
        modifier_named = any(
            t.lower().strip(".:") in ("modifier", "mod", "modifiers") for t in tokens
        )
        if _CODE_ONLY.match(bare) or (
            _CODE_OR_WORD.match(bare) and (len(tokens) == 1 or modifier_named)
        ):
            query.codes.append(bare)
        words.extend(_QUERY_WORD.findall(bare.lower()))
    if not all(w in STOPWORDS for w in words):
        words = [w for w in words if w not in STOPWORDS]
    _read(words, con, query, rewrites=True)
    return query


def _read(
    words: list[str], con: sqlite3.Connection, query: Query, *, rewrites: bool, typed: str = ""
) -> None:
    longest = synonyms.longest_phrase()
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            key = tuple(synonyms.norm(w) for w in words[i : i + size])
            target = synonyms.rewrite(key) if rewrites else None
            if target is not None:
                _read(target.split(), con, query, rewrites=False, typed=typed or phrase)
                break
            hit = synonyms.member(key)
            if hit is not None:
                shown = synonyms.group_members(hit.canonical)
                icd_term = phrase if hit.admin else ""
                query.groups.append(Group(typed or phrase, hit.token, shown, icd_term=icd_term))
                break
            if size == 1:
                group = _word(phrase, con, query, last=i == len(words) - 1, typed=typed)
                if group is not None:
                    query.groups.append(group)
        i += size


def _word(
    word: str, con: sqlite3.Connection, query: Query, *, last: bool, typed: str
) -> Group | None:
    parts = WORD.findall(word)
    if not parts:
        return None
    if all(_known(con, p) for p in parts):
        return Group(typed or word, " ".join(parts), (word,))
    if len(word) >= 3 and (last or len(word) < 5) and _has_prefix(con, word):
        return Group(typed or word, word, (word,), prefix=True)
    fixed = _respell(con, word) if len(parts) == 1 else None
    if fixed is not None:
        query.corrections[word] = fixed
        hit = synonyms.member((synonyms.norm(fixed),))
        if hit is not None:
            shown = synonyms.group_members(hit.canonical)
            return Group(typed or word, hit.token, shown, icd_term=fixed if hit.admin else "")
        return Group(typed or word, fixed, (fixed,))
    if len(word) >= 3 and _has_prefix(con, word):
        return Group(typed or word, word, (word,), prefix=True)
    query.unknown.append(word)
    return None


def _known(con: sqlite3.Connection, word: str) -> bool:
    return con.execute("SELECT 1 FROM vocab WHERE word = ?", (word,)).fetchone() is not None


def _has_prefix(con: sqlite3.Connection, stem: str) -> bool:
    row = con.execute(
        "SELECT 1 FROM vocab WHERE word > ? AND word < ? LIMIT 1", (stem, stem + "\uffff")
    ).fetchone()
    return row is not None


def _respell(con: sqlite3.Connection, word: str) -> str | None:
    """The closest indexed word (edit distance 1, or 2 for words of 8+ letters), most frequent
    first; ``None`` when nothing is close."""
    if len(word) < 4 or not word.isalpha():
        return None
    variants = deletes1(word) | {word}
    marks = ",".join("?" * len(variants))
    rows = con.execute(
        f"SELECT DISTINCT d.word, v.df FROM deletes d JOIN vocab v ON v.word = d.word "
        f"WHERE d.variant IN ({marks}) "
        f"UNION SELECT word, df FROM vocab WHERE word IN ({marks})",
        (*variants, *variants),
    ).fetchall()
    limit = 2 if len(word) >= 8 else 1
    best: tuple[int, int, str] | None = None
    for candidate, df in rows:
        dist = distance(word, candidate)
        if dist <= limit and (best is None or (dist, -df, candidate) < best):
            best = (dist, -df, candidate)
    return best[2] if best else None


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
