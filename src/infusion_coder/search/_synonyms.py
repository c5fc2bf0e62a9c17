"""Synonyms at index time: each synonym group becomes one index token.

A document that contains any member of a group ("cancer", "carcinoma", "malignant neoplasm")
gets the group's token in the same column; a query word that is a member searches for the token
alone. BM25 then sees one term with one document frequency, instead of an OR of alternatives
whose rare members would outweigh the rest.
Members of three letters or fewer ("ca", "iv", "ms") are abbreviations: they are read in queries
and in our own documents, but not looked for in ICD-10-CM text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from infusion_coder.search._vocabulary import GROUPS, REWRITES

_WORD = re.compile(r"[a-z0-9]+(?:['/&\-][a-z0-9]+)*")


def norm(word: str) -> str:
    """A light singular form for comparing words ("infusions" → "infusion")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return [norm(w) for w in _WORD.findall(text.lower())]


def token_for(canonical: str) -> str:
    """The index token of the group whose first member is ``canonical``."""
    return "qq" + re.sub(r"[^a-z0-9]", "", canonical)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[tuple[str, ...], tuple[str, str]], dict[tuple[str, ...], str], int]:
    members: dict[tuple[str, ...], tuple[str, str]] = {}  # words -> (token, canonical)
    for group in GROUPS:
        for member in group:
            members.setdefault(tuple(words(member)), (token_for(group[0]), group[0]))
    rewrites = {tuple(words(k)): v for k, v in REWRITES.items()}
    longest = max(len(k) for k in (*members, *rewrites))
    return members, rewrites, longest


def annotate(text: str, *, abbreviations: bool = True) -> str:
    """``text`` plus the tokens of the synonym groups it mentions."""
    members, _, longest = _tables()
    ws = words(text)
    found: list[str] = []
    for i in range(len(ws)):
        for size in range(1, min(longest, len(ws) - i) + 1):
            key = tuple(ws[i : i + size])
            hit = members.get(key)
            if hit is None or hit[0] in found:
                continue
            if not abbreviations and size == 1 and len(key[0]) <= 3:
                continue
            found.append(hit[0])
    return f"{text} {' '.join(found)}" if found else text


def member(key: tuple[str, ...]) -> tuple[str, str] | None:
    """(token, canonical) of the group that has ``key`` (normalized words) as a member."""
    return _tables()[0].get(key)


def rewrite(key: tuple[str, ...]) -> str | None:
    return _tables()[1].get(key)


def longest_phrase() -> int:
    return _tables()[2]


def group_members(canonical: str) -> tuple[str, ...]:
    for group in GROUPS:
        if group[0] == canonical:
            return group
    return (canonical,)
