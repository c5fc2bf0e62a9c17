"""The code library's records: CMS facts merged with our own editorial content.

Every model is frozen; numbers are national Medicare figures of the packaged data release.
No AMA descriptor text is held anywhere: ``label`` and ``description`` are our own words.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Setting = Literal["practitioner", "outpatient_hospital"]
PaymentSetting = Literal["professional", "facility"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class TimeRule(_Frozen):
    """How minutes turn into units of a timed code (from the editorial content)."""

    min_first_unit_minutes: int | None = None
    covers_up_to_minutes: int | None = None
    additional_unit_code: str | None = None
    additional_unit_minutes: int | None = None
    note: str = ""


class PfsIndicators(_Frozen):
    """Physician Fee Schedule indicators of a code (national RVU file)."""

    status: str
    status_meaning: str = ""
    not_used_for_medicare_payment: bool = False
    global_days: str = ""
    pctc: str = ""
    mult_proc: str = ""
    bilateral: str = ""
    assistant: str = ""
    co_surgery: str = ""
    team_surgery: str = ""
    pricing_indicator: str = ""
    physician_supervision: str = ""
    diagnostic_imaging_family: str = ""
    release: str = ""
    source: str = ""


class Rvus(_Frozen):
    """Relative value units (work, practice expense, malpractice) and totals."""

    work: float
    pe_non_facility: float
    pe_facility: float
    mp: float
    total_non_facility: float
    total_facility: float
    non_facility_na: bool = False
    facility_na: bool = False


class PfsPayment(_Frozen):
    """National PFS payment (total RVU x conversion factor), before locality adjustment."""

    non_facility: float | None
    facility: float | None
    conversion_factor: float
    release: str
    source: str


class Opps(_Frozen):
    """OPPS Addendum B facts: status indicator, APC and national payment rate."""

    si: str
    si_meaning: str = ""
    apc: str | None = None
    weight: float | None = None
    payment_rate: float | None = None
    effective: str | None = None
    source: str = ""


class Mue(_Frozen):
    """A medically unlikely edit: most units per line or per day in one setting."""

    code: str
    setting: Setting
    value: int
    mai: int | None
    mai_meaning: str = ""
    rationale: str = ""
    effective: str | None = None
    source: str = ""


class MueBySetting(_Frozen):
    practitioner: Mue | None = None
    outpatient_hospital: Mue | None = None


class Tos(_Frozen):
    """Medicare type of service (derived by a documented rule, see the manifest)."""

    code: str
    label: str = ""
    derived: bool = True


class Betos(_Frozen):
    code: str
    label: str = ""
    terminated: str | None = None
    source: str = ""


class Rbcs(_Frozen):
    category: str
    subcategory: str = ""
    family: str = ""


class Ccs(_Frozen):
    number: int
    label: str = ""


class CodeEntry(_Frozen):
    """One procedure code: CMS facts merged with the editorial content."""

    code: str
    label: str = ""
    description: str = ""
    family: str = ""
    addon: bool = False
    primaries: list[str] = Field(default_factory=list)
    primaries_note: str = ""
    addon_edit_type: int | None = None
    status: Literal["active", "deleted"] = "active"
    added_year: int | None = None
    deleted_year: int | None = None
    history: list[str] = Field(default_factory=list)
    time_rule: TimeRule | None = None
    pfs: PfsIndicators | None = None
    rvus: Rvus | None = None
    payment: PfsPayment | None = None
    opps: Opps | None = None
    mue: MueBySetting = Field(default_factory=MueBySetting)
    tos: Tos | None = None
    betos: Betos | None = None
    rbcs: Rbcs | None = None
    ccs: Ccs | None = None
    modifiers: list[str] = Field(default_factory=list)
    indications: str = ""
    procedure: str = ""
    post_procedure: str = ""
    documentation: list[str] = Field(default_factory=list)
    medical_necessity: str = ""
    examples: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    data_release: str = ""


class Drug(_Frozen):
    """A HCPCS Level II drug code from the catalogue."""

    hcpcs: str
    generic_name: str
    billing_unit_amount: float | None = None
    billing_unit: str = ""
    category: (
        Literal[
            "chemotherapy",
            "complex_biologic",
            "therapeutic",
            "hydration",
            "hormonal_antineoplastic",
            "supportive",
        ]
        | None
    ) = None
    engine_category: Literal["chemotherapy", "therapeutic", "hydration"] | None = None
    hormonal: bool = False
    route: str = ""
    hcpcs_year: int | None = None
    added_date: str | None = None
    deleted: bool = False
    synonyms: list[str] = Field(default_factory=list)
    single_dose_typical: bool | None = None
    opps: Opps | None = None
    mue: MueBySetting = Field(default_factory=MueBySetting)


class Modifier(_Frozen):
    """A CPT/HCPCS modifier as this domain uses it (editorial content)."""

    code: str
    label: str = ""
    meaning: str = ""
    applies_to: str = ""
    sources: list[str] = Field(default_factory=list)


class PtpEdit(_Frozen):
    """An NCCI procedure-to-procedure pair (column 2 is denied when billed with column 1)."""

    column1: str
    column2: str
    modifier_indicator: int
    modifier_meaning: str = ""
    rationale: str = ""
    effective: str | None = None
    deletion: str | None = None
    source: str = ""


class Payment(_Frozen):
    """National Medicare payment of one unit of a code in one setting.

    ``amount`` is the figure to use: the PFS non-facility amount for a professional claim
    (office/clinic), the OPPS payment rate for a facility claim.
    """

    code: str
    setting: PaymentSetting
    amount: float
    non_facility: float | None = None
    facility: float | None = None
    conversion_factor: float | None = None
    si: str | None = None
    apc: str | None = None
    source: str
    release: str


class Icd10Entry(_Frozen):
    """An ICD-10-CM code (public CDC/CMS code set)."""

    code: str
    description: str
    billable: bool
    parent: str | None = None
    ancestors: list[str] = Field(default_factory=list)
    chapter: str | None = None
    block: str | None = None
