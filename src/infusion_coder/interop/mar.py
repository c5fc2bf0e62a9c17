"""MAR event exports (CSV) → case format v1: event streams become administrations with pauses.

An EHR's medication administration record lists *actions*: a new bag is started, the rate
changes, the infusion is paused, restarted and stopped, or a push is given. Events of one
administration (same ``admin_id``, else the same drug and site) are folded into one
administration; a stream that never stops keeps no stop time and gets a warning. Nothing is
invented. Columns and accepted action words are in ``docs/ehr-integration.md``; a TOML mapping
renames columns and actions for sites whose export differs.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from infusion_coder.errors import InvalidInput, pydantic_errors_to_message
from infusion_coder.interop import _dosage as d
from infusion_coder.interop import _systems as s
from infusion_coder.interop.report import ImportedCase, MappingReport
from infusion_coder.models import ROUTES, Case

Action = Literal["start", "rate_change", "pause", "restart", "stop", "given", "ignore"]

#: the columns we read; ``encounter``, ``timestamp``, ``action`` are required
COLUMNS: dict[str, str] = {
    "encounter": "the visit (encounter / CSN / FIN); one case per value",
    "timestamp": "when the action happened: ISO 8601, 'YYYY-MM-DD HH:MM' or 'MM/DD/YYYY HH:MM'",
    "action": "what happened: start (new bag), rate_change, pause, restart, stop, given",
    "admin_id": "groups the events of one administration (order / line / bag id); optional",
    "drug": "drug name (required unless hcpcs)",
    "hcpcs": "HCPCS Level II code",
    "dose": "amount given (number)",
    "dose_unit": "unit of the dose (mg, units, …)",
    "route": "route (IV, SC, IM, intrathecal, …, or a case-format route)",
    "site": "vascular access / site",
    "volume_ml": "volume of the bag (mL)",
    "rate_ml_per_hr": "rate (mL/h)",
    "category": "chemotherapy / therapeutic / hydration (optional)",
    "encounter_number": "2, 3, … for a separate encounter the same day (optional)",
    "setting": "facility or professional (optional; first value per encounter)",
    "payer": "medicare or commercial (optional; first value per encounter)",
}
REQUIRED = ("encounter", "timestamp", "action")
ACTION_WORDS: dict[str, Action] = {
    "start": "start",
    "started": "start",
    "new bag": "start",
    "new_bag": "start",
    "begin": "start",
    "begun": "start",
    "rate change": "rate_change",
    "rate_change": "rate_change",
    "rate changed": "rate_change",
    "rate verify": "rate_change",
    "pause": "pause",
    "paused": "pause",
    "hold": "pause",
    "held": "pause",
    "on hold": "pause",
    "restart": "restart",
    "restarted": "restart",
    "resume": "restart",
    "resumed": "restart",
    "stop": "stop",
    "stopped": "stop",
    "completed": "stop",
    "complete": "stop",
    "infusion complete": "stop",
    "discontinued": "stop",
    "end": "stop",
    "given": "given",
    "push": "given",
    "injection": "given",
    "bolus": "given",
    "administered": "given",
    "ignore": "ignore",
}
_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?$")


class MarDefaults(BaseModel):
    model_config = ConfigDict(extra="forbid")

    setting: Literal["facility", "professional"] | None = None
    payer: Literal["medicare", "commercial"] | None = None
    #: a ``strptime`` format when timestamps are in none of the accepted forms
    timestamp_format: str | None = None
    delimiter: str = Field(default=",", min_length=1, max_length=1)


class MarMapping(BaseModel):
    """A site's column mapping (TOML): ``[columns]``, ``[actions]``, ``[routes]``, ``[defaults]``."""

    model_config = ConfigDict(extra="forbid")

    #: our column name → the export's header
    columns: dict[str, str] = Field(default_factory=dict)
    #: the export's action word → our action
    actions: dict[str, Action] = Field(default_factory=dict)
    #: the export's route word → a case-format route (or IV/SC/IM families)
    routes: dict[str, str] = Field(default_factory=dict)
    defaults: MarDefaults = Field(default_factory=MarDefaults)


def load_mapping(text: str | MarMapping | None) -> MarMapping:
    """Parse a TOML mapping; errors name the key."""
    if text is None:
        return MarMapping()
    if isinstance(text, MarMapping):
        return text
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"mapping: not valid TOML ({exc})", field="mapping") from None
    try:
        mapping = MarMapping.model_validate(raw)
    except ValidationError as exc:
        message, where = pydantic_errors_to_message(exc, prefix="mapping")
        raise InvalidInput(f"mapping: {message}", field=where) from None
    for word, route in mapping.routes.items():
        key = route.strip().lower()
        if not (
            key in _ROUTES
            or key in s.ROUTE_ABBREVIATIONS
            or any(w in key for w, _ in s.ROUTE_WORDS)
        ):
            raise InvalidInput(
                f"mapping.routes.{word}: not a case-format route nor IV/SC/IM/IA",
                field=f"mapping.routes.{word}",
            )
    unknown = sorted(set(mapping.columns) - set(COLUMNS))
    if unknown:
        raise InvalidInput(
            f"mapping.columns: unknown column name {unknown[0]!r} (ours are: {', '.join(COLUMNS)})",
            field=f"mapping.columns.{unknown[0]}",
        )
    return mapping


@dataclass
class _Open:
    """One administration being folded from its events."""

    id: str
    drug: str | None
    hcpcs: str | None
    route: str
    site: str | None
    category: str | None
    number: int
    start: str | None = None
    stop: str | None = None
    paused_at: str | None = None
    pauses: list[dict[str, str]] = field(default_factory=list)
    dose: dict[str, Any] | None = None
    volume_ml: float | None = None
    rate: float | None = None
    rows: list[int] = field(default_factory=list)
    push: bool = False


def read_mar_csv(text: str, mapping: MarMapping | str | None = None) -> list[ImportedCase]:
    """Read a MAR event CSV into one case per encounter (in order of first appearance)."""
    m = load_mapping(mapping)
    reader = csv.DictReader(
        io.StringIO(text.lstrip("\ufeff")), delimiter=m.defaults.delimiter, strict=True
    )
    try:
        return _read_rows(reader, m)
    except csv.Error as exc:
        row = reader.line_num + 1  # the line being read when it failed
        raise InvalidInput(
            f"MAR CSV: row {row}: not readable as CSV ({exc})", field=f"row {row}"
        ) from None


def _read_rows(reader: csv.DictReader[str], m: MarMapping) -> list[ImportedCase]:
    headers = [h for h in reader.fieldnames or [] if h is not None]
    if not any(h.strip() for h in headers):
        raise InvalidInput("MAR CSV: empty file (no header row)", field="(header)")
    col = _columns(headers, m)
    visits: dict[str, _MarVisit] = {}
    for row in reader:
        line = reader.line_num
        values = {
            ours: (row.get(theirs) or "").strip() for ours, theirs in col.items() if theirs in row
        }
        if not any(values.values()):
            continue
        enc = values.get("encounter") or ""
        if not enc:
            raise InvalidInput(f"row {line}: encounter: missing", field=f"row {line}.encounter")
        visit = visits.setdefault(enc, _MarVisit(enc, m))
        visit.event(line, values)
    return [v.finish() for v in visits.values()]


def _columns(headers: list[str], m: MarMapping) -> dict[str, str]:
    """Our column name → the header in this file (case and surrounding spaces ignored)."""
    lower = {h.strip().lower(): h for h in headers}
    out: dict[str, str] = {}
    for ours in COLUMNS:
        theirs = m.columns.get(ours, ours).strip().lower()
        if theirs in lower:
            out[ours] = lower[theirs]
    for ours in REQUIRED:
        if ours not in out:
            named = m.columns.get(ours)
            hint = f" (mapped to {named!r})" if named else ""
            raise InvalidInput(f"MAR CSV: missing column {ours!r}{hint}", field=ours)
    if "drug" not in out and "hcpcs" not in out:
        raise InvalidInput("MAR CSV: give a 'drug' or an 'hcpcs' column", field="drug")
    return out


class _MarVisit:
    def __init__(self, encounter: str, mapping: MarMapping) -> None:
        self.id = encounter
        self.m = mapping
        self.report = MappingReport()
        self.open: dict[tuple[str, ...], _Open] = {}
        self.done: list[_Open] = []
        self.setting: str | None = None
        self.payer: str | None = None
        self.seen_ids: set[str] = set()
        self.events: list[tuple[str, int, dict[str, str]]] = []

    def event(self, line: int, v: dict[str, str]) -> None:
        """Check a row's time; events are folded in time order (exports are not always sorted)."""
        self.events.append((self._time(v.get("timestamp", ""), f"row {line}"), line, v))

    def _apply(self, when: str, line: int, v: dict[str, str]) -> None:
        where = f"row {line}"
        word = v.get("action", "")
        action = self.m.actions.get(word) or ACTION_WORDS.get(word.strip().lower())
        if not word:
            raise InvalidInput(f"{where}: action: missing", field=f"{where}.action")
        if action is None:
            self.report.add(
                "ambiguous",
                f"{where}.action",
                note="not a known action: row ignored (map it in [actions])",
            )
            return
        if action == "ignore":
            self.report.add("ignored", f"{where}.action", note="mapped to ignore")
            return
        self.setting = self.setting or _choice(
            v.get("setting"), ("facility", "professional"), where, "setting"
        )
        self.payer = self.payer or _choice(
            v.get("payer"), ("medicare", "commercial"), where, "payer"
        )
        drug, hcpcs = v.get("drug") or None, v.get("hcpcs") or None
        if not drug and not hcpcs:
            raise InvalidInput(f"{where}: drug: give drug or hcpcs", field=f"{where}.drug")
        number = _int(v.get("encounter_number"), where, "encounter_number") or 1
        admin = v.get("admin_id") or ""
        key = (
            (admin, str(number))
            if admin
            else (
                (drug or "").lower(),
                (hcpcs or "").upper(),
                (v.get("site") or "").lower(),
                str(number),
            )
        )
        cur = self.open.get(key)
        if action == "given":
            adm = self._new(admin or f"{line}", drug, hcpcs, v, number, where, push=True)
            adm.start = when
            adm.rows.append(line)
            self._amounts(adm, v, where)
            if adm.route in s.INFUSION_ROUTES:
                self.report.add(
                    "missing",
                    where,
                    f"administration {adm.id}.stop",
                    "an infusion recorded as given: no stop time",
                    [adm.id],
                )
                adm.rate = None  # no stop derived from volume and rate either
            self.done.append(adm)
            return
        if action == "start":
            if cur is None:
                cur = self._new(admin or f"{line}", drug, hcpcs, v, number, where, push=False)
                cur.start = when
                self.open[key] = cur
            else:
                self.report.add(
                    "mapped",
                    f"{where}.action",
                    "volume_ml",
                    "a new bag of a running administration",
                )
                if cur.paused_at is not None:  # a new bag after a hold restarts it
                    cur.pauses.append({"start": cur.paused_at, "stop": when})
                    cur.paused_at = None
            cur.rows.append(line)
            self._amounts(cur, v, where)
            return
        if cur is None:
            self.report.add(
                "missing",
                f"{where}.action",
                "start",
                f"a {action} event without a start: row ignored",
            )
            return
        cur.rows.append(line)
        if action == "rate_change":
            rate = _float(v.get("rate_ml_per_hr"), where, "rate_ml_per_hr")
            self.report.add(
                "ignored", f"{where}.rate_ml_per_hr", note="rate change: time, not rate, is coded"
            )
            if cur.rate is None and rate:
                cur.rate = rate
        elif action == "pause":
            if cur.paused_at is None:
                cur.paused_at = when
        elif action == "restart":
            if cur.paused_at is None:
                self.report.add("ambiguous", f"{where}.action", note="restart without a pause")
            else:
                cur.pauses.append({"start": cur.paused_at, "stop": when})
                cur.paused_at = None
        elif action == "stop":
            if cur.paused_at is not None:  # held, then stopped: the hold ran to the stop
                cur.stop = cur.paused_at
                cur.paused_at = None
            else:
                cur.stop = when
            self.done.append(cur)
            del self.open[key]

    def _new(
        self,
        base: str,
        drug: str | None,
        hcpcs: str | None,
        v: dict[str, str],
        number: int,
        where: str,
        *,
        push: bool,
    ) -> _Open:
        aid = base
        k = 2
        while aid in self.seen_ids:
            aid = f"{base}.{k}"
            k += 1
        self.seen_ids.add(aid)
        return _Open(
            id=aid,
            drug=drug,
            hcpcs=hcpcs,
            route=self._route(v.get("route") or "", push, where),
            site=v.get("site") or None,
            category=v.get("category") or None,
            number=number,
            push=push,
        )

    def _route(self, word: str, push: bool, where: str) -> str:
        key = word.strip().lower()
        mapped = self.m.routes.get(word) or self.m.routes.get(key) or key
        if mapped in _ROUTES:
            return mapped
        family = s.ROUTE_ABBREVIATIONS.get(mapped)
        if family is None:
            for w, fam in s.ROUTE_WORDS:
                if w in mapped:
                    family = fam
                    break
        if family is None:
            if not mapped:
                family = "iv"
                self.report.add(
                    "ambiguous", f"{where}.route", "route", "no route: read as intravenous"
                )
            else:
                self.report.add(
                    "ambiguous", f"{where}.route", "route", "not a known route: coded as other"
                )
                return "other"
        if family in ("iv", "sc", "ia"):
            said = d.method_in(mapped)  # "IV Push", "IVPB": the route word says how
            how = said if said in ("push", "infusion") else ("push" if push else "infusion")
            if said in ("push", "infusion") and (how == "push") != push:
                self.report.add(
                    "ambiguous",
                    f"{where}.route",
                    "route",
                    f"the route says {how} but the action says {'given' if push else 'start'}: "
                    f"read as {how}",
                )
            return s.FAMILY_METHOD[(family, how)]
        return family

    def _amounts(self, adm: _Open, v: dict[str, str], where: str) -> None:
        dose = _float(v.get("dose"), where, "dose")
        if dose is not None:
            unit = v.get("dose_unit") or ""
            if not unit:
                raise InvalidInput(
                    f"{where}: dose_unit: missing for a dose", field=f"{where}.dose_unit"
                )
            if adm.dose is None:
                adm.dose = {"amount": dose, "unit": unit}
            elif adm.dose["unit"] == unit:
                adm.dose = {"amount": adm.dose["amount"] + dose, "unit": unit}
            else:
                self.report.add(
                    "ambiguous", f"{where}.dose_unit", "dose", "bags in different units: first kept"
                )
        vol = _float(v.get("volume_ml"), where, "volume_ml")
        if vol is not None:
            adm.volume_ml = (adm.volume_ml or 0) + vol
        rate = _float(v.get("rate_ml_per_hr"), where, "rate_ml_per_hr")
        if rate is not None and adm.rate is None and rate > 0:
            adm.rate = rate

    def _time(self, value: str, where: str) -> str:
        if not value:
            raise InvalidInput(f"{where}: timestamp: missing", field=f"{where}.timestamp")
        dt: datetime | None = None
        fmt = self.m.defaults.timestamp_format
        if fmt:
            try:
                dt = datetime.strptime(value, fmt)
            except ValueError:
                dt = None
        if dt is None:
            try:
                dt = datetime.fromisoformat(value)
            except ValueError:
                dt = None
        if dt is None:
            um = _US.match(value)
            if um:
                mo, d, y, h, mi, ap = um.groups()
                hour = int(h)
                if ap:
                    hour = hour % 12 + (12 if ap.lower() == "pm" else 0)
                try:
                    dt = datetime(int(y), int(mo), int(d), hour, int(mi))
                except ValueError:
                    dt = None
        if dt is None:
            raise InvalidInput(
                f"{where}: timestamp: not a date-time (ISO 8601, 'YYYY-MM-DD HH:MM' or 'MM/DD/YYYY HH:MM')",
                field=f"{where}.timestamp",
            )
        if dt.tzinfo is not None:
            dt = dt.replace(tzinfo=None)  # wall-clock time as recorded
        return dt.strftime("%Y-%m-%dT%H:%M")

    def finish(self) -> ImportedCase:
        for when, line, v in sorted(self.events, key=lambda e: (e[0], e[1])):
            self._apply(when, line, v)
        for key, adm in list(self.open.items()):
            where = (
                f"rows {adm.rows[0]}–{adm.rows[-1]}" if len(adm.rows) > 1 else f"row {adm.rows[0]}"
            )
            self.report.add(
                "missing",
                where,
                f"administration {adm.id}.stop",
                "the event stream has no stop: no stop time is invented; confirm the end in the record",
                [adm.id],
            )
            if adm.rate is not None:
                adm.rate = None  # a derived stop would be an invented time
            self.done.append(adm)
            del self.open[key]
        adms = []
        for adm in sorted(self.done, key=lambda a: (a.number, a.start or "", a.id)):
            if adm.paused_at is not None:
                self.report.add(
                    "missing",
                    f"administration {adm.id}",
                    "pauses",
                    "held and never restarted or stopped",
                )
            out: dict[str, Any] = {
                "id": adm.id,
                "drug": adm.drug,
                "hcpcs": adm.hcpcs,
                "route": adm.route,
                "start": adm.start,
                "stop": adm.stop,
                "pauses": adm.pauses or None,
                "site": adm.site,
                "category": adm.category,
                "dose": adm.dose,
                "volume_ml": adm.volume_ml,
                "rate_ml_per_hr": adm.rate,
                "encounter": adm.number if adm.number != 1 else None,
            }
            adms.append({k: v for k, v in out.items() if v is not None})
        setting = self.setting or self.m.defaults.setting
        if setting is None:
            setting = "facility"
            self.report.add(
                "missing", "setting", "setting", "no setting column or default: facility"
            )
        case: dict[str, Any] = {
            "id": self.id,
            "setting": setting,
            "payer": self.payer or self.m.defaults.payer or "medicare",
            "administrations": adms,
        }
        days = sorted(a["start"][:10] for a in adms if a.get("start"))
        if days:
            case["date"] = days[0]
        try:
            parsed = Case.model_validate(case)
        except ValidationError as exc:
            message, bad = pydantic_errors_to_message(exc)
            raise InvalidInput(
                f"MAR CSV: an encounter maps to an invalid case: {message}", field=bad
            ) from None
        return ImportedCase(case=parsed, report=self.report, patient=None, encounter=None)


_ROUTES = frozenset(ROUTES)  # the case format's routes


def _float(value: str | None, where: str, name: str) -> float | None:
    if not value:
        return None
    try:
        out = float(value.replace(",", ""))
    except ValueError:
        raise InvalidInput(f"{where}: {name}: not a number", field=f"{where}.{name}") from None
    if out < 0:
        raise InvalidInput(f"{where}: {name}: must not be negative", field=f"{where}.{name}")
    return out


def _int(value: str | None, where: str, name: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise InvalidInput(f"{where}: {name}: not a positive whole number", field=f"{where}.{name}")
    return int(value)


def _choice(value: str | None, allowed: tuple[str, ...], where: str, name: str) -> str | None:
    if not value:
        return None
    v = value.strip().lower()
    if v not in allowed:
        raise InvalidInput(
            f"{where}: {name}: expected one of {', '.join(allowed)}", field=f"{where}.{name}"
        )
    return v
