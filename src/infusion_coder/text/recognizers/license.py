"""Licence and certificate numbers, with NPI (Luhn check on the 80840 prefix) and DEA (checksum)."""

from __future__ import annotations

import re

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule

_DEA = r"[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}"


def npi_is_valid(npi: str) -> bool:
    """The NPI check digit: Luhn over the number prefixed with 80840 (CMS NPI standard)."""
    if not re.fullmatch(r"[12]\d{9}", npi):
        return False
    digits = [int(c) for c in "80840" + npi]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def dea_is_valid(dea: str) -> bool:
    """The DEA registration check digit: (d1+d3+d5) + 2*(d2+d4+d6), last digit = d7."""
    if not re.fullmatch(_DEA, dea):
        return False
    d = [int(c) for c in dea[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


class PhiLicenseRecognizer(LabelledRegexRecognizer):
    ENTITY = "LICENSE"
    RULES = (
        rule(
            "npi",
            labelled(r"NPI|national provider identifier", r"(?P<v>\d{10})\b", loose=True),
            0.95,
        ),
        rule("dea", labelled(r"DEA|DEA registration", rf"(?P<v>{_DEA})\b", loose=True), 0.95),
        rule("dea-shape", rf"(?<![A-Za-z0-9]){_DEA}(?![A-Za-z0-9])", 0.7),
        rule(
            "licence",
            labelled(
                r"(?:state |medical |nursing |RN |pharmacist |pharmacy |professional |driver'?s )?"
                r"licen[cs]e|lic\.?|DL|certificate|cert\.?|certification|board certification|registration"
            ),
            0.85,
        ),
    )

    def validate(self, value: str) -> bool:
        if re.fullmatch(r"\d{10}", value):
            return npi_is_valid(value)
        if re.fullmatch(_DEA, value):
            # behind a label or not, a DEA number must carry its check digit
            return dea_is_valid(value)
        return True
