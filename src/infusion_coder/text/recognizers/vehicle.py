"""Vehicle identifiers: VINs (check digit verified) and licence plates behind a label."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule

_VIN = r"[A-HJ-NPR-Z0-9]{17}"
_VALUES = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True))}
_VALUES.update(dict(zip("JKLMN", range(1, 6), strict=True)))
_VALUES.update({"P": 7, "R": 9})
_VALUES.update(dict(zip("STUVWXYZ", range(2, 10), strict=True)))
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_is_valid(vin: str) -> bool:
    """The North-American VIN check digit (position 9)."""
    if len(vin) != 17 or not vin.isalnum() or not any(c.isdigit() for c in vin):
        return False
    total = sum(_VALUES.get(c, -100) * w for c, w in zip(vin, _WEIGHTS, strict=True))
    if total < 0:
        return False
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


class PhiVehicleRecognizer(LabelledRegexRecognizer):
    ENTITY = "VEHICLE"
    RULES = (
        rule(
            "vin",
            labelled(r"VIN|vehicle identification number", rf"(?P<v>{_VIN})\b", loose=True),
            0.95,
        ),
        rule("vin-shape", rf"(?<![A-Za-z0-9]){_VIN}(?![A-Za-z0-9])", 0.7),
        rule(
            "plate",
            labelled(
                r"(?:license|licence|tag) plate|plate|plate number|tag number",
                r"(?P<v>[A-Z0-9]{1,4}[ \-]?[A-Z0-9]{2,5})\b",
                loose=True,
            ),
            0.85,
        ),
    )

    def validate(self, value: str) -> bool:
        if len(value) == 17 and value.isalnum():
            return vin_is_valid(value)
        return any(c.isdigit() for c in value)
