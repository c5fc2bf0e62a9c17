"""The redact and icd10 detect commands through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infusion_coder.cli import app

runner = CliRunner()
NOTE = "Patient: Jane Q. Doe  MRN: 00482913  DOB: 03/14/1931\nCisplatin 75 mg/m2 (CPT 96413), Dx C50.911. Seen by Dr. Okafor.\n"


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


def test_redact_text(note: Path) -> None:
    result = runner.invoke(app, ["redact", str(note)])
    assert result.exit_code == 0, result.output
    assert "Patient: [NAME]  MRN: [MRN]  DOB: [DATE 1931]" in result.output
    assert "Okafor" not in result.output and "96413" in result.output


def test_redact_json_lists_spans_without_their_text(note: Path) -> None:
    result = runner.invoke(app, ["redact", str(note), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["operator"] == "tag"
    assert {"NAME", "MRN", "DATE"} <= {s["kind"] for s in doc["spans"]}
    assert all(set(s) == {"kind", "start", "end", "score", "source"} for s in doc["spans"])
    assert "Jane" not in result.output and "00482913" not in result.output


def test_redact_pseudonym_is_stable_with_a_key(note: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Caller re: patient Jane Q. Doe, MRN 00482913.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["redact", str(note), str(other), "-o", "pseudonym", "--key", "k1", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.output)
    mrn_token = next(t for t in first["text"].split() if t.startswith("[MRN-"))
    assert mrn_token in second["text"]


def test_redact_spans_table(note: Path) -> None:
    result = runner.invoke(app, ["redact", str(note), "--spans"])
    assert result.exit_code == 0 and "PhiMrnRecognizer" in result.output


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing.txt", "cannot read"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "empty.txt", b"  \n"), "is empty"),
        (lambda p: _write(p / "bin.txt", b"\xff\xfe\x00\x81"), "not UTF-8"),
    ],
)
@pytest.mark.parametrize("command", [["redact"], ["icd10", "detect"]])
def test_bad_input_is_one_line_exit_1(
    tmp_path: Path, setup, message: str, command: list[str]
) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, [*command, str(setup(tmp_path))])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0]
    assert "Traceback" not in result.output


def test_unknown_operator(note: Path) -> None:
    result = runner.invoke(app, ["redact", str(note), "-o", "shred"])
    assert result.exit_code == 1 and "unknown operator" in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_icd10_detect_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "dx.txt"
    path.write_text(
        "Left breast cancer. No evidence of DVT. History of colon cancer. Dx: C50.999\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["icd10", "detect", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        "C50.912" in result.output and "Z85.038" in result.output and "I82.409" not in result.output
    )
    result = runner.invoke(
        app, ["icd10", "detect", str(path), "--format", "json", "--include-negated"]
    )
    found = {(f["code"], f["status"]) for f in json.loads(result.output)}
    assert {
        ("C50.912", "confirmed"),
        ("I82.409", "negated"),
        ("Z85.038", "historical"),
        ("C50.999", "invalid"),
    } <= found
