"""The plain data of search: one ``Hit`` per match and ``SearchResults`` around them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: what a hit can be, in the order used to break ties
Kind = Literal["code", "drug", "modifier", "rule", "icd10"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

#: how a hit matched: the exact code, the start of a code, its exact name, or the query's words
Match = Literal["code", "code_prefix", "name", "text"]


class Hit(BaseModel):
    """One search result: what it is, its code and label, and why it matched."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    code: str
    label: str
    family: str | None = None
    match: Match
    score: float = Field(description="Relevance; higher is better. Comparable within one search.")
    why: str = Field(description="Why it matched, in words (code, prefix, matched terms).")


class SearchResults(BaseModel):
    """The hits of one search, best first, plus the spelling corrections that were applied."""

    model_config = ConfigDict(frozen=True)

    count: int
    hits: list[Hit]
    corrections: dict[str, str] = Field(
        default_factory=dict, description="Query words that were respelled: typed → used."
    )
    release: str = Field(description="The data release the index was built from.")
