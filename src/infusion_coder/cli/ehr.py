"""``infusion-coder fhir code`` and ``infusion-coder mar import``: EHR payloads in, charges out."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path

import typer

from infusion_coder.cli._output import console, emit_json, fail
from infusion_coder.errors import InfusionCoderError, InvalidInput
from infusion_coder.interop import (
    ImportedCase,
    charges_bundle,
    code_imported,
    dft_messages,
    read_bundle,
    read_mar_csv,
)

fhir_app = typer.Typer(
    help="FHIR R4/R4B Bundles in, ChargeItems / Claims / DFT out.", no_args_is_help=True
)
mar_app = typer.Typer(help="MAR event exports (CSV) in, cases out.", no_args_is_help=True)


class OutFormat(StrEnum):
    fhir = "fhir"
    hl7 = "hl7"
    json = "json"


def register(app: typer.Typer) -> None:
    app.add_typer(fhir_app, name="fhir")
    app.add_typer(mar_app, name="mar")


def _read(path: str) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidInput("the file is not UTF-8 text") from None


def _fail(path: str, exc: InfusionCoderError) -> None:
    where = f" (field {exc.field})" if exc.field and exc.field not in exc.message else ""
    fail(f"{path}: {exc.message}{where}")


def _write(out: Path | None, text: str) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        out.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror})")


@fhir_app.command("code")
def fhir_code(
    bundle: str = typer.Argument(..., help="A FHIR R4/R4B Bundle (JSON); '-' reads stdin."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    fmt: OutFormat = typer.Option(
        OutFormat.fhir,
        "--format",
        "-f",
        help="fhir: a Bundle of ChargeItems + Claim; hl7: DFT^P03 messages; json: coding results "
        "with mapping reports.",
    ),
    setting: str = typer.Option(
        None, "--setting", help="facility or professional, when the Bundle does not say."
    ),
    payer: str = typer.Option(None, "--payer", help="medicare or commercial, when no Coverage."),
    tz: str = typer.Option(
        None, "--tz", help="The site's time zone (e.g. America/Chicago) to read times in."
    ),
) -> None:
    """Code the administrations of a FHIR Bundle and write the charges."""
    if setting not in (None, "facility", "professional"):
        fail("--setting must be facility or professional", 2)
    if payer not in (None, "medicare", "commercial"):
        fail("--payer must be medicare or commercial", 2)
    try:
        imported = read_bundle(_read(bundle), setting=setting, payer=payer, tz=tz)
        results = code_imported(imported)
    except InfusionCoderError as exc:
        _fail(bundle, exc)
        return
    if fmt == OutFormat.hl7:
        msgs = dft_messages(results, imported)
        sep = "\r" if out is not None else "\n"
        _write(out, "\n".join(m.replace("\r", sep) for m in msgs))
    elif fmt == OutFormat.json:
        data = [
            {
                "result": r.model_dump(mode="json"),
                "report": imp.report.model_dump(mode="json")["notes"],
            }
            for r, imp in zip(results, imported, strict=True)
        ]
        _write(out, json.dumps(data, indent=2, ensure_ascii=False))
    else:
        entries = []
        for r, imp in zip(results, imported, strict=True):
            entries += charges_bundle(r, imp).get("entry", [])
        data2 = {"resourceType": "Bundle", "type": "collection", "entry": entries}
        if out is None:
            emit_json(data2)
        else:
            _write(out, json.dumps(data2, indent=2, ensure_ascii=False))
    if out is not None:
        _summary(imported, str(out))


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@mar_app.command("import")
def mar_import(
    events: str = typer.Argument(..., help="A MAR event export (CSV); '-' reads stdin."),
    out: Path = typer.Option(
        ..., "--out", "-o", help="Folder for the case files (one per encounter)."
    ),
    mapping: Path | None = typer.Option(
        None, "--mapping", "-m", help="TOML column/action mapping for this site's export."
    ),
) -> None:
    """Turn MAR event streams into case files (case format v1), one per encounter."""
    try:
        mapping_text = _read(str(mapping)) if mapping is not None else None
    except InfusionCoderError as exc:
        _fail(str(mapping), exc)
        return
    try:
        imported = read_mar_csv(_read(events), mapping_text)
    except InfusionCoderError as exc:
        _fail(events, exc)
        return
    _write_cases(imported, out)


@fhir_app.command("import")
def fhir_import(
    bundle: str = typer.Argument(..., help="A FHIR R4/R4B Bundle (JSON); '-' reads stdin."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the case files (one per visit)."),
    setting: str = typer.Option(
        None, "--setting", help="facility or professional, when the Bundle does not say."
    ),
    payer: str = typer.Option(None, "--payer", help="medicare or commercial, when no Coverage."),
    tz: str = typer.Option(
        None, "--tz", help="The site's time zone (e.g. America/Chicago) to read times in."
    ),
) -> None:
    """Turn a FHIR Bundle into case files (case format v1), one per visit, without coding."""
    try:
        imported = read_bundle(_read(bundle), setting=setting, payer=payer, tz=tz)
    except InfusionCoderError as exc:
        _fail(bundle, exc)
        return
    _write_cases(imported, out)


def _write_cases(imported: list[ImportedCase], out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{out}: cannot create the folder ({exc.strerror})")
    used: set[str] = set()
    for n, imp in enumerate(imported, start=1):
        name = _SAFE.sub("_", imp.case.id or "").strip("._") or f"case-{n}"
        while name in used:
            name += "_"
        used.add(name)
        path = out / f"{name}.json"
        data = imp.case.model_dump(mode="json", exclude_none=True)
        try:
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"{path}: cannot write ({exc.strerror})")
    _summary(imported, str(out))


def _summary(imported: list[ImportedCase], where: str) -> None:
    """What was written, and each note a coder should look at (sources only, no values)."""
    console.print(f"{len(imported)} case(s) → {where}", markup=False)
    for imp in imported:
        notes = [n for n in imp.report.notes if n.kind in ("missing", "ambiguous")]
        adms = len(imp.case.administrations)
        console.print(f"  {imp.case.id or '(no id)'}: {adms} administration(s)", markup=False)
        for note in notes:
            console.print(f"    {note.kind}: {note.source}: {note.note}", markup=False)
