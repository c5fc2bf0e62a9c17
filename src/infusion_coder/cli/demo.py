"""``infusion-coder demo``: what ``make run`` shows until the web service exists."""

from __future__ import annotations

import typer

from infusion_coder.cli._output import console


def register(app: typer.Typer) -> None:
    app.command("demo", help="Show a code page and code the bundled example case.")(demo)


def demo() -> None:
    console.print("infusion-coder is installed. (Demo content arrives with the code library.)")
