"""The claim checker page (``/check``): a claim (JSON or CSV), optionally with its case."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from infusion_coder.web._render import render


def checker_form(request: Request) -> Response:
    return render(request, "checker.html", {"report": None, "error": None})


async def checker_post(request: Request) -> Response:
    return render(request, "checker.html", {"report": None, "error": None})
