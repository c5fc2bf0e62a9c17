"""``infusion-coder serve``: the HTTP API and the web pages, with uvicorn."""

from __future__ import annotations

import typer

from infusion_coder.cli._output import console, fail
from infusion_coder.errors import InfusionCoderError


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve", help="Start the HTTP API and web pages (default http://127.0.0.1:8000).")(
        serve
    )


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="Port to listen on."),
    access_log: bool = typer.Option(
        False, "--access-log", help="Log each request line (off by default: URLs may hold PHI)."
    ),
    timeout: float = typer.Option(
        20.0, "--timeout", min=1.0, help="Time limit in seconds for one coding/checking request."
    ),
) -> None:
    """Serve the API under /api/v1, its docs at /docs and the web pages at /.

    Binding an address other than loopback requires INFUSION_CODER_API_KEY; clients then send it
    in the X-API-Key header (every route but /health).
    """
    import uvicorn

    from infusion_coder.api import Settings, create_app, is_loopback

    try:
        settings = Settings.from_env(host, timeout_seconds=timeout)
    except InfusionCoderError as exc:
        fail(exc, 2)
    shown = host if is_loopback(host) or ":" not in host else f"[{host}]"
    console.print(
        f"infusion-coder serving on http://{shown}:{port}  (API: /api/v1, docs: /docs)"
        + ("  [API key required]" if settings.api_key else ""),
        markup=False,
    )
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="warning",
        access_log=access_log,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
