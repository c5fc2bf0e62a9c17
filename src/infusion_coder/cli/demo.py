"""``infusion-coder demo``: what ``make run`` shows until the web service exists:
a code page and the coding of the bundled example case."""

from __future__ import annotations

from pathlib import Path

import typer

from infusion_coder.cli._output import console

EXAMPLE = Path("examples/case-chemo-visit.json")


def register(app: typer.Typer) -> None:
    app.command("demo", help="Show a code page and code the bundled example case.")(demo)


def demo(code: str = typer.Option("96417", help="Code whose page to show.")) -> None:
    from infusion_coder.cli import coding, lookup
    from infusion_coder.cli._output import Format

    console.rule(f"Code page: {code}")
    lookup.codes_show(code, Format.text)
    console.rule(f"Coding the example case: {EXAMPLE}")
    if EXAMPLE.exists():
        coding.run_code([str(EXAMPLE)])
    else:
        console.print(f"(run from the project root to find {EXAMPLE})")
