"""The Rule record."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Rule(BaseModel):
    """A coding rule: stable id, kebab name, one-line statement, rulebook source keys, example."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    family: str
    statement: str
    sources: tuple[str, ...]
    example: str
    kind: Literal["coding", "policy", "input"] = "coding"
    policy_option: str | None = None
    status: Literal["stable", "preview"] = "stable"
    since: str = "0.1.0"
