"""Pages in a real browser: search as you type and open a code; code a three-drug case through
the form; switch language; every page is accessible (axe) and photographed (desktop, phone)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import PHONE, check_accessibility, screenshots

from infusion_coder.engine import code_case

#: pages to check and photograph: (screenshot name, path)
PAGES = [
    ("home", "/"),
    ("search", "/?q=chemo+push"),
    ("codes", "/codes"),
    ("code-96413", "/codes/96413"),
    ("code-96417", "/codes/96417"),
    ("drugs", "/drugs"),
    ("drug-J9267", "/drugs/J9267"),
    ("modifiers", "/modifiers"),
    ("modifier-25", "/modifiers/25"),
    ("icd10-C50.911", "/icd10/C50.911"),
    ("rules", "/rules"),
    ("rule-SEQ002", "/rules/SEQ002"),
    ("coder", "/code"),
    ("checker", "/check"),
    ("not-found", "/codes/99999"),
    ("home-es", "/?lang=es"),
    ("code-96413-es", "/codes/96413?lang=es"),
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[n for n, _ in PAGES])
def test_page_is_accessible_on_desktop_and_phone(page: Any, name: str, path: str) -> None:
    page.goto(path)
    check_accessibility(page, f"{path} (desktop)")
    page.set_viewport_size(PHONE)
    check_accessibility(page, f"{path} (phone)")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} scrolls sideways on a phone ({width}px)"
    screenshots(page, name)


def test_search_as_you_type_then_open_code_with_keyboard(page: Any) -> None:
    page.goto("/")
    page.fill("#q", "96417")  # no submit: results come as you type
    page.wait_for_selector('#hits a.hit[href="/codes/96417"]')
    assert page.url.endswith("/?q=96417")  # the address follows the query
    page.focus("#q")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "/codes/96417"
    page.keyboard.press("Enter")
    page.wait_for_url("**/codes/96417")
    assert "96417" in page.inner_text("h1")
    assert page.is_visible("text=Add-on code")
    check_accessibility(page)


def test_search_groups_results_by_kind(page: Any) -> None:
    page.goto("/")
    page.fill("#q", "paclitaxel")
    page.wait_for_selector("#hits-drug")
    assert page.is_visible('#hits a.hit[href="/drugs/J9267"]')
    screenshots(page, "search-live")


THREE = [
    # drug, category (None: from the catalogue), route, start, stop, dose
    ("normal saline", "hydration", "iv_infusion", "08:00", "09:00", ""),
    ("paclitaxel", None, "iv_infusion", "09:10", "12:20", "300"),
    ("carboplatin", None, "iv_infusion", "12:30", "13:15", "600"),
]


def test_code_three_drug_case_through_the_form(page: Any) -> None:
    page.goto("/code")
    page.fill("#date", "2026-03-02")
    for i, (drug, category, route, start, stop, dose) in enumerate(THREE):
        page.fill(f"#adm-{i}-drug", drug)
        page.press(f"#adm-{i}-drug", "Tab")  # change event: HCPCS and category from the catalogue
        if category:
            page.select_option(f"#adm-{i}-category", category)
        page.select_option(f"#adm-{i}-route", route)
        page.fill(f"#adm-{i}-start", start)
        page.fill(f"#adm-{i}-stop", stop)
        if dose:
            page.fill(f"#adm-{i}-dose_amount", dose)
    assert page.input_value("#adm-1-hcpcs") == "J9267"
    assert page.input_value("#adm-1-category") == "chemotherapy"
    assert page.input_value("#adm-2-hcpcs") == "J9045"

    page.click("#add-row")  # adds a fourth row in place, no reload
    assert page.is_visible("#adm-3-drug")
    assert page.input_value("#adm-3-drug") == ""
    assert page.input_value("#adm-0-drug") == "normal saline"

    page.click("#code-it")
    page.wait_for_selector("#result")
    codes = page.eval_on_selector_all("tr.line", "rows => rows.map(r => r.dataset.code)")
    case = {
        "setting": "facility",
        "payer": "medicare",
        "date": "2026-03-02",
        "administrations": [
            {"drug": d, "category": c, "route": r, "start": s, "stop": e}
            | ({"dose": {"amount": float(q), "unit": "mg"}} if q else {})
            | ({"hcpcs": h} if h else {})
            for (d, c, r, s, e, q), h in zip(
                THREE,
                ["", "J9267", "J9045"],
                strict=True,
            )
        ],
    }
    for adm, (_, cat, *_rest) in zip(case["administrations"], THREE, strict=True):
        adm["category"] = cat or "chemotherapy"
    assert codes == [line.code for line in code_case(case).lines]
    assert codes[0] == "96413" and "96417" in codes and "96415" in codes

    svg = page.locator("svg.timeline")
    assert svg.locator("rect.tl-bar").count() == 3
    assert svg.locator("g.tl-role-initial").count() == 1
    labels = svg.locator("text.tl-unit-label").all_text_contents()
    assert {"16", "31", "91", "151"} <= set(labels)
    check_accessibility(page, "coder result")
    screenshots(page, "coder-result")

    with page.expect_download() as download:
        page.click("form.downloads button[value=csv]")
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("section,code,units")
    assert re.search(r"^line,96413,1,", text, re.M)


def test_switch_language(page: Any) -> None:
    page.goto("/")
    assert page.get_attribute("html", "lang") == "en"
    page.click('nav.lang a[hreflang="es"]')
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    assert page.inner_text("h1") == "Códigos de administración de fármacos"
    page.click("nav.main >> text=Reglas")  # the choice sticks while browsing
    page.wait_for_url("**/rules")
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("h1") == "Reglas de codificación"
    page.click('nav.lang a[hreflang="en"]')
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.inner_text("h1") == "Coding rules"


def test_check_a_claim_with_an_error(page: Any) -> None:
    page.goto("/check")
    page.fill(
        "#claim_text",
        '{"setting": "professional", "place_of_service": "11", "diagnoses": ["C50.911"],'
        ' "lines": [{"code": "96417", "units": 1}]}',
    )
    page.click("#check-it")
    page.wait_for_selector("#report")
    errors = page.locator("section.severity-error article.finding")
    assert errors.count() >= 1
    ids = errors.evaluate_all("els => els.map(e => e.dataset.finding)")
    assert "AOC001" in ids  # an add-on without its primary code
    first = page.locator('article.finding[data-finding="AOC001"]')
    assert "Fix:" in first.inner_text()
    assert page.locator("table.claim-lines tr.flagged").count() == 1
    check_accessibility(page, "checker result")


def test_check_example_claim_with_its_case_shows_the_payment_difference(page: Any) -> None:
    page.goto("/check?example=1")
    page.click("#check-it")
    page.wait_for_selector("#report")
    assert page.locator("table.comparison tbody tr").count() >= 1
    assert re.search(r"\$\d", page.inner_text("dl.totals"))
    check_accessibility(page, "checker with comparison")
    screenshots(page, "checker-result")
