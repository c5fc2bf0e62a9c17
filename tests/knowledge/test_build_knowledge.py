"""The data build on small fixture files in the real CMS layouts (tests/fixtures/cms/)."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "cms"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_knowledge", ROOT / "scripts" / "build_knowledge.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_knowledge"] = module
    spec.loader.exec_module(module)
    return module


bk = _load_script()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release")
    return Path(bk.build(FIXTURES / "data", FIXTURES / "domain", out))


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def by_code(folder: Path, name: str, key: str = "code") -> dict[str, dict[str, str]]:
    return {r[key]: r for r in rows(folder, name)}


def test_release_is_named_after_the_newest_effective_quarter(built: Path) -> None:
    # the newest input is the 2026-10-01 MUE table
    assert built.name == "2026Q4"
    manifest = json.loads((built / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["release"] == "2026Q4"
    assert manifest["newest_effective"] == "2026-10-01"


def test_no_ama_descriptor_reaches_the_output(built: Path) -> None:
    # every CPT descriptor in the fixtures starts with FAKE-AMA (PFS DESCRIPTION, Addendum B)
    for path in built.iterdir():
        assert "FAKE-AMA" not in path.read_text(encoding="utf-8"), path.name
    assert "description" not in rows(built, "pfs.csv")[0]


def test_manifest_names_every_source_with_its_sha256(built: Path) -> None:
    manifest = json.loads((built / "MANIFEST.json").read_text(encoding="utf-8"))
    files = {s["file"]: s for s in manifest["sources"]}
    raw = FIXTURES / "data" / "pfs_rvu26c" / "PPRRVU2026_Jul_nonQPP.csv"
    assert files[raw.name]["sha256"] == hashlib.sha256(raw.read_bytes()).hexdigest()
    assert files[raw.name]["effective_from"] == "2026-07-01"
    assert files[raw.name]["rows_kept"] == 5
    assert "AMA" in manifest["licence"] and "descriptor" in manifest["licence"]
    for name, info in manifest["files"].items():
        assert info["sha256"] == hashlib.sha256((built / name).read_bytes()).hexdigest()
    assert "derived" in manifest["derived"]["tos"]


def test_pfs_newest_release_wins_and_older_fills_the_gaps(built: Path) -> None:
    pfs = by_code(built, "pfs.csv")
    assert pfs["96413"]["pe_rvu_non_facility"] == "3.64"  # 2026 July, not 2025's 3.35
    assert pfs["96413"]["conversion_factor"] == "33.4009"
    assert pfs["96413"]["source"] == "pfs_rvu-2026-07-01"
    assert pfs["99213"]["source"] == "pfs_rvu-2025-10-01"  # not in the 2026 excerpt
    assert pfs["99213"]["pricing_indicator"] == ""  # the 2025 layout has no PRIC IND
    manifest = json.loads((built / "MANIFEST.json").read_text(encoding="utf-8"))
    pfs_rule = next(d for d in manifest["precedence"] if d["table"] == "pfs.csv")
    assert pfs_rule["codes_differing_between_releases"] == ["96413", "96417"]
    assert "J9312" not in pfs  # drugs are not procedure codes


def test_payment_is_total_rvu_times_cf_rounded_to_cents(built: Path) -> None:
    pfs = by_code(built, "pfs.csv")
    assert pfs["96413"]["payment_non_facility"] == "133.27"  # 3.99 x 33.4009 = 133.2696
    assert pfs["99213"]["payment_non_facility"] == "88.95"  # 2.75 x 32.3465 = 88.9529
    assert pfs["99213"]["payment_facility"] == "63.72"  # 1.97 x 32.3465 = 63.7226
    assert pfs["96376"]["payment_non_facility"] == ""  # status X: no PFS payment
    assert pfs["96549"]["payment_non_facility"] == ""  # status C: contractor priced


def test_mue_newest_effective_table_wins_per_code_and_setting(built: Path) -> None:
    mue = {(r["code"], r["setting"]): r for r in rows(built, "mue.csv")}
    assert mue[("96417", "practitioner")]["value"] == "3"  # 2026-10 over 2024-07's 2
    assert mue[("96417", "practitioner")]["mai"] == "3"
    assert mue[("99213", "practitioner")]["effective"] == "2024-07-01"
    assert mue[("96376", "outpatient_hospital")]["value"] == "10"
    assert ("27447", "practitioner") not in mue  # outside the code set


def test_addon_edits_keep_dates_and_setting_notes(built: Path) -> None:
    aoc = rows(built, "addon_edits.csv")
    pairs = {(r["addon_code"], r["primary_code"]): r for r in aoc}
    assert pairs[("96417", "96413")]["edit_type"] == "1"
    assert pairs[("96417", "96413")]["effective"] == "2013-04-01"  # Julian 2013091
    assert pairs[("96376", "96360")]["deletion"] == "2016-03-31"  # Julian 2016091
    assert pairs[("96366", "96360")]["note"] == "practitioner only"
    assert ("27999", "27447") not in pairs
    assert ("0054T", "CCCCC") not in pairs


def test_addon_xlsx_reads_like_its_csv_export(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is in the build extra")
    csv_path = FIXTURES / "data" / "ncci_aoc" / "AOC_V2026Q2-MCR.csv"
    book = openpyxl.Workbook()
    sheet = book.active
    for row in csv.reader(csv_path.read_text(encoding="cp1252").splitlines(keepends=False)):
        sheet.append(row)
    xlsx = tmp_path / "AOC_V2026Q2-MCR.xlsx"
    book.save(xlsx)
    src_x, rows_x = bk.parse_aoc(xlsx)
    src_c, rows_c = bk.parse_aoc(csv_path)
    assert rows_x == rows_c
    assert src_x.release == "NCCI AOC 2026Q2"


def test_ptp_keeps_active_pairs_of_the_code_set(built: Path) -> None:
    ptp = {(r["column1"], r["column2"]): r for r in rows(built, "ptp.csv")}
    assert ptp[("96413", "96523")]["modifier_indicator"] == "0"
    assert ptp[("96413", "96360")]["modifier_indicator"] == "1"
    assert ptp[("96413", "96360")]["effective"] == "2009-01-01"
    assert ptp[("96360", "99213")]["rationale"].startswith("Misuse")
    assert ("36000", "96372") not in ptp  # deleted 2011-09-30
    assert ("27447", "20610") not in ptp  # outside the code set


def test_opps_newest_copy_wins_and_apc_comes_from_the_older(built: Path) -> None:
    opps = by_code(built, "opps.csv")
    assert opps["96413"]["si"] == "S"
    assert opps["96413"]["apc"] == "5694"  # from January (the April copy has no APC)
    assert opps["96413"]["effective"] == "2026-04-01"
    assert opps["C8957"]["payment_rate"] == "1217.31"  # "$1,217.31"
    assert opps["J9312"]["payment_rate"] == "74.158"  # April over January's 70.000
    assert opps["96376"]["si"] == "N"


def test_classification_picks_the_most_specific_ccs_range(built: Path) -> None:
    cls = by_code(built, "classification.csv")
    assert cls["96413"]["ccs"] == "224"
    assert cls["96376"]["ccs"] == "231"
    assert cls["96413"]["betos"] == "P7B"
    assert cls["96413"]["betos_label"] == "Oncology - other"
    assert cls["96413"]["rbcs_family"] == "Chemotherapy Administration"  # latest assignment
    assert cls["96413"]["tos"] == "1"
    assert cls["C8957"]["tos"] == ""
    assert "99206" not in cls  # not a real code: the E/M range follows the PFS file
    ranges = [("96400", "96520", 224, "chemo"), ("96521", "96522", 237, "anc")]
    assert bk.ccs_for("96521", ranges) == (237, "anc")
    assert bk.ccs_for("J9312", ranges) is None


def test_drug_catalogue_maps_categories_and_synonyms(built: Path) -> None:
    drugs = by_code(built, "drugs.csv", "hcpcs")
    assert drugs["J9312"]["category"] == "complex_biologic"
    assert drugs["J9312"]["engine_category"] == "chemotherapy"
    assert "Rituxan" in drugs["J9312"]["synonyms"].split("|")
    assert drugs["J9217"]["hormonal"] == "true"
    assert drugs["J7030"]["engine_category"] == "hydration"
    assert drugs["J2405"]["engine_category"] == "therapeutic"
    assert drugs["J1566"]["engine_category"] == "therapeutic"  # immune globulin
    assert drugs["J9999"]["billing_unit_amount"] == ""


def test_pfs_fixed_width_layout_reads_the_same_values() -> None:
    txt = FIXTURES / "data" / "pfs_rvu25d" / "PPRRVU2025_Oct.txt"
    src, recs = bk.parse_pfs_txt(txt)
    _, from_csv = bk.parse_pfs_csv(txt.with_suffix(".csv"))
    assert src.effective.isoformat() == "2025-10-01"
    for key in ("status", "work_rvu", "total_non_facility", "global_days", "pctc"):
        assert recs["96413"][key] == from_csv["96413"][key], key
    assert recs["99213"]["conversion_factor"] == "32.3465"


def test_pfs_txt_twin_of_a_csv_release_is_skipped(built: Path) -> None:
    manifest = json.loads((built / "MANIFEST.json").read_text(encoding="utf-8"))
    assert "PPRRVU2025_Oct.txt" not in {s["file"] for s in manifest["sources"]}


def test_a_folder_without_pfs_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(bk.BuildError, match="no PPRRVU file"):
        bk.build(tmp_path, FIXTURES / "domain", tmp_path / "out")


def test_a_file_without_its_header_is_an_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "PPRRVU2026_Jul_nonQPP.csv").write_text("not,a,fee,schedule\n")
    code = bk.main(
        [
            "--source",
            str(tmp_path),
            "--domain",
            str(FIXTURES / "domain"),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "PPRRVU2026_Jul_nonQPP.csv" in err and "header" in err


def test_command_line_rejects_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = bk.main(["--source", str(tmp_path / "nope"), "--domain", str(tmp_path)])
    assert code == 2
    assert "--source" in capsys.readouterr().err


def test_dates_and_quarters() -> None:
    assert bk.julian("2013091") == "2013-04-01"
    assert bk.julian("") is None
    assert bk.ymd("*") is None and bk.ymd("99991231") is None
    assert bk.ymd("20251231") == "2025-12-31"
    assert bk._ptp_version_date("3", "22").isoformat() == "2026-07-01"
    assert bk._ptp_version_date("3", "23").isoformat() == "2026-10-01"
    assert (
        bk.month_from_name("2026 January Web Addendum B.12.29.25.csv").isoformat() == "2026-01-01"
    )


def test_build_is_deterministic(tmp_path: Path, built: Path) -> None:
    again = Path(bk.build(FIXTURES / "data", FIXTURES / "domain", tmp_path))
    for path in built.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


SHARED = ROOT.parent / "shared"


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="needs ../shared/data (raw CMS files)")
def test_packaged_release_matches_a_fresh_build_and_holds_no_descriptor(tmp_path: Path) -> None:
    target = Path(bk.build(SHARED / "data", SHARED / "domain", tmp_path))
    packaged = ROOT / "src" / "infusion_coder" / "knowledge" / "data" / target.name
    assert packaged.is_dir(), "run `make knowledge` and commit the release"
    for path in target.iterdir():
        assert (packaged / path.name).read_bytes() == path.read_bytes(), f"{path.name} is stale"
    # no PFS DESCRIPTION of a kept CPT code appears anywhere in the release
    _, recs = _descriptors(SHARED / "data" / "pfs_rvu26c")
    text = "".join(p.read_text(encoding="utf-8") for p in packaged.iterdir())
    kept = {r["code"] for r in rows(packaged, "pfs.csv")}
    leaked = [d for code, d in recs.items() if code in kept and len(d) > 8 and d in text]
    assert leaked == []
    size = sum(p.stat().st_size for p in packaged.iterdir())
    assert size < 2 * 1024 * 1024


def _descriptors(folder: Path) -> tuple[None, dict[str, str]]:
    out: dict[str, str] = {}
    for path in folder.glob("PPRRVU*.csv"):
        lines = path.read_text(encoding="cp1252").splitlines()
        start = next(i for i, ln in enumerate(lines) if ln.startswith("HCPCS,"))
        for row in csv.reader(lines[start + 1 :]):
            if row and row[0].startswith("9"):
                out[row[0]] = row[2]
    return None, out


def test_fixture_folder_is_not_a_copy_of_the_raw_data() -> None:
    # fixtures are small hand-written files, never the raw CMS downloads
    total = sum(p.stat().st_size for p in FIXTURES.rglob("*") if p.is_file())
    assert total < 200 * 1024
