"""Plain data of the public contracts: case format v1 in, coding result out.

The field names and meanings are those of ``shared/domain/case-format.md`` (see
``docs/case-format.md``). Extend compatibly: new optional fields only.
Unknown input fields are ignored (integrators send more than we read); wrong types are errors.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Setting = Literal["facility", "professional"]
Payer = Literal["medicare", "commercial"]
Category = Literal["chemotherapy", "therapeutic", "hydration"]
Route = Literal[
    "iv_push",
    "iv_infusion",
    "sc_injection",
    "im_injection",
    "sc_infusion",
    "intra_arterial_push",
    "intra_arterial_infusion",
    "intralesional",
    "intrathecal",
    "intrapleural",
    "intraperitoneal",
    "ventricular_reservoir",
    "on_body_injector",
    "pump_refill",
    "port_flush",
    "oral",
    "topical",
    "other",
]
ROUTES: tuple[str, ...] = Route.__args__  # type: ignore[attr-defined]
Purpose = Literal["hydration", "kvo", "carrier", "flush"]


class _In(BaseModel):
    model_config = ConfigDict(
        extra="ignore",
        frozen=True,
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        allow_inf_nan=False,
    )


class Quantity(_In):
    """An amount with its unit, e.g. ``{"amount": 400, "unit": "mg"}``."""

    amount: float = Field(ge=0, le=1e9)
    unit: str = Field(min_length=1)


class Pause(_In):
    """An interval when an infusion was held; its minutes do not count."""

    start: str
    stop: str


#: accepted spellings that EHR exports and coders use, mapped to the case format's values
CATEGORY_ALIASES: dict[str, str] = {
    "chemo": "chemotherapy",
    "antineoplastic": "chemotherapy",
    "complex": "chemotherapy",
    "complex_biologic": "chemotherapy",
    "biologic": "chemotherapy",
    "hormonal_antineoplastic": "chemotherapy",
    "tpd": "therapeutic",
    "drug": "therapeutic",
    "prophylactic": "therapeutic",
    "diagnostic": "therapeutic",
    "supportive": "therapeutic",
    "non-chemo": "therapeutic",
    "fluid": "hydration",
    "fluids": "hydration",
}
#: a "category" that is really a fluid purpose
PURPOSE_CATEGORIES = {"flush", "kvo", "carrier"}
ROUTE_ALIASES: dict[str, str] = {
    "im": "im_injection",
    "intramuscular": "im_injection",
    "sc": "sc_injection",
    "subq": "sc_injection",
    "sq": "sc_injection",
    "subcutaneous": "sc_injection",
    "ivp": "iv_push",
    "push": "iv_push",
    "iv push": "iv_push",
    "iv": "iv_infusion",
    "ivpb": "iv_infusion",
    "infusion": "iv_infusion",
    "iv infusion": "iv_infusion",
    "iv_drip": "iv_infusion",
    "drip": "iv_infusion",
    "pump_infusion": "iv_infusion",
    "it": "intrathecal",
    "unspecified": "other",
    "po": "oral",
}


#: values that the alias mapping below leaves as they are
_CATEGORIES = frozenset(Category.__args__)  # type: ignore[attr-defined]
_ROUTE_SET = frozenset(ROUTES)


class Administration(_In):
    """One documented administration (case format v1)."""

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        cat, route = data.get("category"), data.get("route")
        if (
            "line_or_site" not in data
            and (cat is None or (isinstance(cat, str) and cat in _CATEGORIES))
            and isinstance(route, str)
            and route in _ROUTE_SET
        ):
            return data  # already in the case format's own spelling: nothing to map (issue #3)
        data = dict(data)
        if "site" not in data and isinstance(data.get("line_or_site"), str):
            data["site"] = data["line_or_site"]
        cat = data.get("category")
        if isinstance(cat, str):
            key = cat.strip().lower()
            if key in PURPOSE_CATEGORIES:
                data["category"] = "hydration"
                data.setdefault("purpose", key)
            else:
                data["category"] = CATEGORY_ALIASES.get(key, key)
                if key == "hormonal_antineoplastic":
                    data.setdefault("hormonal", True)
        route = data.get("route")
        if isinstance(route, str):
            key = route.strip().lower()
            data["route"] = ROUTE_ALIASES.get(key, key)
            if key == "pump_infusion" and not data.get("pump"):
                data["pump"] = "portable"
        return data

    id: str | None = None
    drug: str | None = None
    hcpcs: str | None = None
    category: Category | None = None
    hormonal: bool | None = None
    route: Route
    start: str | None = None
    stop: str | None = None
    pauses: list[Pause] = Field(default_factory=list)
    site: str | None = None
    separate_site_required: str | None = None
    encounter: int = Field(default=1, ge=1)
    bag: str | None = None
    purpose: Purpose | None = None
    volume_ml: float | None = Field(default=None, ge=0, le=1e6)
    rate_ml_per_hr: float | None = Field(default=None, gt=0, le=1e6)
    dose: Quantity | None = None
    discarded: Quantity | None = None
    single_dose_container: bool | None = None
    pump: Literal["portable", "implantable"] | None = None
    pump_supplier: Literal["clinic", "other"] | None = None
    attended: bool | None = None
    lesions: int | None = Field(default=None, ge=1)


class Service(_In):
    """Another service the same day (E/M visit, blood draw, …)."""

    code: str = Field(min_length=1)
    separately_identifiable: bool | None = None
    units: int = Field(default=1, ge=1)
    modifiers: list[str] = Field(default_factory=list)


class Case(_In):
    """One patient's drug-administration record for one visit (case format v1)."""

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, data: object) -> object:
        if isinstance(data, dict) and "administrations" not in data and "events" in data:
            data = {**data, "administrations": data["events"]}
        return data

    id: str | None = None
    setting: Setting
    place_of_service: str | None = Field(default=None, pattern=r"^\d{2}$")
    payer: Payer = "medicare"
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    administrations: list[Administration]
    services: list[Service] = Field(default_factory=list)


# --------------------------------------------------------------------------- results


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Line(_Out):
    """One billing line."""

    code: str
    units: int = Field(ge=0)
    modifiers: list[str] = Field(default_factory=list)
    kind: Literal["administration", "drug", "service"]
    role: str | None = None
    administrations: list[str] = Field(default_factory=list)
    date: str | None = None
    rules: list[str] = Field(default_factory=list)
    explanation: str = ""


class NotBilled(_Out):
    """An administration (or service) that earns no line, and why."""

    administrations: list[str] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)
    reason: str
    rules: list[str] = Field(default_factory=list)


class Warning(_Out):  # noqa: A001 - the case format's own name
    """Something a coder should check or query."""

    rule: str
    message: str
    administrations: list[str] = Field(default_factory=list)


class CodingResult(_Out):
    """The coding result of one case (case format v1)."""

    id: str | None = None
    ruleset: str
    policy: dict[str, str] = Field(default_factory=dict)
    lines: list[Line] = Field(default_factory=list)
    not_billed: list[NotBilled] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
