"""Pages of the code library: home and search, codes, drugs, modifiers, ICD-10-CM, rules."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from infusion_coder.errors import InfusionCoderError, InvalidInput, UnknownCode
from infusion_coder.web import _library
from infusion_coder.web._render import gettext, render

#: search hit kinds → the page that shows one, and the heading msgid of their group
KIND_PAGES: dict[str, str] = {
    "code": "/codes/{}",
    "drug": "/drugs/{}",
    "modifier": "/modifiers/{}",
    "rule": "/rules/{}",
    "icd10": "/icd10/{}",
}
SEARCH_LIMIT = 40


def not_found(request: Request, what: str, value: str) -> HTMLResponse:
    """The 404 page: what was looked for, and a search box to try again."""
    return render(request, "not_found.html", {"what": what, "value": value[:40]}, status=404)


def _groups(query: str, kind: str | None) -> dict[str, Any]:
    """Search hits grouped by kind (in the index's kind order), with corrections."""
    from infusion_coder import search

    results = search.search(query, kind=kind or None, limit=SEARCH_LIMIT)
    groups: dict[str, list[dict[str, str]]] = {}
    for hit in results.hits:
        groups.setdefault(hit.kind, []).append(
            {
                "code": hit.code,
                "label": hit.label,
                "why": hit.why,
                "url": KIND_PAGES[hit.kind].format(hit.code),
            }
        )
    ordered = [(k, groups[k]) for k in search.KINDS if k in groups]
    return {"groups": ordered, "count": results.count, "corrections": results.corrections}


def home(request: Request) -> Response:
    """Home: one search box (results as you type), the code families, the tools."""
    query = request.query_params.get("q", "").strip()[:200]
    kind = request.query_params.get("kind", "").strip()
    context: dict[str, Any] = {"query": query, "kind": kind, "groups": [], "count": 0}
    context["corrections"] = {}
    context["error"] = None
    if query:
        try:
            context.update(_groups(query, kind))
        except InvalidInput as exc:
            context["error"] = exc.message
    if request.query_params.get("fragment"):
        return render(request, "_hits.html", context)
    try:
        context["families"] = _library.families()
    except InfusionCoderError:
        context["families"] = []
    return render(request, "home.html", context)


def codes_index(request: Request) -> Response:
    try:
        families = _library.families()
    except InfusionCoderError:
        families = []
    return render(request, "codes.html", {"families": families})


def code_page(request: Request) -> Response:
    value = str(request.path_params["code"])
    try:
        entry = _library.code(value)
    except InfusionCoderError:
        return not_found(request, "code", value)
    primaries = []
    for p in getattr(entry, "primaries", None) or []:
        try:
            known = _library.code(str(p))
            primaries.append({"code": known.code, "label": known.label, "known": True})
        except InfusionCoderError:
            primaries.append({"code": str(p), "label": "", "known": False})
    addons = [e for e in _safe_codes() if str(entry.code) in (getattr(e, "primaries", None) or [])]
    return render(
        request,
        "code.html",
        {
            "entry": entry,
            "primaries": primaries,
            "addons": addons,
            "rules": _library.related_rules(str(entry.code)),
            "modifiers": _modifiers_of(entry),
            "diagram": _time_diagram(entry),
        },
    )


def drugs_index(request: Request) -> Response:
    try:
        items = _library.drugs()
    except InfusionCoderError:
        items = []
    return render(request, "drugs.html", {"drugs": items})


def drug_page(request: Request) -> Response:
    value = str(request.path_params["hcpcs"])
    try:
        entry = _library.drug(value)
    except InfusionCoderError:
        return not_found(request, "drug", value)
    return render(request, "drug.html", {"entry": entry})


def modifiers_index(request: Request) -> Response:
    try:
        items = _library.modifiers()
    except InfusionCoderError:
        items = []
    return render(request, "modifiers.html", {"modifiers": items})


def modifier_page(request: Request) -> Response:
    value = str(request.path_params["modifier"])
    try:
        entry = _library.modifier(value)
    except InfusionCoderError:
        return not_found(request, "modifier", value)
    codes = [e for e in _safe_codes() if entry.code in (getattr(e, "modifiers", None) or [])]
    return render(request, "modifier.html", {"entry": entry, "codes": codes})


def icd10_page(request: Request) -> Response:
    value = str(request.path_params["code"])
    try:
        entry = _library.icd10(value)
    except InfusionCoderError:
        return not_found(request, "icd10", value)
    return render(request, "icd10.html", {"entry": entry})


def rules_index(request: Request) -> Response:
    from infusion_coder import rules

    family = request.query_params.get("family", "").strip().lower()
    listed = rules.catalog(family or None)
    return render(
        request, "rules.html", {"rules": listed, "families": rules.families(), "family": family}
    )


def rule_page(request: Request) -> Response:
    value = str(request.path_params["rule_id"])
    try:
        entry = _library.rule(value)
    except UnknownCode:
        return not_found(request, "rule", value)
    _ = gettext(request)
    option = None
    if entry.policy_option:
        from infusion_coder.engine.policy import OPTIONS

        option = OPTIONS.get(entry.policy_option) if isinstance(OPTIONS, dict) else None
    return render(request, "rule.html", {"entry": entry, "option": option, "_py": _})


# --------------------------------------------------------------------------- helpers


def _safe_codes() -> list[Any]:
    try:
        return _library.codes()
    except InfusionCoderError:
        return []


def _modifiers_of(entry: Any) -> list[Any]:
    """The modifiers that apply to a code, with their library entries when known."""
    out: list[Any] = []
    for m in getattr(entry, "modifiers", None) or []:
        code = str(getattr(m, "code", m))
        try:
            out.append(_library.modifier(code))
        except InfusionCoderError:
            out.append({"code": code, "label": str(getattr(m, "label", "") or "")})
    return out


def _time_diagram(entry: Any) -> dict[str, Any] | None:
    """Where the minutes count on a 0–4 h axis: the first unit and each additional unit."""
    rule = getattr(entry, "time_rule", None)
    if rule is None:
        return None
    first = getattr(rule, "min_first_unit_minutes", None)
    covers = getattr(rule, "covers_up_to_minutes", None)
    step = getattr(rule, "additional_unit_minutes", None)
    if first is None and covers is None:
        return None
    scale = 240
    marks: list[dict[str, Any]] = []
    if first is not None:
        marks.append({"minute": int(first), "kind": "first"})
    if covers is not None and step:
        # a further unit needs more than half a unit past the covered time: 91, 151 … for an
        # hour that covers up to 90 minutes (or up to 60 plus the 30-minute margin)
        m = int(covers) + 1 if int(covers) % int(step) else int(covers) + int(step) // 2 + 1
        while m <= scale:
            marks.append({"minute": m, "kind": "additional"})
            m += int(step)
    return {
        "scale": scale,
        "first": first,
        "covers": covers,
        "step": step,
        "additional": getattr(rule, "additional_unit_code", None),
        "marks": marks,
    }
