"""Code systems, extension URLs and value tables shared by the FHIR readers and writers.

Only plain data here: which URI names which code system, and which words or codes in an EHR's
route and method fields mean which case-format route. No coding rules.
"""

from __future__ import annotations

from typing import Any

# ----------------------------------------------------------------------------- code systems
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
NDC = "http://hl7.org/fhir/sid/ndc"
HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
#: spellings of the HCPCS Level II system seen in EHR payloads
HCPCS_SYSTEMS = frozenset(
    {
        HCPCS,
        "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
        "urn:oid:2.16.840.1.113883.6.285",
        "http://terminology.hl7.org/CodeSystem/HCPCS",
    }
)
CPT = "http://www.ama-assn.org/go/cpt"
CPT_SYSTEMS = frozenset({CPT, "urn:oid:2.16.840.1.113883.6.12"})
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ICD10CM_SYSTEMS = frozenset({ICD10CM, "urn:oid:2.16.840.1.113883.6.90"})
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
NUBC_REVENUE = "https://www.nubc.org/CodeSystem/RevenueCodes"
CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type"
PROCESS_PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority"
#: Source of Payment Typology (PHDSC); codes starting with "1" are Medicare
PAYER_TYPOLOGY = "urn:oid:2.16.840.1.113883.3.221.5"

#: our own route system: the case format's route values, carried exactly
ROUTE_SYSTEM = "urn:infusion-coder:route"
#: prefix of our extension URLs (documented in docs/ehr-integration.md)
EXT = "urn:infusion-coder:fhir:"
#: identifier system numbering the separate encounters of one visit
ENCOUNTER_NUMBER = "urn:infusion-coder:encounter-number"
#: identifier system keeping an administration id that is not a valid FHIR id
ADMINISTRATION_ID = "urn:infusion-coder:administration-id"

# ----------------------------------------------------------------------------- routes
#: SNOMED CT route codes whose meaning is unambiguous
SNOMED_ROUTES: dict[str, str] = {
    "47625008": "iv",  # intravenous
    "34206005": "sc",  # subcutaneous
    "78421000": "im_injection",  # intramuscular
    "72607000": "intrathecal",
    "58100008": "ia",  # intra-arterial
    "38239002": "intraperitoneal",
    "26643006": "oral",
    "6064005": "topical",
}
#: words in a route's text or display, tried in order; "iv", "sc" and "ia" still need a method
ROUTE_WORDS: tuple[tuple[str, str], ...] = (
    ("intralesional", "intralesional"),
    ("intrathecal", "intrathecal"),
    ("intrapleural", "intrapleural"),
    ("intraperitoneal", "intraperitoneal"),
    ("ventric", "ventricular_reservoir"),
    ("ommaya", "ventricular_reservoir"),
    ("on-body", "on_body_injector"),
    ("on body", "on_body_injector"),
    ("intra-arterial", "ia"),
    ("intraarterial", "ia"),
    ("hepatic arter", "ia"),
    ("intramuscular", "im_injection"),
    ("subcutaneous", "sc"),
    ("intravenous", "iv"),
    ("oral", "oral"),
    ("by mouth", "oral"),
    ("topical", "topical"),
    ("ivpb", "iv"),
    ("iv push", "iv"),
    ("ivp", "iv"),
)
ROUTE_ABBREVIATIONS: dict[str, str] = {
    "iv": "iv",
    "ivp": "iv",
    "ivpb": "iv",
    "sc": "sc",
    "subq": "sc",
    "sq": "sc",
    "im": "im_injection",
    "it": "intrathecal",
    "ia": "ia",
    "po": "oral",
    "top": "topical",
}
#: words in a method (or route) text that say push or infusion
PUSH_WORDS = ("push", "bolus", "inject", "ivp", "slow iv")
INFUSION_WORDS = ("infus", "drip", "piggyback", "ivpb", "continuous", "titrat", "premix")

#: an access-route family plus "push"/"infusion" → the case-format route
FAMILY_METHOD: dict[tuple[str, str], str] = {
    ("iv", "push"): "iv_push",
    ("iv", "infusion"): "iv_infusion",
    ("sc", "push"): "sc_injection",
    ("sc", "infusion"): "sc_infusion",
    ("ia", "push"): "intra_arterial_push",
    ("ia", "infusion"): "intra_arterial_infusion",
}
#: what the writer puts in dosage.route for each case-format route (SNOMED where one fits)
ROUTE_SNOMED_OUT: dict[str, tuple[str, str]] = {
    "iv_push": ("47625008", "Intravenous route"),
    "iv_infusion": ("47625008", "Intravenous route"),
    "sc_injection": ("34206005", "Subcutaneous route"),
    "sc_infusion": ("34206005", "Subcutaneous route"),
    "im_injection": ("78421000", "Intramuscular route"),
    "intrathecal": ("72607000", "Intrathecal route"),
    "intra_arterial_push": ("58100008", "Intra-arterial route"),
    "intra_arterial_infusion": ("58100008", "Intra-arterial route"),
    "intraperitoneal": ("38239002", "Intraperitoneal route"),
    "oral": ("26643006", "Oral route"),
    "topical": ("6064005", "Topical route"),
}
PUSH_ROUTES = frozenset({"iv_push", "sc_injection", "intra_arterial_push", "im_injection"})
INFUSION_ROUTES = frozenset({"iv_infusion", "sc_infusion", "intra_arterial_infusion"})

#: volume units: a dose in one of these is the infused volume, not a drug amount
VOLUME_UNITS = {"ml": 1.0, "milliliter": 1.0, "millilitre": 1.0, "l": 1000.0, "liter": 1000.0}
PUMP_PORTABLE_WORDS = ("ambulatory", "portable", "elastomeric", "cadd", "home", "wearable")
PUMP_IMPLANTED_WORDS = ("implant",)


#: case-format administration fields carried by an extension: (name, field, value[x])
ADMIN_EXTENSIONS: tuple[tuple[str, str, str], ...] = (
    ("category", "category", "valueCode"),
    ("hormonal", "hormonal", "valueBoolean"),
    ("purpose", "purpose", "valueCode"),
    ("separate-site-required", "separate_site_required", "valueString"),
    ("attended", "attended", "valueBoolean"),
    ("lesions", "lesions", "valueInteger"),
    ("single-dose-container", "single_dose_container", "valueBoolean"),
    ("pump-supplier", "pump_supplier", "valueCode"),
    ("bag", "bag", "valueString"),
)
#: every extension we read or write, and where it goes (documented in docs/ehr-integration.md)
EXTENSIONS: dict[str, str] = {
    **{name: "MedicationAdministration or bag ingredient" for name, _, _ in ADMIN_EXTENSIONS},
    "volume-ml": "MedicationAdministration or bag ingredient",
    "discarded": "MedicationAdministration or bag ingredient",
    "administration-id": "bag ingredient",
    "setting": "Encounter",
    "place-of-service": "Encounter",
    "separately-identifiable": "Procedure",
    "units": "Procedure",
    "modifier": "Procedure, ChargeItem",
}


def ext(name: str) -> str:
    """The URL of one of our extensions (a name not in ``EXTENSIONS`` is a bug)."""
    if name not in EXTENSIONS:
        raise KeyError(name)
    return EXT + name


def ext_value(extensions: list[Any] | None, name: str) -> Any:
    """The value of our extension ``name`` among ``extensions`` (pydantic FHIR models), or None."""
    url = ext(name)
    for e in extensions or []:
        if e.url == url:
            for attr in (
                "valueString",
                "valueCode",
                "valueBoolean",
                "valueInteger",
                "valueDecimal",
                "valueQuantity",
                "valueCoding",
            ):
                v = getattr(e, attr, None)
                if v is not None:
                    return v
    return None
