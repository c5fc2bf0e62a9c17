"""``infusion-coder code`` and ``rules``: output formats, stdin, several files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from infusion_coder.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "case-chemo-visit.json"


def test_when_json_format_then_result_is_the_coding_result() -> None:
    res = runner.invoke(app, ["code", str(EXAMPLE), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    codes = {ln["code"] for ln in data["lines"]}
    assert {"96413", "96415", "96417", "96375", "96361"} <= codes
    assert all(ln["rules"] for ln in data["lines"])


def test_when_text_format_then_lines_and_reasons_are_printed() -> None:
    res = runner.invoke(app, ["code", str(EXAMPLE)])
    assert res.exit_code == 0, res.output
    assert "96413" in res.stdout and "Why" in res.stdout


def test_when_stdin_then_case_is_read() -> None:
    case = {
        "setting": "facility",
        "date": "2026-03-02",
        "administrations": [
            {"drug": "ondansetron", "category": "therapeutic", "route": "iv_push", "start": "09:00"}
        ],
    }
    res = runner.invoke(app, ["code", "-", "-f", "json"], input=json.dumps(case))
    assert res.exit_code == 0, res.output
    assert [
        ln["code"] for ln in json.loads(res.stdout)["lines"] if ln["kind"] == "administration"
    ] == ["96374"]


def test_when_several_files_then_one_result_each() -> None:
    res = runner.invoke(app, ["code", str(EXAMPLE), str(EXAMPLE), "-f", "json"])
    assert res.exit_code == 0
    assert len(json.loads(res.stdout)) == 2


def test_when_malformed_json_then_exit_1_and_no_result(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    res = runner.invoke(app, ["code", str(bad), "-f", "json"])
    assert res.exit_code == 1
    assert "not valid JSON" in res.stderr
    assert res.stdout == ""


def test_when_stop_before_start_then_error_names_field(tmp_path: Path) -> None:
    case = {
        "setting": "facility",
        "date": "2026-03-02",
        "administrations": [
            {
                "drug": "x",
                "category": "therapeutic",
                "route": "iv_infusion",
                "start": "10:00",
                "stop": "09:00",
            }
        ],
    }
    f = tmp_path / "c.json"
    f.write_text(json.dumps(case), encoding="utf-8")
    res = runner.invoke(app, ["code", str(f)])
    assert res.exit_code == 1
    assert "administrations[0].stop" in res.stderr
    assert "Traceback" not in res.output


def test_when_wrong_type_then_error_names_field(tmp_path: Path) -> None:
    case = {
        "setting": "facility",
        "administrations": [{"drug": "x", "route": "iv_push", "encounter": "first"}],
    }
    f = tmp_path / "c.json"
    f.write_text(json.dumps(case), encoding="utf-8")
    res = runner.invoke(app, ["code", str(f)])
    assert res.exit_code == 1
    assert "administrations[0].encounter" in res.stderr


def test_when_policy_option_then_applied_and_bad_one_rejected() -> None:
    res = runner.invoke(app, ["code", str(EXAMPLE), "-f", "json", "-p", "jz_scope=always"])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["policy"]["jz_scope"] == "always"
    bad = runner.invoke(app, ["code", str(EXAMPLE), "-p", "nonsense=1"])
    assert bad.exit_code == 1 and "nonsense" in bad.stderr


def test_rules_list_and_show() -> None:
    res = runner.invoke(app, ["rules", "list", "-f", "json"])
    assert res.exit_code == 0
    assert any(r["id"] == "TIM004" for r in json.loads(res.stdout))
    show = runner.invoke(app, ["rules", "show", "TIM004"])
    assert show.exit_code == 0 and "91" in show.stdout
    missing = runner.invoke(app, ["rules", "show", "NOPE01"])
    assert missing.exit_code == 1 and "NOPE01" in missing.stderr


def test_when_file_holds_a_list_then_one_result_per_case(tmp_path: Path) -> None:
    case = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    f = tmp_path / "two.json"
    f.write_text(json.dumps([case, case]), encoding="utf-8")
    res = runner.invoke(app, ["code", str(f), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)) == 2
