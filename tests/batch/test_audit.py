"""Batch audit: complete outputs, resume without double counting, deterministic results,
unusable rows reported, injected errors found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infusion_coder.batch import audit
from infusion_coder.batch.compare import detected_kinds, differences
from infusion_coder.batch.synth import generate, write
from infusion_coder.errors import InvalidInput


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("synth")
    write(600, 11, d, error_rate=0.5)
    return d


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_when_audited_then_all_outputs_exist_and_are_complete(
    synth_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    s = audit(
        synth_dir / "cases.jsonl", out, claims=synth_dir / "claims.csv", workers=1, chunk_size=250
    )
    assert s.complete and s.encounters == 600 and s.chunks == 3
    for name in ("lines", "encounters", "differences"):
        assert (out / f"{name}.parquet").exists() and (out / f"{name}.csv").exists()
    summary = _summary(out)
    assert summary["complete"] is True
    assert summary["totals"]["encounters"] == 600
    assert "<h1>" in (out / "report.html").read_text(encoding="utf-8")
    manifest = json.loads((out / "_chunks" / "manifest.json").read_text())
    assert manifest["status"] == "complete"


def test_when_interrupted_then_marked_incomplete_and_resume_counts_once(
    synth_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    calls = {"n": 0}

    def boom(_: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        audit(
            synth_dir / "cases.jsonl",
            out,
            claims=synth_dir / "claims.csv",
            workers=1,
            chunk_size=250,
            progress=boom,
        )
    manifest = json.loads((out / "_chunks" / "manifest.json").read_text())
    assert manifest["status"] == "incomplete"
    assert not (out / "summary.json").exists()
    s = audit(
        synth_dir / "cases.jsonl", out, claims=synth_dir / "claims.csv", workers=1, chunk_size=250
    )
    assert s.chunks_skipped == 2
    assert _summary(out)["totals"]["encounters"] == 600


def test_when_run_twice_then_outputs_are_byte_identical(synth_dir: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        audit(
            synth_dir / "cases.jsonl",
            out,
            claims=synth_dir / "claims.csv",
            workers=2,
            chunk_size=300,
        )
    for name in (
        "lines.csv",
        "encounters.csv",
        "differences.csv",
        "summary.json",
        "lines.parquet",
        "report.html",
    ):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_when_a_row_is_unusable_then_it_is_reported_not_dropped(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "ok", "setting": "facility", "date": "2026-01-02", "administrations": []}\n'
        '{"id": "bad", "setting": "nowhere", "administrations": []}\n'
        "not json\n",
        encoding="utf-8",
    )
    audit(cases, tmp_path / "out", workers=1)
    totals = _summary(tmp_path / "out")["totals"]
    assert totals["encounters"] == 3 and totals["invalid"] == 2


def test_when_cases_file_missing_then_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        audit(tmp_path / "nope.jsonl", tmp_path / "out")


def test_differences_are_missed_and_over_billed() -> None:
    coded = [
        {"code": "96413", "units": 1, "modifiers": []},
        {"code": "96415", "units": 2, "modifiers": []},
    ]
    billed = [
        {"code": "96413", "units": 2, "modifiers": []},
        {"code": "96415", "units": 1, "modifiers": []},
    ]
    diffs = {d["code"]: d for d in differences(coded, billed, "facility")}
    assert diffs["96415"]["kind"] == "missed" and diffs["96415"]["delta_units"] == 1
    assert diffs["96413"]["kind"] == "over_billed" and diffs["96413"]["delta_units"] == -1


def test_injected_errors_are_found() -> None:
    found = missed = 0
    from infusion_coder.engine import code_case

    for case, billed, truth in generate(400, 5, error_rate=1.0):
        coded = [
            {"code": ln.code, "units": ln.units, "modifiers": ln.modifiers}
            for ln in code_case(case).lines
        ]
        kinds = detected_kinds(differences(coded, billed, case["setting"]), billed, case["setting"])
        for k in truth["errors"]:
            if k in kinds or (
                k in ("extra_initial", "mue_overrun") and {"extra_initial", "mue_overrun"} & kinds
            ):
                found += 1
            else:
                missed += 1
    assert found + missed > 100
    assert found / (found + missed) >= 0.95
