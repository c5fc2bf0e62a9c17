"""Interface languages: the Spanish catalogue is complete, current and compiles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from infusion_coder.web import _i18n

WEB = Path(_i18n.__file__).parent


def _catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def _extract(tmp_path: Path) -> set[str]:
    out = tmp_path / "messages.pot"
    cmd = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg"]
    cmd += ["-k", "N_", "--no-location", "-o", str(out), "."]
    done = subprocess.run(cmd, cwd=WEB, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"pybabel extract failed: {done.stderr[-500:]}")
    return {m.id for m in _catalog(out) if m.id}


def test_every_interface_message_has_a_spanish_translation(tmp_path: Path) -> None:
    messages = _extract(tmp_path)
    assert len(messages) > 150
    spanish = {m.id: m.string for m in _catalog(WEB / "translations/es/LC_MESSAGES/messages.po")}
    missing = sorted(m for m in messages if not spanish.get(m))
    assert not missing, f"untranslated (update messages.po): {missing[:10]}"
    stale = sorted(set(spanish) - messages - {""})
    assert not stale, f"obsolete entries in messages.po: {stale[:10]}"


def test_placeholders_survive_translation() -> None:
    for m in _catalog(WEB / "translations/es/LC_MESSAGES/messages.po"):
        if not m.id:
            continue
        for name in ("%(n)s", "%(count)s", "%(query)s", "%(code)s", "%(year)s", "%(what)s"):
            assert (name in m.id) == (name in m.string), f"{name} in {m.id!r}"


def test_po_compiles_to_mo_in_memory() -> None:
    mo = _i18n.compile_po("es")
    assert mo[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # gettext magic number
    assert _i18n.translations("es").gettext("Search") == "Buscar"
    assert _i18n.translations("en").gettext("Search") == "Search"


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "lang"),
    [
        ({"lang": "es"}, {}, None, "es"),
        ({"lang": "fr"}, {"ic_lang": "es"}, None, "es"),  # unknown choice falls through
        ({}, {}, "es-ES,es;q=0.9", "es"),
        ({}, {}, "de-DE,en;q=0.5", "en"),
        ({}, {}, None, "en"),
    ],
)
def test_language_negotiation(
    query: dict[str, str], cookie: dict[str, str], accept: str | None, lang: str
) -> None:
    assert _i18n.negotiate(query, cookie, accept) == lang
