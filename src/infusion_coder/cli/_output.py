"""Shared output options and renderers for the CLI."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any, NoReturn

import typer
from rich.console import Console

from infusion_coder.errors import InfusionCoderError


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = typer.Option(Format.text, "--format", "-f", help="Output format: text or json.")

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Write JSON to stdout (pydantic models are dumped)."""
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json")
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(exc: InfusionCoderError | str, code: int = 1) -> NoReturn:
    """Print a one-line error on stderr and exit with ``code``."""
    message = exc.message if isinstance(exc, InfusionCoderError) else exc
    err_console.print(f"Error: {message}", markup=False)
    raise typer.Exit(code)
