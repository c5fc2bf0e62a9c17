"""Recognizers: where PHI is in a text ("find", split from the operators that "act").

One file per identifier type; each is a Presidio ``EntityRecognizer`` reporting one kind of
:class:`~infusion_coder.text.models.PhiKind`.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from infusion_coder.text.recognizers.account import PhiAccountRecognizer
from infusion_coder.text.recognizers.address import PhiAddressRecognizer
from infusion_coder.text.recognizers.age import PhiAgeRecognizer
from infusion_coder.text.recognizers.date import PhiDateRecognizer
from infusion_coder.text.recognizers.device import PhiDeviceRecognizer
from infusion_coder.text.recognizers.email import PhiEmailRecognizer
from infusion_coder.text.recognizers.health_plan import PhiHealthPlanRecognizer
from infusion_coder.text.recognizers.ip_address import PhiIpAddressRecognizer
from infusion_coder.text.recognizers.license import PhiLicenseRecognizer
from infusion_coder.text.recognizers.mrn import PhiMrnRecognizer
from infusion_coder.text.recognizers.person_name import PersonNameRecognizer
from infusion_coder.text.recognizers.phone import PhiPhoneRecognizer
from infusion_coder.text.recognizers.spacy_person import SpacyPersonRecognizer
from infusion_coder.text.recognizers.ssn import PhiSsnRecognizer
from infusion_coder.text.recognizers.unique_id import PhiUniqueIdRecognizer
from infusion_coder.text.recognizers.url import PhiUrlRecognizer
from infusion_coder.text.recognizers.vehicle import PhiVehicleRecognizer
from infusion_coder.text.recognizers.zip_code import PhiZipRecognizer


def default_recognizers() -> list[EntityRecognizer]:
    """Every rule-based recognizer (no model needed)."""
    return [
        PersonNameRecognizer(),
        PhiAddressRecognizer(),
        PhiZipRecognizer(),
        PhiDateRecognizer(),
        PhiAgeRecognizer(),
        PhiPhoneRecognizer(),
        PhiEmailRecognizer(),
        PhiSsnRecognizer(),
        PhiMrnRecognizer(),
        PhiHealthPlanRecognizer(),
        PhiAccountRecognizer(),
        PhiLicenseRecognizer(),
        PhiVehicleRecognizer(),
        PhiDeviceRecognizer(),
        PhiUrlRecognizer(),
        PhiIpAddressRecognizer(),
        PhiUniqueIdRecognizer(),
    ]


__all__ = ["SpacyPersonRecognizer", "default_recognizers"]
