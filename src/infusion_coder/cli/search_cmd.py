"""``infusion-coder search``: ranked hits across codes, drugs, modifiers, rules and ICD-10-CM."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from infusion_coder.cli._output import Format, FormatOption, console, emit_json, err_console, fail
from infusion_coder.errors import InfusionCoderError


def register(app: typer.Typer) -> None:
    """Add ``search`` to ``app``."""
    app.command("search", help="Search codes, drugs, modifiers, rules and ICD-10-CM codes.")(search)


def search(
    query: list[str] = typer.Argument(
        ..., help="Codes or words, e.g. 'second chemo drug by push'."
    ),
    kind: list[str] = typer.Option(
        [], "--kind", "-k", help="Only this kind: code, drug, modifier, rule, icd10 (repeatable)."
    ),
    family: str | None = typer.Option(
        None, "--family", help="Only this family (code/rule family, drug category, ICD category)."
    ),
    limit: int = typer.Option(10, "--limit", "-n", help="Number of hits (1-100)."),
    fmt: Format = FormatOption,
) -> None:
    """Print the best hits for QUERY, each with its kind, code, label and why it matched."""
    from infusion_coder import search as search_lib

    text = " ".join(query)
    try:
        if not search_lib.index_is_built():
            err_console.print("Building the search index (once per data release)…", markup=False)
        results = search_lib.search(text, kind=kind or None, family=family, limit=limit)
    except InfusionCoderError as exc:
        fail(exc)
    if fmt == Format.json:
        emit_json(results)
        return
    if not results.hits:
        console.print("No hits.", markup=False)
        sys.exit(0)
    table = Table(show_lines=False, pad_edge=False)
    for column in ("#", "kind", "code", "label", "why"):
        table.add_column(column, overflow="fold")
    for i, hit in enumerate(results.hits, start=1):
        table.add_row(str(i), hit.kind, hit.code, hit.label, hit.why)
    console.print(table)
    if results.corrections:
        fixed = ", ".join(f"{a!r} → {b!r}" for a, b in results.corrections.items())
        console.print(f"Respelled: {fixed}", markup=False)
