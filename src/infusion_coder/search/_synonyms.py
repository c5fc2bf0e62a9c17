"""Synonyms at index time: each synonym group becomes one index token.

A document that contains any member of a group ("cancer", "carcinoma", "malignant neoplasm")
gets the group's token in the same column; a query word that is a member searches for the token
alone. BM25 then sees one term with one document frequency, instead of an OR of alternatives
whose rare members would outweigh the rest.
ICD-10-CM codes get only the diagnosis groups' tokens, and members of three letters or fewer
("ca", "ms") are not looked for in their text (they are abbreviations: read in queries and in our
own documents).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from infusion_coder.search._vocabulary import ADMIN_GROUPS, GROUPS, REWRITES


class Member(NamedTuple):
    token: str
    canonical: str
    admin: bool


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
def _tables() -> tuple[dict[tuple[str, ...], Member], dict[tuple[str, ...], str], int]:
    members: dict[tuple[str, ...], Member] = {}  # words -> the group's token and canonical form
    for group in GROUPS:
        admin = group in ADMIN_GROUPS
        for member in group:
            members.setdefault(tuple(words(member)), Member(token_for(group[0]), group[0], admin))
    rewrites = {tuple(words(k)): v for k, v in REWRITES.items()}
    longest = max(len(k) for k in (*members, *rewrites))
    return members, rewrites, longest


def annotate(text: str, *, icd: bool = False) -> str:
    """``text`` plus the tokens of the synonym groups it mentions (for an ICD-10-CM code: of the
    diagnosis groups only, and no abbreviations)."""
    members, _, longest = _tables()
    ws = words(text)
    found: list[str] = []
    for i in range(len(ws)):
        for size in range(1, min(longest, len(ws) - i) + 1):
            key = tuple(ws[i : i + size])
            hit = members.get(key)
            if hit is None or hit.token in found:
                continue
            if icd and (hit.admin or (size == 1 and len(key[0]) <= 3)):
                continue
            found.append(hit.token)
    return f"{text} {' '.join(found)}" if found else text


def member(key: tuple[str, ...]) -> Member | None:
    """The group that has ``key`` (normalized words) as a member."""
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
