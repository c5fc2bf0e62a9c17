"""detect_icd10: explicit codes, abbreviations, laterality, context, categories, the labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import simple_icd_10_cm as cm

from infusion_coder.errors import InvalidInput
from infusion_coder.text import Icd10Status, detect_icd10
from infusion_coder.text.icd10.lexicon import ENTRIES, HISTORY

SNIPPETS = Path(__file__).parent / "data" / "icd10_snippets.jsonl"


def codes(text: str) -> list[tuple[str | None, str]]:
    return [(f.code, f.status.value) for f in detect_icd10(text) if f.code]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dx: C50.911", [("C50.911", "confirmed")]),  # dotted
        ("Diagnosis code C50911", [("C50.911", "confirmed")]),  # undotted, six characters
        ("ICD-10: Z51.11", [("Z51.11", "confirmed")]),
        ("ICD10 K5090", [("K50.90", "confirmed")]),  # undotted after an ICD label
        ("Dx: C50.999", [("C50.999", "invalid")]),  # not in the code set: reported, not dropped
        ("Billed J9271 x200 units, CPT 96413, 96415.", []),  # HCPCS and CPT are not diagnoses
    ],
)
def test_explicit_codes(text: str, expected: list[tuple[str, str]]) -> None:
    assert codes(text) == expected


def test_explicit_code_carries_billable_and_description() -> None:
    (f,) = detect_icd10("Dx: C50.911")
    assert f.billable and f.method == "explicit-code" and f.confidence > 0.9
    assert f.description == cm.get_description("C50.911")
    assert (f.start, f.end, f.text) == (4, 11, "C50.911")


def test_category_only_lists_its_leaves() -> None:
    (f,) = detect_icd10("Dx code G35")
    assert f.code == "G35" and not f.billable and f.category_only
    assert "G35.A" in f.leaves and all(cm.is_leaf(code) for code in f.leaves)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CLL", "C91.10"),
        ("CLL in remission", "C91.11"),
        ("NSCLC", "C34.90"),
        ("NSCLC of the right upper lobe", "C34.11"),
        ("left breast cancer", "C50.912"),
        ("carcinoma of the right breast", "C50.911"),
        ("Left ovarian cancer", "C56.2"),
        ("DLBCL", "C83.30"),
        ("CKD stage 3", "N18.30"),
        ("CKD stage 3b", "N18.32"),
        ("HTN", "I10"),
        ("multiple myeloma in relapse", "C90.02"),
        ("essential hypertension", "I10"),  # from the code set's own description
        ("vitamin D deficiency", "E55.9"),
    ],
)
def test_phrases_and_abbreviations(text: str, code: str) -> None:
    assert codes(text) == [(code, "confirmed")]


@pytest.mark.parametrize(
    "text", ["all labs normal", "a 5 mm nodule", "Pt was seen, ra ok", "Port accessed"]
)
def test_lowercase_lookalikes_of_abbreviations_are_not_diagnoses(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No evidence of DVT.", []),
        ("Denies nausea.", []),
        ("Pulmonary embolism was ruled out.", []),
        ("History of breast cancer.", [("Z85.3", "historical")]),
        ("h/o DLBCL", [("Z85.72", "historical")]),
        ("Possible pneumonia.", [("J18.9", "uncertain")]),
        ("Suspected ITP; workup pending.", [("D69.3", "uncertain")]),
        ("History of HTN.", []),  # no personal-history code: not coded as current either
    ],
)
def test_negation_history_and_uncertainty(text: str, expected: list[tuple[str, str]]) -> None:
    assert codes(text) == expected


def test_negated_mentions_on_request() -> None:
    (f,) = detect_icd10("No evidence of DVT.", include_negated=True)
    assert f.status is Icd10Status.NEGATED and f.code == "I82.409"


def test_uncertain_is_not_confirmed_and_has_lower_confidence() -> None:
    (sure,) = detect_icd10("Pneumonia.")
    (maybe,) = detect_icd10("Possible pneumonia.")
    assert maybe.status is Icd10Status.UNCERTAIN and maybe.confidence < sure.confidence


def test_every_lexicon_code_is_in_the_code_set() -> None:
    for entry in ENTRIES:
        targets = list(entry.code.values()) if isinstance(entry.code, dict) else [entry.code]
        for code in targets + list(entry.qualifiers.values()):
            assert cm.is_valid_item(code), (entry.pattern, code)
    for _, code in HISTORY:
        assert cm.is_leaf(code), code


def test_bad_input() -> None:
    with pytest.raises(InvalidInput) as err:
        detect_icd10(42)  # type: ignore[arg-type]
    assert err.value.field == "text"
    assert detect_icd10("") == []


def test_labelled_snippets() -> None:
    rows = [
        json.loads(line)
        for line in SNIPPETS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(rows) >= 150
    tp = n_pred = n_gold = 0
    for row in rows:
        got = {(f.code, f.status.value) for f in detect_icd10(row["text"]) if f.code}
        want = {(e["code"], e["status"]) for e in row["expected"]}
        tp += len(got & want)
        n_pred += len(got)
        n_gold += len(want)
    assert tp / n_pred >= 0.9 and tp / n_gold >= 0.9


def test_history_without_a_history_code_is_reported_but_not_coded() -> None:
    (f,) = detect_icd10("History of HTN.")
    assert (
        f.status is Icd10Status.HISTORICAL
        and f.code is None
        and "no personal-history code" in (f.note or "")
    )
