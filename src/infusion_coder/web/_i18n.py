"""Interface languages: gettext catalogues compiled from the packaged ``.po`` files at first use.

English is the source language (the msgids); Spanish comes from
``translations/es/LC_MESSAGES/messages.po``. The ``.po`` file is compiled to ``.mo`` in memory
the first time a page is shown in that language (Babel, no network, nothing written to disk).
Codes' own descriptions stay English.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: interface languages, in the order the switcher shows them (code → name in that language)
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
DEFAULT = "en"
#: the cookie that remembers a reader's choice
COOKIE = "ic_lang"
DOMAIN = "messages"


def po_path(lang: str) -> resources.abc.Traversable:
    """The packaged ``.po`` file of ``lang``."""
    return resources.files("infusion_coder.web").joinpath(
        "translations", lang, "LC_MESSAGES", f"{DOMAIN}.po"
    )


def compile_po(lang: str) -> bytes:
    """Compile the packaged ``.po`` catalogue of ``lang`` to ``.mo`` bytes."""
    with po_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext catalogue of ``lang`` (English: the identity)."""
    if lang == DEFAULT or lang not in LANGUAGES:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compile_po(lang)))


def gettext_for(lang: str) -> Callable[[str], str]:
    """``_`` for one language."""
    return translations(lang).gettext


def negotiate(query: Mapping[str, str], cookies: Mapping[str, str], accept: str | None) -> str:
    """The page language: ``?lang=``, then the cookie, then ``Accept-Language``, then English."""
    for candidate in (query.get("lang"), cookies.get(COOKIE)):
        if candidate in LANGUAGES:
            return str(candidate)
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT
