"""The one exception tree of infusion-coder.

::

    InfusionCoderError              base of everything the library raises on purpose
    ├── InvalidInput                input that cannot be used (names the field and the problem)
    │   └── InvalidCase             a case (case format v1) that cannot be coded
    ├── UnknownCode                 a code that is not in the library (or malformed)
    ├── DataReleaseNotFound         a knowledge data release that is not packaged
    └── ConfigError                 a policy profile or configuration that does not load

A problem *in a claim* is a finding, never an exception: exceptions are for input that
cannot be used and for bugs. Messages name fields and codes, never patient data.
"""

from __future__ import annotations


class InfusionCoderError(Exception):
    """Base class of every error the library raises on purpose."""

    #: a stable, machine-readable kind used by the CLI and the API error shape
    kind = "error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def to_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "field": self.field, "message": self.message}


class InvalidInput(InfusionCoderError):
    """Input that cannot be used; ``field`` is a path such as ``administrations[2].stop``."""

    kind = "invalid_input"


class InvalidCase(InvalidInput):
    """A case that cannot be coded."""

    kind = "invalid_case"


class UnknownCode(InfusionCoderError):
    """A code (CPT/HCPCS, modifier, ICD-10-CM, rule id) that is unknown or malformed."""

    kind = "unknown_code"


class DataReleaseNotFound(InfusionCoderError):
    """A knowledge data release that is not packaged."""

    kind = "data_release_not_found"


class ConfigError(InfusionCoderError):
    """A configuration or policy profile that does not load."""

    kind = "config_error"


def pydantic_errors_to_message(exc: object, prefix: str = "") -> tuple[str, str | None]:
    """Turn a pydantic ``ValidationError`` into one readable line and the first field path.

    Input values are never echoed (they may hold PHI): only locations and problems.
    """
    errors = getattr(exc, "errors", None)
    if errors is None:
        return str(exc), None
    parts: list[str] = []
    first: str | None = None
    for err in errors(include_url=False, include_input=False):
        loc = _format_loc(err.get("loc", ()), prefix)
        first = first or loc
        parts.append(f"{loc or '(root)'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts[:5]) + (" …" if len(parts) > 5 else ""), first


def _format_loc(loc: tuple[object, ...] | list[object], prefix: str = "") -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
