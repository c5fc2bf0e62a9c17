"""Reading FHIR dosage: route + method → a case-format route, rates, volumes, concept names.

Pure functions over ``fhir.resources`` elements. Each returns what it found and the mapping notes
it owes (kind, source suffix, target, note) so the caller can report them.
"""

from __future__ import annotations

import re
from typing import Any

from infusion_coder.interop import _systems as s
from infusion_coder.interop.report import Kind

#: (kind, source suffix, target, note) for the mapping report
Note = tuple[Kind, str, str, str]

_PUSH = re.compile(r"\b(push|bolus|inject\w*|ivp|slow iv)\b")
_INFUSION = re.compile(r"(infus|drip|piggyback|\bivpb\b|continuous|titrat|premix)")
_PER_HOUR = {"h": 1.0, "hr": 1.0, "hour": 1.0, "min": 60.0}


def text(cc: Any) -> str | None:
    """The readable name of a CodeableConcept: its text, else the first display."""
    if cc is None:
        return None
    if cc.text:
        return str(cc.text)
    for c in cc.coding or []:
        if c.display:
            return str(c.display)
    return None


def code(cc: Any, systems: frozenset[str] | set[str]) -> str | None:
    """The first code of ``cc`` in one of ``systems``."""
    for c in (cc.coding or []) if cc is not None else []:
        if c.system in systems and c.code:
            return str(c.code)
    return None


def words(cc: Any) -> str:
    """Text, displays and codes of a CodeableConcept, lower case, for keyword tests."""
    if cc is None:
        return ""
    bits = [cc.text or ""] + [f"{c.display or ''} {c.code or ''}" for c in cc.coding or []]
    return " ".join(bits).lower()


def volume_ml(q: Any) -> float | None:
    """A Quantity in mL or L as millilitres, else None (it is a drug amount)."""
    unit = str(q.code or q.unit or "").strip().lower()
    if q.value is None or unit not in s.VOLUME_UNITS:
        return None
    return float(q.value) * s.VOLUME_UNITS[unit]


def rate_ml_per_hr(dosage: Any) -> tuple[float | None, list[Note]]:
    """mL per hour from ``rateQuantity`` (mL/h, mL/min) or ``rateRatio`` (mL per h or min)."""
    if dosage.rateQuantity is None and dosage.rateRatio is None:
        return None, []
    value = factor = None
    if dosage.rateQuantity is not None:
        q = dosage.rateQuantity
        num, _, den = str(q.code or q.unit or "").lower().replace(" ", "").partition("/")
        if num in ("ml", "milliliter") and den in _PER_HOUR:
            value, factor = q.value, _PER_HOUR[den]
    elif dosage.rateRatio.numerator is not None:
        n, d = dosage.rateRatio.numerator, dosage.rateRatio.denominator
        num = str(n.code or n.unit or "").lower()
        den = str((d.code or d.unit or "") if d is not None else "").lower()
        if num in ("ml", "milliliter") and den in _PER_HOUR:
            dv = float(d.value) if d is not None and d.value else 1.0
            value, factor = n.value, _PER_HOUR[den] / dv
    if value is None or factor is None or float(value) <= 0:
        return None, [("ignored", ".dosage.rate", "", "rate not in mL per hour or minute")]
    return round(float(value) * factor, 3), [("mapped", ".dosage.rate", "rate_ml_per_hr", "")]


def method_in(said: str) -> str | None:
    """``push``, ``infusion``, ``both`` or None from words such as "IV Push" or "IVPB"."""
    push, infusion = bool(_PUSH.search(said)), bool(_INFUSION.search(said))
    return "both" if push and infusion else "push" if push else "infusion" if infusion else None


def _family(route_cc: Any) -> str | None:
    """The access family (``iv``, ``sc``, ``ia``) or a final route, from dosage.route."""
    if route_cc is None:
        return None
    for c in route_cc.coding or []:
        if c.system == s.SNOMED and c.code in s.SNOMED_ROUTES:
            return s.SNOMED_ROUTES[str(c.code)]
    if route_cc.text and route_cc.text.strip().lower() in s.ROUTE_ABBREVIATIONS:
        return s.ROUTE_ABBREVIATIONS[route_cc.text.strip().lower()]
    found = words(route_cc)
    for w, fam in s.ROUTE_WORDS:
        if w in found:
            return fam
    for c in route_cc.coding or []:
        abbr = s.ROUTE_ABBREVIATIONS.get(str(c.code or "").lower())
        if abbr:
            return abbr
    return None


def route_of(dosage: Any, *, single: bool, has_rate: bool) -> tuple[str, list[Note]]:
    """The case-format route from ``dosage.route`` and ``dosage.method``.

    Our route system is read exactly. Otherwise the route gives a family (SNOMED CT codes, words,
    abbreviations) and the method (or the route's own words) says push or infusion. When it does
    not, the timing decides (one instant → push, a period or a rate → infusion) and the note is
    ``ambiguous``: a coder should confirm.
    """
    route_cc = dosage.route if dosage is not None else None
    method_cc = dosage.method if dosage is not None else None
    exact = code(route_cc, {s.ROUTE_SYSTEM})
    if exact:
        return exact, [("mapped", ".dosage.route", "route", "")]
    family = _family(route_cc)
    said = words(method_cc) + " " + words(route_cc)
    method = method_in(said)
    notes: list[Note] = []
    if family is None and method in ("push", "infusion"):
        family = "iv"
        notes.append(
            (
                "ambiguous",
                ".dosage.route",
                "route",
                f"no route; the method says {method}: read as intravenous",
            )
        )
    if family is None:
        what = "no route" if route_cc is None else "a route that is not one of the case format's"
        return "other", [("ambiguous", ".dosage.route", "route", f"{what}: coded as other")]
    if family not in ("iv", "sc", "ia"):
        return family, [("mapped", ".dosage.route", "route", "")]
    if method in ("push", "infusion"):
        return s.FAMILY_METHOD[(family, method)], [
            *notes,
            ("mapped", ".dosage.route+method", "route", ""),
        ]
    guess = "push" if (single or family == "sc") and not has_rate else "infusion"
    why = "both push and infusion named" if method == "both" else "neither push nor infusion given"
    basis = "rate" if has_rate else "timing"
    notes.append(
        (
            "ambiguous",
            ".dosage.method",
            "route",
            f"{why}; read as {guess} from the {basis} (confirm)",
        )
    )
    return s.FAMILY_METHOD[(family, guess)], notes
