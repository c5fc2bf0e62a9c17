"""Each recognizer on its own: what it must find (positives) and what it must leave (negatives)."""

from __future__ import annotations

import pytest

from infusion_coder.text.recognizers import default_recognizers
from infusion_coder.text.recognizers.license import dea_is_valid, npi_is_valid
from infusion_coder.text.recognizers.vehicle import vin_is_valid

RECOGNIZERS = {type(r).__name__: r for r in default_recognizers()}


def found(recognizer: str, text: str) -> list[str]:
    results = RECOGNIZERS[recognizer].analyze(text, [], None)
    return sorted({text[r.start : r.end] for r in results})


POSITIVES = [
    # (recognizer, text, the value that must be found)
    ("PersonNameRecognizer", "Patient: Jane Q. Doe", "Jane Q. Doe"),  # label, middle initial
    ("PersonNameRecognizer", "PATIENT: WHITLOCK, MARIA", "WHITLOCK, MARIA"),  # upper-case, inverted
    ("PersonNameRecognizer", "Seen by Dr. Okafor today", "Okafor"),  # title
    ("PersonNameRecognizer", "Signed: Tamsin Kettleworth, RN", "Tamsin Kettleworth"),  # credential
    (
        "PersonNameRecognizer",
        "Accompanied by her daughter, Ximena Lachance.",
        "Ximena Lachance",
    ),  # relation
    (
        "PersonNameRecognizer",
        "Quentin Oyelaran (son) at bedside",
        "Quentin Oyelaran",
    ),  # relation after
    (
        "PersonNameRecognizer",
        "Thank you for referring Anjali Mbeki, a 71 y/o",
        "Anjali Mbeki",
    ),  # phrase
    ("PersonNameRecognizer", "Linda Garcia arrived early.", "Linda Garcia"),  # word lists only
    (
        "PhiAddressRecognizer",
        "Address: 417 Meadow Blvd Apt 12, Salem, TN 37201",
        "417 Meadow Blvd Apt 12",
    ),
    ("PhiAddressRecognizer", "417 Meadow Blvd Apt 12, Salem, TN 37201", "Salem"),
    ("PhiAddressRecognizer", "who lives in Lake Forest, for CLL", "Lake Forest"),
    ("PhiAddressRecognizer", "PO Box 1234", "PO Box 1234"),
    ("PhiAddressRecognizer", "resident of Cook County", "Cook County"),
    ("PhiZipRecognizer", "Springfield, IL 62704-1234", "62704-1234"),
    ("PhiZipRecognizer", "ZIP: 03601", "03601"),
    ("PhiDateRecognizer", "DOB: 03/14/1931", "03/14/1931"),
    ("PhiDateRecognizer", "on 2024-03-15.", "2024-03-15"),
    ("PhiDateRecognizer", "started March 15th, 2024", "March 15th, 2024"),
    ("PhiDateRecognizer", "admitted 14 Mar 2024", "14 Mar 2024"),
    ("PhiDateRecognizer", "D.O.B.: 23-FEB-1964", "23-FEB-1964"),
    ("PhiDateRecognizer", "diagnosed March 2019", "March 2019"),  # the month is a date element
    ("PhiDateRecognizer", "Visit on 3/15 at 10:00", "3/15"),
    ("PhiAgeRecognizer", "a 92-year-old woman", "92"),
    ("PhiAgeRecognizer", "Age: 101", "101"),
    ("PhiAgeRecognizer", "94 y/o male", "94"),
    ("PhiPhoneRecognizer", "Phone (217) 555-0182", "(217) 555-0182"),
    ("PhiPhoneRecognizer", "fax 217.555.0199", "217.555.0199"),
    ("PhiPhoneRecognizer", "cell: 2175550182", "2175550182"),
    ("PhiPhoneRecognizer", "call +1 217 555 0182 x12", "+1 217 555 0182 x12"),
    ("PhiEmailRecognizer", "email maria.ruiz@example.com.", "maria.ruiz@example.com"),
    ("PhiSsnRecognizer", "SSN 123-45-6789", "123-45-6789"),
    ("PhiSsnRecognizer", "SSN: 123456789", "123456789"),
    ("PhiMrnRecognizer", "MRN: 00482913", "00482913"),
    ("PhiMrnRecognizer", "Medical Record #: E4829133", "E4829133"),
    ("PhiHealthPlanRecognizer", "Medicare 1EG4-TE5-MK73", "1EG4-TE5-MK73"),  # MBI shape
    ("PhiHealthPlanRecognizer", "Member ID: XJH24968184", "XJH24968184"),
    ("PhiAccountRecognizer", "Acct #: 644746160", "644746160"),
    ("PhiLicenseRecognizer", "NPI 1234567893", "1234567893"),
    ("PhiLicenseRecognizer", "DEA: AB1234563", "AB1234563"),
    ("PhiLicenseRecognizer", "Medical license: MD799878", "MD799878"),
    ("PhiVehicleRecognizer", "VIN 1HGCM82633A004352", "1HGCM82633A004352"),
    ("PhiVehicleRecognizer", "plate 8CI2161", "8CI2161"),
    ("PhiDeviceRecognizer", "Pump serial #: AL3431668", "AL3431668"),
    ("PhiDeviceRecognizer", "UDI (01)00884521123456(17)250101", "(01)00884521123456(17)250101"),
    (
        "PhiUrlRecognizer",
        "see https://portal.example.org/chart/123.",
        "https://portal.example.org/chart/123",
    ),
    ("PhiUrlRecognizer", "www.mychart.example.com", "www.mychart.example.com"),
    ("PhiIpAddressRecognizer", "from 10.38.11.163.", "10.38.11.163"),
    ("PhiIpAddressRecognizer", "host fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
    ("PhiUniqueIdRecognizer", "Specimen accession #: S20-48118", "S20-48118"),
]


@pytest.mark.parametrize(("recognizer", "text", "value"), POSITIVES)
def test_when_phi_in_text_then_the_recognizer_finds_it(
    recognizer: str, text: str, value: str
) -> None:
    assert value in found(recognizer, text)


CLINICAL = (
    "Port accessed with 20G Huber needle. Cisplatin 75 mg/m2 IV over 60 min (J9060, CPT 96413). "
    "Dx: C50.911. Normal Saline 250 mL. BP 128/76, HR 82. Lot KX9921, NDC 0069-0130-01. Take 1/2 tab. "
    "Keytruda 200 mg; Zoledronic Acid 4 mg. Diagnosed in 2019. 67-year-old. Weight 72.4 kg. "
    "Order: 1000 mL NS over 2 h. Chair 4, Infusion Center. Cycle 3 Day 1. Pump rate 250 mL/hr."
)


@pytest.mark.parametrize("recognizer", sorted(RECOGNIZERS))
def test_when_only_clinical_words_then_nothing_is_found(recognizer: str) -> None:
    # drug names, codes, doses, vitals, lot numbers, a bare year, an age under 90, "Port"
    assert found(recognizer, CLINICAL) == []


NEGATIVES = [
    ("PhiZipRecognizer", "CPT 96413 and 96415"),  # five digits that are not a ZIP
    ("PhiDateRecognizer", "BP 120/80, 1/2 tab, diagnosed 2019"),  # ratios, fractions, a bare year
    ("PhiAgeRecognizer", "an 89-year-old; age 45"),  # ages up to 89 stay
    ("PhiLicenseRecognizer", "NPI 1234567890"),  # bad check digit
    ("PhiLicenseRecognizer", "DEA AB1234567"),  # bad check digit
    ("PhiVehicleRecognizer", "VIN 1HGCM82633A004353"),  # bad check digit
    ("PhiPhoneRecognizer", "NDC 0409-4888-10"),
    ("PhiSsnRecognizer", "code 000-12-3456"),  # never issued, and no SSN label
    ("PersonNameRecognizer", "Patient: Tolerated Well"),
    ("PersonNameRecognizer", "Infusion Center, Oncology Clinic"),
    ("PhiAddressRecognizer", "Jane Doe, MD"),  # MD is a credential here, not Maryland
    ("PhiIpAddressRecognizer", "version 1.2.3 at 10:30:00"),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVES)
def test_when_lookalike_then_the_recognizer_leaves_it(recognizer: str, text: str) -> None:
    assert found(recognizer, text) == []


def test_checksums() -> None:
    assert npi_is_valid("1234567893") and not npi_is_valid("1234567890")
    assert dea_is_valid("AB1234563") and not dea_is_valid("AB1234567")
    assert vin_is_valid("1HGCM82633A004352") and not vin_is_valid("1HGCM82633A004353")
