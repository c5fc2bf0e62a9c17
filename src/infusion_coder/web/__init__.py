"""Browser pages: code library, case coder and claim checker (issue #6)."""

from __future__ import annotations

from typing import Any

__all__ = ["mount"]


def mount(app: Any) -> None:
    """Add the HTML pages to a FastAPI application (placeholder; pages land next)."""
    return None
