"""Operators: tags, masks, keyed pseudonyms, date shifts and the Safe Harbor generalisations."""

from __future__ import annotations

import pytest

from infusion_coder.text import PhiRedactor
from infusion_coder.text.operators import (
    MaskOperator,
    PseudonymOperator,
    TagOperator,
    document_shift_days,
    shift_date,
)
from infusion_coder.text.operators._generalize import zip3
from infusion_coder.text.phi import get_redactor


@pytest.fixture(scope="module")
def redactor() -> PhiRedactor:
    return get_redactor()


def test_tag_keeps_the_year_of_a_date_and_folds_ages() -> None:
    tag = TagOperator()
    assert tag.replace("DATE", "03/14/1931") == "[DATE 1931]"
    assert tag.replace("DATE", "3/15") == "[DATE]"
    assert tag.replace("AGE", "97") == "[AGE 90+]"
    assert tag.replace("NAME", "Jane Doe") == "[NAME]"


@pytest.mark.parametrize(
    ("zip_code", "kept"),
    [
        ("62704", "627"),
        ("62704-1234", "627"),
        ("03601", "000"),
        ("69201", "000"),
        ("10201", "000"),
        ("10021", "100"),
    ],
)
def test_zip_keeps_three_digits_unless_the_area_is_small(zip_code: str, kept: str) -> None:
    # 036, 692 and 102 are among the 3-digit areas of 20,000 people or fewer
    assert zip3(zip_code) == kept


def test_mask_keeps_length_punctuation_and_year() -> None:
    mask = MaskOperator()
    assert mask.replace("PHONE", "(217) 555-0182") == "(***) ***-****"
    assert mask.replace("DATE", "03/14/1931") == "**/**/1931"
    assert mask.replace("ZIP", "62704") == "627**"


@pytest.mark.parametrize(
    ("date", "days", "shifted"),
    [
        ("03/14/1931", -10, "03/04/1931"),
        ("3/1/2024", -1, "2/29/2024"),
        ("2024-01-05", -10, "2023-12-26"),
        ("March 15, 2024", 20, "April 4, 2024"),
        ("Mar 15, 2024", -365, "Mar 16, 2023"),
        ("15 March 2024", 1, "16 March 2024"),
        ("23-FEB-1964", 10, "04-MAR-1964"),
        ("December 12th, 2019", 1, "December 13th, 2019"),
        ("3/15", 1, "3/16"),  # no year: stays without one
        ("March 2024", 30, "April 2024"),  # month and year: shifted from the 15th
        ("7/21/20", 1, "7/22/20"),
    ],
)
def test_shift_date_keeps_the_format(date: str, days: int, shifted: str) -> None:
    assert shift_date(date, days) == shifted


def test_shift_date_refuses_what_is_not_a_date() -> None:
    assert shift_date("13/45/2020", 3) is None


def test_pseudonyms_are_consistent_and_keyed() -> None:
    a = PseudonymOperator(b"key-one", -10)
    b = PseudonymOperator(b"key-two", -10)
    assert (
        a.replace("NAME", "Jane Doe")
        == a.replace("NAME", "DOE, JANE")
        == a.replace("NAME", "Dr. Jane Doe")
    )
    assert a.replace("NAME", "Jane Doe") != a.replace("NAME", "John Doe")
    assert a.replace("NAME", "Jane Doe") != b.replace("NAME", "Jane Doe")
    assert a.replace("MRN", "00482913").startswith("[MRN-")
    assert a.replace("AGE", "93") == "90+"


def test_pseudonyms_agree_across_a_batch(redactor: PhiRedactor) -> None:
    notes = [
        "Patient: Tamsin Kettleworth  MRN: 00482913\nTamsin tolerated the infusion.",
        "Caller: Ximena Lachance (daughter) re: patient Tamsin Kettleworth, MRN 00482913.",
    ]
    first, second = redactor.redact_many(notes, operator="pseudonym", key="batch-key")
    full = PseudonymOperator(b"batch-key", 0).token("NAME", "Tamsin Kettleworth")
    mrn = PseudonymOperator(b"batch-key", 0).token("MRN", "00482913")
    assert full in first.text and full in second.text
    assert mrn in first.text and mrn in second.text
    assert "Kettleworth" not in first.text + second.text


def test_date_shift_is_one_offset_per_document(redactor: PhiRedactor) -> None:
    note = "Admitted: 03/01/2024   Discharged: 03/05/2024. DOB: 01/02/1950."
    out = redactor.redact(note, operator="dateshift", key="k", document_id="note-1").text
    again = redactor.redact(note, operator="dateshift", key="k", document_id="note-1").text
    other = redactor.redact(note, operator="dateshift", key="k", document_id="note-2").text
    assert out == again  # same key and document: same offset
    assert out != other or document_shift_days(b"k", "note-1") == document_shift_days(
        b"k", "note-2"
    )
    days = document_shift_days(b"k", "note-1")
    assert -365 <= days <= -1
    assert shift_date("03/01/2024", days) in out and shift_date("03/05/2024", days) in out
    assert "03/01/2024" not in out


def test_date_shift_with_explicit_days_and_other_kinds_tagged(redactor: PhiRedactor) -> None:
    out = redactor.redact(
        "Patient: Jane Doe, seen on 2024-03-15, 95-year-old.", operator="dateshift", shift_days=-14
    )
    assert out.text == "Patient: [NAME], seen on 2024-03-01, [AGE 90+]-year-old."


def test_year_alone_is_kept(redactor: PhiRedactor) -> None:
    out = redactor.redact("Diagnosed in 2019, relapsed 2023; seen 03/14/2024.").text
    assert out == "Diagnosed in 2019, relapsed 2023; seen [DATE 2024]."


def test_ages_up_to_89_stay_and_over_89_fold(redactor: PhiRedactor) -> None:
    assert redactor.redact("An 89-year-old woman.").text == "An 89-year-old woman."
    assert (
        redactor.redact("A 90-year-old woman, age: 104.").text
        == "A [AGE 90+]-year-old woman, age: [AGE 90+]."
    )
