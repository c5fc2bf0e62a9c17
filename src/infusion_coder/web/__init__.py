"""Browser pages: the code library, the case coder and the claim checker (issue #6).

``mount(app)`` adds the HTML pages and their assets to a Starlette/FastAPI application; the API
(``infusion_coder.api.create_app``) calls it. Pages are server-rendered (Jinja2) in English or
Spanish and call the library directly. The routes are plain Starlette routes, so they stay out
of the API's OpenAPI schema.

::

    /                    search (results as you type) and the code families
    /codes, /codes/{code}           administration and service codes
    /drugs, /drugs/{hcpcs}          the HCPCS drug catalogue
    /modifiers, /modifiers/{code}   modifiers
    /icd10/{code}                   ICD-10-CM codes
    /rules, /rules/{id}             the coding rule catalogue
    /code                the case coder (form or case JSON → lines, timeline, downloads)
    /check               the claim checker (claim JSON or CSV, optionally with the case)
    /assets/...          CSS and JavaScript
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

__all__ = ["mount", "routes"]


def routes() -> list[Route | Mount]:
    """The pages' routes, in matching order."""
    from infusion_coder.web import _checker_page as checker
    from infusion_coder.web import _coder_page as coder
    from infusion_coder.web import _library_pages as pages

    static = str(resources.files("infusion_coder.web").joinpath("static"))
    return [
        Route("/", pages.home, methods=["GET"], name="web-home"),
        Route("/codes", pages.codes_index, methods=["GET"], name="web-codes"),
        Route("/codes/{code}", pages.code_page, methods=["GET"], name="web-code"),
        Route("/drugs", pages.drugs_index, methods=["GET"], name="web-drugs"),
        Route("/drugs/{hcpcs}", pages.drug_page, methods=["GET"], name="web-drug"),
        Route("/modifiers", pages.modifiers_index, methods=["GET"], name="web-modifiers"),
        Route("/modifiers/{modifier}", pages.modifier_page, methods=["GET"], name="web-modifier"),
        Route("/icd10/{code}", pages.icd10_page, methods=["GET"], name="web-icd10"),
        Route("/rules", pages.rules_index, methods=["GET"], name="web-rules"),
        Route("/rules/{rule_id}", pages.rule_page, methods=["GET"], name="web-rule"),
        Route("/code", coder.coder_form, methods=["GET"], name="web-coder"),
        Route("/code", coder.coder_post, methods=["POST"], name="web-coder-post"),
        Route("/code/download", coder.coder_download, methods=["POST"], name="web-download"),
        Route("/check", checker.checker_form, methods=["GET"], name="web-checker"),
        Route("/check", checker.checker_post, methods=["POST"], name="web-checker-post"),
        Mount("/assets", app=StaticFiles(directory=static), name="web-assets"),
    ]


def mount(app: Any) -> None:
    """Add the pages to ``app`` (a FastAPI or Starlette application)."""
    app.router.routes.extend(routes())
