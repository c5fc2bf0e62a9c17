"""The code library: one packaged data release merged with the editorial content.

Built once per release (see :func:`infusion_coder.knowledge.load`) and then read-only: every
lookup is a dictionary access.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import ValidationError

from infusion_coder.errors import ConfigError, InvalidInput, UnknownCode
from infusion_coder.knowledge import _release
from infusion_coder.knowledge.models import (
    Betos,
    Ccs,
    CodeEntry,
    Drug,
    Modifier,
    Mue,
    MueBySetting,
    Opps,
    Payment,
    PaymentSetting,
    PfsIndicators,
    PfsPayment,
    PtpEdit,
    Rbcs,
    Rvus,
    Setting,
    TimeRule,
    Tos,
)

_CODE = re.compile(r"^[0-9A-Z]\d{3}[0-9A-Z]$")
_MODIFIER = re.compile(r"^[0-9A-Z]{2}$")

PFS_STATUS_MEANING = {
    "A": "active, paid under the fee schedule",
    "B": "bundled, never paid separately",
    "C": "carrier (contractor) priced",
    "D": "deleted code",
    "E": "excluded from the fee schedule by regulation",
    "I": "not valid for Medicare (another code is used)",
    "N": "not covered by Medicare",
    "R": "restricted coverage",
    "T": "paid only when no other paid service is billed that day",
    "X": "statutory exclusion, not paid under the fee schedule",
}

MAI_MEANING = {
    1: "line edit: units per claim line",
    2: "date-of-service edit, policy: units per day, not overridable",
    3: "date-of-service edit, clinical: units per day, may be bypassed on review",
}

PTP_MODIFIER_MEANING = {0: "not allowed", 1: "allowed", 9: "not applicable"}

_SETTINGS: dict[str, Setting] = {
    "practitioner": "practitioner",
    "professional": "practitioner",
    "physician": "practitioner",
    "office": "practitioner",
    "outpatient_hospital": "outpatient_hospital",
    "facility": "outpatient_hospital",
    "hospital": "outpatient_hospital",
    "opps": "outpatient_hospital",
}

_CONTENT_KEYS = {
    "label",
    "description",
    "family",
    "status",
    "added_year",
    "deleted_year",
    "history",
    "primaries_note",
    "indications",
    "procedure",
    "post_procedure",
    "documentation",
    "medical_necessity",
    "examples",
    "modifiers",
    "sources",
}


def default_family(code: str) -> str:
    """Family of a code the editorial content does not (yet) cover."""
    if not code.isdigit():
        return "chemotherapy" if code == "G0498" else "related"
    n = int(code)
    if 96360 <= n <= 96361:
        return "hydration"
    if 96365 <= n <= 96381:
        return "therapeutic"
    if 96521 <= n <= 96523:
        return "pumps_ports"
    if n in (96440, 96446, 96450, 96542, 96547, 96548):
        return "special_routes"
    if 96401 <= n <= 96549:
        return "chemotherapy"
    if 99202 <= n <= 99215:
        return "evaluation_management"
    return "related"


def normalize_code(code: object, what: str = "code") -> str:
    """Upper-case, trimmed CPT/HCPCS code; UnknownCode when it cannot be one."""
    text = str(code if code is not None else "").strip().upper()
    if not _CODE.match(text):
        shown = text[:12] + ("…" if len(text) > 12 else "")
        raise UnknownCode(
            f"unknown {what} '{shown}': codes have 5 letters or digits",
            field=what,
        )
    return text


def _setting(value: str) -> Setting:
    key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if key not in _SETTINGS:
        raise InvalidInput(
            f"setting '{value}' is not known: use practitioner (professional) or "
            "outpatient_hospital (facility)",
            field="setting",
        )
    return _SETTINGS[key]


def _f(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def _i(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def _norm_name(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9%'.+-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_SALTS = {
    "hydrochloride",
    "hcl",
    "sodium",
    "disodium",
    "phosphate",
    "sulfate",
    "acetate",
    "mesylate",
    "citrate",
    "succinate",
    "tartrate",
    "calcium",
    "tromethamine",
    "dipotassium",
    "pamoate",
    "bromide",
    "maleate",
}


def _core_name(generic: str) -> str:
    """The molecule without its salt: 'dexamethasone sodium phosphate' → 'dexamethasone'."""
    base = _norm_name(re.split(r"[(,]", generic)[0])
    words = [w for w in base.split() if w not in _SALTS]
    return " ".join(words) if words else base


class Library:
    """A loaded data release with its editorial content."""

    def __init__(
        self,
        release_dir: Traversable,
        content_dir: Traversable | None = None,
    ) -> None:
        self.manifest: dict[str, Any] = _release.read_manifest(release_dir)
        self.release_id: str = str(self.manifest["release"])
        read = _release.read_table
        self._status_meaning = {
            r["si"]: r["meaning"] for r in read(release_dir, "status_indicators.csv")
        }
        self._mue: dict[tuple[str, str], Mue] = {}
        for r in read(release_dir, "mue.csv"):
            mai = _i(r["mai"])
            setting: Setting = _setting(r["setting"])
            self._mue[(r["code"], setting)] = Mue(
                code=r["code"],
                setting=setting,
                value=int(r["value"]),
                mai=mai,
                mai_meaning=MAI_MEANING.get(mai, "") if mai is not None else "",
                rationale=r["rationale"],
                effective=r["effective"] or None,
                source=r["source"],
            )
        self._opps = {r["code"]: self._opps_model(r) for r in read(release_dir, "opps.csv")}
        self._pfs = {r["code"]: r for r in read(release_dir, "pfs.csv")}
        self._class = {r["code"]: r for r in read(release_dir, "classification.csv")}
        self._aoc: dict[str, list[dict[str, str]]] = defaultdict(list)
        effective = str(self.manifest.get("newest_effective", ""))
        for r in read(release_dir, "addon_edits.csv"):
            if not r["deletion"] or r["deletion"] >= effective:
                self._aoc[r["addon_code"]].append(r)
        self._ptp: dict[tuple[str, str], PtpEdit] = {}
        self._ptp_by_code: dict[str, list[PtpEdit]] = defaultdict(list)
        for r in read(release_dir, "ptp.csv"):
            indicator = int(r["modifier_indicator"])
            edit = PtpEdit(
                column1=r["column1"],
                column2=r["column2"],
                modifier_indicator=indicator,
                modifier_meaning=PTP_MODIFIER_MEANING.get(indicator, ""),
                rationale=r["rationale"],
                effective=r["effective"] or None,
                deletion=r["deletion"] or None,
                source=r["source"],
            )
            self._ptp[(edit.column1, edit.column2)] = edit
            self._ptp_by_code[edit.column1].append(edit)
            if edit.column2 != edit.column1:
                self._ptp_by_code[edit.column2].append(edit)
        self._drugs = {r["hcpcs"]: self._drug_model(r) for r in read(release_dir, "drugs.csv")}
        self._drug_names = self._name_index()
        content = _release.read_content(content_dir, "codes.toml")
        modifiers = _release.read_content(content_dir, "modifiers.toml")
        self._modifiers = self._modifier_models(modifiers.get("modifiers", {}))
        code_content: Mapping[str, Any] = content.get("codes", {})
        #: codes whose editorial ``addon`` disagrees with the CMS add-on file (CMS wins)
        self.content_conflicts: list[str] = []
        listed = set(self.manifest.get("code_set", {}).get("procedure_codes", [])) | set(self._pfs)
        listed |= set(code_content)
        self._codes = {code: self._entry(code, code_content.get(code)) for code in sorted(listed)}

    # ---------------------------------------------------------------- codes

    def code(self, code: str) -> CodeEntry:
        """The entry of a procedure code; UnknownCode (naming the code) otherwise."""
        key = normalize_code(code)
        entry = self._codes.get(key)
        if entry is None:
            raise UnknownCode(
                f"unknown code '{key}': not in the code library (release {self.release_id})",
                field="code",
            )
        return entry

    def codes(self, family: str | None = None) -> list[CodeEntry]:
        """All procedure codes (sorted), optionally of one family."""
        entries = list(self._codes.values())
        if family is not None:
            entries = [e for e in entries if e.family == family]
        return entries

    def families(self) -> list[str]:
        return sorted({e.family for e in self._codes.values()})

    def has_code(self, code: str) -> bool:
        """True for a procedure code in the library (drug codes: :meth:`has_drug`)."""
        try:
            return normalize_code(code) in self._codes
        except UnknownCode:
            return False

    # ---------------------------------------------------------------- drugs

    def drug(self, hcpcs: str) -> Drug:
        key = normalize_code(hcpcs, "drug code")
        found = self._drugs.get(key)
        if found is None:
            raise UnknownCode(
                f"unknown drug code '{key}': not in the drug catalogue (release {self.release_id})",
                field="hcpcs",
            )
        return found

    def drugs(self) -> list[Drug]:
        return [self._drugs[c] for c in sorted(self._drugs)]

    def has_drug(self, hcpcs: str) -> bool:
        try:
            return normalize_code(hcpcs) in self._drugs
        except UnknownCode:
            return False

    def find_drug(self, text: str) -> Drug | None:
        """Best catalogue match for a drug name, brand name, synonym or HCPCS code.

        Exact names win over brand names, which win over a biosimilar's core name
        ("rituximab-abbs" → rituximab); then the longest known name inside the text.
        """
        if not text or not str(text).strip():
            return None
        raw = str(text).strip()
        if raw.upper() in self._drugs:
            return self._drugs[raw.upper()]
        norm = _norm_name(raw)
        hit = self._drug_names.get(norm)
        if hit:
            return self._drugs[hit]
        core = re.sub(r"-[a-z]{4}$", "", norm)
        if core != norm and core in self._drug_names:
            return self._drugs[self._drug_names[core]]
        best: tuple[int, str] | None = None
        padded = f" {norm} "
        for name, code in self._drug_names.items():
            if len(name) < 2 or f" {name} " not in padded:
                continue
            if best is None or len(name) > best[0]:
                best = (len(name), code)
        if best is None:
            words = re.sub(r"-[a-z]{4}\b", "", norm)
            padded = f" {words} "
            for name, code in self._drug_names.items():
                if (
                    len(name) >= 4
                    and f" {name} " in padded
                    and (best is None or len(name) > best[0])
                ):
                    best = (len(name), code)
        return self._drugs[best[1]] if best else None

    # ---------------------------------------------------------------- modifiers

    def modifier(self, code: str) -> Modifier:
        key = str(code or "").strip().upper()
        if not _MODIFIER.match(key):
            raise UnknownCode(
                f"unknown modifier '{key[:12]}': a modifier is 2 letters or digits, e.g. JZ",
                field="modifier",
            )
        found = self._modifiers.get(key)
        if found is None:
            raise UnknownCode(
                f"unknown modifier '{key}': not in the code library", field="modifier"
            )
        return found

    def modifiers(self) -> list[Modifier]:
        return [self._modifiers[k] for k in sorted(self._modifiers)]

    # ---------------------------------------------------------------- edits and payment

    def mue(self, code: str, setting: str) -> Mue | None:
        """The MUE of a code in ``practitioner`` or ``outpatient_hospital`` (None if none)."""
        wanted = _setting(setting)
        try:
            key = normalize_code(code)
        except UnknownCode:
            return None
        return self._mue.get((key, wanted))

    def addon_primaries(self, code: str, setting: str | None = None) -> list[str]:
        """Active primary codes of an add-on (CMS add-on edits); ``CCCCC`` = contractor-defined.

        With a setting, primaries the file restricts to the other setting are left out.
        """
        rows = self._aoc.get(str(code).strip().upper(), [])
        wanted = _setting(setting) if setting else None
        out = []
        for r in rows:
            if wanted == "outpatient_hospital" and r["note"] == "practitioner only":
                continue
            if wanted == "practitioner" and r["note"] == "facility only":
                continue
            out.append(r["primary_code"])
        return sorted(set(out))

    def addon_edit_type(self, code: str) -> int | None:
        rows = self._aoc.get(str(code).strip().upper(), [])
        return min(int(r["edit_type"]) for r in rows) if rows else None

    def is_addon(self, code: str) -> bool:
        return bool(self._aoc.get(str(code).strip().upper()))

    def ptp(self, column1: str, column2: str) -> PtpEdit | None:
        """The active NCCI pair (column1, column2), or None."""
        return self._ptp.get((str(column1).strip().upper(), str(column2).strip().upper()))

    def ptp_edits_for(self, code: str) -> list[PtpEdit]:
        """Every active pair with ``code`` in column 1 or column 2."""
        edits = self._ptp_by_code.get(str(code).strip().upper(), [])
        return sorted(edits, key=lambda e: (e.column1, e.column2))

    def payment(self, code: str, setting: str) -> Payment | None:
        """National payment of one unit: PFS for ``professional``, OPPS for ``facility``."""
        kind: PaymentSetting = "professional" if _setting(setting) == "practitioner" else "facility"
        try:
            key = normalize_code(code)
        except UnknownCode:
            return None
        if kind == "professional":
            row = self._pfs.get(key)
            if row is None:
                return None
            non_facility, facility = _f(row["payment_non_facility"]), _f(row["payment_facility"])
            amount = non_facility if non_facility is not None else facility
            if amount is None:
                return None
            return Payment(
                code=key,
                setting=kind,
                amount=amount,
                non_facility=non_facility,
                facility=facility,
                conversion_factor=_f(row["conversion_factor"]),
                source="Medicare PFS national (non-facility amount used)",
                release=row["release"],
            )
        opps = self._opps.get(key)
        if opps is None or opps.payment_rate is None:
            return None
        return Payment(
            code=key,
            setting=kind,
            amount=opps.payment_rate,
            si=opps.si,
            apc=opps.apc,
            source="OPPS Addendum B national payment rate",
            release=opps.effective or self.release_id,
        )

    def status_indicator(self, si: str) -> str:
        return self._status_meaning.get(si.strip().upper(), "")

    # ---------------------------------------------------------------- building

    def _opps_model(self, r: dict[str, str]) -> Opps:
        return Opps(
            si=r["si"],
            si_meaning=self._status_meaning.get(r["si"], ""),
            apc=r["apc"] or None,
            weight=_f(r["weight"]),
            payment_rate=_f(r["payment_rate"]),
            effective=r["effective"] or None,
            source=r["source"],
        )

    def _mue_pair(self, code: str) -> MueBySetting:
        return MueBySetting(
            practitioner=self._mue.get((code, "practitioner")),
            outpatient_hospital=self._mue.get((code, "outpatient_hospital")),
        )

    def _drug_model(self, r: dict[str, str]) -> Drug:
        try:
            return Drug(
                hcpcs=r["hcpcs"],
                generic_name=r["generic_name"],
                billing_unit_amount=_f(r["billing_unit_amount"]),
                billing_unit=r["billing_unit"],
                category=r["category"] or None,
                engine_category=r["engine_category"] or None,
                hormonal=r["hormonal"] == "true",
                route=r["route"],
                hcpcs_year=_i(r["hcpcs_year"]),
                added_date=r["added_date"] or None,
                deleted=r["deleted"] == "true",
                synonyms=[s for s in r["synonyms"].split("|") if s],
                single_dose_typical={"true": True, "false": False}.get(r["single_dose_typical"]),
                opps=self._opps.get(r["hcpcs"]),
                mue=self._mue_pair(r["hcpcs"]),
            )
        except ValidationError as exc:
            raise ConfigError(
                f"drug {r.get('hcpcs')}: bad catalogue row ({exc.error_count()} errors)"
            ) from exc

    def _name_index(self) -> dict[str, str]:
        """Normalized name → HCPCS, in tiers: generic names, then brand names and synonyms,
        then the name before any parenthesis, then the molecule without its salt. Within a
        tier the lowest code wins."""
        index: dict[str, str] = {}
        codes = sorted(self._drugs)
        for code in codes:
            index.setdefault(_norm_name(self._drugs[code].generic_name), code)
        for code in codes:
            for name in self._drugs[code].synonyms:
                index.setdefault(_norm_name(name), code)
        for code in codes:
            index.setdefault(_norm_name(re.split(r"[(,]", self._drugs[code].generic_name)[0]), code)
        for code in codes:
            index.setdefault(_core_name(self._drugs[code].generic_name), code)
        # last tier: the molecule alone ("goserelin" for "goserelin acetate implant"), only
        # when one code carries it, so an ambiguous molecule (leuprolide) is never guessed
        first: dict[str, set[str]] = {}
        for code in codes:
            words = _core_name(self._drugs[code].generic_name).split()
            if words and len(words[0]) >= 5 and words[0].isalpha():
                first.setdefault(words[0], set()).add(code)
        for word, owners in first.items():
            if len(owners) == 1:
                index.setdefault(word, next(iter(owners)))
        index.pop("", None)
        return index

    def _modifier_models(self, data: Mapping[str, Any]) -> dict[str, Modifier]:
        out = {}
        for key, body in data.items():
            code = str(key).strip().upper()
            try:
                out[code] = Modifier(
                    code=code, **_known(body, {"label", "meaning", "applies_to", "sources"})
                )
            except (ValidationError, TypeError) as exc:
                raise ConfigError(
                    f"modifiers.toml: modifier {code} is not valid", field=f"modifiers.{code}"
                ) from exc
        return out

    def _entry(self, code: str, content: Mapping[str, Any] | None) -> CodeEntry:
        content = dict(content or {})
        pfs_row = self._pfs.get(code)
        cls = self._class.get(code, {})
        has_cms = (
            pfs_row is not None
            or code in self._opps
            or bool(cls.get("ccs") or cls.get("rbcs_category"))
        )
        fields: dict[str, Any] = _known(content, _CONTENT_KEYS)
        fields.setdefault("family", default_family(code))
        if "status" not in fields:
            deleted = (pfs_row is not None and pfs_row["status"] == "D") or not has_cms
            fields["status"] = "deleted" if deleted else "active"
        rule = content.get("time_rule")
        aoc = self._aoc.get(code, [])
        addon = bool(aoc) if aoc or code in self._pfs else bool(content.get("addon", False))
        if "addon" in content and bool(content["addon"]) != addon:
            self.content_conflicts.append(code)
        sources = list(fields.pop("sources", []))
        sources += [s for s in self._data_sources(code) if s not in sources]
        try:
            return CodeEntry(
                code=code,
                addon=addon,
                primaries=self.addon_primaries(code),
                addon_edit_type=self.addon_edit_type(code),
                time_rule=TimeRule(**rule) if isinstance(rule, Mapping) else None,
                pfs=self._pfs_model(pfs_row),
                rvus=self._rvus(pfs_row),
                payment=self._pfs_payment(pfs_row),
                opps=self._opps.get(code),
                mue=self._mue_pair(code),
                tos=Tos(code=cls["tos"], label=cls["tos_label"]) if cls.get("tos") else None,
                betos=Betos(
                    code=cls["betos"],
                    label=cls["betos_label"],
                    terminated=cls["betos_terminated"] or None,
                    source=cls["betos_source"],
                )
                if cls.get("betos")
                else None,
                rbcs=Rbcs(
                    category=cls["rbcs_category"],
                    subcategory=cls["rbcs_subcategory"],
                    family=cls["rbcs_family"],
                )
                if cls.get("rbcs_category")
                else None,
                ccs=Ccs(number=int(cls["ccs"]), label=cls["ccs_label"]) if cls.get("ccs") else None,
                sources=sources,
                data_release=self.release_id,
                **fields,
            )
        except (ValidationError, TypeError) as exc:
            raise ConfigError(
                f"codes.toml: code {code} does not fit the content schema ({exc})",
                field=f"codes.{code}",
            ) from exc

    def _data_sources(self, code: str) -> list[str]:
        names = []
        if code in self._pfs:
            names.append("CMS PFS relative value file")
        if code in self._aoc:
            names.append("NCCI add-on code edits")
        if (code, "practitioner") in self._mue or (code, "outpatient_hospital") in self._mue:
            names.append("NCCI MUE tables")
        if code in self._ptp_by_code:
            names.append("NCCI PTP edits")
        if code in self._opps:
            names.append("OPPS Addendum B")
        cls = self._class.get(code, {})
        if cls.get("betos"):
            names.append("BETOS")
        if cls.get("rbcs_category"):
            names.append("RBCS")
        if cls.get("ccs"):
            names.append("HCUP CCS")
        return names

    @staticmethod
    def _pfs_model(row: dict[str, str] | None) -> PfsIndicators | None:
        if row is None:
            return None
        return PfsIndicators(
            status=row["status"],
            status_meaning=PFS_STATUS_MEANING.get(row["status"], ""),
            not_used_for_medicare_payment=row["not_used_for_medicare_payment"] == "+",
            global_days=row["global_days"],
            pctc=row["pctc"],
            mult_proc=row["mult_proc"],
            bilateral=row["bilateral"],
            assistant=row["assistant"],
            co_surgery=row["co_surgery"],
            team_surgery=row["team_surgery"],
            pricing_indicator=row["pricing_indicator"],
            physician_supervision=row["physician_supervision"],
            diagnostic_imaging_family=row["diagnostic_imaging_family"],
            release=row["release"],
            source=row["source"],
        )

    @staticmethod
    def _rvus(row: dict[str, str] | None) -> Rvus | None:
        if row is None:
            return None
        return Rvus(
            work=float(row["work_rvu"] or 0),
            pe_non_facility=float(row["pe_rvu_non_facility"] or 0),
            pe_facility=float(row["pe_rvu_facility"] or 0),
            mp=float(row["mp_rvu"] or 0),
            total_non_facility=float(row["total_non_facility"] or 0),
            total_facility=float(row["total_facility"] or 0),
            non_facility_na=row["non_facility_na"] == "NA",
            facility_na=row["facility_na"] == "NA",
        )

    @staticmethod
    def _pfs_payment(row: dict[str, str] | None) -> PfsPayment | None:
        if row is None or not row["conversion_factor"]:
            return None
        return PfsPayment(
            non_facility=_f(row["payment_non_facility"]),
            facility=_f(row["payment_facility"]),
            conversion_factor=float(row["conversion_factor"]),
            release=row["release"],
            source=row["source"],
        )


def _known(body: Any, keys: set[str]) -> dict[str, Any]:
    if not isinstance(body, Mapping):
        raise TypeError("expected a table")
    return {k: v for k, v in body.items() if k in keys}
