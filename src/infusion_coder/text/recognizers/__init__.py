"""Recognizers: where PHI is in a text ("find", split from the operators that "act").

One file per identifier type; each is a Presidio ``EntityRecognizer`` reporting one kind of
:class:`~infusion_coder.text.models.PhiKind`.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from infusion_coder.text.recognizers.account import AccountRecognizer
from infusion_coder.text.recognizers.address import AddressRecognizer
from infusion_coder.text.recognizers.age import AgeRecognizer
from infusion_coder.text.recognizers.date import DateRecognizer
from infusion_coder.text.recognizers.device import DeviceRecognizer
from infusion_coder.text.recognizers.email import EmailRecognizer
from infusion_coder.text.recognizers.health_plan import HealthPlanRecognizer
from infusion_coder.text.recognizers.ip_address import IpAddressRecognizer
from infusion_coder.text.recognizers.license import LicenseRecognizer
from infusion_coder.text.recognizers.mrn import MrnRecognizer
from infusion_coder.text.recognizers.person_name import PersonNameRecognizer
from infusion_coder.text.recognizers.phone import PhoneRecognizer
from infusion_coder.text.recognizers.spacy_person import SpacyPersonRecognizer
from infusion_coder.text.recognizers.ssn import SsnRecognizer
from infusion_coder.text.recognizers.unique_id import UniqueIdRecognizer
from infusion_coder.text.recognizers.url import UrlRecognizer
from infusion_coder.text.recognizers.vehicle import VehicleRecognizer
from infusion_coder.text.recognizers.zip_code import ZipRecognizer


def default_recognizers() -> list[EntityRecognizer]:
    """Every rule-based recognizer (no model needed)."""
    return [
        PersonNameRecognizer(),
        AddressRecognizer(),
        ZipRecognizer(),
        DateRecognizer(),
        AgeRecognizer(),
        PhoneRecognizer(),
        EmailRecognizer(),
        SsnRecognizer(),
        MrnRecognizer(),
        HealthPlanRecognizer(),
        AccountRecognizer(),
        LicenseRecognizer(),
        VehicleRecognizer(),
        DeviceRecognizer(),
        UrlRecognizer(),
        IpAddressRecognizer(),
        UniqueIdRecognizer(),
    ]


__all__ = ["SpacyPersonRecognizer", "default_recognizers"]
