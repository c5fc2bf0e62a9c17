"""FHIR R4/R4B Bundle → case format v1, with a mapping report. Conversion only, no coding rules.

One case per top-level ``Encounter`` (an Encounter that is ``partOf`` another one in the Bundle
is a separate encounter of the same visit: case-format ``encounter`` 2, 3, …). Read:

* ``MedicationAdministration``: status, ``medication[x]`` (RxNorm, NDC, HCPCS codings, or a
  ``Medication`` with several ingredients = one bag), ``effective[x]``, ``dosage.route`` /
  ``method`` / ``dose`` / ``rate`` / ``site``, ``device`` (pumps), ``request`` → the order's
  reason; an ``on-hold`` administration ``partOf`` another is a pause of it.
* ``Procedure``: port flushes become administrations; CPT/HCPCS-coded services (E/M, …) become
  ``services``.
* ``Coverage``: Medicare or commercial. Our ``urn:infusion-coder:fhir:*`` extensions carry the
  case-format fields FHIR has no element for (see ``docs/ehr-integration.md``).
"""

from __future__ import annotations

from datetime import timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from infusion_coder.errors import InvalidInput, pydantic_errors_to_message
from infusion_coder.interop import _dosage as d
from infusion_coder.interop import _systems as s
from infusion_coder.interop._dosage import Note
from infusion_coder.interop._parse import Index, date_of, local_minute, parse_bundle, tz_of
from infusion_coder.interop.report import ImportedCase, MappingReport
from infusion_coder.models import Case

_SKIP_STATUS = {"not-done": "not given", "entered-in-error": "entered in error"}


def read_bundle(
    data: dict[str, Any] | str | bytes,
    *,
    setting: str | None = None,
    payer: str | None = None,
    tz: str | None = None,
) -> list[ImportedCase]:
    """Read every visit of a FHIR Bundle as a case (with its mapping report).

    ``setting`` / ``payer`` are used when the Bundle does not say (FHIR has no element for who
    bills); the report says where each value came from. ``tz`` (an IANA zone such as
    ``America/Chicago``) is the site's time zone: times are read as its wall-clock times. Without
    it, times keep the UTC offset of the Encounter's start (else of the first time seen).
    """
    zone = _zone(tz)
    if setting not in (None, "facility", "professional"):
        raise InvalidInput("setting: expected facility or professional", field="setting")
    if payer not in (None, "medicare", "commercial"):
        raise InvalidInput("payer: expected medicare or commercial", field="payer")
    bundle, aside = parse_bundle(data)
    index = Index(bundle)
    encounters = index.of_type("Encounter")
    top = [e for e in encounters if not _parent(index, e)]
    visits: list[_Visit] = [_Visit(index, e, zone) for e in top] or [_Visit(index, None, zone)]
    by_enc: dict[int, _Visit] = {id(v.encounter): v for v in visits if v.encounter is not None}
    numbers: dict[int, tuple[_Visit, int]] = {}
    for v in visits:
        if v.encounter is not None:
            numbers[id(v.encounter)] = (v, 1)
    for e in encounters:
        parent = _parent(index, e)
        if parent is not None and id(parent) in by_enc:
            v = by_enc[id(parent)]
            numbers[id(e)] = (v, v.add_sub(e))

    for where in aside:
        visits[0].report.add("ignored", where, note="an R4 resource type that is not read")

    def visit_of(ref: Any, where: str) -> tuple[_Visit, int] | None:
        enc = index.resolve(ref)
        if enc is not None and id(enc) in numbers:
            return numbers[id(enc)]
        if len(visits) == 1:
            return visits[0], 1
        visits[0].report.add(
            "ignored", where, note="no Encounter of the Bundle is named, and it holds several"
        )
        return None

    mas = index.of_type("MedicationAdministration")
    pauses_of: dict[int, list[Any]] = {}  # id() of an administration → its on-hold parts
    for ma in mas:
        parent = _pause_of(index, ma) if ma.status == "on-hold" else None
        if parent is not None:
            pauses_of.setdefault(id(parent), []).append(ma)
    is_pause = {id(p) for parts in pauses_of.values() for p in parts}
    for ma in mas:
        if id(ma) in is_pause:
            continue
        found = visit_of(ma.context, Index.key(ma))
        if found:
            found[0].administration(ma, found[1], pauses_of.get(id(ma), []))
    for proc in index.of_type("Procedure"):
        found = visit_of(proc.encounter, Index.key(proc))
        if found:
            found[0].procedure(proc, found[1])
    return [v.finish(setting, payer) for v in visits]


def _zone(tz: str | None) -> tzinfo | None:
    if tz is None:
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            "tz: not a known IANA time zone (e.g. America/Chicago)", field="tz"
        ) from None


def _parent(index: Index, enc: Any) -> Any:
    return index.resolve(enc.partOf) if enc.partOf is not None else None


def _pause_of(index: Index, ma: Any) -> Any:
    for ref in ma.partOf or []:
        target = index.resolve(ref)
        if target is not None and target.get_resource_type() == "MedicationAdministration":
            return target
    return None


class _Visit:
    """Collects one case while the Bundle is read."""

    def __init__(self, index: Index, encounter: Any, zone: tzinfo | None = None) -> None:
        self.index = index
        self.encounter = encounter
        self.report = MappingReport()
        self.adms: list[dict[str, Any]] = []
        self.services: list[dict[str, Any]] = []
        self.subs: list[Any] = []
        self.reasons: dict[str, list[str]] = {}
        self.sources: dict[str, str] = {}
        self.diagnoses: list[str] = []
        self.tz: tzinfo | None = zone
        self.zone_given = zone is not None
        self.patient: str | None = None
        if encounter is not None:
            if self.tz is None and encounter.period is not None:
                self.tz = tz_of(encounter.period.start)
            if encounter.subject is not None:
                self.patient = encounter.subject.reference
            for rc in encounter.reasonCode or []:
                self._diagnosis(rc)
            for dx in encounter.diagnosis or []:
                cond = index.resolve(dx.condition)
                if cond is not None:
                    self._diagnosis(cond.code)

    def add_sub(self, enc: Any) -> int:
        self.subs.append(enc)
        for ident in enc.identifier or []:
            if ident.system == s.ENCOUNTER_NUMBER and str(ident.value or "").isdigit():
                return int(ident.value)
        return len(self.subs) + 1

    def _diagnosis(self, cc: Any) -> list[str]:
        codes = [
            str(c.code)
            for c in ((cc.coding or []) if cc is not None else [])
            if c.system in s.ICD10CM_SYSTEMS and c.code
        ]
        for code in codes:
            if code not in self.diagnoses:
                self.diagnoses.append(code)
        return codes

    def _time(self, value: Any) -> str | None:
        if self.tz is None:
            self.tz = tz_of(value)
        return local_minute(value, self.tz)

    # ------------------------------------------------------------------ administrations
    def administration(self, ma: Any, number: int, pauses: list[Any]) -> None:
        src = Index.key(ma)
        rep = self.report
        if ma.status in _SKIP_STATUS:
            rep.add("ignored", f"{src}.status", note=f"{ma.status}: {_SKIP_STATUS[ma.status]}")
            return
        if self.patient is None and ma.subject is not None:
            self.patient = ma.subject.reference
        base: dict[str, Any] = {}
        if number != 1:
            base["encounter"] = number
        # times
        start = stop = None
        if ma.effectivePeriod is not None:
            start = self._time(ma.effectivePeriod.start)
            stop = self._time(ma.effectivePeriod.end)
            single = False
        else:
            start = self._time(ma.effectiveDateTime)
            single = True
        if start is None:
            rep.add("missing", f"{src}.effective[x]", "start", "no time of day")
        else:
            base["start"] = start
        if stop is not None:
            base["stop"] = stop
        if ma.status == "stopped":
            rep.add(
                "mapped",
                f"{src}.status",
                "stop",
                "stopped before completion: the documented end is used",
            )
        elif ma.status in ("in-progress", "on-hold", "unknown"):
            rep.add(
                "ambiguous",
                f"{src}.status",
                note=f"{ma.status}: the administration may not be finished",
            )
        if pauses:
            base["pauses"] = []
            for p in sorted(
                pauses, key=lambda x: str(x.effectivePeriod.start if x.effectivePeriod else "")
            ):
                ps = self._time(p.effectivePeriod.start) if p.effectivePeriod else None
                pe = self._time(p.effectivePeriod.end) if p.effectivePeriod else None
                if ps and pe:
                    base["pauses"].append({"start": ps, "stop": pe})
                    rep.add(
                        "mapped",
                        f"{Index.key(p)}.effectivePeriod",
                        "pauses",
                        "on-hold part of the administration",
                    )
                else:
                    rep.add(
                        "missing",
                        f"{Index.key(p)}.effectivePeriod",
                        "pauses",
                        "a pause without both ends is not counted",
                    )
        dosage = ma.dosage
        has_rate = False
        if dosage is not None:
            if dosage.site is not None and d.text(dosage.site):
                base["site"] = d.text(dosage.site)
                rep.add("mapped", f"{src}.dosage.site", "site")
            rate, notes = d.rate_ml_per_hr(dosage)
            self._notes(src, notes)
            if rate is not None:
                base["rate_ml_per_hr"] = rate
                has_rate = True
        route, notes = d.route_of(dosage, single=single, has_rate=has_rate)
        self._notes(src, notes)
        base["route"] = route
        self._extensions(ma.extension, base, src)
        self._device(ma, base, src)
        reasons = self._request(ma, src)
        # medication: one administration per ingredient of a bag
        items = self._medication(ma, src)
        if any(not i.get("drug") and not i.get("hcpcs") for i in items) and route not in (
            "port_flush",
            "pump_refill",
        ):
            raise InvalidInput(
                f"{src}.medication[x]: no drug name or HCPCS code (give text, a display or a "
                "HCPCS coding)",
                field=f"{src}.medication[x]",
            )
        dose_qty = dosage.dose if dosage is not None else None
        for k, item in enumerate(items):
            adm = dict(base)
            adm.update(item)
            if len(items) > 1:
                adm["bag"] = adm.get("bag") or ma.id or src
                adm["id"] = item.get("id") or f"{ma.id}-{k + 1}"
            else:
                given = next(
                    (i.value for i in ma.identifier or [] if i.system == s.ADMINISTRATION_ID),
                    None,
                )
                adm["id"] = item.get("id") or given or ma.id or None
                if dose_qty is not None:
                    self._dose(dose_qty, adm, f"{src}.dosage.dose")
            adm = {k2: v for k2, v in adm.items() if v is not None}
            self.adms.append(adm)
            aid = adm.get("id") or str(len(self.adms))
            self.sources[aid] = src
            if reasons:
                self.reasons[aid] = reasons
        made = [str(a.get("id")) for a in self.adms[-len(items) :]]
        for note in rep.notes:
            if not note.administrations and (
                note.source == src or note.source.startswith((src + ".", src + " "))
            ):
                note.administrations = made
        if len(items) > 1 and dose_qty is not None:
            vol = d.volume_ml(dose_qty)
            if vol is not None:
                self.adms[-len(items)]["volume_ml"] = vol
                rep.add(
                    "mapped",
                    f"{src}.dosage.dose",
                    "volume_ml",
                    "the bag's volume, on its first ingredient",
                )

    def _notes(self, src: str, notes: list[Note]) -> None:
        for kind, suffix, target, note in notes:
            self.report.add(kind, src + suffix, target, note)

    def _medication(self, ma: Any, src: str) -> list[dict[str, Any]]:
        rep = self.report
        if ma.medicationCodeableConcept is not None:
            return [self._drug(ma.medicationCodeableConcept, f"{src}.medicationCodeableConcept")]
        med = self.index.resolve(ma.medicationReference, ma)
        where = f"{src}.medicationReference"
        if med is None:
            display = ma.medicationReference.display if ma.medicationReference else None
            rep.add("missing", where, "drug", "the Medication is not in the Bundle")
            return [{"drug": display}] if display else [{}]
        ingredients = med.ingredient or []
        if len(ingredients) >= 2:
            out = []
            for k, ing in enumerate(ingredients):
                iw = f"{where}.ingredient[{k}]"
                cc = ing.itemCodeableConcept
                if cc is None and ing.itemReference is not None:
                    sub = self.index.resolve(ing.itemReference, ma)
                    cc = sub.code if sub is not None else None
                item = self._drug(cc, iw) if cc is not None else {}
                if cc is None:
                    rep.add("missing", iw, "drug", "ingredient without a code or name")
                if ing.strength is not None and ing.strength.numerator is not None:
                    self._dose(ing.strength.numerator, item, iw + ".strength")
                item["id"] = s.ext_value(ing.extension, "administration-id")
                self._extensions(ing.extension, item, iw)
                out.append(item)
            rep.add("mapped", where, "bag", f"{len(ingredients)} ingredients in one bag")
            return out
        if med.code is not None:
            return [self._drug(med.code, f"{where}.code")]
        if ingredients and ingredients[0].itemCodeableConcept is not None:
            return [self._drug(ingredients[0].itemCodeableConcept, f"{where}.ingredient[0]")]
        rep.add("missing", where, "drug", "the Medication has no code")
        return [{}]

    def _drug(self, cc: Any, where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        hcpcs = d.code(cc, s.HCPCS_SYSTEMS)
        if hcpcs:
            out["hcpcs"] = hcpcs
            self.report.add("mapped", where + " (HCPCS)", "hcpcs")
        name = d.text(cc)
        if name:
            out["drug"] = name
            kinds = [k for k, sy in (("RxNorm", {s.RXNORM}), ("NDC", {s.NDC})) if d.code(cc, sy)]
            self.report.add("mapped", where + (f" ({', '.join(kinds)})" if kinds else ""), "drug")
        elif not hcpcs:
            for kind, systems in (("RxNorm", {s.RXNORM}), ("NDC", {s.NDC})):
                found = d.code(cc, systems)
                if found:  # a code and no name: keep the code, and say the drug is unread
                    out["drug"] = f"{kind} {found}"
                    self.report.add(
                        "ambiguous",
                        where,
                        "drug",
                        f"only a {kind} code, no name: the drug is not recognised from it; "
                        "confirm the drug and its category",
                    )
                    break
            else:
                self.report.add(
                    "missing", where, "drug", "a drug code without a name: give text or display"
                )
        return out

    def _dose(self, q: Any, adm: dict[str, Any], where: str) -> None:
        vol = d.volume_ml(q)
        if vol is not None:
            adm["volume_ml"] = vol
            self.report.add("mapped", where, "volume_ml")
            return
        unit = q.unit or q.code
        if q.value is None or not unit:
            self.report.add("missing", where, "dose", "a dose needs a value and a unit")
            return
        adm["dose"] = {"amount": float(q.value), "unit": str(unit)}
        self.report.add("mapped", where, "dose")

    def _extensions(self, extensions: Any, adm: dict[str, Any], src: str) -> None:
        for name, field, _ in s.ADMIN_EXTENSIONS:
            v = s.ext_value(extensions, name)
            if v is not None:
                adm[field] = v
                self.report.add("mapped", f"{src}.extension[{name}]", field)
        vol = s.ext_value(extensions, "volume-ml")
        if vol is not None:
            adm["volume_ml"] = float(vol)
            self.report.add("mapped", f"{src}.extension[volume-ml]", "volume_ml")
        disc = s.ext_value(extensions, "discarded")
        if disc is not None and disc.value is not None:
            adm["discarded"] = {
                "amount": float(disc.value),
                "unit": str(disc.unit or disc.code or ""),
            }
            self.report.add("mapped", f"{src}.extension[discarded]", "discarded")

    def _device(self, ma: Any, adm: dict[str, Any], src: str) -> None:
        for k, ref in enumerate(ma.device or []):
            dev = self.index.resolve(ref, ma)
            where = f"{src}.device[{k}]"
            if dev is None:
                said = str(ref.display or "").lower()
                if not said:
                    self.report.add("missing", where, "pump", "the Device is not in the Bundle")
                    continue
            else:
                names = " ".join(str(n.name or "") for n in dev.deviceName or [])
                said = (d.words(dev.type) + " " + names).lower()
            if "pump" not in said and "injector" not in said:
                self.report.add("ignored", where, note="not a pump")
                continue
            if "on-body" in said or "on body" in said:
                self.report.add("mapped", where, "route", "on-body injector")
                adm["route"] = "on_body_injector"
                continue
            if any(w in said for w in s.PUMP_IMPLANTED_WORDS):
                adm["pump"] = "implantable"
            elif any(w in said for w in s.PUMP_PORTABLE_WORDS):
                adm["pump"] = "portable"
            else:
                self.report.add(
                    "ignored",
                    where,
                    note="a bedside infusion pump is not a portable or implanted pump",
                )
                continue
            self.report.add("mapped", where, "pump")
            if dev is not None and dev.owner is not None and "pump_supplier" not in adm:
                provider = self.encounter.serviceProvider if self.encounter is not None else None
                same = provider is not None and provider.reference == dev.owner.reference
                adm["pump_supplier"] = "clinic" if same else "other"
                self.report.add(
                    "derived",
                    f"{where}.owner",
                    "pump_supplier",
                    "owner against Encounter.serviceProvider",
                )

    def _request(self, ma: Any, src: str) -> list[str]:
        codes: list[str] = []
        for cc in ma.reasonCode or []:
            codes += self._diagnosis(cc)
        if ma.request is None:
            return codes
        req = self.index.resolve(ma.request, ma)
        if req is None:
            self.report.add(
                "missing", f"{src}.request", note="the MedicationRequest is not in the Bundle"
            )
            return codes
        for cc in req.reasonCode or []:
            codes += self._diagnosis(cc)
        for ref in req.reasonReference or []:
            cond = self.index.resolve(ref, req)
            if cond is not None and cond.get_resource_type() == "Condition":
                codes += self._diagnosis(cond.code)
        if codes:
            self.report.add(
                "mapped",
                f"{src}.request.reason",
                note="ICD-10-CM reasons kept for the claim's diagnosis links",
            )
        return list(dict.fromkeys(codes))

    # ------------------------------------------------------------------ procedures
    def procedure(self, proc: Any, number: int) -> None:
        src = Index.key(proc)
        if proc.status in ("not-done", "entered-in-error"):
            self.report.add("ignored", f"{src}.status", note=proc.status)
            return
        said = d.words(proc.code)
        route = d.code(proc.code, {s.ROUTE_SYSTEM})
        cpt = d.code(proc.code, s.CPT_SYSTEMS | s.HCPCS_SYSTEMS)
        if route is None and "refill" in said:
            route = "pump_refill"
        if route == "port_flush" or (route is None and ("flush" in said or cpt == "96523")):
            route = "port_flush"
        if route in ("port_flush", "pump_refill"):
            given = next(
                (i.value for i in proc.identifier or [] if i.system == s.ADMINISTRATION_ID), None
            )
            adm: dict[str, Any] = {"id": given or proc.id, "route": route}
            if number != 1:
                adm["encounter"] = number
            if proc.performedPeriod is not None:
                adm["start"] = self._time(proc.performedPeriod.start)
                adm["stop"] = self._time(proc.performedPeriod.end)
            else:
                adm["start"] = self._time(proc.performedDateTime)
            if proc.bodySite:
                adm["site"] = d.text(proc.bodySite[0])
            if proc.usedCode:
                adm["drug"] = d.text(proc.usedCode[0])
            adm = {k: v for k, v in adm.items() if v is not None}
            self.adms.append(adm)
            self.sources[adm.get("id") or str(len(self.adms))] = src
            self.report.add("mapped", f"{src}.code", "route", route.replace("_", " "))
            return
        if cpt:
            svc: dict[str, Any] = {"code": cpt}
            sep = s.ext_value(proc.extension, "separately-identifiable")
            if sep is not None:
                svc["separately_identifiable"] = bool(sep)
            units = s.ext_value(proc.extension, "units")
            if units is not None:
                svc["units"] = int(units)
            mods = [
                str(e.valueCode)
                for e in proc.extension or []
                if e.url == s.ext("modifier") and e.valueCode
            ]
            if mods:
                svc["modifiers"] = mods
            self.services.append(svc)
            self.report.add("mapped", f"{src}.code", "services")
            return
        self.report.add("ignored", f"{src}.code", note="a procedure without a CPT or HCPCS code")

    # ------------------------------------------------------------------ the case
    def finish(self, setting: str | None, payer: str | None) -> ImportedCase:
        rep = self.report
        enc = self.encounter
        case: dict[str, Any] = {}
        where = Index.key(enc) if enc is not None else "Bundle"
        if enc is not None:
            ident = next(
                (
                    i.value
                    for i in enc.identifier or []
                    if i.value and i.system != s.ENCOUNTER_NUMBER
                ),
                None,
            )
            case["id"] = ident or enc.id
            rep.add("mapped", f"{where}.{'identifier' if ident else 'id'}", "id")
            given = s.ext_value(enc.extension, "setting")
            if given:
                case["setting"] = str(given)
                rep.add("mapped", f"{where}.extension[setting]", "setting")
            pos = s.ext_value(enc.extension, "place-of-service")
            if pos is None:
                for loc in enc.location or []:
                    place = self.index.resolve(loc.location)
                    for t in (place.type or []) if place is not None else []:
                        pos = pos or d.code(t, {s.POS})
            if pos is not None:
                case["place_of_service"] = str(pos)
                rep.add("mapped", f"{where}.place-of-service", "place_of_service")
            if enc.period is not None and enc.period.start is not None:
                start = self._time(enc.period.start)
                case["date"] = (start or date_of(enc.period.start) or "")[:10] or None
                rep.add("mapped", f"{where}.period.start", "date")
        if "setting" not in case:
            case["setting"] = setting or "facility"
            rep.add(
                "missing" if setting is None else "derived",
                f"{where}.setting",
                "setting",
                f"FHIR does not say who bills: {case['setting']} ({'default' if setting is None else 'given'})",
            )
        case["payer"] = self._payer(payer)
        if not case.get("date"):
            days = sorted(str(a["start"])[:10] for a in self.adms if a.get("start"))
            if days:
                case["date"] = days[0]
                rep.add(
                    "derived",
                    "MedicationAdministration.effective[x]",
                    "date",
                    "the first administration's day",
                )
        if not self.zone_given and self.tz is not None and self.tz.utcoffset(None) == timedelta(0):
            rep.add(
                "derived",
                "dateTime values",
                "start/stop",
                "times are in UTC: read as UTC clock times (give the site's time zone to read "
                "them as local times and dates)",
            )
        case["administrations"] = self.adms
        if self.services:
            case["services"] = self.services
        case = {k: v for k, v in case.items() if v is not None}
        try:
            parsed = Case.model_validate(case)
        except ValidationError as exc:
            message, field = pydantic_errors_to_message(exc)
            raise InvalidInput(
                f"{where}: the Bundle maps to an invalid case: {message}", field=field
            ) from None
        coverage = self._coverage()
        return ImportedCase(
            case=parsed,
            report=rep,
            patient=self.patient,
            encounter=Index.key(enc) if enc is not None else None,
            provider=enc.serviceProvider.reference
            if enc is not None and enc.serviceProvider
            else None,
            coverage=Index.key(coverage) if coverage is not None else None,
            diagnoses=self.diagnoses,
            reasons=self.reasons,
            sources=self.sources,
        )

    def _coverage(self) -> Any:
        covs = self.index.of_type("Coverage")
        active = [c for c in covs if c.status == "active"] or covs
        return active[0] if active else None

    def _payer(self, given: str | None) -> str:
        cov = self._coverage()
        if cov is None:
            value = given or "medicare"
            self.report.add(
                "missing" if given is None else "derived",
                "Coverage",
                "payer",
                f"no Coverage: {value}",
            )
            return value
        src = Index.key(cov)
        typology = d.code(cov.type, {s.PAYER_TYPOLOGY})
        names = (
            " ".join(str(p.display or "") for p in cov.payor or []).lower()
            + " "
            + d.words(cov.type)
        )
        if typology is not None:
            value = "medicare" if typology.startswith("1") else "commercial"
        elif "medicare" in names:
            value = "medicare"
        else:
            value = "commercial"
        self.report.add("mapped", f"{src}.type/payor", "payer")
        return value
