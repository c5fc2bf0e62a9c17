"""Where the index lives, and that it is built once and reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from infusion_coder.search import _index
from infusion_coder.search._documents import Doc


def test_when_infusion_coder_cache_is_set_then_indexes_live_there(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INFUSION_CODER_CACHE", str(tmp_path))
    assert _index.cache_dir() == tmp_path
    path = _index.index_path("2026Q4", "abc123")
    assert path.parent == tmp_path and "2026Q4" in path.name


def test_when_unset_then_the_user_cache_directory_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("INFUSION_CODER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _index.cache_dir() == tmp_path / "infusion-coder"


def test_the_fingerprint_changes_with_the_documents_and_the_release() -> None:
    docs = [Doc("rule", "HYD001", "Fluid to keep the vein open is never billed.")]
    other = [Doc("rule", "HYD001", "Fluid to keep the vein open is not billed.")]
    assert _index.fingerprint("r1", docs) == _index.fingerprint("r1", list(docs))
    assert _index.fingerprint("r1", docs) != _index.fingerprint("r1", other)
    assert _index.fingerprint("r1", docs) != _index.fingerprint("r2", docs)


def test_when_documents_are_not_grouped_by_kind_then_the_build_refuses(tmp_path: Path) -> None:
    docs = [Doc("icd10", "E86.0", "Dehydration"), Doc("code", "96360", "Hydration")]
    with pytest.raises(ValueError, match="grouped by kind"):
        _index.build(tmp_path / "x.sqlite3", docs, release="t", fp="t")
    assert not list(tmp_path.iterdir())  # no half-written file left behind


def test_when_the_index_exists_then_it_is_reused_not_rebuilt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INFUSION_CODER_CACHE", str(tmp_path))
    docs = [Doc("rule", "HYD001", "Fluid to keep the vein open is never billed.")]
    monkeypatch.setattr(_index, "domain_docs", lambda: docs)
    monkeypatch.setattr(_index, "all_docs", lambda: iter(docs))
    path, _ = _index.ensure()
    stamp = path.stat().st_mtime_ns
    again, _ = _index.ensure()
    assert again == path and path.stat().st_mtime_ns == stamp


def test_when_a_new_index_is_built_then_older_ones_are_deleted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INFUSION_CODER_CACHE", str(tmp_path))
    stale = tmp_path / "search-2025Q1-000000000000.sqlite3"
    stale.write_bytes(b"old")
    other = tmp_path / "notes.txt"
    other.write_text("not an index")
    docs = [Doc("rule", "HYD001", "Fluid to keep the vein open is never billed.")]
    monkeypatch.setattr(_index, "domain_docs", lambda: docs)
    monkeypatch.setattr(_index, "all_docs", lambda: iter(docs))
    path, _ = _index.ensure()
    assert path.exists() and not stale.exists() and other.exists()
