"""``fhir code`` and ``mar import`` on the command line: formats, files, errors without PHI."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from infusion_coder.cli import ehr
from infusion_coder.interop import read_mar_csv

FIX = Path(__file__).resolve().parents[1] / "fixtures"
PUMP = str(FIX / "fhir" / "epic-pump.json")

app = typer.Typer()
ehr.register(app)
runner = CliRunner()


def test_when_format_fhir_then_stdout_is_a_charges_bundle() -> None:
    res = runner.invoke(app, ["fhir", "code", PUMP])
    assert res.exit_code == 0, res.output
    bundle = json.loads(res.stdout)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"ChargeItem", "Claim"} <= kinds


def test_when_format_hl7_to_file_then_dft_with_carriage_returns(tmp_path: Path) -> None:
    out = tmp_path / "charges.hl7"
    res = runner.invoke(app, ["fhir", "code", PUMP, "--format", "hl7", "--out", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_bytes().decode("utf-8")  # read_text would translate the \r separators
    segments = text.split("\r")
    assert segments[0].startswith("MSH|") and "DFT^P03" in segments[0]
    assert sum(s.startswith("FT1|") for s in segments) >= 3
    assert "1 case(s)" in res.stdout


def test_when_format_json_then_results_with_mapping_reports() -> None:
    res = runner.invoke(app, ["fhir", "code", PUMP, "-f", "json", "--setting", "professional"])
    assert res.exit_code == 0, res.output
    [item] = json.loads(res.stdout)
    assert item["result"]["id"] == "7003"
    assert any(n["kind"] == "ambiguous" for n in item["report"])


def test_when_stdin_then_bundle_is_read() -> None:
    text = Path(PUMP).read_text(encoding="utf-8")
    res = runner.invoke(app, ["fhir", "code", "-", "-f", "json"], input=text)
    assert res.exit_code == 0, res.output


def test_when_bundle_is_malformed_then_one_line_error_naming_the_field_and_no_phi(
    tmp_path: Path,
) -> None:
    data = json.loads(Path(PUMP).read_text(encoding="utf-8"))
    data["entry"][5]["resource"]["status"] = ["Testpatient"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    res = runner.invoke(app, ["fhir", "code", str(bad)])
    assert res.exit_code == 1
    assert "MedicationAdministration/eMA5fu" in res.output and ".status" in res.output
    assert "Testpatient" not in res.output and "Traceback" not in res.output


def test_when_bad_setting_then_usage_error() -> None:
    res = runner.invoke(app, ["fhir", "code", PUMP, "--setting", "home"])
    assert res.exit_code == 2


def test_when_mar_import_then_one_case_file_per_encounter(tmp_path: Path) -> None:
    out = tmp_path / "cases"
    res = runner.invoke(app, ["mar", "import", str(FIX / "mar" / "events.csv"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["V-2001.json", "V-2002.json"]
    case = json.loads((out / "V-2001.json").read_text(encoding="utf-8"))
    expected = read_mar_csv((FIX / "mar" / "events.csv").read_text(encoding="utf-8"))[0].case
    assert case == expected.model_dump(mode="json", exclude_none=True)
    assert "no stop" in res.stdout  # the unclosed stream of V-2002 is shown


def test_when_mar_import_with_mapping_then_the_export_reads(tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "mar", "import", str(FIX / "mar" / "epic-export.csv"),
            "--mapping", str(FIX / "mar" / "epic-mapping.toml"),
            "--out", str(tmp_path),
        ],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert (tmp_path / "700301.json").exists()


def test_when_mar_row_is_malformed_then_error_names_row_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "encounter,timestamp,action,drug\nE1,Jane Doe,started,drug X\n", encoding="utf-8"
    )
    res = runner.invoke(app, ["mar", "import", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert "row 2" in res.output and "timestamp" in res.output
    assert "Jane Doe" not in res.output


def test_when_file_is_missing_then_one_line_error() -> None:
    res = runner.invoke(app, ["mar", "import", "/no/such/file.csv", "--out", "/tmp/x"])
    assert res.exit_code == 1 and "cannot read" in res.output


def test_when_tz_is_given_then_times_are_local() -> None:
    res = runner.invoke(app, ["fhir", "code", PUMP, "-f", "json", "--tz", "America/New_York"])
    assert res.exit_code == 0, res.output
    [item] = json.loads(res.stdout)
    assert not any(n["source"] == "dateTime values" for n in item["report"])
    res = runner.invoke(app, ["fhir", "code", PUMP, "--tz", "Nowhere/Special"])
    assert res.exit_code == 1 and "tz" in res.output


def test_when_fhir_import_then_case_files_that_code_the_same(tmp_path: Path) -> None:
    from infusion_coder.engine import code_case
    from infusion_coder.interop import code_imported, read_bundle

    res = runner.invoke(app, ["fhir", "import", PUMP, "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    case = json.loads((tmp_path / "7003.json").read_text(encoding="utf-8"))
    [direct] = code_imported(read_bundle(Path(PUMP).read_text(encoding="utf-8")))
    assert code_case(case).lines == direct.lines
