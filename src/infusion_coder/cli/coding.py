"""``infusion-coder code`` (the case coder) and ``infusion-coder rules`` (the catalogue)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from infusion_coder import rules as rule_catalog
from infusion_coder.cli._output import Format, FormatOption, console, emit_json, fail
from infusion_coder.engine import code_case
from infusion_coder.engine.policy import parse_options
from infusion_coder.errors import InfusionCoderError, InvalidCase
from infusion_coder.models import CodingResult

rules_app = typer.Typer(
    help="The rule catalogue: every rule the coder cites.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.command("code", help="Code one or more cases (case format v1 JSON; '-' reads stdin).")(code)
    app.add_typer(rules_app, name="rules")


def _read_case(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidCase(f"cannot read the file ({exc.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidCase(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None


def code(
    files: list[str] = typer.Argument(..., help="Case files (JSON); '-' for standard input."),
    fmt: Format = FormatOption,
    policy: list[str] = typer.Option(
        [], "--policy", "-p", help="Policy option NAME=VALUE (repeatable); see 'rules policies'."
    ),
) -> None:
    """Code each case and print the billing lines with their rules and explanations."""
    try:
        options = parse_options(policy)
    except InfusionCoderError as exc:
        fail(exc, 2)
    run_code(files, fmt, options)


def run_code(
    files: list[str], fmt: Format = Format.text, options: dict[str, str] | None = None
) -> None:
    """Code the case files and print the results (all or nothing: on the first unusable file
    nothing is printed but the error)."""
    results: list[tuple[str, CodingResult]] = []
    for path in files:
        data = None
        try:
            data = _read_case(path)
            items = data if isinstance(data, list) else [data]  # a file may hold a list of cases
            for i, item in enumerate(items):
                label = f"{path}[{i}]" if isinstance(data, list) else path
                results.append((label, code_case(item, policy=options or None)))
        except InfusionCoderError as exc:
            where = f" (field {exc.field})" if exc.field and exc.field not in exc.message else ""
            at = f"[{len(results)}]" if isinstance(data, list) else ""
            fail(f"{path}{at}: {exc.message}{where}")
    if fmt == Format.json:
        dumped = [r.model_dump(mode="json") for _, r in results]
        single = len(files) == 1 and len(dumped) == 1
        emit_json(dumped[0] if single else dumped)
        return
    for label, result in results:
        _render(label, result)


def _render(path: str, r: CodingResult) -> None:
    title = f"{r.id or path} — ruleset {r.ruleset}"
    table = Table(title=title, title_justify="left", show_lines=False)
    for col in ("#", "code", "units", "modifiers", "role", "adm.", "date", "rules"):
        table.add_column(col, overflow="fold")
    for n, ln in enumerate(r.lines, 1):
        table.add_row(
            str(n),
            ln.code,
            str(ln.units),
            ",".join(ln.modifiers),
            ln.role or ln.kind,
            ",".join(ln.administrations),
            ln.date or "",
            " ".join(ln.rules),
        )
    console.print(table)
    if r.lines:
        console.print("[bold]Why[/bold]")
        for n, ln in enumerate(r.lines, 1):
            console.print(f"  {n}. {ln.code}: {ln.explanation}", markup=False)
    if r.not_billed:
        console.print("[bold]Not billed[/bold]")
        for nb in r.not_billed:
            who = ",".join(nb.administrations + nb.services)
            console.print(f"  • [{who}] {nb.reason} ({' '.join(nb.rules)})", markup=False)
    if r.warnings:
        console.print("[bold]Check / query[/bold]")
        for w in r.warnings:
            who = f"[{','.join(w.administrations)}] " if w.administrations else ""
            console.print(f"  • {w.rule}: {who}{w.message}", markup=False)
    console.print()


@rules_app.command("list")
def rules_list(
    family: str = typer.Option(None, "--family", help="Only this family."),
    fmt: Format = FormatOption,
) -> None:
    """List the rules."""
    items = rule_catalog.catalog(family)
    if fmt == Format.json:
        emit_json([r.model_dump(mode="json") for r in items])
        return
    table = Table(show_lines=False)
    for col in ("id", "name", "family", "statement"):
        table.add_column(col, overflow="fold")
    for r in items:
        table.add_row(r.id, r.name, r.family, r.statement)
    console.print(table)


@rules_app.command("show")
def rules_show(rule_id: str, fmt: Format = FormatOption) -> None:
    """Show one rule: statement, sources and example."""
    try:
        r = rule_catalog.get(rule_id)
    except InfusionCoderError as exc:
        fail(exc)
    if fmt == Format.json:
        emit_json(r)
        return
    console.print(f"[bold]{r.id}[/bold] {r.name}  ({r.family}, {r.kind})")
    console.print(r.statement, markup=False)
    console.print(f"Sources: {', '.join(r.sources)}", markup=False)
    console.print(f"Example: {r.example}", markup=False)


@rules_app.command("policies")
def rules_policies(fmt: Format = FormatOption) -> None:
    """The named policy options, their defaults and meanings."""
    from infusion_coder.engine.policy import OPTIONS

    if fmt == Format.json:
        emit_json(
            {
                k: {"default": v[0], "values": list(v[1]), "sources": v[2], "meaning": v[3]}
                for k, v in OPTIONS.items()
            }
        )
        return
    table = Table()
    for col in ("option", "default", "values", "sources", "meaning"):
        table.add_column(col, overflow="fold")
    for k, (default, values, src, meaning) in OPTIONS.items():
        table.add_row(k, default, " | ".join(values), src, meaning)
    console.print(table)
