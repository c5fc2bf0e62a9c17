"""The code library: CPT drug-administration codes, drug codes, modifiers and ICD-10-CM.

::

    from infusion_coder import knowledge

    lib = knowledge.load()            # newest packaged data release (cached)
    lib.code("96417").primaries       # ['96413']
    lib.mue("96417", "practitioner")  # Mue(value=3, mai=3, ...)
    knowledge.icd10.lookup("C50.911")

CMS facts come from a normalized data release under ``knowledge/data/<YYYYQn>/`` (built by
``scripts/build_knowledge.py``); labels, descriptions and guidance come from our own editorial
content in ``knowledge/content/``.
"""

from __future__ import annotations

from functools import lru_cache

from infusion_coder.knowledge import icd10
from infusion_coder.knowledge._release import release_dir, releases
from infusion_coder.knowledge.library import Library
from infusion_coder.knowledge.models import (
    CodeEntry,
    Drug,
    Icd10Entry,
    Modifier,
    Mue,
    Payment,
    PtpEdit,
)

__all__ = [
    "CodeEntry",
    "Drug",
    "Icd10Entry",
    "Library",
    "Modifier",
    "Mue",
    "Payment",
    "PtpEdit",
    "available_releases",
    "icd10",
    "load",
]


def available_releases() -> list[str]:
    """Packaged data release ids, oldest first."""
    return releases()


def load(release: str | None = None) -> Library:
    """The code library of ``release`` (default: the newest packaged one), cached.

    Raises DataReleaseNotFound when that release is not packaged.
    """
    folder = release_dir(release)
    return _load(folder.name)


@lru_cache(maxsize=4)
def _load(release: str) -> Library:
    return Library(release_dir(release))
