"""Add-on edit types 2 and 3 (the packaged data has only type 1): a stub library stands in."""

from __future__ import annotations

from typing import Any

import pytest

from infusion_coder import knowledge
from infusion_coder.edits import get, parse_claim
from infusion_coder.edits._context import build
from infusion_coder.knowledge import CodeEntry


class AddonStub:
    """The library's add-on accessors, with one add-on of each type."""

    release_id = "stub"
    TYPES: dict[str, tuple[int, list[str]]] = {
        "0001A": (1, ["96413"]),
        "0002A": (2, ["CCCCC"]),
        "0003A": (3, ["96365"]),
    }

    def __init__(self, real: Any) -> None:
        self.real = real

    def is_addon(self, code: str) -> bool:
        return code in self.TYPES

    def has_code(self, code: str) -> bool:
        return code in self.TYPES or bool(self.real.has_code(code))

    def code(self, code: str) -> CodeEntry:
        return CodeEntry(code=code, addon=True) if code in self.TYPES else self.real.code(code)

    def addon_edit_type(self, code: str) -> int | None:
        return self.TYPES[code][0] if code in self.TYPES else None

    def addon_primaries(self, code: str, setting: str | None = None) -> list[str]:
        return self.TYPES[code][1] if code in self.TYPES else []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _run(check_id: str, codes: list[str]) -> list[str]:
    claim = parse_claim({"setting": "professional", "lines": [{"code": c} for c in codes]})
    ctx = build(claim, lib=AddonStub(knowledge.load()))
    return [f.message for f in get(check_id).findings(claim, ctx)]


@pytest.mark.parametrize(
    ("check_id", "codes", "fires"),
    [
        ("AOC001", ["0001A"], True),  # type 1 alone: error
        ("AOC001", ["0001A", "96413"], False),  # with its listed primary
        ("AOC001", ["0003A"], False),  # type 3 is not an error
        ("AOC002", ["0003A"], True),  # type 3 without a listed primary: warning
        ("AOC002", ["0003A", "96365"], False),  # with a listed primary
        ("AOC002", ["0001A"], False),  # type 1 is AOC001's
        ("AOC003", ["0002A"], True),  # type 2 with nothing else billed: info
        ("AOC003", ["0002A", "96413"], False),  # another procedure may be its primary
    ],
)
def test_when_addon_has_edit_type_then_matching_check_fires(
    check_id: str, codes: list[str], fires: bool
) -> None:
    assert bool(_run(check_id, codes)) == fires


def test_when_addon_check_severities_are_read_then_they_follow_cms_types() -> None:
    assert [get(i).severity for i in ("AOC001", "AOC002", "AOC003")] == [
        "error",
        "warning",
        "info",
    ]
