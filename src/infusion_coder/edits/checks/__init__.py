"""The built-in claim checks, one module per family; importing this package registers them."""

from infusion_coder.edits.checks import (
    addon,
    bundling,
    codes,
    comparison,
    diagnoses,
    documentation,
    drugs,
    initial,
    mue,
    ptp,
    setting,
)

__all__ = [
    "addon",
    "bundling",
    "codes",
    "comparison",
    "diagnoses",
    "documentation",
    "drugs",
    "initial",
    "mue",
    "ptp",
    "setting",
]
