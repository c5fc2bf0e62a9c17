"""``infusion-coder codes|drugs|modifiers|icd10``: pages, lists, JSON and bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from infusion_coder import knowledge
from infusion_coder.cli import app

runner = CliRunner()


def test_codes_show_json_has_the_key_facts_of_96417() -> None:
    res = runner.invoke(app, ["codes", "show", "96417", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["addon"] is True
    assert data["primaries"] == ["96413"]
    assert data["pfs"]["global_days"] == "ZZZ"
    assert data["pfs"]["pctc"] == "5"
    assert data["pfs"]["status"] == "A"
    assert data["mue"]["practitioner"]["value"] == 3
    assert data["mue"]["outpatient_hospital"]["value"] == 3
    assert data["opps"]["si"] == "S"
    assert data["ccs"]["number"] == 224
    assert data["sources"]
    assert data["data_release"] == knowledge.load().release_id


def test_codes_show_text_reads_like_a_reference_page() -> None:
    res = runner.invoke(app, ["codes", "show", "96417"])
    assert res.exit_code == 0, res.output
    for heading in ("Add-on", "Physician Fee Schedule", "OPPS", "Medically unlikely", "CCS"):
        assert heading in res.stdout, heading
    assert "96413" in res.stdout and "ZZZ" in res.stdout and "224" in res.stdout
    assert "Data release" in res.stdout


@pytest.mark.parametrize("bad", ["9641X", "12345", "96413-59", ""])
def test_unknown_or_malformed_code_is_one_line_on_stderr(bad: str) -> None:
    res = runner.invoke(app, ["codes", "show", bad])
    assert res.exit_code == 1
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: unknown code")
    assert "Traceback" not in res.stderr


def test_codes_list_with_family() -> None:
    res = runner.invoke(app, ["codes", "list", "--family", "hydration", "--format", "json"])
    assert res.exit_code == 0, res.output
    codes = [c["code"] for c in json.loads(res.stdout)]
    assert codes == ["96360", "96361"]
    text = runner.invoke(app, ["codes", "list"])
    assert text.exit_code == 0 and "96413" in text.stdout and "99215" in text.stdout


def test_codes_list_unknown_family_names_the_families() -> None:
    res = runner.invoke(app, ["codes", "list", "--family", "astrology"])
    assert res.exit_code == 2
    assert "astrology" in res.stderr and "chemotherapy" in res.stderr


def test_drugs_show_by_code_and_by_brand() -> None:
    res = runner.invoke(app, ["drugs", "show", "J9312", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["generic_name"] == "rituximab" and data["billing_unit_amount"] == 10.0
    brand = runner.invoke(app, ["drugs", "show", "Rituxan"])
    assert brand.exit_code == 0 and "J9312" in brand.stdout and "10 mg" in brand.stdout
    missing = runner.invoke(app, ["drugs", "show", "J0000"])
    assert missing.exit_code == 1 and "J0000" in missing.stderr


def test_drugs_list() -> None:
    res = runner.invoke(app, ["drugs", "list", "--category", "hydration", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data and all(d["category"] == "hydration" for d in data)
    assert "J7030" in {d["hcpcs"] for d in data}


def test_modifiers_show_and_list() -> None:
    lib = knowledge.load()
    listed = runner.invoke(app, ["modifiers", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [m["code"] for m in json.loads(listed.stdout)] == [m.code for m in lib.modifiers()]
    bad = runner.invoke(app, ["modifiers", "show", "Q9"])
    assert bad.exit_code == 1 and "Q9" in bad.stderr
    if lib.modifiers():  # the editorial modifiers file is optional for this test
        first = lib.modifiers()[0].code
        res = runner.invoke(app, ["modifiers", "show", first.lower()])
        assert res.exit_code == 0 and first in res.stdout


def test_icd10_show() -> None:
    res = runner.invoke(app, ["icd10", "show", "c50911", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["code"] == "C50.911" and data["billable"] is True
    text = runner.invoke(app, ["icd10", "show", "C50"])
    assert text.exit_code == 0 and "more specific" in text.stdout
    bad = runner.invoke(app, ["icd10", "show", "ZZZ.9"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: unknown ICD-10-CM code")


def test_icd10_app_is_exposed_for_other_commands() -> None:
    from infusion_coder.cli.lookup import icd10_app

    assert icd10_app.registered_commands
