"""The editorial content (``knowledge/content/*.toml``): complete, consistent, and our own words.

Reads the TOML files directly (``tomllib`` through ``importlib.resources``); it does not use the
library loader. The AMA-descriptor check compares hashes only: ``ama_descriptor_hashes.json``
holds sha256 hashes of normalized CPT descriptors (PFS DESCRIPTION column, Addendum B short
descriptors) and of every 6-word run of those descriptors and of the seed pages, never the text.
Regenerate it from the raw files with::

    .venv/bin/python tests/knowledge/test_content.py --regenerate ../shared
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import sys
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

HASHES_FILE = Path(__file__).with_name("ama_descriptor_hashes.json")
NGRAM_WORDS = 6
NGRAM_HEX = 16

FAMILIES = {
    "hydration",
    "therapeutic",
    "chemotherapy",
    "special_routes",
    "pumps_ports",
    "evaluation_management",
    "related",
}
CODE_KEYS = {
    "label",
    "family",
    "status",
    "added_year",
    "deleted_year",
    "history",
    "description",
    "addon",
    "primaries_note",
    "time_rule",
    "indications",
    "procedure",
    "post_procedure",
    "documentation",
    "medical_necessity",
    "examples",
    "modifiers",
    "sources",
}
TIME_RULE_KEYS = {
    "min_first_unit_minutes",
    "covers_up_to_minutes",
    "additional_unit_code",
    "additional_unit_minutes",
    "note",
}
MODIFIER_KEYS = {"label", "meaning", "applies_to", "sources"}

# Active CPT codes of 96360-96549 in the PFS files (2025 October and 2026 July releases).
ACTIVE_IN_RANGE = [
    *("96360", "96361", "96365", "96366", "96367", "96368", "96369", "96370", "96371"),
    *("96372", "96373", "96374", "96375", "96376", "96377", "96379", "96380", "96381"),
    *("96401", "96402", "96405", "96406", "96409", "96411", "96413", "96415", "96416"),
    *("96417", "96420", "96422", "96423", "96425", "96440", "96446", "96450", "96521"),
    *("96522", "96523", "96542", "96547", "96548", "96549"),
]
RELATED = ["G0498", "C8957", "36591", "36592", "99211", "99212", "99213", "99214", "99215"]
DELETED = ["96400", "96408", "96410", "96412", "96414", "96445", "96520", "96530", "96545"]

# Add-on codes of the range (CMS add-on code edit file 2026 Q2, and the deleted 96412).
ADDONS = {
    *("96361", "96366", "96367", "96368", "96370", "96371", "96375", "96376", "96411"),
    *("96415", "96417", "96423", "96547", "96548", "96412"),
}

# Family of each code (brief: pumps_ports for pump starts/refills/ports, G0498 and C8957).
EXPECTED_FAMILY = {
    **{c: "hydration" for c in ("96360", "96361")},
    **{c: "therapeutic" for c in ACTIVE_IN_RANGE if "96365" <= c <= "96381"},
    **{c: "pumps_ports" for c in ("96416", "96425", "96521", "96522", "96523", "G0498", "C8957")},
    **{c: "pumps_ports" for c in ("96414", "96520", "96530")},
    **{
        c: "special_routes"
        for c in ("96405", "96406", "96440", "96446", "96450", "96542", "96547", "96548")
    },
    "96445": "special_routes",
    **{c: "chemotherapy" for c in ("96401", "96402", "96409", "96411", "96413", "96415")},
    **{c: "chemotherapy" for c in ("96417", "96420", "96422", "96423", "96549")},
    **{c: "chemotherapy" for c in ("96400", "96408", "96410", "96412", "96545")},
    **{c: "related" for c in ("36591", "36592")},
    **{c: "evaluation_management" for c in ("99211", "99212", "99213", "99214", "99215")},
}

# Rulebook §2.1 threshold table: (first unit, covers up to, add-on code, add-on step).
TIME_RULES: dict[str, tuple[int | None, int | None, str | None, int | None]] = {
    "96360": (31, 90, "96361", 60),
    "96361": (31, None, "96361", 60),
    "96365": (16, 90, "96366", 60),
    "96366": (91, None, "96366", 60),
    "96367": (16, 90, "96366", 60),
    "96369": (16, 90, "96370", 60),
    "96370": (91, None, "96370", 60),
    "96413": (16, 90, "96415", 60),
    "96415": (91, None, "96415", 60),
    "96417": (16, 90, "96415", 60),
    "96422": (16, 90, "96423", 60),
    "96423": (91, None, "96423", 60),
}

# Source keys defined in the rulebook's key tables (shared/domain/rulebook.md §0 and §2.1).
RULEBOOK_KEYS = {f"S{n}" for n in range(1, 116)} - {"S98", "S104"}
# Codes the rulebook does not discuss: no source key to cite (their history says so).
NOT_IN_RULEBOOK = {"96380", "96381", "96545"}

REQUIRED_MODIFIERS = [
    *("59", "XE", "XS", "XP", "XU", "25", "52", "76", "77", "JW", "JZ", "GA", "GY", "GZ"),
    *("KX", "Q0", "Q1", "JG", "TB", "24", "57"),
]


# ------------------------------------------------------------------ helpers


def _content(name: str) -> dict[str, Any]:
    item = resources.files("infusion_coder.knowledge").joinpath("content", name)
    data: dict[str, Any] = tomllib.loads(item.read_text(encoding="utf-8"))
    return data


CODES: dict[str, dict[str, Any]] = _content("codes.toml")["codes"]
MODIFIERS: dict[str, dict[str, Any]] = _content("modifiers.toml")["modifiers"]
ACTIVE = sorted(c for c, body in CODES.items() if body.get("status") == "active")


def normalize(text: str) -> str:
    """Lower-case, punctuation to spaces, whitespace collapsed (the hashing normal form)."""
    text = re.sub(r"[^\w\s]|_", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def digest(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def ngram_digests(text: str, n: int = NGRAM_WORDS) -> set[str]:
    words = normalize(text).split()
    runs = (" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return {hashlib.sha256(run.encode("utf-8")).hexdigest()[:NGRAM_HEX] for run in runs}


def word_runs(text: str) -> Iterator[str]:
    """Every contiguous run of whole words of the normalized text (to test 'contains')."""
    words = normalize(text).split()
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            yield " ".join(words[i:j])


def contains_descriptor(text: str, descriptor_hashes: set[str]) -> bool:
    """True when the text equals, or contains as a run of whole words, a hashed descriptor."""
    return any(
        hashlib.sha256(run.encode("utf-8")).hexdigest() in descriptor_hashes
        for run in word_runs(text)
    )


def shares_ngram(text: str, ngram_hashes: set[str]) -> bool:
    return bool(ngram_digests(text) & ngram_hashes)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _load_hashes() -> dict[str, Any]:
    if not HASHES_FILE.is_file():  # only before the first --regenerate; the tests then fail
        return {"ngram_words": 0, "descriptors": {}, "ngrams": []}
    data: dict[str, Any] = json.loads(HASHES_FILE.read_text(encoding="utf-8"))
    return data


HASHES = _load_hashes()
DESCRIPTOR_HASHES = {h for hs in HASHES["descriptors"].values() for h in hs}
NGRAM_HASHES = set(HASHES["ngrams"])


def _units(minutes: int, rule: Mapping[str, Any]) -> tuple[int, int]:
    """(first-unit count, add-on units) that a content time rule gives for ``minutes``."""
    if minutes < rule["min_first_unit_minutes"]:
        return 0, 0
    covers = rule["covers_up_to_minutes"]
    extra = (
        0 if minutes <= covers else math.ceil((minutes - covers) / rule["additional_unit_minutes"])
    )
    return 1, extra


# ------------------------------------------------------------------ completeness


def test_every_code_of_the_range_and_the_related_codes_is_present() -> None:
    missing = [c for c in ACTIVE_IN_RANGE + RELATED + DELETED if c not in CODES]
    assert missing == []


@pytest.mark.parametrize("code", ACTIVE_IN_RANGE + RELATED)
def test_active_code_is_complete(code: str) -> None:
    body = CODES[code]
    assert body["status"] == "active"
    assert body.get("label", "").strip(), "label"
    assert len(body["label"]) <= 70, "label longer than 70 characters"
    assert body.get("description", "").strip(), "description"
    assert [d for d in body.get("documentation", []) if d.strip()], "documentation"
    assert [e for e in body.get("examples", []) if e.strip()], "examples"
    for key in ("indications", "procedure", "post_procedure", "medical_necessity"):
        assert body.get(key, "").strip(), key


@pytest.mark.parametrize("code", ACTIVE_IN_RANGE + RELATED)
def test_examples_show_the_code_itself(code: str) -> None:
    assert any(code in example for example in CODES[code]["examples"])


@pytest.mark.parametrize("code", sorted(CODES))
def test_schema(code: str) -> None:
    body = CODES[code]
    assert re.fullmatch(r"[0-9A-Z]\d{3}[0-9A-Z]", code)
    assert set(body) <= CODE_KEYS, set(body) - CODE_KEYS
    assert body.get("status") in {"active", "deleted"}
    assert body.get("family") in FAMILIES
    assert isinstance(body.get("addon", False), bool)
    for key in ("history", "documentation", "examples", "modifiers", "sources"):
        value = body.get(key, [])
        assert isinstance(value, list) and all(isinstance(v, str) for v in value), key
    for key in ("added_year", "deleted_year"):
        if key in body:
            assert isinstance(body[key], int) and 1990 <= body[key] <= 2026, key
    if "time_rule" in body:
        assert set(body["time_rule"]) <= TIME_RULE_KEYS


@pytest.mark.parametrize("code", sorted(EXPECTED_FAMILY))
def test_family(code: str) -> None:
    assert CODES[code]["family"] == EXPECTED_FAMILY[code]


def test_addon_flags_match_the_cms_addon_codes() -> None:
    flagged = {c for c, body in CODES.items() if body.get("addon")}
    assert flagged == ADDONS


@pytest.mark.parametrize("code", sorted(ADDONS))
def test_addon_has_a_primaries_note(code: str) -> None:
    assert CODES[code].get("primaries_note", "").strip()


@pytest.mark.parametrize("code", DELETED)
def test_deleted_code_says_when_and_what_replaced_it(code: str) -> None:
    body = CODES[code]
    assert body["status"] == "deleted"
    assert isinstance(body.get("deleted_year"), int)
    assert body.get("label") and body.get("description")
    history = " ".join(body.get("history", []))
    assert str(body["deleted_year"]) in history
    assert re.search(r"\b(?:9\d{4}|no replacement)\b", history), "replacement"


def test_no_code_is_deleted_before_it_was_added() -> None:
    for code, body in CODES.items():
        if "added_year" in body and "deleted_year" in body:
            assert body["added_year"] < body["deleted_year"], code


# ------------------------------------------------------------------ rules from the rulebook


@pytest.mark.parametrize("code", sorted(TIME_RULES))
def test_time_rule_follows_the_threshold_table(code: str) -> None:
    first, covers, addon_code, step = TIME_RULES[code]
    rule = CODES[code]["time_rule"]
    assert rule.get("min_first_unit_minutes") == first
    assert rule.get("covers_up_to_minutes") == covers
    assert rule.get("additional_unit_code") == addon_code
    assert rule.get("additional_unit_minutes") == step
    assert rule.get("note", "").strip()


@pytest.mark.parametrize(
    ("code", "minutes", "expected"),
    [
        ("96360", 30, (0, 0)),  # hydration of 30 minutes or less is not reported
        ("96360", 31, (1, 0)),
        ("96360", 175, (1, 2)),  # T6 check [S60]-style: 91 and 151 passed
        ("96365", 15, (0, 0)),  # a push, not an infusion
        ("96365", 540, (1, 8)),  # 9 h -> 96365 + 96366 x8 [S61]
        ("96413", 90, (1, 0)),
        ("96413", 91, (1, 1)),
        ("96413", 150, (1, 1)),
        ("96413", 151, (1, 2)),
        ("96413", 162, (1, 2)),  # [S40]
        ("96413", 245, (1, 3)),  # rituximab with a hold [S43]
        ("96413", 312, (1, 4)),  # 5 h 12 min [S41]
        ("96417", 90, (1, 0)),  # [S42]
        ("96417", 120, (1, 1)),  # [S39]: each drug's own hours
    ],
)
def test_time_rules_reproduce_the_published_answers(
    code: str, minutes: int, expected: tuple[int, int]
) -> None:
    assert _units(minutes, CODES[code]["time_rule"]) == expected


def test_96415_explains_the_91_minute_rule_and_no_pooling() -> None:
    body = CODES["96415"]
    text = " ".join([body["description"], body["time_rule"]["note"], *body["examples"]])
    for needle in ("91", "151", "more than 30 minutes", "90 minutes"):
        assert needle in text, needle
    assert "own" in body["description"] and "pool" in body["description"].lower()
    assert "§15" in body["medical_necessity"]


def test_hydration_floor_and_push_limit_are_stated() -> None:
    assert "30 minutes" in CODES["96360"]["description"]
    assert "15 minutes" in CODES["96365"]["description"]
    assert "15 minutes" in CODES["96374"]["description"]


@pytest.mark.parametrize("code", sorted(CODES))
def test_sources_are_rulebook_keys(code: str) -> None:
    sources = CODES[code].get("sources", [])
    assert set(sources) <= RULEBOOK_KEYS, set(sources) - RULEBOOK_KEYS
    if code not in NOT_IN_RULEBOOK:
        assert sources, "no source key"
    else:
        assert "rulebook" in " ".join(CODES[code]["history"]) or "uncertain" in " ".join(
            CODES[code]["history"]
        )


@pytest.mark.parametrize("code", sorted(CODES))
def test_inline_source_keys_are_cited(code: str) -> None:
    text = " ".join(_strings(CODES[code]))
    inline = set(re.findall(r"\[(S\d+)\]", text))
    assert inline <= RULEBOOK_KEYS
    assert inline <= set(CODES[code].get("sources", [])), inline - set(CODES[code]["sources"])


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_modifiers_are_defined(code: str) -> None:
    assert set(CODES[code].get("modifiers", [])) <= set(MODIFIERS)


# ------------------------------------------------------------------ modifiers


@pytest.mark.parametrize("modifier", REQUIRED_MODIFIERS)
def test_required_modifier_is_described(modifier: str) -> None:
    body = MODIFIERS[modifier]
    assert set(body) <= MODIFIER_KEYS
    for key in ("label", "meaning", "applies_to"):
        assert body.get(key, "").strip(), key
    assert len(body["label"]) <= 70


@pytest.mark.parametrize("modifier", sorted(MODIFIERS))
def test_modifier_schema(modifier: str) -> None:
    assert re.fullmatch(r"[0-9A-Z]{2}", modifier)
    body = MODIFIERS[modifier]
    assert set(body) <= MODIFIER_KEYS
    assert set(body.get("sources", [])) <= RULEBOOK_KEYS


def test_modifier_scope_in_this_domain() -> None:
    assert "single-dose" in MODIFIERS["JW"]["applies_to"]
    assert "single-dose" in MODIFIERS["JZ"]["applies_to"]
    assert "E/M" in MODIFIERS["25"]["applies_to"]
    assert "never" in MODIFIERS["JZ"]["meaning"].lower()  # never with JW on one line


# ------------------------------------------------------------------ no AMA descriptor text


def test_hash_file_covers_the_range() -> None:
    assert HASHES["ngram_words"] == NGRAM_WORDS
    assert set(ACTIVE_IN_RANGE) <= set(HASHES["descriptors"])
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in DESCRIPTOR_HASHES)
    assert len(NGRAM_HASHES) > 100


@pytest.mark.parametrize("code", sorted(CODES))
def test_label_and_description_are_not_ama_descriptors(code: str) -> None:
    body = CODES[code]
    for key in ("label", "description"):
        assert not contains_descriptor(body.get(key, ""), DESCRIPTOR_HASHES), key


@pytest.mark.parametrize("code", sorted(CODES))
def test_no_six_word_run_of_a_descriptor_or_seed_page(code: str) -> None:
    hits = [s[:40] for s in _strings(CODES[code]) if shares_ngram(s, NGRAM_HASHES)]
    assert hits == []


@pytest.mark.parametrize("modifier", sorted(MODIFIERS))
def test_modifier_text_is_our_own(modifier: str) -> None:
    for text in _strings(MODIFIERS[modifier]):
        assert not contains_descriptor(text, DESCRIPTOR_HASHES)
        assert not shares_ngram(text, NGRAM_HASHES)


_PLANTED = "Flux capacitor infusion; up to 88 minutes, per gigawatt"


@pytest.mark.parametrize(
    "candidate",
    [
        "Flux capacitor infusion; up to 88 minutes, per gigawatt",  # the same text
        "FLUX CAPACITOR INFUSION -- up to 88 minutes (per gigawatt)",  # case and punctuation
        "Our words: flux capacitor infusion up to 88 minutes per gigawatt, then more",  # inside
    ],
)
def test_the_descriptor_check_can_fail(candidate: str) -> None:
    planted = DESCRIPTOR_HASHES | {digest(_PLANTED)}
    assert contains_descriptor(candidate, planted)
    assert not contains_descriptor(candidate, DESCRIPTOR_HASHES)


@pytest.mark.parametrize(
    ("candidate", "flagged"),
    [
        ("a label sharing infusion up to 88 minutes per gigawatt text", True),  # 6-word run
        ("infusion up to 88 minutes only", False),  # 5 words are not a run of 6
    ],
)
def test_the_ngram_check_can_fail(candidate: str, flagged: bool) -> None:
    planted = NGRAM_HASHES | ngram_digests(_PLANTED)
    assert shares_ngram(candidate, planted) is flagged


def test_normal_form() -> None:
    assert normalize("  Chemo/IV  infusion;\n1 HR.") == "chemo iv infusion 1 hr"
    assert digest("Chemo IV") == digest("chemo-iv")


# ------------------------------------------------------------------ regeneration (not a test)


def _descriptor_rows(shared: Path) -> Iterator[tuple[str, str]]:
    """(code, descriptor) pairs from the raw CMS files; the text never leaves this function."""
    for path in sorted((shared / "data").glob("pfs_rvu*/*.csv")):
        with path.open(encoding="latin-1", newline="") as handle:
            rows = csv.reader(handle)
            started = False
            for row in rows:
                if not started:
                    started = bool(row) and row[0] == "HCPCS"
                    continue
                if row and len(row) > 2:
                    yield row[0].strip(), row[2]
    for path in sorted((shared / "data" / "opps_addb").glob("softek_addendumB*.csv")):
        with path.open(encoding="latin-1", newline="") as handle:
            for rec in csv.DictReader(handle):
                yield rec["HCPCSCode"].strip(), rec["ShortDescriptor"]


def _wanted(code: str) -> bool:
    if code.isdigit() and 96360 <= int(code) <= 96549:
        return True
    return code in {"36591", "36592", "99211", "99212", "99213", "99214", "99215"}


def regenerate(shared: Path) -> None:
    descriptors: dict[str, set[str]] = {}
    ngrams: set[str] = set()
    for code, text in _descriptor_rows(shared):
        if _wanted(code) and normalize(text):
            descriptors.setdefault(code, set()).add(digest(text))
            ngrams |= ngram_digests(text)
    for seed in sorted((shared / "seeds").glob("*.txt")):
        ngrams |= ngram_digests(seed.read_text(encoding="utf-8", errors="replace"))
    data = {
        "about": (
            "sha256 of normalized CPT descriptors (PFS DESCRIPTION of the 2025 October and 2026 "
            "July files, OPPS Addendum B short descriptors) of 96360-96549, 36591-36592 and "
            "99211-99215; plus truncated hashes of every 6-word run of those descriptors and of "
            "the three seed pages. Hashes only, never text. Made by tests/knowledge/"
            "test_content.py --regenerate."
        ),
        "normalization": (
            "lower-case; every character that is not a letter, digit or whitespace (and '_') "
            "becomes a space; runs of whitespace collapse to one space; trimmed"
        ),
        "hash": "sha256 hex of the UTF-8 normal form",
        "ngram_words": NGRAM_WORDS,
        "ngram_hash": f"first {NGRAM_HEX} hex digits of sha256 of the 6-word run",
        "descriptors": {code: sorted(hs) for code, hs in sorted(descriptors.items())},
        "ngrams": sorted(ngrams),
    }
    HASHES_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(descriptors)} codes, {len(ngrams)} n-gram hashes -> {HASHES_FILE}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--regenerate":
        regenerate(Path(sys.argv[2]))
    else:
        print("usage: test_content.py --regenerate <path to shared/>")
