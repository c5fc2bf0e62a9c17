"""Build the packaged code-library release from raw CMS/AHRQ files.

Usage::

    python scripts/build_knowledge.py --source ../shared/data --domain ../shared/domain \
        [--out src/infusion_coder/knowledge/data]

Reads the raw files (layouts: ``shared/domain/file_formats.md``), keeps only the codes the
product needs, and writes a small normalized release ``<out>/<release>/`` (UTF-8 CSV + JSON)
with a ``MANIFEST.json`` naming every source (file, sha256, release, effective date, rows kept)
and which source won where two differ (newest effective date wins).

AMA text never reaches the output: the PFS ``DESCRIPTION`` column, the Addendum B short
descriptor and the add-on file's notes/descriptors are not read into any output column.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

LICENCE_NOTE = (
    "Numeric facts and indicators from public CMS files (PFS RVU, NCCI MUE/PTP/add-on edits, "
    "OPPS Addendum B, BETOS, RBCS) and AHRQ HCUP CCS ranges. CPT code numbers are AMA CPT "
    "Level I codes; no AMA descriptor text (PFS DESCRIPTION, Addendum B short descriptor) is "
    "included: labels and descriptions come from the project's own editorial content. HCPCS "
    "Level II drug facts come from the CMS HCPCS file via domain/drug_codes.csv."
)

MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
MONTH_NAMES = {
    name: MONTHS[name[:3]]
    for name in (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
}

MAI_MEANING = {
    1: "line edit: units per claim line",
    2: "date-of-service edit, policy: units per day, not overridable",
    3: "date-of-service edit, clinical: units per day, may be bypassed on review",
}

PTP_MODIFIER_MEANING = {0: "not allowed", 1: "allowed", 9: "not applicable"}

ACTIVE_DATE = "99991231"


# --------------------------------------------------------------------------------------------
# code set


def product_code_set(pfs_codes: Iterable[str]) -> set[str]:
    """The procedure codes the product needs.

    96360-96549 and the office E/M codes 99202-99215 as present in the PFS files (so codes
    that do not exist, such as 99206, are left out), plus 36591/36592 (blood draw from an
    access device), G0498 (clinic-started pump chemo) and C8957 (OPPS prolonged infusion).
    """
    codes = {
        c
        for c in pfs_codes
        if c.isdigit() and (96360 <= int(c) <= 96549 or 99202 <= int(c) <= 99215)
    }
    return codes | {"36591", "36592", "G0498", "C8957"}


# --------------------------------------------------------------------------------------------
# helpers


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_text(path: Path) -> str:
    """CMS files are Latin-1/windows-1252; decoded copies are UTF-8 (ASCII in practice)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def csv_rows(path: Path, skip_comments: bool = False) -> list[list[str]]:
    text = read_text(path)
    if skip_comments:
        text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    return list(csv.reader(io.StringIO(text)))


class BuildError(Exception):
    """A raw file the build cannot use; the message names the file."""


def header_row(rows: list[list[str]], path: Path, test: Any, what: str) -> int:
    """Index of the first row for which ``test(first_cell)`` holds; BuildError otherwise."""
    for i, row in enumerate(rows):
        if row and test(row[0].strip()):
            return i
    raise BuildError(f"{path.name}: no {what} header row found")


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def julian(value: str) -> str | None:
    """AOC dates are Julian YYYYDDD; return ISO or None when blank."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) != 7 or not value.isdigit():
        raise BuildError(f"bad Julian date {value!r}")
    return (date(int(value[:4]), 1, 1) + timedelta(days=int(value[4:]) - 1)).isoformat()


def ymd(value: str) -> str | None:
    """YYYYMMDD → ISO; blank, '*' and 99991231 (active sentinels) → None."""
    value = (value or "").strip()
    if not value or value == "*" or value == ACTIVE_DATE:
        return None
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def money(total: Decimal, factor: Decimal) -> str:
    return str((total * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def dec(value: str) -> str:
    value = (value or "").strip().replace("$", "").replace(",", "")
    if not value or value == ".":
        return ""
    return str(Decimal(value))


def first_digit(value: str) -> int | None:
    match = re.match(r"\s*(\d)", value or "")
    return int(match.group(1)) if match else None


@dataclass
class Source:
    """One raw input file as recorded in the manifest."""

    path: Path
    kind: str
    what: str
    release: str
    effective: date | None
    rows_read: int = 0
    rows_kept: int = 0
    notes: list[str] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.kind + (f"-{self.effective.isoformat()}" if self.effective else "")

    def manifest(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file": self.path.name,
            "kind": self.kind,
            "what": self.what,
            "release": self.release,
            "effective_from": self.effective.isoformat() if self.effective else None,
            "sha256": sha256(self.path),
            "rows_read": self.rows_read,
            "rows_kept": self.rows_kept,
            "notes": self.notes,
        }


# --------------------------------------------------------------------------------------------
# PFS relative value file


PFS_FIELDS = {
    "STATUS CODE": "status",
    "NOT USED FOR MEDICARE PAYMENT": "not_used_for_medicare_payment",
    "WORK RVU": "work_rvu",
    "NON-FAC PE RVU": "pe_rvu_non_facility",
    "NON-FAC NA INDICATOR": "non_facility_na",
    "FACILITY PE RVU": "pe_rvu_facility",
    "FACILITY NA INDICATOR": "facility_na",
    "MP RVU": "mp_rvu",
    "NON-FACILITY TOTAL": "total_non_facility",
    "FACILITY TOTAL": "total_facility",
    "PCTC IND": "pctc",
    "GLOB DAYS": "global_days",
    "MULT PROC": "mult_proc",
    "BILAT SURG": "bilateral",
    "ASST SURG": "assistant",
    "CO-SURG": "co_surgery",
    "TEAM SURG": "team_surgery",
    "PRIC IND": "pricing_indicator",
    "CONV FACTOR": "conversion_factor",
    "PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES": "physician_supervision",
    "DIAGNOSTIC IMAGING FAMILY INDICATOR": "diagnostic_imaging_family",
}

# 1-based inclusive positions of the fixed-width 2025 layout (RVU25D README)
PFS_TXT_2025 = {
    "hcpcs": (1, 5),
    "mod": (6, 7),
    "status": (58, 58),
    "not_used_for_medicare_payment": (59, 59),
    "work_rvu": (60, 65),
    "pe_rvu_non_facility": (67, 72),
    "non_facility_na": (73, 74),
    "pe_rvu_facility": (76, 81),
    "facility_na": (82, 83),
    "mp_rvu": (85, 89),
    "total_non_facility": (91, 96),
    "total_facility": (97, 102),
    "pctc": (103, 103),
    "global_days": (104, 106),
    "mult_proc": (116, 116),
    "bilateral": (117, 117),
    "assistant": (118, 118),
    "co_surgery": (119, 119),
    "team_surgery": (120, 120),
    "conversion_factor": (133, 140),
    "physician_supervision": (142, 143),
    "diagnostic_imaging_family": (146, 147),
}

PFS_DECIMALS = (
    "work_rvu",
    "pe_rvu_non_facility",
    "pe_rvu_facility",
    "mp_rvu",
    "total_non_facility",
    "total_facility",
    "conversion_factor",
)


def _norm_header(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().upper())
    return text.replace("- ", "-")


def _release_from_name(name: str) -> tuple[int, int] | None:
    match = re.search(r"(20\d\d)_?([A-Za-z]{3})", name)
    if match and match.group(2).lower() in MONTHS:
        return int(match.group(1)), MONTHS[match.group(2).lower()]
    return None


def parse_pfs_csv(path: Path) -> tuple[Source, dict[str, dict[str, str]]]:
    rows = csv_rows(path)
    header_at = header_row(rows, path, lambda c: c.upper() == "HCPCS", "PFS (HCPCS,MOD,...)")
    width = len(rows[header_at])
    pieces = rows[max(0, header_at - 4) : header_at + 1]
    names = [
        _norm_header(" ".join(p[i] for p in pieces if i < len(p) and p[i].strip()))
        for i in range(width)
    ]
    year_month = None
    released = None
    for row in rows[:header_at]:
        for cell in row:
            m = re.search(r"(20\d\d) National Physician Fee Schedule.*?(\w+) Release", cell)
            if m and m.group(2).lower() in MONTH_NAMES:
                year_month = (int(m.group(1)), MONTH_NAMES[m.group(2).lower()])
            m = re.search(r"RELEASED (\d\d)/(\d\d)/(\d{4})", cell)
            if m:
                released = f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
    year_month = year_month or _release_from_name(path.name)
    if year_month is None:
        raise BuildError(f"{path.name}: cannot tell the PFS release (title line or file name)")
    index = {name: i for i, name in enumerate(names)}
    missing = [h for h in ("HCPCS", "MOD", "STATUS CODE", "CONV FACTOR") if h not in index]
    if missing:
        raise BuildError(f"{path.name}: PFS header lacks {missing}")
    out: dict[str, dict[str, str]] = {}
    data = rows[header_at + 1 :]
    for row in data:
        if not row or not row[0].strip():
            continue
        if row[index["MOD"]].strip():
            continue  # professional/technical split rows: none in our code set
        rec = {
            key: row[index[col]].strip() if col in index and index[col] < len(row) else ""
            for col, key in PFS_FIELDS.items()
        }
        out[row[0].strip()] = rec  # DESCRIPTION is never read into rec
    year, month = year_month
    src = Source(
        path,
        "pfs_rvu",
        "Medicare Physician Fee Schedule national relative value file (PPRRVU)",
        f"PFS {year} {date(year, month, 1):%B} release"
        + (f" (released {released})" if released else ""),
        date(year, month, 1),
        rows_read=len(data),
    )
    return src, out


def parse_pfs_txt(path: Path) -> tuple[Source, dict[str, dict[str, str]]]:
    """The fixed-width 2025 layout (171-character records after HDR lines)."""
    year_month = _release_from_name(path.name)
    if year_month is None:
        raise BuildError(f"{path.name}: cannot tell the PFS release from the file name")
    if year_month[0] >= 2026:
        raise BuildError(f"{path.name}: the 2026 TXT layout is not verified; use the CSV")
    out: dict[str, dict[str, str]] = {}
    count = 0
    for line in read_text(path).splitlines():
        if line.startswith("HDR") or len(line) < 140:
            continue
        count += 1
        rec = {k: line[a - 1 : b].strip() for k, (a, b) in PFS_TXT_2025.items()}
        if rec.pop("mod"):
            continue
        code = rec.pop("hcpcs")
        rec["pricing_indicator"] = ""
        out[code] = rec
    year, month = year_month
    src = Source(
        path,
        "pfs_rvu",
        "Medicare Physician Fee Schedule national relative value file (PPRRVU, fixed width)",
        f"PFS {year} {date(year, month, 1):%B} release",
        date(year, month, 1),
        rows_read=count,
    )
    return src, out


def pfs_table(
    sources: list[tuple[Source, dict[str, dict[str, str]]]], keep: set[str]
) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """Newest release wins per code; older releases fill codes the newer lacks."""
    ordered = sorted(sources, key=lambda s: s[0].effective or date.min, reverse=True)
    rows: dict[str, dict[str, str]] = {}
    won: dict[str, int] = {}
    differs: list[str] = []
    for src, recs in ordered:
        kept = 0
        for code, rec in recs.items():
            if code not in keep:
                continue
            kept += 1
            if code in rows:
                if any(rows[code][k] != _pfs_row(code, rec, src)[k] for k in PFS_FIELDS.values()):
                    differs.append(code)
                continue
            rows[code] = _pfs_row(code, rec, src)
            won[src.id] = won.get(src.id, 0) + 1
        src.rows_kept = kept
    decision = {
        "table": "pfs.csv",
        "rule": "newest PFS release wins per code; codes the newest file lacks come from the older release",
        "codes_won": won,
        "codes_differing_between_releases": sorted(set(differs)),
    }
    return [rows[c] for c in sorted(rows)], decision


def _pfs_row(code: str, rec: dict[str, str], src: Source) -> dict[str, str]:
    row = {"code": code}
    for key in PFS_FIELDS.values():
        value = rec.get(key, "")
        row[key] = dec(value) if key in PFS_DECIMALS and value else value
    cf = Decimal(row["conversion_factor"] or "0")
    status = row["status"]
    payable = status in {"A", "R", "T"}
    for setting in ("non_facility", "facility"):
        total = Decimal(row[f"total_{setting}"] or "0")
        row[f"payment_{setting}"] = money(total, cf) if payable and total > 0 and cf > 0 else ""
    row["release"] = src.release
    row["source"] = src.id
    return row


# --------------------------------------------------------------------------------------------
# MUE


@dataclass
class MueRecord:
    code: str
    setting: str  # practitioner | outpatient_hospital
    value: int
    mai: int | None
    rationale: str
    source: Source


def _mue_effective(name: str) -> date | None:
    m = re.search(r"Eff_(\d\d)-(\d\d)-(\d{4})", name)
    if m:
        return date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    m = re.search(r"(20\d\d)-(\d\d)-(\d\d)", name)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def parse_mue(path: Path) -> tuple[Source, list[MueRecord]]:
    name = path.name
    effective = _mue_effective(name)
    if name.lower().endswith(".json"):
        data = json.loads(read_text(path))
        src = Source(
            path,
            "ncci_mue",
            "NCCI MUE values, practitioner and outpatient hospital (JSON excerpt)",
            f"NCCI MUE effective {effective}",
            effective,
            rows_read=len(data),
        )
        recs: list[MueRecord] = []
        for item in data:
            for key, setting in (
                ("practitioner", "practitioner"),
                ("hospital", "outpatient_hospital"),
            ):
                part = item.get(key)
                if part:
                    recs.append(
                        MueRecord(
                            str(item["code"]).strip(),
                            setting,
                            int(part["mue"]),
                            int(part["mai"]) if part.get("mai") is not None else None,
                            str(part.get("rationale") or ""),
                            src,
                        )
                    )
        return src, recs
    lower = name.lower()
    if "practitioner" in lower:
        setting = "practitioner"
    elif "outpatient" in lower or "oph" in lower or "facility" in lower:
        setting = "outpatient_hospital"
    else:
        raise BuildError(f"{name}: cannot tell the MUE setting from the file name")
    rows = csv_rows(path, skip_comments=True)
    header_at = header_row(rows, path, lambda c: c.lower().startswith("hcpcs"), "MUE")
    data_rows = [r for r in rows[header_at + 1 :] if r and r[0].strip()]
    src = Source(
        path,
        "ncci_mue",
        f"NCCI MUE table, {setting.replace('_', ' ')} services",
        f"NCCI MUE effective {effective}",
        effective,
        rows_read=len(data_rows),
        id=f"ncci_mue_{setting}" + (f"-{effective.isoformat()}" if effective else ""),
    )
    recs = [
        MueRecord(r[0].strip(), setting, int(r[1]), first_digit(r[2]), r[3].strip(), src)
        for r in data_rows
    ]
    return src, recs


def mue_table(
    sources: list[tuple[Source, list[MueRecord]]], keep: set[str]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    best: dict[tuple[str, str], MueRecord] = {}
    differs: set[str] = set()
    for _src, recs in sources:
        for rec in recs:
            if rec.code not in keep:
                continue
            key = (rec.code, rec.setting)
            old = best.get(key)
            if old is not None and (old.value, old.mai) != (rec.value, rec.mai):
                differs.add(f"{rec.code} {rec.setting}")
            if old is None or (rec.source.effective or date.min) > (
                old.source.effective or date.min
            ):
                best[key] = rec
    won: dict[str, int] = {}
    for src, recs in sources:
        src.rows_kept = sum(1 for r in recs if best.get((r.code, r.setting)) is r)
    rows = []
    for code, setting in sorted(best):
        rec = best[(code, setting)]
        won[rec.source.id] = won.get(rec.source.id, 0) + 1
        rows.append(
            {
                "code": code,
                "setting": setting,
                "value": rec.value,
                "mai": "" if rec.mai is None else rec.mai,
                "rationale": rec.rationale,
                "effective": rec.source.effective.isoformat() if rec.source.effective else "",
                "source": rec.source.id,
            }
        )
    decision = {
        "table": "mue.csv",
        "rule": "per code and setting, the MUE table with the newest effective date wins "
        "(e.g. the 2026-10-01 excerpts over the 2024-07-01 full tables); codes the newer "
        "excerpts lack (drugs, E/M, 36591/36592) come from the older full tables",
        "rows_won": won,
        "values_differing_between_tables": sorted(differs),
    }
    return rows, decision


# --------------------------------------------------------------------------------------------
# NCCI add-on code edits


def parse_aoc(path: Path) -> tuple[Source, list[list[str]]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
    else:
        rows = csv_rows(path)
    header_at = header_row(rows, path, lambda c: c == "AOC_Edit_Type", "add-on edit")
    header = [h.strip() for h in rows[header_at]]
    data = [r for r in rows[header_at + 1 :] if r and r[0].strip()]
    m = re.search(r"V(20\d\d)Q(\d)", path.name)
    effective = date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1) if m else None
    src = Source(
        path,
        "ncci_aoc",
        "NCCI add-on code edits (add-on code, its primary codes, edit type)",
        f"NCCI AOC {m.group(1)}Q{m.group(2)}" if m else "NCCI AOC",
        effective,
        rows_read=len(data),
    )
    out = []
    for row in data:
        rec = dict(
            zip(header, [c.strip() for c in row] + [""] * (len(header) - len(row)), strict=False)
        )
        out.append(
            [
                rec["Add-On_Code"],
                rec["Primary_Code"],
                rec["AOC_Edit_Type"],
                rec.get("AOC_DelDT", ""),
                rec.get("Primary_Code_DelDT", ""),
                rec.get("AOC_Edit_EffDT", ""),
                rec.get("AOC_Edit_DelDT", ""),
                rec.get("Special_Instruction_Notes", ""),
            ]
        )
    return src, out


_AOC_NOTES = {
    "(practitioner only)": "practitioner only",
    "may be reported by facilities only": "facility only",
    "contractor defined primary codes": "contractor-defined primary codes",
}


def _aoc_note(note: str) -> str:
    """Short structured note: never the raw text (it may carry descriptors)."""
    low = note.lower()
    return next((v for k, v in _AOC_NOTES.items() if k in low), "")


def aoc_table(src: Source, rows: list[list[str]], keep: set[str]) -> list[dict[str, Any]]:
    out = []
    for addon, primary, etype, aoc_del, prim_del, eff, edit_del, note in rows:
        if addon not in keep and primary not in keep:
            continue
        deletion = min(
            filter(None, [julian(aoc_del), julian(prim_del), julian(edit_del)]), default=None
        )
        out.append(
            {
                "addon_code": addon,
                "primary_code": primary,
                "edit_type": int(etype),
                "effective": julian(eff) or "",
                "deletion": deletion or "",
                "note": _aoc_note(note),
            }
        )
    src.rows_kept = len(out)
    out.sort(key=lambda r: (r["addon_code"], r["primary_code"], r["effective"]))
    return out


# --------------------------------------------------------------------------------------------
# NCCI PTP


def parse_ptp(path: Path) -> tuple[Source, list[dict[str, Any]]]:
    """Either the decoded CSV (column_1,column_2,deletion_date,...) or the real tab file."""
    text = read_text(path)
    name = path.name
    out: list[dict[str, Any]] = []
    if "\t" in text.splitlines()[0] or name.lower().endswith(".txt"):
        m = re.search(r"v(\d)(\d\d)r\d", name)
        effective = _ptp_version_date(m.group(1), m.group(2)) if m else None
        release = f"NCCI PTP practitioner v{m.group(1)}.{m.group(2)}" if m else "NCCI PTP"
        for line in text.splitlines():
            cells = line.split("\t")
            if len(cells) < 7 or not re.fullmatch(r"\d{8}", cells[3].strip()):
                continue
            out.append(
                {
                    "column1": cells[0].strip(),
                    "column2": cells[1].strip(),
                    "effective": ymd(cells[3]) or "",
                    "deletion": ymd(cells[4]) or "",
                    "modifier_indicator": int(cells[5]),
                    "rationale": cells[6].strip(),
                }
            )
    else:
        effective = _mue_effective(name)
        release = f"NCCI PTP practitioner effective {effective}"
        rows = csv_rows(path)
        for r in rows[1:]:
            if not r or not r[0].strip():
                continue
            out.append(
                {
                    "column1": r[0].strip(),
                    "column2": r[1].strip(),
                    "effective": "",
                    "deletion": ymd(r[2]) or "",
                    "modifier_indicator": int(r[3]),
                    "rationale": r[4].strip(),
                }
            )
    src = Source(
        path,
        "ncci_ptp",
        "NCCI procedure-to-procedure edits, practitioner (column 1 / column 2 pairs)",
        release,
        effective,
        rows_read=len(out),
    )
    if not any(r["effective"] for r in out):
        src.notes.append("no per-pair effective date in this copy: effective is left blank")
    return src, out


def _ptp_version_date(major: str, minor: str) -> date:
    """NCCI version vXY.Z: year 1994+XY, quarter Z+1 (v32.2 → 2026-07-01, v32.3 → 2026-10-01)."""
    year = 1994 + int(major + minor[0])
    quarter = int(minor[1]) + 1 if len(minor) > 1 else 1
    return date(year, 3 * min(quarter, 4) - 2, 1)


def ptp_table(
    sources: list[tuple[Source, list[dict[str, Any]]]], keep: set[str]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Active pairs touching the code set; newest source wins per pair."""
    ordered = sorted(sources, key=lambda s: s[0].effective or date.min, reverse=True)
    best: dict[tuple[str, str], dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()
    for src, rows in ordered:
        kept = 0
        for row in rows:
            pair = (row["column1"], row["column2"])
            if pair in seen or (pair[0] not in keep and pair[1] not in keep):
                continue
            if row["deletion"] and row["deletion"] <= (src.effective or date.max).isoformat():
                continue  # deleted before this file's effective date
            kept += 1
            best[pair] = {**row, "source": src.id}
        seen |= {(r["column1"], r["column2"]) for r in rows}
        src.rows_kept = kept
    decision = {
        "table": "ptp.csv",
        "rule": "active pairs (no deletion date, or one after the file's effective date) where "
        "column 1 or column 2 is in the code set; the newest PTP file wins per pair",
    }
    return [best[p] for p in sorted(best)], decision


# --------------------------------------------------------------------------------------------
# OPPS Addendum B


@dataclass
class OppsRecord:
    code: str
    si: str
    apc: str
    weight: str
    rate: str
    source: Source


def month_from_name(name: str) -> date | None:
    """First day of the month a file name states: 2026-04, cy2026_jan, January 2026 …"""
    low = name.lower()
    m = re.search(r"(20\d\d)-(\d\d)", low)
    if m and 1 <= int(m.group(2)) <= 12:
        return date(int(m.group(1)), int(m.group(2)), 1)
    m = re.search(r"(20\d\d)[ _-]?([a-z]{3,9})", low)
    if m and m.group(2)[:3] in MONTHS:
        return date(int(m.group(1)), MONTHS[m.group(2)[:3]], 1)
    m = re.search(r"([a-z]{3,9})[ _-]?(20\d\d)", low)
    if m and m.group(1)[:3] in MONTHS:
        return date(int(m.group(2)), MONTHS[m.group(1)[:3]], 1)
    return None


def parse_opps(path: Path) -> tuple[Source, list[OppsRecord]]:
    rows = csv_rows(path, skip_comments=True)
    header_at = header_row(
        rows,
        path,
        lambda c: c.lower() in ("hcpcs code", "hcpcscode", "code", "hcpcs"),
        "Addendum B (HCPCS Code,...)",
    )
    header = [h.strip().lower() for h in rows[header_at]]
    idx = {h: i for i, h in enumerate(header)}

    def col(row: list[str], *names: str) -> str:
        for n in names:
            if n in idx and idx[n] < len(row):
                return row[idx[n]].strip()
        return ""

    effective = month_from_name(path.name)
    if effective is None:
        raise BuildError(f"{path.name}: cannot tell the Addendum B month from the file name")
    src = Source(
        path,
        "opps_addendum_b",
        "OPPS Addendum B: status indicator, APC, relative weight, national payment rate",
        f"OPPS Addendum B {effective:%Y-%m}" if effective else "OPPS Addendum B",
        effective,
    )
    out = []
    for row in rows[header_at + 1 :]:
        if not row or not row[0].strip():
            continue
        code = row[0].strip().strip("\xff")
        rate = col(row, "payment rate", "paymentrate")
        mils = col(row, "ratemils")
        if not rate and mils:
            rate = str((Decimal(mils) / 1000).quantize(Decimal("0.001")))
        out.append(
            OppsRecord(
                code,
                col(row, "si", "statusindicator"),
                col(row, "apc"),
                dec(col(row, "relative weight", "weight")),
                dec(rate),
                src,
            )
        )
    src.rows_read = len(out)
    return src, out


def opps_table(
    sources: list[tuple[Source, list[OppsRecord]]], keep: set[str]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    ordered = sorted(sources, key=lambda s: s[0].effective or date.min, reverse=True)
    best: dict[str, dict[str, Any]] = {}
    filled = []
    for src, recs in ordered:
        kept = 0
        for rec in recs:
            if rec.code not in keep:
                continue
            have = best.get(rec.code)
            if have is None:
                best[rec.code] = {
                    "code": rec.code,
                    "si": rec.si,
                    "apc": rec.apc,
                    "weight": rec.weight,
                    "payment_rate": rec.rate,
                    "effective": rec.source.effective.isoformat() if rec.source.effective else "",
                    "source": src.id,
                }
                kept += 1
            elif have["si"] == rec.si and not have["apc"] and rec.apc:
                have["apc"], have["weight"] = rec.apc, rec.weight
                have["source"] += f";{src.id}"
                filled.append(rec.code)
                kept += 1
        src.rows_kept = kept
    decision = {
        "table": "opps.csv",
        "rule": "the newest Addendum B copy wins per code (SI, payment rate); APC and weight, "
        "which the newer derived copy lacks, come from the older copy when the SI is the same",
        "apc_filled_from_older": sorted(filled),
    }
    return [best[c] for c in sorted(best)], decision


def parse_status_indicators(path: Path) -> tuple[Source, list[dict[str, str]]]:
    rows = csv_rows(path)
    out = [
        {"si": r[0].strip(), "paid": r[1].strip(), "meaning": r[2].strip()}
        for r in rows[1:]
        if r and r[0].strip()
    ]
    src = Source(
        path,
        "opps_status_indicators",
        "OPPS status indicator list (CMS public) with whether OPPS pays",
        "OPPS status indicators",
        None,
        rows_read=len(out),
        rows_kept=len(out),
    )
    return src, out


# --------------------------------------------------------------------------------------------
# BETOS, RBCS, CCS, TOS


def parse_betos(path: Path) -> tuple[Source, dict[str, tuple[str, str]]]:
    out: dict[str, tuple[str, str]] = {}
    for line in read_text(path).splitlines():
        if len(line) < 9 or not line[:5].strip():
            continue
        out[line[:5].strip()] = (line[6:9].strip(), ymd(line[9:17]) or "")
    m = re.search(r"betpuf(\d\d)", path.name)
    year = 2000 + int(m.group(1)) if m else None
    src = Source(
        path,
        "betos",
        "Berenson-Eggers type of service (legacy BETOS) public use file",
        f"BETOS {year}" if year else "BETOS",
        date(year, 1, 1) if year else None,
        rows_read=len(out),
    )
    return src, out


def parse_betos_labels(path: Path) -> dict[str, str]:
    labels = {}
    for line in read_text(path).splitlines():
        m = re.match(r"^\s+([A-Z]\d[A-Z0-9]?)\s*=\s*(.+?)\s*$", line)
        if m:
            labels[m.group(1)] = m.group(2)
    return labels


def parse_rbcs(path: Path) -> tuple[Source, dict[str, dict[str, str]]]:
    rows = csv_rows(path)
    header = [h.strip() for h in rows[0]]
    idx = {h: i for i, h in enumerate(header)}
    real = "RBCS_Cat_Desc" in idx
    best: dict[str, tuple[str, dict[str, str]]] = {}
    for r in rows[1:]:
        if not r or not r[0].strip():
            continue
        code = r[0].strip()
        if real:
            if r[idx["RBCS_Latest_Assignment"]].strip() != "1":
                continue
            rec = {
                "rbcs_category": r[idx["RBCS_Cat_Desc"]].strip(),
                "rbcs_subcategory": r[idx["RBCS_Subcat_Desc"]].strip(),
                "rbcs_family": r[idx["RBCS_Family_Desc"]].strip(),
            }
            when = "9999"
        else:
            rec = {
                "rbcs_category": r[idx["rbcs_category"]].strip(),
                "rbcs_subcategory": r[idx["rbcs_subcategory"]].strip(),
                "rbcs_family": r[idx["rbcs_family"]].strip(),
            }
            when = r[idx["rbcs_date_effective"]].strip()
        if code not in best or when >= best[code][0]:
            best[code] = (when, rec)
    src = Source(
        path,
        "rbcs",
        "Restructured BETOS classification (category, subcategory, family)",
        "RBCS" + (" (decoded copy)" if not real else ""),
        None,
        rows_read=len(rows) - 1,
    )
    return src, {c: rec for c, (_, rec) in best.items()}


def parse_ccs(path: Path) -> tuple[Source, list[tuple[str, str, int, str]]]:
    rows = csv_rows(path)
    out = []
    for r in rows[1:]:
        if len(r) < 3:
            continue
        lo, _, hi = r[0].strip().strip("'").partition("-")
        out.append((lo.strip(), (hi or lo).strip(), int(r[1]), r[2].strip()))
    src = Source(
        path,
        "hcup_ccs",
        "AHRQ HCUP Clinical Classifications Software for services and procedures (code ranges)",
        "HCUP CCS 2016",
        None,
        rows_read=len(out),
    )
    return src, out


def _shape(code: str) -> str:
    return "".join("9" if ch.isdigit() else "A" for ch in code)


def ccs_for(code: str, ranges: list[tuple[str, str, int, str]]) -> tuple[int, str] | None:
    """The most specific range holding ``code`` (string comparison, same shape only)."""
    best: tuple[int, int, str] | None = None
    for lo, hi, num, label in ranges:
        if _shape(lo) != _shape(code) or _shape(hi) != _shape(code) or not lo <= code <= hi:
            continue
        span = int(re.sub(r"\D", "", hi) or 0) - int(re.sub(r"\D", "", lo) or 0)
        if best is None or span < best[0]:
            best = (span, num, label)
    return None if best is None else (best[1], best[2])


def tos_for(code: str) -> tuple[str, str] | None:
    """Derived type of service (no TOS source among the inputs for CPT codes)."""
    if code.startswith("C"):
        return None  # OPPS-only code: not billed on the professional claim
    if code.startswith(("J", "Q")):
        return "1", "medical care (drug; the HCPCS file lists TOS 1 and P)"
    if code.isdigit() and code.startswith("9") or code.startswith("G"):
        return "1", "medical care"
    if code.isdigit() and 10000 <= int(code) <= 69999:
        return "2", "surgery"
    return None


# --------------------------------------------------------------------------------------------
# drugs


CATEGORY = {
    "antineoplastic": "chemotherapy",
    "complex_biologic": "complex_biologic",
    "hormonal_antineoplastic": "hormonal_antineoplastic",
    "supportive": "supportive",
    "hydration": "hydration",
    "therapeutic": "therapeutic",
}

ENGINE_CATEGORY = {
    "chemotherapy": "chemotherapy",
    "complex_biologic": "chemotherapy",
    "hormonal_antineoplastic": "chemotherapy",
    "supportive": "therapeutic",
    "therapeutic": "therapeutic",
    "hydration": "hydration",
}

# brand names and common synonyms (team knowledge, not a CMS field)
SYNONYMS: dict[str, list[str]] = {
    "J1745": ["Remicade"],
    "J9312": ["Rituxan"],
    "J9311": ["Rituxan Hycela"],
    "J9355": ["Herceptin"],
    "J9356": ["Herceptin Hylecta"],
    "J9354": ["Kadcyla", "T-DM1"],
    "J9358": ["Enhertu", "T-DXd"],
    "J9271": ["Keytruda"],
    "J9299": ["Opdivo"],
    "J9289": ["Opdivo Qvantig"],
    "J9298": ["Opdualag"],
    "J9228": ["Yervoy"],
    "J9022": ["Tecentriq"],
    "J9024": ["Tecentriq Hybreza"],
    "J9023": ["Bavencio"],
    "J9173": ["Imfinzi"],
    "J9119": ["Libtayo"],
    "J9035": ["Avastin"],
    "J9055": ["Erbitux"],
    "J9303": ["Vectibix"],
    "J9306": ["Perjeta"],
    "J9145": ["Darzalex"],
    "J9144": ["Darzalex Faspro"],
    "J9042": ["Adcetris"],
    "J9041": ["Velcade"],
    "J9047": ["Kyprolis"],
    "J9301": ["Gazyva"],
    "J9308": ["Cyramza"],
    "J9317": ["Trodelvy"],
    "J9177": ["Padcev"],
    "J9039": ["Blincyto"],
    "J9264": ["Abraxane", "nab-paclitaxel"],
    "J9267": ["Taxol"],
    "J9171": ["Taxotere"],
    "J9263": ["Eloxatin"],
    "J9045": ["Paraplatin"],
    "J9060": ["Platinol"],
    "J9206": ["Camptosar"],
    "J9205": ["Onivyde"],
    "J9190": ["5-FU", "5-fluorouracil", "Adrucil"],
    "J9201": ["Gemzar"],
    "J9305": ["Alimta"],
    "J9000": ["Adriamycin"],
    "J9033": ["Treanda"],
    "J9034": ["Bendeka"],
    "J9025": ["Vidaza"],
    "J0894": ["Dacogen"],
    "J9370": ["Oncovin"],
    "J9390": ["Navelbine"],
    "J9395": ["Faslodex"],
    "J9217": ["Eligard"],
    "J1950": ["Lupron Depot"],
    "J9202": ["Zoladex"],
    "J9155": ["Firmagon"],
    "J1930": ["Somatuline Depot"],
    "J2353": ["Sandostatin LAR"],
    "J2354": ["Sandostatin"],
    "J2405": ["Zofran"],
    "J2469": ["Aloxi"],
    "J1626": ["Kytril"],
    "J1453": ["Emend IV", "Emend"],
    "J0185": ["Cinvanti"],
    "J1100": ["Decadron"],
    "J1200": ["Benadryl"],
    "J1308": ["Pepcid"],
    "J2470": ["Protonix"],
    "J3489": ["Zometa", "Reclast"],
    "J2430": ["Aredia"],
    "J0897": ["Xgeva", "Prolia"],
    "J2506": ["Neulasta", "Neulasta Onpro"],
    "J1442": ["Neupogen"],
    "J0881": ["Aranesp"],
    "J0885": ["Epogen", "Procrit"],
    "J1756": ["Venofer"],
    "J1439": ["Injectafer"],
    "J1437": ["Monoferric"],
    "J2916": ["Ferrlecit"],
    "J1750": ["INFeD"],
    "J0640": ["leucovorin"],
    "J0641": ["Fusilev"],
    "J9209": ["Mesnex"],
    "J1190": ["Zinecard", "Totect"],
    "J2783": ["Elitek"],
    "J2919": ["Solu-Medrol"],
    "J1720": ["Solu-Cortef"],
    "J2765": ["Reglan"],
    "J2550": ["Phenergan"],
    "J0780": ["Compazine"],
    "J2060": ["Ativan"],
    "J1885": ["Toradol"],
    "J0129": ["Orencia"],
    "J0490": ["Benlysta"],
    "J1299": ["Soliris"],
    "J1303": ["Ultomiris"],
    "J2323": ["Tysabri"],
    "J2350": ["Ocrevus"],
    "J3262": ["Actemra"],
    "J3380": ["Entyvio"],
    "J3358": ["Stelara"],
    "J1602": ["Simponi Aria"],
    "J2357": ["Xolair"],
    "J0202": ["Lemtrada", "Campath"],
    "J9203": ["Mylotarg"],
    "J1642": ["heparin lock flush", "heparin flush"],
    "J7030": ["NS", "normal saline", "0.9% sodium chloride", "sodium chloride 0.9%", "saline"],
    "J7050": ["NS 250", "normal saline 250 ml"],
    "J7040": ["NS 500", "normal saline 500 ml"],
    "J7042": ["D5NS", "D5 NS"],
    "J7060": ["D5W 500"],
    "J7070": ["D5W", "dextrose 5% in water"],
    "J7120": ["LR", "lactated ringer's", "lactated ringers", "ringer's lactate"],
}

# typical single-dose packaging (team judgment for JW/JZ hints; None = not stated)
SINGLE_DOSE = {
    "J9271": True,
    "J9312": True,
    "J9299": True,
    "J9035": True,
    "J1745": True,
    "J2506": True,
    "J1453": True,
    "J3489": True,
    "J9306": True,
    "J9022": True,
    "J1642": False,
    "J1644": False,
}


def _tri(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def drug_rows(path: Path) -> tuple[Source, list[dict[str, Any]]]:
    rows = list(csv.DictReader(io.StringIO(read_text(path))))
    out = []
    for r in rows:
        code = r["hcpcs"].strip().upper()
        hint = r["category_hint"].strip()
        category = CATEGORY.get(hint) if hint else None
        generic = r["generic_name"].strip()
        engine = ENGINE_CATEGORY.get(category) if category else None
        if generic.lower().startswith("immune globulin") and engine == "chemotherapy":
            engine = "therapeutic"  # IVIG/SCIG: coded with the therapeutic infusion codes
        source = r.get("source", "")
        year = re.search(r"HCPCS Level II (\d{4})", source)
        added = re.search(r"add date (\d{8})", source)
        deleted = bool(re.search(r"termination|discontinued|deleted", source, re.IGNORECASE))
        unit_text = r["dose_unit"].strip()
        amount = r["dose_unit_amount"].strip()
        base = generic.split("(")[0].strip().rstrip(",")
        synonyms = [base] if base.lower() != generic.lower() else []
        synonyms += [
            s for s in SYNONYMS.get(code, []) if s.lower() not in {x.lower() for x in synonyms}
        ]
        out.append(
            {
                "hcpcs": code,
                "generic_name": generic,
                "billing_unit_amount": amount,
                "billing_unit": unit_text,
                "category": category or "",
                "engine_category": engine or "",
                "hormonal": "true" if category == "hormonal_antineoplastic" else "false",
                "route": r["typical_route"].strip(),
                "hcpcs_year": year.group(1) if year else "",
                "added_date": ymd(added.group(1)) if added else "",
                "deleted": "true" if deleted else "false",
                "synonyms": "|".join(synonyms),
                "single_dose_typical": _tri(SINGLE_DOSE.get(code)),
            }
        )
    src = Source(
        path,
        "drug_catalogue",
        "HCPCS Level II drug codes used in infusion centres (from the 2026 HCPCS file), billing "
        "units, category hints (team judgment), typical routes",
        "HCPCS 2026",
        date(2026, 1, 1),
        rows_read=len(rows),
        rows_kept=len(out),
    )
    return src, sorted(out, key=lambda d: d["hcpcs"])


# --------------------------------------------------------------------------------------------
# orchestration


def find(source: Path, pattern: str) -> list[Path]:
    return sorted(p for p in source.glob(pattern) if p.is_file())


def build(source: Path, domain: Path, out: Path) -> Path:
    """Build the release and return its directory."""
    sources: list[Source] = []
    decisions: list[dict[str, Any]] = []

    # PFS: prefer the CSV of a release; its TXT twin is only a fallback
    pfs: list[tuple[Source, dict[str, dict[str, str]]]] = []
    csv_releases = set()
    for p in find(source, "**/PPRRVU*.csv"):
        parsed = parse_pfs_csv(p)
        pfs.append(parsed)
        csv_releases.add(parsed[0].effective)
    for p in find(source, "**/PPRRVU*.txt"):
        rel = _release_from_name(p.name)
        if rel and date(rel[0], rel[1], 1) in csv_releases:
            continue
        pfs.append(parse_pfs_txt(p))
    if not pfs:
        raise BuildError(f"no PPRRVU file under {source}")
    codes = product_code_set(c for _, recs in pfs for c in recs)
    pfs_rows, decision = pfs_table(pfs, codes)
    sources += [s for s, _ in pfs]
    decisions.append(decision)

    drug_src, drugs = drug_rows(domain / "drug_codes.csv")
    sources.append(drug_src)
    drug_codes = {d["hcpcs"] for d in drugs}
    all_codes = codes | drug_codes

    mue_sources = [parse_mue(p) for p in find(source, "**/*MUE*") + find(source, "**/*mue*")]
    mue_sources = list({s.path: (s, r) for s, r in mue_sources}.values())
    mue_rows, decision = mue_table(mue_sources, all_codes)
    sources += [s for s, _ in mue_sources]
    decisions.append(decision)

    aoc_files = find(source, "**/AOC_*.xlsx") or find(source, "**/AOC_*.csv")
    aoc_rows: list[dict[str, Any]] = []
    if aoc_files:
        aoc_src, raw = parse_aoc(aoc_files[-1])
        aoc_rows = aoc_table(aoc_src, raw, codes)
        sources.append(aoc_src)
        decisions.append(
            {
                "table": "addon_edits.csv",
                "rule": f"{aoc_files[-1].name} read (xlsx preferred over its CSV export); rows "
                "where the add-on or the primary code is in the code set, with deletion dates",
            }
        )

    ptp_sources = [
        parse_ptp(p) for p in find(source, "**/*ptp*.csv") + find(source, "**/ccipra*.txt")
    ]
    ptp_rows, decision = ptp_table(ptp_sources, codes)
    sources += [s for s, _ in ptp_sources]
    decisions.append(decision)

    opps_sources = [
        parse_opps(p) for p in find(source, "**/*ddendum*B*.csv") if "status" not in p.name.lower()
    ]
    opps_rows, decision = opps_table(opps_sources, all_codes)
    sources += [s for s, _ in opps_sources]
    decisions.append(decision)
    si_rows: list[dict[str, str]] = []
    si_files = find(source, "**/*status-indicators*.csv")
    if si_files:
        si_src, si_rows = parse_status_indicators(si_files[-1])
        sources.append(si_src)

    class_rows = classification(source, all_codes, sources, decisions)

    for s in sources:
        if s.rows_kept == 0 and s.kind not in ("opps_status_indicators",):
            s.notes.append("no rows kept: every code it holds is also in a newer source")

    ids = [s.id for s in sources]
    if len(set(ids)) != len(ids):
        raise BuildError(f"two sources share a kind and an effective date: {sorted(ids)}")
    effective = max(s.effective for s in sources if s.effective)
    release = quarter_of(effective)
    target = out / release
    target.mkdir(parents=True, exist_ok=True)
    files = {
        "pfs.csv": pfs_rows,
        "mue.csv": mue_rows,
        "addon_edits.csv": aoc_rows,
        "ptp.csv": ptp_rows,
        "opps.csv": opps_rows,
        "status_indicators.csv": si_rows,
        "classification.csv": class_rows,
        "drugs.csv": drugs,
    }
    written = {}
    for name, rows in files.items():
        write_csv(target / name, rows)
        written[name] = {"rows": len(rows), "sha256": sha256(target / name)}
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "release": release,
        "release_rule": "named after the quarter of the newest effective date among the sources",
        "newest_effective": effective.isoformat(),
        "licence": LICENCE_NOTE,
        "code_set": {
            "procedure_codes": sorted(codes),
            "drug_codes": len(drug_codes),
        },
        "files": written,
        "sources": [s.manifest() for s in sources],
        "precedence": decisions,
        "derived": {
            "payment": "national payment = total RVU × conversion factor, rounded half up to "
            "cents, for PFS status A, R or T with a non-zero total; blank otherwise",
            "tos": "type of service is derived, not read from a CMS file (no TOS column in the "
            "inputs for CPT codes): 9xxxx CPT, E/M and G codes → 1 medical care; 10000-69999 → "
            "2 surgery; J/Q drug codes → 1 (as the HCPCS file lists them); C codes → none",
            "mai_meaning": {str(k): v for k, v in MAI_MEANING.items()},
            "ptp_modifier_meaning": {str(k): v for k, v in PTP_MODIFIER_MEANING.items()},
            "drug_engine_category": "antineoplastic, complex biologic and hormonal "
            "antineoplastic drugs → chemotherapy administration codes; supportive → "
            "therapeutic; fluids → hydration; immune globulins → therapeutic",
        },
    }
    (target / "MANIFEST.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return target


def classification(
    source: Path, codes: set[str], sources: list[Source], decisions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    betos: dict[str, tuple[str, str]] = {}
    betos_src: dict[str, str] = {}
    labels: dict[str, str] = {}
    for p in sorted(find(source, "**/r-me-bet*.txt")):
        labels.update(parse_betos_labels(p))
    betos_files = sorted(
        (parse_betos(p) for p in find(source, "**/betpuf*.txt")),
        key=lambda s: s[0].effective or date.min,
    )
    for src, recs in betos_files:  # oldest first: newer files overwrite
        kept = 0
        for code, rec in recs.items():
            if code in codes:
                betos[code] = rec
                betos_src[code] = src.id
                kept += 1
        src.rows_kept = kept
        sources.append(src)
    rbcs: dict[str, dict[str, str]] = {}
    for p in find(source, "**/rbcs*.csv") + find(source, "**/RBCS*.csv"):
        rbcs_src, rbcs_recs = parse_rbcs(p)
        rbcs_src.rows_kept = sum(1 for c in rbcs_recs if c in codes)
        rbcs.update({c: r for c, r in rbcs_recs.items() if c in codes})
        sources.append(rbcs_src)
    ranges: list[tuple[str, str, int, str]] = []
    for p in find(source, "**/*ccs*.csv"):
        src, got = parse_ccs(p)
        ranges += got
        sources.append(src)
    rows = []
    for code in sorted(codes):
        b = betos.get(code)
        ccs = ccs_for(code, ranges)
        tos = tos_for(code)
        r = rbcs.get(code, {})
        rows.append(
            {
                "code": code,
                "tos": tos[0] if tos else "",
                "tos_label": tos[1] if tos else "",
                "betos": b[0] if b else "",
                "betos_label": labels.get(b[0], "") if b else "",
                "betos_terminated": b[1] if b else "",
                "betos_source": betos_src.get(code, ""),
                "rbcs_category": r.get("rbcs_category", ""),
                "rbcs_subcategory": r.get("rbcs_subcategory", ""),
                "rbcs_family": r.get("rbcs_family", ""),
                "ccs": ccs[0] if ccs else "",
                "ccs_label": ccs[1] if ccs else "",
            }
        )
    used = {(row["ccs"], row["ccs_label"]) for row in rows if row["ccs"] != ""}
    for s in sources:
        if s.kind == "hcup_ccs":
            s.rows_kept = sum(1 for r in ranges if (r[2], r[3]) in used)
            s.notes.append("rows_kept counts the ranges whose CCS category was assigned")
    decisions.append(
        {
            "table": "classification.csv",
            "rule": "BETOS from the newest betpuf file holding the code (2014 over 2009); RBCS "
            "latest assignment; CCS from the most specific HCUP range; TOS derived (see derived.tos)",
        }
    )
    return rows


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        if not rows:
            fh.write("")
            return
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def iter_release_files(target: Path) -> Iterator[Path]:
    yield from sorted(target.iterdir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True, help="folder of raw CMS files")
    parser.add_argument("--domain", type=Path, required=True, help="folder with drug_codes.csv")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "src/infusion_coder/knowledge/data",
        help="where release folders go",
    )
    args = parser.parse_args(argv)
    for name in ("source", "domain"):
        if not getattr(args, name).is_dir():
            print(f"Error: --{name} {getattr(args, name)} is not a folder", file=sys.stderr)
            return 2
    try:
        target = build(args.source, args.domain, args.out)
    except BuildError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except (ValueError, KeyError, IndexError) as exc:
        print(f"Error: a raw file does not have the expected layout ({exc!r})", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in iter_release_files(target))
    print(f"wrote {target} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
