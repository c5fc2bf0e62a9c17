"""docs/ehr-integration.md documents every MAR column, action and FHIR extension we use."""

from __future__ import annotations

from pathlib import Path

import pytest

from infusion_coder.interop import _systems
from infusion_coder.interop.mar import ACTION_WORDS, COLUMNS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "ehr-integration.md").read_text("utf-8")


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_every_mar_column_is_documented(column: str) -> None:
    assert f"`{column}`" in DOC


@pytest.mark.parametrize("action", sorted(set(ACTION_WORDS.values())))
def test_every_mar_action_is_documented(action: str) -> None:
    assert f"| `{action}` |" in DOC


@pytest.mark.parametrize("name", sorted(_systems.EXTENSIONS))
def test_every_extension_is_documented(name: str) -> None:
    assert f"`{name}`" in DOC


def test_extension_urls_are_documented() -> None:
    assert f"`{_systems.EXT}<name>`" in DOC


def test_an_unregistered_extension_is_a_bug() -> None:
    with pytest.raises(KeyError):
        _systems.ext("not-an-extension")
