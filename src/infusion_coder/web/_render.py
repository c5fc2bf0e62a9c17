"""Rendering: one Jinja2 environment per interface language, and the page response."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from infusion_coder.web import _i18n


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


#: the sections of the site, for the navigation bar (path, msgid)
NAV: tuple[tuple[str, str], ...] = (
    ("/", N_("Search")),
    ("/codes", N_("Codes")),
    ("/drugs", N_("Drugs")),
    ("/modifiers", N_("Modifiers")),
    ("/rules", N_("Rules")),
    ("/code", N_("Case coder")),
    ("/check", N_("Claim checker")),
)


@lru_cache(maxsize=len(_i18n.LANGUAGES))
def environment(lang: str) -> Environment:
    """The template environment of one language (gettext installed, autoescaping on)."""
    env = Environment(
        loader=PackageLoader("infusion_coder.web", "templates"),
        autoescape=select_autoescape(["html", "svg"]),
        extensions=["jinja2.ext.i18n"],
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(_i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(languages=_i18n.LANGUAGES, nav=NAV, lang=lang)
    env.filters["money"] = money
    env.filters["facts"] = facts
    return env


def money(value: Any) -> str:
    """``123.4`` → ``$123.40``, ``-5`` → ``-$5.00``; missing → an en dash."""
    if value is None or value == "":
        return "–"
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


def facts(value: Any) -> list[tuple[str, Any]]:
    """A record (pydantic model, dataclass or mapping) as ``(field, value)`` pairs, empty ones
    left out, for pages that show a data source's fields as they come."""
    if value is None:
        return []
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    elif hasattr(value, "__dataclass_fields__"):
        value = {k: getattr(value, k) for k in value.__dataclass_fields__}
    if not isinstance(value, dict):
        return [("value", value)]
    return [(str(k), v) for k, v in value.items() if v not in (None, "", [], {})]


def language(request: Request) -> str:
    return _i18n.negotiate(
        request.query_params, request.cookies, request.headers.get("accept-language")
    )


def switch_url(request: Request, lang: str) -> str:
    """The current page in another language (same path and query, ``lang`` replaced)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang))
    return f"{request.url.path}?{urlencode(params)}"


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """Render ``template`` in the reader's language; remember an explicit ``?lang=`` choice."""
    lang = language(request)
    env = environment(lang)
    path = request.url.path
    ctx: dict[str, Any] = {
        "request_path": path,
        "switch_urls": {code: switch_url(request, code) for code in _i18n.LANGUAGES},
        "release": _release(),
    }
    ctx.update(context or {})
    html = env.get_template(template).render(ctx)
    response = HTMLResponse(html, status_code=status)
    chosen = request.query_params.get("lang")
    if chosen in _i18n.LANGUAGES:
        response.set_cookie(_i18n.COOKIE, chosen, max_age=365 * 86400, samesite="lax")
    return response


def gettext(request: Request) -> Any:
    """``_`` in the reader's language, for messages built in Python."""
    return _i18n.gettext_for(language(request))


def _release() -> str:
    from infusion_coder.web import _library

    return _library.release_id()
