"""Fixtures for the search tests: a tiny index built from hand-written documents (fast, exact)
and the real index (the library, the rules and all of ICD-10-CM; built once and cached)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infusion_coder import search
from infusion_coder.search import SearchIndex
from infusion_coder.search._documents import Doc
from infusion_coder.search._index import build

# our own short labels (not CPT descriptors)
TINY_DOCS = [
    Doc("code", "96409", "Chemotherapy by IV push, first drug", "chemotherapy", "iv push initial"),
    Doc(
        "code",
        "96411",
        "Chemotherapy by IV push, each further drug",
        "chemotherapy",
        "push additional",
    ),
    Doc(
        "code", "96413", "Chemotherapy IV infusion, first hour", "chemotherapy", "infusion initial"
    ),
    Doc("code", "96415", "Chemotherapy IV infusion, each further hour", "chemotherapy", "add-on"),
    Doc("code", "96360", "Hydration IV infusion, first hour", "hydration", "fluids"),
    Doc("drug", "J9312", "rituximab", "antineoplastic", "rituxan"),
    Doc("drug", "J1745", "infliximab", "complex_biologic", "remicade"),
    Doc("modifier", "JZ", "No amount discarded", "modifier", "modifier"),
    Doc("modifier", "25", "Separate E/M service the same day", "modifier", "modifier"),
    Doc("rule", "HYD001", "Fluid to keep the vein open is never billed.", "hydration", "kvo"),
    Doc("icd10", "C50", "Malignant neoplasm of breast", "C50"),
    Doc("icd10", "C50.911", "Malignant neoplasm of unspecified site of right female breast", "C50"),
    Doc(
        "icd10",
        "C91.10",
        "Chronic lymphocytic leukemia of B-cell type not having achieved remission",
        "C91",
    ),
    Doc("icd10", "Z51.11", "Encounter for antineoplastic chemotherapy", "Z51"),
    Doc("icd10", "E86.0", "Dehydration", "E86"),
]


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    path: Path = tmp_path_factory.mktemp("search") / "tiny.sqlite3"
    build(path, TINY_DOCS, release="test", fp="tiny")
    return SearchIndex(path, "test")


@pytest.fixture(scope="session")
def real() -> SearchIndex:
    return search.get_index()
