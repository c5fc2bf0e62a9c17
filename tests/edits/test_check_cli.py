"""``infusion-coder check``: text and JSON output, exit status 0/1/2, CSV batches."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from infusion_coder.cli import app

runner = CliRunner()
ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
CSV = Path(__file__).parent / "fixtures" / "claims.csv"


def _write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_when_claim_has_errors_then_exit_1_and_findings_in_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.json", {"setting": "professional", "lines": [{"code": "96417"}]})
    result = runner.invoke(app, ["check", path])
    assert result.exit_code == 1
    assert "AOC001" in result.output and "fix:" in result.output and "sources:" in result.output


def test_when_claim_is_clean_then_exit_0(tmp_path: Path) -> None:
    data = {"setting": "professional", "diagnoses": ["C50.911"], "lines": [{"code": "96413"}]}
    result = runner.invoke(app, ["check", _write(tmp_path, "c.json", data)])
    assert result.exit_code == 0, result.output
    assert "clean" in result.output


def test_when_json_is_asked_then_report_is_json() -> None:
    result = runner.invoke(
        app,
        [
            "check",
            str(EXAMPLES / "claim-chemo-visit.json"),
            "--case",
            str(EXAMPLES / "case-chemo-visit.json"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    cmp = report["comparison"]
    assert cmp["national_estimate"] is True and "OPPS" in cmp["payment_basis"]
    by_code = {i["code"]: i for i in cmp["items"]}
    assert by_code["96417"]["difference"] == 1 and by_code["96417"]["amount"] > 0
    assert by_code["96415"]["difference"] == -1


def test_when_corrected_claim_is_compared_then_exit_0() -> None:
    result = runner.invoke(
        app,
        [
            "check",
            str(EXAMPLES / "claim-chemo-visit-corrected.json"),
            "--case",
            str(EXAMPLES / "case-chemo-visit.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "bills what the documentation supports" in result.output


def test_when_csv_is_checked_then_one_report_per_encounter() -> None:
    result = runner.invoke(app, ["check", str(CSV), "--format", "json"])
    assert result.exit_code == 1
    reports = json.loads(result.stdout)
    assert [r["claim_id"] for r in reports] == ["ENC-1", "ENC-2"]


def test_when_input_is_unusable_then_exit_2_with_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.json", {"setting": "office", "lines": []})
    result = runner.invoke(app, ["check", path])
    assert result.exit_code == 2
    assert "setting" in result.output and "Traceback" not in result.output


def test_when_file_is_not_json_then_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", _write(tmp_path, "c.json", "{oops")])
    assert result.exit_code == 2 and "not valid JSON" in result.output


def test_when_file_is_missing_then_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "cannot read" in result.output


def test_when_case_is_given_with_many_claims_then_exit_2() -> None:
    result = runner.invoke(
        app, ["check", str(CSV), "--case", str(EXAMPLES / "case-chemo-visit.json")]
    )
    assert result.exit_code == 2 and "single claim" in result.output


def test_when_policy_is_malformed_then_exit_2() -> None:
    result = runner.invoke(
        app, ["check", str(EXAMPLES / "claim-chemo-visit.json"), "--policy", "nonsense"]
    )
    assert result.exit_code == 2
