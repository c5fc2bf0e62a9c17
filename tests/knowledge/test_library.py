"""The Library API: on a release built from the fixtures, and on the packaged release."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path

import pytest

from infusion_coder import knowledge
from infusion_coder.errors import ConfigError, DataReleaseNotFound, InvalidInput, UnknownCode
from infusion_coder.knowledge import Library

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "cms"


@pytest.fixture(scope="module")
def fx_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location(
        "build_knowledge_lib", ROOT / "scripts" / "build_knowledge.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_knowledge_lib"] = module
    spec.loader.exec_module(module)
    return Path(module.build(FIXTURES / "data", FIXTURES / "domain", tmp_path_factory.mktemp("r")))


@pytest.fixture(scope="module")
def fx(fx_dir: Path) -> Library:
    return Library(fx_dir, content_dir=FIXTURES / "content")


@pytest.fixture(scope="module")
def lib() -> Library:
    return knowledge.load()


# ------------------------------------------------------------------ fixture release + content


def test_content_is_merged_with_cms_facts(fx: Library) -> None:
    entry = fx.code("96413")
    assert entry.label == "Chemo IV infusion, first hour"
    assert entry.time_rule is not None and entry.time_rule.additional_unit_code == "96415"
    assert entry.pfs is not None and entry.pfs.status == "A"
    assert entry.sources[:2] == ["S37", "S39"]
    assert "CMS PFS relative value file" in entry.sources
    assert entry.modifiers == ["59", "XE"]


def test_cms_addon_file_wins_over_the_content(fx: Library) -> None:
    entry = fx.code("96417")
    assert entry.addon is True  # the content says false
    assert "96417" in fx.content_conflicts
    assert "96413" not in fx.content_conflicts
    assert entry.primaries == ["96413"]
    assert entry.addon_edit_type == 1


def test_code_with_cms_facts_but_no_content_loads_with_empty_text(fx: Library) -> None:
    entry = fx.code("96360")
    assert entry.description == "" and entry.label == ""
    assert entry.family == "hydration"
    assert entry.status == "active"


def test_content_only_code_is_listed_as_deleted(fx: Library) -> None:
    entry = fx.code("96400")
    assert entry.status == "deleted"
    assert entry.deleted_year == 2006
    assert entry.pfs is None
    assert "96400" in [e.code for e in fx.codes("chemotherapy")]


def test_setting_specific_primaries(fx: Library) -> None:
    # 96366/96365 is not kept: neither code is in the fixture's PFS code set
    assert fx.addon_primaries("96366") == ["96360"]
    assert fx.addon_primaries("96366", "facility") == []
    assert fx.addon_primaries("96376") == ["96413"]  # the 96360 edit was deleted in 2016
    assert fx.addon_primaries("96376", "practitioner") == []


def test_modifiers_come_from_the_content(fx: Library) -> None:
    assert fx.modifier("jz").label == "No drug wasted"
    assert [m.code for m in fx.modifiers()] == ["59", "JZ"]
    with pytest.raises(UnknownCode, match="'ZZ'"):
        fx.modifier("ZZ")
    with pytest.raises(UnknownCode, match="2 letters"):
        fx.modifier("JZZ")


def test_library_without_content_still_loads(tmp_path: Path, fx_dir: Path) -> None:
    bare = Library(fx_dir, content_dir=tmp_path)
    assert bare.code("96413").label == ""
    assert bare.modifiers() == []
    assert not bare.has_code("96400")  # only the content knew that deleted code


def test_broken_content_is_a_config_error_naming_the_code(tmp_path: Path, fx_dir: Path) -> None:
    (tmp_path / "codes.toml").write_text('[codes."96413"]\nadded_year = "long ago"\n')
    with pytest.raises(ConfigError, match="96413"):
        Library(fx_dir, content_dir=tmp_path)
    (tmp_path / "codes.toml").write_text("[codes\n")
    with pytest.raises(ConfigError, match="codes.toml"):
        Library(fx_dir, content_dir=tmp_path)


# ------------------------------------------------------------------ packaged release


def test_load_gives_the_newest_release_and_caches_it(lib: Library) -> None:
    assert lib.release_id == knowledge.available_releases()[-1]
    assert lib.release_id == "2026Q4"
    assert knowledge.load() is lib
    assert knowledge.load(lib.release_id) is lib
    assert lib.manifest["release"] == lib.release_id


def test_unknown_release_names_the_release() -> None:
    with pytest.raises(DataReleaseNotFound, match="1999Q1"):
        knowledge.load("1999Q1")


def test_96417_facts(lib: Library) -> None:
    entry = lib.code("96417")
    assert entry.addon and entry.primaries == ["96413"]
    assert entry.pfs is not None
    assert (entry.pfs.status, entry.pfs.global_days, entry.pfs.pctc) == ("A", "ZZZ", "5")
    assert entry.mue.practitioner is not None and entry.mue.practitioner.value == 3
    assert entry.mue.outpatient_hospital is not None and entry.mue.outpatient_hospital.value == 3
    assert entry.opps is not None and entry.opps.si == "S"
    assert entry.ccs is not None and entry.ccs.number == 224
    assert entry.payment is not None and entry.payment.non_facility == 66.47
    assert entry.sources


def test_unknown_and_malformed_codes_name_the_code(lib: Library) -> None:
    with pytest.raises(UnknownCode, match="'9641X'"):
        lib.code("9641X")
    with pytest.raises(UnknownCode, match="'12345'"):
        lib.code("12345")
    with pytest.raises(UnknownCode, match="5 letters or digits"):
        lib.code("96413-59")
    assert lib.has_code(" 96413 ") and not lib.has_code("99999") and not lib.has_code("x")


def test_code_set_and_families(lib: Library) -> None:
    codes = [e.code for e in lib.codes()]
    assert codes == sorted(codes)
    for code in ("96360", "96549", "99211", "99215", "36591", "36592", "G0498", "C8957"):
        assert code in codes
    assert "99206" not in codes
    hydration = [e.code for e in lib.codes(family="hydration")]
    assert "96360" in hydration and "96413" not in hydration


def test_find_drug_by_name_brand_and_biosimilar(lib: Library) -> None:
    def code(text: str) -> str | None:
        found = lib.find_drug(text)
        return found.hcpcs if found else None

    assert code("Rituxan") == "J9312"
    assert code("rituximab") == "J9312"
    assert code("RITUXIMAB-ABBS") == "J9312"
    assert code("Herceptin") == "J9355"
    assert code("Keytruda 200 mg") == "J9271"
    assert code("Zofran") == "J2405"
    assert code("Emend IV") == "J1453"
    assert code("Decadron") == "J1100"
    assert code("Zometa") == "J3489"
    assert code("Neulasta") == "J2506"
    assert code("Remicade") == "J1745"
    assert code("normal saline") == "J7030"
    assert code("pembrolizumab in NS 100 mL") == "J9271"
    assert code("fosaprepitant") == "J1453"
    assert code("j9312") == "J9312"
    assert code("dexamethasone") == "J1100"  # the salt is not needed
    assert code("ondansetron 8 mg IV push") == "J2405"
    assert code("diphenhydramine") == "J1200"
    assert code("morphine") == "J2270"
    assert code("methotrexate (preservative-free)") == "J9260"
    assert code("heparin/saline flush") == "J1642"
    assert code("unobtainium") is None
    assert code("") is None


def test_drug_facts(lib: Library) -> None:
    drug = lib.drug("J9312")
    assert (drug.billing_unit_amount, drug.engine_category) == (10.0, "chemotherapy")
    assert lib.drug("J9217").hormonal is True
    assert lib.drug("J2405").engine_category == "therapeutic"
    assert lib.drug("J7030").engine_category == "hydration"
    assert len(lib.drugs()) > 200
    with pytest.raises(UnknownCode, match="J0000"):
        lib.drug("J0000")


def test_mue_settings_and_aliases(lib: Library) -> None:
    mue = lib.mue("96361", "practitioner")
    assert mue is not None and (mue.value, mue.mai) == (8, 3)
    assert mue.mai_meaning.startswith("date-of-service")
    hospital = lib.mue("96361", "outpatient_hospital")
    assert hospital is not None and hospital.value == 24
    assert lib.mue("96361", "facility") == hospital
    assert lib.mue("99999", "practitioner") is None
    with pytest.raises(InvalidInput) as err:
        lib.mue("96361", "moon")
    assert err.value.field == "setting"


def test_ptp_pairs(lib: Library) -> None:
    edit = lib.ptp("96413", "96523")
    assert edit is not None and edit.modifier_indicator == 0
    assert lib.ptp("96523", "96413") is None
    assert lib.ptp("96413", "96360") is not None
    edits = lib.ptp_edits_for("36591")
    assert edits and all("36591" in (e.column1, e.column2) for e in edits)


def test_payment_professional_and_facility(lib: Library) -> None:
    pro = lib.payment("96413", "professional")
    assert pro is not None and pro.amount == 133.27 and pro.conversion_factor == 33.4009
    fac = lib.payment("96413", "facility")
    assert fac is not None and fac.amount == 337.46 and fac.si == "S"
    assert lib.payment("96376", "professional") is None  # status X
    drug = lib.payment("J9312", "facility")
    assert drug is not None and drug.amount == 74.158


def test_addon_edit_type_and_primaries(lib: Library) -> None:
    assert lib.addon_edit_type("96415") == 1
    assert lib.addon_primaries("96415") == ["96413"]
    assert lib.addon_edit_type("96413") is None
    assert "C8957" in lib.addon_primaries("96368")


# ------------------------------------------------------------------ ICD-10-CM


def test_icd10_normalize_and_lookup() -> None:
    icd = knowledge.icd10
    assert icd.normalize("c50911") == "C50.911"
    assert icd.normalize(" C50.911 ") == "C50.911"
    entry = icd.lookup("C50.911")
    assert entry.billable and entry.parent == "C50.91"
    assert "breast" in entry.description.lower()
    assert "C50" in entry.ancestors
    assert icd.is_valid("C50") and not icd.is_billable("C50")
    assert not icd.is_valid("C00-C96") and not icd.is_valid("XYZ")
    assert icd.is_billable("T45.1X5A")  # 7th-character extension
    assert icd.lookup("z5111").description == "Encounter for antineoplastic chemotherapy"
    with pytest.raises(UnknownCode, match="Q99.999"):
        icd.normalize("Q99.999")


def test_packaged_content_agrees_with_the_cms_addon_file(lib: Library) -> None:
    # CMS wins either way; a difference is reported, not fatal (the content test owns completeness)
    if lib.content_conflicts:
        warnings.warn(
            f"editorial 'addon' differs from the CMS add-on file for {lib.content_conflicts}",
            stacklevel=1,
        )
    for code in lib.content_conflicts:
        assert lib.code(code).addon == lib.is_addon(code)
