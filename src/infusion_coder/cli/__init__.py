"""The ``infusion-coder`` command line: a thin edge over the library.

Each command parses its arguments, calls one library function and renders the result.
Library errors become one line on stderr and exit status 1 (2 for unusable usage), never a
traceback.
"""

from __future__ import annotations

import os
import sys

import typer

from infusion_coder.cli import batch_cmd, check, ehr, lookup, search_cmd, serve, text_tools
from infusion_coder.cli import coding as coding_cmd
from infusion_coder.cli import demo as demo_cmd
from infusion_coder.errors import InfusionCoderError

app = typer.Typer(
    name="infusion-coder",
    help="Drug-administration coding, claim checking and the code reference library.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

lookup.register(app)
coding_cmd.register(app)
demo_cmd.register(app)
text_tools.register(app)
check.register(app)
batch_cmd.register(app)
search_cmd.register(app)
serve.register(app)
ehr.register(app)


def main() -> None:
    """Console entry point: runs the app and turns errors into one line + exit 1.

    Set ``INFUSION_CODER_DEBUG=1`` to see the traceback of an unexpected error.
    """
    try:
        app(standalone_mode=True)
    except InfusionCoderError as exc:  # pragma: no cover - commands handle their own
        typer.echo(f"Error: {exc.message}", err=True)
        sys.exit(1)
    except Exception as exc:  # pragma: no cover - a bug: one line, never a traceback
        if os.environ.get("INFUSION_CODER_DEBUG"):
            raise
        typer.echo(
            f"Error: internal error ({type(exc).__name__}); set INFUSION_CODER_DEBUG=1 for "
            "details and please report it.",
            err=True,
        )
        sys.exit(1)
