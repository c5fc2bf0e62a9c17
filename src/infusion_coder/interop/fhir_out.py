"""Case format v1 → FHIR R4 Bundle (the inverse of ``fhir_in.read_bundle``).

Conversion only. Everything written validates against the ``fhir.resources`` R4B models before
it is returned, and the returned JSON loads back into the same models (it round-trips).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from infusion_coder.errors import InvalidCase, InvalidInput, pydantic_errors_to_message
from infusion_coder.interop import _systems as s
from infusion_coder.models import Administration, Case

_ID_BAD = re.compile(r"[^A-Za-z0-9\-.]+")
_CLOCK = re.compile(r"^(\d{1,2}):?(\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\.?)?$")


def fhir_id(value: str, fallback: str = "x") -> str:
    """A FHIR resource id (``[A-Za-z0-9-.]{1,64}``) from any identifier."""
    out = _ID_BAD.sub("-", value).strip("-")[:64]
    return out or fallback


def validated(bundle: dict[str, Any]) -> dict[str, Any]:
    """Validate a Bundle dict with the R4B models and return its canonical JSON form."""
    model = Bundle.model_validate(bundle)
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


# ============================================================================ case → FHIR
def case_to_bundle(case: Case | dict[str, Any], *, utc_offset: str = "+00:00") -> dict[str, Any]:
    """Express a case as a FHIR R4 collection Bundle (the inverse of ``read_bundle``).

    Times without a zone are written at ``utc_offset``. ``HH:MM`` times need the case ``date``.
    """
    if not re.fullmatch(r"Z|[+-](0\d|1[0-4]):[0-5]\d", utc_offset):
        raise InvalidInput("utc_offset: expected Z or ±HH:MM", field="utc_offset")
    if isinstance(case, Case):
        c = case
    else:
        try:
            c = Case.model_validate(case)
        except ValidationError as exc:
            message, where = pydantic_errors_to_message(exc)
            raise InvalidCase(f"invalid case: {message}", field=where) from None
    bundle = _CaseWriter(c, utc_offset).bundle()
    try:
        return validated(bundle)
    except ValidationError as exc:  # a value FHIR cannot hold (e.g. an empty string)
        message, where = pydantic_errors_to_message(exc)
        raise InvalidCase(f"the case cannot be written as FHIR: {message}", field=where) from None


class _CaseWriter:
    def __init__(self, case: Case, offset: str) -> None:
        self.case = case
        self.offset = offset
        self.entries: list[dict[str, Any]] = []
        self.enc_id = fhir_id(case.id or "encounter", "encounter")
        self.pos = {id(a): i for i, a in enumerate(case.administrations)}
        self.taken: set[str] = set()

    def unique(self, rtype: str, value: str) -> str:
        """A FHIR id for ``value``, unique among the Bundle's resources of ``rtype``."""
        base = fhir_id(value)
        rid, n = base, 2
        while f"{rtype}/{rid}" in self.taken:
            rid, n = f"{base[:60]}-{n}", n + 1
        self.taken.add(f"{rtype}/{rid}")
        return rid

    def when(self, value: str | None, field: str = "time") -> str | None:
        """A case-format time (``HH:MM``, ``HHMM``, ``9:05 PM``, ISO 8601) as a FHIR dateTime."""
        if value is None:
            return None
        m = _CLOCK.match(value)
        if m:
            if not self.case.date:
                raise InvalidCase(f"{field}: a clock time needs the case date", field="date")
            hh, mm = int(m.group(1)), int(m.group(2))
            if m.group(3):
                if not 1 <= hh <= 12:
                    raise InvalidCase(f"{field}: not a valid clock time", field=field)
                hh = hh % 12 + (12 if m.group(3)[0] in "Pp" else 0)
            if hh > 23 or mm > 59:
                raise InvalidCase(f"{field}: not a valid clock time", field=field)
            return f"{self.case.date}T{hh:02d}:{mm:02d}:00{self.offset}"
        try:
            dt = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidCase(
                f"{field}: expected HH:MM or an ISO 8601 date-time", field=field
            ) from None
        out = dt.strftime("%Y-%m-%dT%H:%M:%S")
        if dt.tzinfo is None:
            return out + self.offset
        return out + dt.strftime("%z")[:3] + ":" + dt.strftime("%z")[3:]

    def field(self, a: Administration) -> str:
        return f"administrations[{self.pos[id(a)]}]"

    def add(self, resource: dict[str, Any]) -> None:
        rtype = resource["resourceType"]
        self.entries.append({"fullUrl": f"{rtype}/{resource['id']}", "resource": resource})

    def enc_ref(self, number: int) -> dict[str, str]:
        if number == 1:
            return {"reference": f"Encounter/{self.enc_id}"}
        return {"reference": f"Encounter/{self.enc_id}-{number}"}

    def bundle(self) -> dict[str, Any]:
        c = self.case
        self.add({"resourceType": "Patient", "id": "patient"})
        enc: dict[str, Any] = {
            "resourceType": "Encounter",
            "id": self.enc_id,
            "status": "finished",
            "class": {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "code": "AMB",
            },
            "subject": {"reference": "Patient/patient"},
            "extension": [{"url": s.ext("setting"), "valueCode": c.setting}],
        }
        if c.id:
            enc["identifier"] = [{"system": "urn:infusion-coder:case-id", "value": c.id}]
        if c.place_of_service:
            enc["extension"].append(
                {"url": s.ext("place-of-service"), "valueCode": c.place_of_service}
            )
        if c.date:
            enc["period"] = {"start": c.date}
        self.add(enc)
        for n in sorted({a.encounter for a in c.administrations} - {1}):
            self.add(
                {
                    "resourceType": "Encounter",
                    "id": f"{self.enc_id}-{n}",
                    "status": "finished",
                    "class": enc["class"],
                    "subject": {"reference": "Patient/patient"},
                    "partOf": {"reference": f"Encounter/{self.enc_id}"},
                    "identifier": [{"system": s.ENCOUNTER_NUMBER, "value": str(n)}],
                }
            )
        medicare = c.payer == "medicare"
        self.add(
            {
                "resourceType": "Coverage",
                "id": "coverage",
                "status": "active",
                "type": {
                    "coding": [
                        {
                            "system": s.PAYER_TYPOLOGY,
                            "code": "1" if medicare else "5",
                            "display": "MEDICARE" if medicare else "PRIVATE HEALTH INSURANCE",
                        }
                    ]
                },
                "beneficiary": {"reference": "Patient/patient"},
                "payor": [{"display": "Medicare" if medicare else "Commercial payer"}],
            }
        )
        ids = [a.id or str(i + 1) for i, a in enumerate(c.administrations)]
        bags: dict[str, list[int]] = defaultdict(list)
        for i, a in enumerate(c.administrations):
            if a.bag and a.route != "port_flush":
                bags[a.bag].append(i)
        done: set[int] = set()
        for i, a in enumerate(c.administrations):
            if i in done:
                continue
            if a.route == "port_flush":
                self.flush(a, ids[i])
            elif a.bag and len(bags[a.bag]) > 1 and _one_infusion(c, bags[a.bag]):
                members = bags[a.bag]
                done.update(members)
                self.bag(a.bag, [(ids[j], c.administrations[j]) for j in members])
            else:
                self.administration(ids[i], a)
        for k, svc in enumerate(c.services):
            proc: dict[str, Any] = {
                "resourceType": "Procedure",
                "id": self.unique("Procedure", f"service-{k + 1}"),
                "status": "completed",
                "code": {"coding": [{"system": s.CPT, "code": svc.code}]},
                "subject": {"reference": "Patient/patient"},
                "encounter": self.enc_ref(1),
            }
            exts: list[dict[str, Any]] = []
            if svc.separately_identifiable is not None:
                exts.append(
                    {
                        "url": s.ext("separately-identifiable"),
                        "valueBoolean": svc.separately_identifiable,
                    }
                )
            if svc.units != 1:
                exts.append({"url": s.ext("units"), "valueInteger": svc.units})
            exts += [{"url": s.ext("modifier"), "valueCode": m} for m in svc.modifiers]
            if exts:
                proc["extension"] = exts
            self.add(proc)
        return {"resourceType": "Bundle", "type": "collection", "entry": self.entries}

    def _effective(self, a: Administration) -> dict[str, Any]:
        f = self.field(a)
        start, stop = self.when(a.start, f + ".start"), self.when(a.stop, f + ".stop")
        if stop is not None or a.route in s.INFUSION_ROUTES:
            period = {"start": start, "end": stop}
            return {"effectivePeriod": {k: v for k, v in period.items() if v}}
        return {"effectiveDateTime": start} if start else {"effectivePeriod": {}}

    def _dosage(self, a: Administration, with_dose: bool) -> dict[str, Any]:
        coding = [{"system": s.ROUTE_SYSTEM, "code": a.route}]
        if a.route in s.ROUTE_SNOMED_OUT:
            code, display = s.ROUTE_SNOMED_OUT[a.route]
            coding.append({"system": s.SNOMED, "code": code, "display": display})
        dosage: dict[str, Any] = {"route": {"coding": coding}}
        if a.route in s.PUSH_ROUTES:
            dosage["method"] = {"text": "push" if a.route != "im_injection" else "inject"}
        elif a.route in s.INFUSION_ROUTES:
            dosage["method"] = {"text": "infusion"}
        if a.site:
            dosage["site"] = {"text": a.site}
        if with_dose and a.dose is not None:
            dosage["dose"] = {"value": a.dose.amount, "unit": a.dose.unit}
        elif with_dose and a.volume_ml is not None:
            dosage["dose"] = {"value": a.volume_ml, "unit": "mL", "system": s.UCUM, "code": "mL"}
        if a.rate_ml_per_hr is not None:
            dosage["rateQuantity"] = {
                "value": a.rate_ml_per_hr,
                "unit": "mL/h",
                "system": s.UCUM,
                "code": "mL/h",
            }
        return dosage

    def _exts(self, a: Administration, *, volume: bool) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for name, field, kind in s.ADMIN_EXTENSIONS:
            value = getattr(a, field)
            if value is not None:
                out.append({"url": s.ext(name), kind: value})
        if volume and a.volume_ml is not None:
            out.append({"url": s.ext("volume-ml"), "valueDecimal": a.volume_ml})
        if a.discarded is not None:
            out.append(
                {
                    "url": s.ext("discarded"),
                    "valueQuantity": {"value": a.discarded.amount, "unit": a.discarded.unit},
                }
            )
        return out

    def _drug_cc(self, a: Administration) -> dict[str, Any]:
        cc: dict[str, Any] = {}
        if a.hcpcs:
            cc["coding"] = [{"system": s.HCPCS, "code": a.hcpcs}]
        cc["text"] = a.drug if a.drug else (a.hcpcs or "unnamed drug")
        return cc

    def _base(self, rid: str, a: Administration) -> dict[str, Any]:
        ma: dict[str, Any] = {
            "resourceType": "MedicationAdministration",
            "id": rid,
            "status": "completed",
            "subject": {"reference": "Patient/patient"},
            "context": self.enc_ref(a.encounter),
            **self._effective(a),
        }
        if a.pump is not None:
            words = (
                "Ambulatory infusion pump" if a.pump == "portable" else "Implanted infusion pump"
            )
            ma["contained"] = [{"resourceType": "Device", "id": "pump", "type": {"text": words}}]
            ma["device"] = [{"reference": "#pump"}]
        return ma

    def administration(self, aid: str, a: Administration) -> None:
        ma = self._base(self.unique("MedicationAdministration", aid), a)
        if ma["id"] != aid:
            ma["identifier"] = [{"system": s.ADMINISTRATION_ID, "value": aid}]
        ma["medicationCodeableConcept"] = self._drug_cc(a)
        ma["dosage"] = self._dosage(a, with_dose=True)
        exts = self._exts(a, volume=a.dose is not None)
        if exts:
            ma["extension"] = exts
        self.add(ma)
        self.pauses(ma["id"], a)

    def bag(self, bag: str, members: list[tuple[str, Administration]]) -> None:
        first = members[0][1]
        ma = self._base(self.unique("MedicationAdministration", bag), first)
        ingredients = []
        for aid, a in members:
            ing: dict[str, Any] = {
                "itemCodeableConcept": self._drug_cc(a),
                "extension": [{"url": s.ext("administration-id"), "valueString": aid}]
                + self._exts(a, volume=a.dose is not None),
            }
            if a.dose is not None:
                ing["strength"] = {
                    "numerator": {"value": a.dose.amount, "unit": a.dose.unit},
                    "denominator": {"value": 1, "unit": "bag"},
                }
            elif a.volume_ml is not None:
                ing["strength"] = {
                    "numerator": {
                        "value": a.volume_ml,
                        "unit": "mL",
                        "system": s.UCUM,
                        "code": "mL",
                    },
                    "denominator": {"value": 1, "unit": "bag"},
                }
            ingredients.append(ing)
        ma.setdefault("contained", []).append(
            {"resourceType": "Medication", "id": "bag", "ingredient": ingredients}
        )
        ma["medicationReference"] = {"reference": "#bag"}
        ma["dosage"] = self._dosage(first, with_dose=False)
        self.add(ma)
        self.pauses(ma["id"], first)

    def pauses(self, parent: str, a: Administration) -> None:
        for k, p in enumerate(a.pauses):
            self.add(
                {
                    "resourceType": "MedicationAdministration",
                    "id": self.unique("MedicationAdministration", f"{parent}-pause-{k + 1}"),
                    "status": "on-hold",
                    "partOf": [{"reference": f"MedicationAdministration/{parent}"}],
                    "subject": {"reference": "Patient/patient"},
                    "context": self.enc_ref(a.encounter),
                    "medicationCodeableConcept": self._drug_cc(a),
                    "effectivePeriod": {
                        "start": self.when(p.start, f"{self.field(a)}.pauses[{k}].start"),
                        "end": self.when(p.stop, f"{self.field(a)}.pauses[{k}].stop"),
                    },
                }
            )

    def flush(self, a: Administration, aid: str) -> None:
        proc: dict[str, Any] = {
            "resourceType": "Procedure",
            "id": self.unique("Procedure", aid),
            "status": "completed",
            "code": {
                "coding": [{"system": s.ROUTE_SYSTEM, "code": "port_flush"}],
                "text": "Port flush",
            },
            "subject": {"reference": "Patient/patient"},
            "encounter": self.enc_ref(a.encounter),
        }
        if a.stop:
            proc["performedPeriod"] = {
                "start": self.when(a.start, self.field(a) + ".start"),
                "end": self.when(a.stop, self.field(a) + ".stop"),
            }
        elif a.start:
            proc["performedDateTime"] = self.when(a.start, self.field(a) + ".start")
        if proc["id"] != aid:
            proc["identifier"] = [{"system": s.ADMINISTRATION_ID, "value": aid}]
        if a.site:
            proc["bodySite"] = [{"text": a.site}]
        if a.drug:
            proc["usedCode"] = [{"text": a.drug}]
        self.add(proc)


def _one_infusion(case: Case, members: list[int]) -> bool:
    """Whether a bag's administrations share route, times, pauses, site, encounter, pump and
    rate, so that one MedicationAdministration with several ingredients says it all (else each
    is written alone with the ``bag`` extension)."""
    keys = {
        (a.route, a.start, a.stop, tuple(a.pauses), a.site, a.encounter, a.pump, a.rate_ml_per_hr)
        for a in (case.administrations[j] for j in members)
    }
    return len(keys) == 1
