"""``infusion-coder check``: the claim checker.

Exit status: 0 when no claim has an error finding, 1 when one has, 2 for unusable input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from infusion_coder.cli._output import Format, FormatOption, console, emit_json, fail
from infusion_coder.edits import Report, check_claim, parse_claim, read_claims_csv
from infusion_coder.edits.models import Claim
from infusion_coder.engine.policy import parse_options
from infusion_coder.errors import InfusionCoderError, InvalidInput

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def register(app: typer.Typer) -> None:
    """Add the ``check`` command to ``app``."""
    app.command(
        "check",
        help="Check a claim (JSON) or many claims (CSV export, one row per line) and print "
        "findings. Exit 0 clean, 1 errors found, 2 unusable input.",
    )(check)


def _read(path: str) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the file ({exc.strerror})", field="path") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: the file is not UTF-8 text", field="path") from None


def _json(path: str, text: str, field: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            field=field,
        ) from None
    except RecursionError:
        raise InvalidInput(f"{path}: the JSON is nested too deeply", field=field) from None


def load_claims(path: str) -> list[Claim]:
    """The claims in a file: a CSV export, a JSON claim, or a JSON list of claims."""
    text = _read(path)
    if path.lower().endswith(".csv"):
        return read_claims_csv(text)
    data = _json(path, text, "(root)")
    if isinstance(data, list):
        out = []
        for i, item in enumerate(data):
            try:
                out.append(parse_claim(item))
            except InvalidInput as exc:
                raise InvalidInput(f"claim {i + 1}: {exc.message}", field=exc.field) from None
        return out
    return [parse_claim(data)]


def _load_case(path: str) -> Any:
    return _json(path, _read(path), "case")


def check(
    path: str = typer.Argument(..., help="Claim JSON, claims CSV, or '-' for JSON on stdin."),
    case: str = typer.Option(
        None, "--case", help="The case (case format v1 JSON) to compare the claim with."
    ),
    fmt: Format = FormatOption,
    policy: list[str] = typer.Option(
        [], "--policy", "-p", help="Case-coder policy option NAME=VALUE (with --case)."
    ),
) -> None:
    """Check claims and print each finding with its lines, fix and sources."""
    try:
        options = parse_options(policy) or {}
    except InfusionCoderError as exc:
        fail(exc, 2)
    try:
        claims = load_claims(path)
        case_data = _load_case(case) if case else None
        if case_data is not None and len(claims) != 1:
            fail("--case compares one claim: give a file with a single claim", 2)
        reports = [check_claim(c, case=case_data, policy=options or None) for c in claims]
    except InfusionCoderError as exc:
        where = f" (field {exc.field})" if exc.field and exc.field not in exc.message else ""
        fail(f"{exc.message}{where}", 2)
    if fmt == Format.json:
        data = [r.model_dump(mode="json") for r in reports]
        emit_json(data[0] if len(data) == 1 else data)
    else:
        for report in reports:
            render(report)
        if len(reports) > 1:
            bad = sum(not r.ok for r in reports)
            console.print(f"{len(reports)} claims checked, {bad} with errors.")
    raise typer.Exit(0 if all(r.ok for r in reports) else 1)


def render(r: Report) -> None:
    """One report as text: a summary line, the findings, then the comparison."""
    c = r.counts
    head = f"Claim {r.claim_id}" if r.claim_id else "Claim"
    status = (
        "[green]clean[/green]"
        if not r.findings
        else ("[green]ok[/green]" if r.ok else "[red]errors[/red]")
    )
    console.print(
        f"[bold]{head}[/bold] — {status}: {c['error']} errors, {c['warning']} warnings, "
        f"{c['info']} info (data release {r.release})"
    )
    for f in r.findings:
        where = (
            f"line{'s' if len(f.lines) > 1 else ''} {', '.join(map(str, f.lines))}"
            if f.lines
            else (f.path or "claim")
        )
        console.print(
            f"  [{_STYLE[f.severity]}]{f.severity.upper():7}[/] [bold]{f.id}[/bold] {f.name} "
            f"({where})"
        )
        console.print(f"      {f.message}", markup=False)
        console.print(f"      fix: {f.fix}", markup=False)
        console.print(f"      sources: {', '.join(f.sources)}", markup=False)
    cmp = r.comparison
    if cmp is not None:
        if not cmp.items:
            console.print("  The claim bills what the documentation supports.")
        else:
            table = Table(
                title=f"Claim vs documentation — {cmp.payment_basis}", title_justify="left"
            )
            for col in ("code", "billed", "supported", "difference", "per unit", "amount"):
                table.add_column(col, overflow="fold")
            for it in cmp.items:
                table.add_row(
                    it.code + (f"-{it.modifier}" if it.modifier else ""),
                    str(it.billed_units),
                    str(it.supported_units),
                    f"{it.difference:+d}",
                    f"${it.unit_payment:,.2f}" if it.unit_payment is not None else "—",
                    _money(it.amount) if it.amount is not None else it.note or "—",
                )
            console.print(table)
            console.print(
                f"  Missed ${cmp.missed_amount:,.2f}, over-billed ${cmp.overbilled_amount:,.2f} "
                "(Medicare national estimates; local rates differ)."
            )
    console.print()


def _money(amount: float) -> str:
    return f"{'+' if amount >= 0 else '-'}${abs(amount):,.2f}"
