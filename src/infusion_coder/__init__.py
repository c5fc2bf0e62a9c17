"""infusion-coder: drug-administration coding, claim checking and a code reference library."""

from __future__ import annotations

from infusion_coder.edits import check_claim
from infusion_coder.engine import Policy, code_case
from infusion_coder.errors import (
    ConfigError,
    DataReleaseNotFound,
    InfusionCoderError,
    InvalidCase,
    InvalidInput,
    UnknownCode,
)
from infusion_coder.models import Administration, Case, CodingResult, Line

__version__ = "0.1.0"

__all__ = [
    "Administration",
    "Case",
    "CodingResult",
    "ConfigError",
    "DataReleaseNotFound",
    "InfusionCoderError",
    "InvalidCase",
    "InvalidInput",
    "Line",
    "Policy",
    "UnknownCode",
    "__version__",
    "check_claim",
    "code_case",
]
