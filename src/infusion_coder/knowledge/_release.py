"""Finding and reading packaged data releases and the editorial content.

A release is a folder ``knowledge/data/<YYYYQn>/`` holding ``MANIFEST.json`` and UTF-8 CSV
tables written by ``scripts/build_knowledge.py``. The editorial content lives in
``knowledge/content/{codes,modifiers}.toml``. Both are read with ``importlib.resources`` so
they work from a wheel as well as from a source checkout.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from infusion_coder.errors import ConfigError, DataReleaseNotFound

_RELEASE_ID = re.compile(r"^\d{4}Q[1-4]$")


def data_root() -> Traversable:
    return resources.files("infusion_coder.knowledge").joinpath("data")


def content_root() -> Traversable:
    return resources.files("infusion_coder.knowledge").joinpath("content")


def releases(root: Traversable | None = None) -> list[str]:
    """Packaged release ids, oldest first."""
    root = root or data_root()
    if not root.is_dir():
        return []
    found = [
        item.name
        for item in root.iterdir()
        if item.is_dir()
        and _RELEASE_ID.match(item.name)
        and item.joinpath("MANIFEST.json").is_file()
    ]
    return sorted(found)


def release_dir(release: str | None, root: Traversable | None = None) -> Traversable:
    """The folder of ``release`` (the newest when None); DataReleaseNotFound otherwise."""
    root = root or data_root()
    known = releases(root)
    if release is None:
        if not known:
            raise DataReleaseNotFound(
                "no code-library data release is packaged; build one with `make knowledge`",
                field="release",
            )
        return root.joinpath(known[-1])
    wanted = str(release).strip().upper()
    if wanted not in known:
        listed = ", ".join(known) or "none"
        raise DataReleaseNotFound(
            f"data release '{release}' is not packaged (packaged: {listed})", field="release"
        )
    return root.joinpath(wanted)


def read_manifest(folder: Traversable) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(folder.joinpath("MANIFEST.json").read_text(encoding="utf-8"))
    return data


def read_table(folder: Traversable, name: str) -> list[dict[str, str]]:
    """Rows of one CSV table of a release (an empty list when the table is absent)."""
    item = folder.joinpath(name)
    if not item.is_file():
        return []
    text = item.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def read_content(folder: Traversable | None, name: str) -> dict[str, Any]:
    """One editorial TOML file as a dict (empty when the file does not exist yet)."""
    folder = folder or content_root()
    item = folder.joinpath(name)
    if not item.is_file():
        return {}
    try:
        return tomllib.loads(item.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"editorial content {name} is not valid TOML: {exc}", field=name) from exc
