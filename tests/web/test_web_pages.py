"""Every page renders (both languages), unknown codes get the 404 page, the pages stay out of
the API schema, and they are served by the real application too."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/?q=chemo+push",
    "/codes",
    "/codes/96413",
    "/codes/96415",
    "/codes/96360",
    "/drugs",
    "/drugs/J9267",
    "/modifiers",
    "/modifiers/25",
    "/icd10/C50.911",
    "/icd10/C50",
    "/rules",
    "/rules?family=hierarchy",
    "/rules/HIE001",
    "/code",
    "/code?example=1",
    "/check",
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_when_page_requested_then_it_renders_in_that_language(
    client: TestClient, path: str, lang: str
) -> None:
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}lang={lang}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert f'<html lang="{lang}">' in html
    assert "<title>" in html and "<h1" in html
    assert 'href="/assets/style.css"' in html


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/codes/99999", "99999"),  # a well-formed code the library does not hold
        ("/codes/not-a-code", "not-a-code"),
        ("/drugs/J0000", "J0000"),
        ("/modifiers/QQ", "QQ"),
        ("/icd10/Z99.999", "Z99.999"),
        ("/rules/XYZ999", "XYZ999"),
    ],
)
def test_when_code_is_unknown_then_404_page_with_search(
    client: TestClient, path: str, shown: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Not found" in response.text
    assert shown in response.text
    assert 'role="search"' in response.text


def test_when_unknown_code_in_spanish_then_404_page_is_spanish(client: TestClient) -> None:
    response = client.get("/codes/99999?lang=es")
    assert response.status_code == 404
    assert "No encontrado" in response.text


def test_code_page_shows_the_library_facts(client: TestClient) -> None:
    from infusion_coder import knowledge

    entry = knowledge.load().code("96415")
    html = client.get("/codes/96415").text
    assert "Add-on code" in html
    assert 'href="/codes/96413"' in html  # its primary code, linked
    assert "Unit limits (MUE)" in html and "Outpatient hospital" in html
    assert entry.opps is not None and entry.opps.si in html
    assert entry.payment is not None and f"${entry.payment.non_facility:,.2f}" in html
    assert entry.betos is not None and entry.betos.code in html
    assert entry.ccs is not None and str(entry.ccs.number) in html
    assert entry.data_release in html


def test_primary_code_lists_its_add_ons(client: TestClient) -> None:
    html = client.get("/codes/96413").text
    for addon in ("96415", "96417", "96411"):
        assert f'href="/codes/{addon}"' in html


def test_code_page_links_rules_that_name_the_code(client: TestClient) -> None:
    from infusion_coder import rules

    naming = [r.id for r in rules.catalog() if re.search(r"\b96417\b", r.statement + r.example)]
    assert naming, "some rule should name 96417"
    html = client.get("/codes/96417").text
    for rule_id in naming:
        assert f'href="/rules/{rule_id}"' in html


def test_codes_index_lists_every_library_code(client: TestClient) -> None:
    from infusion_coder import knowledge

    html = client.get("/codes").text
    for entry in knowledge.load().codes():
        assert f'href="/codes/{entry.code}"' in html


def test_icd10_page_shows_hierarchy(client: TestClient) -> None:
    html = client.get("/icd10/c50911").text  # typed without the dot, lower case
    assert "C50.911" in html
    assert 'href="/icd10/C50.91"' in html and 'href="/icd10/C50"' in html
    assert "billable" in html


def test_search_fragment_groups_hits_by_kind(client: TestClient) -> None:
    response = client.get("/?q=96417&fragment=1")
    assert response.status_code == 200
    assert "<html" not in response.text  # only the results block, for the live search
    assert 'id="hits"' in response.text
    assert 'href="/codes/96417"' in response.text
    assert 'id="hits-code"' in response.text


def test_search_without_javascript_returns_full_page(client: TestClient) -> None:
    html = client.get("/?q=paclitaxel").text
    assert "<html" in html
    assert 'href="/drugs/J9267"' in html


def test_when_search_arguments_are_bad_then_message_not_traceback(client: TestClient) -> None:
    response = client.get("/?q=chemo&kind=nonsense")
    assert response.status_code == 200
    assert 'role="alert"' in response.text


def test_language_choice_is_remembered_in_a_cookie(client: TestClient) -> None:
    first = client.get("/rules?lang=es")
    assert first.cookies.get("ic_lang") == "es"
    again = client.get("/rules")  # the client sends the cookie back
    assert '<html lang="es">' in again.text
    assert "Reglas de codificación" in again.text


def test_accept_language_picks_spanish(app: object) -> None:
    fresh = TestClient(app)  # type: ignore[arg-type]
    html = fresh.get("/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}).text
    assert '<html lang="es">' in html
    assert "Buscar" in html


def test_switcher_links_keep_path_and_query(client: TestClient) -> None:
    html = client.get("/rules?family=timing").text
    assert 'href="/rules?family=timing&amp;lang=es"' in html


def test_pages_are_not_in_the_api_schema(app: object) -> None:
    schema = app.openapi()  # type: ignore[attr-defined]
    assert not any(path in schema["paths"] for path in ("/", "/code", "/check", "/codes/{code}"))


def test_real_application_serves_the_pages() -> None:
    from infusion_coder.api import create_app

    client = TestClient(create_app())
    assert client.get("/").status_code == 200
    assert client.get("/codes/96413").status_code == 200
    assert client.get("/assets/app.js").status_code == 200
    assert client.get("/codes/99999").status_code == 404


def test_every_page_has_one_main_and_labelled_controls(client: TestClient) -> None:
    html = client.get("/code?example=1").text
    assert html.count("<main") == 1
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', html))
    labelled = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', html))
    hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', html))
    assert ids - hidden <= labelled, f"controls without a label: {sorted(ids - labelled)}"


@pytest.mark.parametrize(
    ("first", "covers", "step", "marks"),
    [
        (16, 90, 60, [16, 91, 151, 211]),  # an hour that covers up to 90 minutes
        (16, 60, 60, [16, 91, 151, 211]),  # the same rule written as 60 plus the half-hour
        (31, 90, 60, [31, 91, 151, 211]),  # hydration
        (16, None, None, [16]),  # a code without additional units
    ],
)
def test_time_rule_diagram_marks_the_thresholds(
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    first: int,
    covers: Any,
    step: Any,
    marks: list[int],
) -> None:
    from infusion_coder import knowledge
    from infusion_coder.knowledge.models import TimeRule
    from infusion_coder.web import _library

    entry = knowledge.load().code("96413")
    rule = TimeRule(
        min_first_unit_minutes=first,
        covers_up_to_minutes=covers,
        additional_unit_code="96415" if step else None,
        additional_unit_minutes=step,
        note="",
    )
    timed = entry.model_copy(update={"time_rule": rule})
    monkeypatch.setattr(_library, "code", lambda value: timed if value == "96413" else entry)
    html = client.get("/codes/96413").text
    figure = html[html.index('<figure class="diagram">') : html.index("</figure>")]
    labels = [int(t) for t in re.findall(r'font-size="12">(\d+)</text>', figure)]
    assert labels == marks
    if step:
        assert 'href="/codes/96415"' in html
