"""Loading a FHIR Bundle with the ``fhir.resources`` R4B models, and indexing its references.

R4 and R4B share the shapes of every resource read here, so an R4 payload validates against
the R4B models. Errors name the entry, its resource type and id, and the field; never values.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from infusion_coder.errors import InvalidInput


def load_json(data: dict[str, Any] | str | bytes, what: str = "Bundle") -> dict[str, Any]:
    """Parse JSON text (or pass a dict through); the root must be an object."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            pos = getattr(exc, "pos", None)
            where = f" at character {pos}" if pos is not None else ""
            raise InvalidInput(f"{what}: not valid JSON{where}", field="(root)") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{what}: the root must be a JSON object", field="(root)")
    return data


#: R4 resource types that R4B replaced; never read here, so their entries are set aside
R4_ONLY = frozenset(
    {
        "EffectEvidenceSynthesis",
        "MedicinalProduct",
        "MedicinalProductAuthorization",
        "MedicinalProductContraindication",
        "MedicinalProductIndication",
        "MedicinalProductIngredient",
        "MedicinalProductInteraction",
        "MedicinalProductManufactured",
        "MedicinalProductPackaged",
        "MedicinalProductPharmaceutical",
        "MedicinalProductUndesirableEffect",
        "RiskEvidenceSynthesis",
        "SubstanceNucleicAcid",
        "SubstancePolymer",
        "SubstanceProtein",
        "SubstanceReferenceInformation",
        "SubstanceSourceMaterial",
        "SubstanceSpecification",
    }
)


def parse_bundle(data: dict[str, Any] | str | bytes) -> tuple[Bundle, list[str]]:
    """Validate a FHIR R4/R4B Bundle into ``fhir.resources`` models.

    Returns the Bundle and the entries set aside (R4-only resource types, named
    ``entry[i] (Type/id)``).
    """
    raw = load_json(data)
    if raw.get("resourceType") != "Bundle":
        raise InvalidInput("resourceType: expected a FHIR Bundle", field="resourceType")
    entries = raw.get("entry") or []
    if not isinstance(entries, list):
        raise InvalidInput("Bundle.entry: must be a list", field="entry")
    aside: list[str] = []
    kept: list[Any] = []
    positions: list[int] = []  # the original index of each kept entry, for messages
    for i, entry in enumerate(entries):
        res = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(res, dict) and res.get("resourceType") in R4_ONLY:
            rid = res.get("id")
            aside.append(
                f"entry[{i}] ({res['resourceType']}/{rid})"
                if isinstance(rid, str)
                else f"entry[{i}] ({res['resourceType']})"
            )
        else:
            kept.append(entry)
            positions.append(i)
    if aside:
        raw = {**raw, "entry": kept}
    for i, entry in zip(positions, kept, strict=True):
        res = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(res, dict):
            raise InvalidInput(
                f"Bundle.entry[{i}].resource: missing or not an object",
                field=f"entry[{i}].resource",
            )
        _check_type(res, f"entry[{i}].resource")
        for j, c in enumerate(res.get("contained") or []):
            if isinstance(c, dict):
                _check_type(c, f"entry[{i}].resource.contained[{j}]")
    try:
        return Bundle.model_validate(raw), aside
    except ValidationError as exc:
        raise InvalidInput(
            _message(exc, raw, positions), field=_first_field(exc, positions)
        ) from None
    except (KeyError, ValueError, TypeError):  # a nested resource the models cannot build
        raise InvalidInput(
            "invalid FHIR Bundle: an element could not be read as FHIR R4", field="entry"
        ) from None


def _check_type(res: dict[str, Any], where: str) -> None:
    rtype = res.get("resourceType")
    if not isinstance(rtype, str):
        raise InvalidInput(f"Bundle.{where}.resourceType: missing", field=f"{where}.resourceType")
    try:
        get_fhir_model_class(rtype)
    except (KeyError, ValueError, AttributeError):
        raise InvalidInput(
            f"Bundle.{where}.resourceType: not a FHIR R4 resource type",
            field=f"{where}.resourceType",
        ) from None


def _original(loc: tuple[Any, ...], positions: list[int]) -> tuple[Any, ...]:
    """An error location with the entry index of the Bundle as it was sent."""
    if len(loc) >= 2 and loc[0] == "entry" and isinstance(loc[1], int) and loc[1] < len(positions):
        return ("entry", positions[loc[1]], *loc[2:])
    return loc


def _label(raw: dict[str, Any], loc: tuple[Any, ...], positions: list[int]) -> str:
    """``entry[2] (MedicationAdministration/ma-1).dosage.route`` for an error location."""
    if len(loc) >= 3 and loc[0] == "entry" and isinstance(loc[1], int) and loc[2] == "resource":
        res = raw["entry"][loc[1]]["resource"]
        i = _original(loc, positions)[1]
        rid = res.get("id")
        name = (
            f"{res.get('resourceType')}/{rid}" if isinstance(rid, str) else res.get("resourceType")
        )
        return f"entry[{i}] ({name})" + _path(loc[3:])
    return "Bundle" + _path(loc)


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _message(exc: ValidationError, raw: dict[str, Any], positions: list[int]) -> str:
    parts = []
    for err in exc.errors(include_url=False, include_input=False)[:5]:
        msg = str(err.get("msg", "invalid")).split(", input_value")[0]
        parts.append(f"{_label(raw, tuple(err.get('loc', ())), positions)}: {msg}")
    more = " …" if exc.error_count() > 5 else ""
    return "invalid FHIR Bundle: " + "; ".join(parts) + more


def _first_field(exc: ValidationError, positions: list[int]) -> str | None:
    errors = exc.errors(include_url=False, include_input=False)
    if not errors:
        return None
    return _path(_original(tuple(errors[0].get("loc", ())), positions)).lstrip(".")


class Index:
    """Resolves references within a Bundle: ``Type/id``, ``fullUrl`` and ``#contained``."""

    def __init__(self, bundle: Bundle) -> None:
        self.by_ref: dict[str, Any] = {}
        self.resources: list[Any] = []
        for entry in bundle.entry or []:
            res: Any = entry.resource
            if res is None:
                continue
            self.resources.append(res)
            if entry.fullUrl:
                self.by_ref[str(entry.fullUrl)] = res
            if res.id:
                self.by_ref[f"{res.get_resource_type()}/{res.id}"] = res

    def of_type(self, rtype: str) -> list[Any]:
        return [r for r in self.resources if r.get_resource_type() == rtype]

    def resolve(self, ref: Any, container: Any = None) -> Any:
        """The resource a ``Reference`` points to, or None when it is not in the Bundle."""
        target = getattr(ref, "reference", None) if ref is not None else None
        if not target:
            return None
        if target.startswith("#") and container is not None:
            for c in container.contained or []:
                if c.id == target[1:]:
                    return c
            return None
        if target in self.by_ref:
            return self.by_ref[target]
        # absolute URLs ending in Type/id
        parts = target.rstrip("/").split("/")
        if len(parts) >= 2:
            return self.by_ref.get(f"{parts[-2]}/{parts[-1]}")
        return None

    @staticmethod
    def key(res: Any) -> str:
        return f"{res.get_resource_type()}/{res.id}" if res.id else res.get_resource_type()


def local_minute(value: Any, tz: tzinfo | None) -> str | None:
    """A FHIR dateTime as the case format's ``YYYY-MM-DDTHH:MM`` in the visit's UTC offset.

    A date without a time gives None (no time to code from).
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None and tz is not None:
            value = value.astimezone(tz)
        return value.strftime("%Y-%m-%dT%H:%M")
    return None


def tz_of(value: Any) -> tzinfo | None:
    if isinstance(value, datetime) and value.tzinfo is not None:
        off = value.utcoffset() or timedelta(0)
        from datetime import timezone

        return timezone(off)
    return None


def date_of(value: Any) -> str | None:
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, str) and len(value) >= 10:
        return value[:10]
    return None
