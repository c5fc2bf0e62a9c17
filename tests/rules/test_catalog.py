"""The rule catalogue is complete, consistent with the engine, and documented."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from infusion_coder import rules
from infusion_coder.errors import UnknownCode

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "src" / "infusion_coder" / "engine"


def test_every_rule_has_statement_sources_and_example() -> None:
    for r in rules.catalog():
        assert re.fullmatch(r"[A-Z]{3}\d{3}", r.id), r.id
        assert r.statement and r.example and r.sources, r.id
        assert re.fullmatch(r"[a-z0-9-]+", r.name), r.name


def test_every_rule_id_the_engine_cites_exists() -> None:
    cited: set[str] = set()
    for path in ENGINE.glob("*.py"):
        cited |= set(re.findall(r'"([A-Z]{3}\d{3})"', path.read_text(encoding="utf-8")))
    assert cited, "the engine cites no rules"
    missing = sorted(c for c in cited if c not in {r.id for r in rules.catalog()})
    assert missing == []


def test_unknown_rule_id_is_an_error_naming_it() -> None:
    with pytest.raises(UnknownCode, match="XYZ999"):
        rules.get("XYZ999")


def test_get_is_case_insensitive() -> None:
    assert rules.get("tim004").id == "TIM004"


def test_docs_rules_md_is_generated_and_current() -> None:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "generate_docs.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == gen.render()
