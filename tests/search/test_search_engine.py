"""Search behaviour on a tiny hand-written index: codes, words, synonyms, respelling, filters,
limits, ordering and bad input."""

from __future__ import annotations

import pytest

from infusion_coder.errors import InvalidInput
from infusion_coder.search import SearchIndex


def codes(index: SearchIndex, query: str, **kw: object) -> list[str]:
    return [h.code for h in index.search(query, **kw).hits]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("96411", "96411"),  # CPT
        ("J9312", "J9312"),  # HCPCS drug
        ("j9312", "J9312"),  # lower case
        ("C50.911", "C50.911"),  # ICD-10-CM with the dot
        ("c50911", "C50.911"),  # ... without it, lower case
        ("-25", "25"),  # modifier as written on a claim line
        ("25", "25"),  # ... bare
        ("JZ", "JZ"),  # letter modifier
        ("hyd001", "HYD001"),  # rule id
    ],
)
def test_when_query_is_an_exact_code_then_it_is_the_first_hit(
    tiny: SearchIndex, query: str, code: str
) -> None:
    hit = tiny.search(query).hits[0]
    assert hit.code == code
    assert hit.match == "code"
    assert "exact code" in hit.why


def test_when_query_is_a_partial_code_then_codes_starting_with_it_come_first_in_code_order(
    tiny: SearchIndex,
) -> None:
    hits = tiny.search("9641").hits
    assert [h.code for h in hits[:3]] == ["96411", "96413", "96415"]
    assert all(h.match == "code_prefix" for h in hits[:3])


def test_when_category_is_given_then_the_category_comes_before_its_children(
    tiny: SearchIndex,
) -> None:
    assert codes(tiny, "C50")[:2] == ["C50", "C50.911"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("initial chemo push", "96409"),  # abbreviation of chemotherapy
        ("ivp chemotherapy first drug", "96409"),  # IVP → push
        ("second chemo drug by push", "96411"),  # second → additional/further, stopword 'by'
        ("kvo", "HYD001"),  # keep vein open
        ("breast cancer", "C50"),  # cancer → malignant neoplasm
        ("CLL", "C91.10"),  # chronic lymphocytic leukemia
        ("Remicade", "J1745"),  # brand → generic
        ("chemo encounter", "Z51.11"),
    ],
)
def test_when_query_uses_a_coders_words_then_the_expected_code_is_first(
    tiny: SearchIndex, query: str, code: str
) -> None:
    assert codes(tiny, query)[0] == code


@pytest.mark.parametrize(
    ("typed", "used", "code"),
    [
        ("chemotheraphy", "chemotherapy", "96409"),
        ("hydraton", "hydration", "96360"),
        ("ritiximab", "rituximab", "J9312"),
        ("infliximib", "infliximab", "J1745"),
    ],
)
def test_when_a_word_is_misspelled_then_it_is_respelled_and_reported(
    tiny: SearchIndex, typed: str, used: str, code: str
) -> None:
    results = tiny.search(typed)
    assert results.corrections == {typed: used}
    assert code in [h.code for h in results.hits]
    assert f"read as {used!r}" in results.hits[0].why, results.hits[0].why


def test_when_a_word_is_unknown_and_not_close_to_any_then_nothing_is_guessed(
    tiny: SearchIndex,
) -> None:
    results = tiny.search("zzzqqq")
    assert results.hits == [] and results.corrections == {}


def test_when_the_last_word_is_being_typed_then_it_matches_as_a_prefix(tiny: SearchIndex) -> None:
    assert codes(tiny, "ritux")[0] == "J9312"


def test_when_filtered_by_kind_then_only_that_kind_is_returned(tiny: SearchIndex) -> None:
    hits = tiny.search("chemotherapy", kind="icd10").hits
    assert [h.code for h in hits] == ["Z51.11"]
    assert {h.kind for h in tiny.search("chemotherapy", kind=["code", "drug"]).hits} == {"code"}
    assert {h.kind for h in tiny.search("chemotherapy", kind="code,icd10").hits} == {
        "code",
        "icd10",
    }


def test_when_filtered_by_family_then_only_that_family_is_returned(tiny: SearchIndex) -> None:
    hits = tiny.search("first hour", family="hydration").hits
    assert [h.code for h in hits] == ["96360"]
    assert codes(tiny, "9641", family="hydration") == []


def test_when_a_limit_is_given_then_no_more_hits_are_returned(tiny: SearchIndex) -> None:
    assert len(tiny.search("chemotherapy", limit=2).hits) == 2
    assert tiny.search("chemotherapy", limit=2).count == 2


def test_when_the_same_query_is_run_twice_then_the_order_is_the_same(tiny: SearchIndex) -> None:
    first = tiny.search("chemotherapy infusion hour", limit=20)
    assert first == tiny.search("chemotherapy infusion hour", limit=20)


def test_when_scores_tie_then_hits_are_ordered_by_kind_then_code(tiny: SearchIndex) -> None:
    hits = tiny.search("chemotherapy", limit=20).hits
    keys = [(h.score, h.kind, h.code) for h in hits]
    for (s1, k1, c1), (s2, k2, c2) in zip(keys, keys[1:], strict=False):
        assert s1 >= s2
        if s1 == s2 and k1 == k2:
            assert c1 < c2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"query": ""}, "q"),  # empty
        ({"query": "   "}, "q"),  # blank
        ({"query": "x" * 501}, "q"),  # too long
        ({"query": "chemo", "limit": 0}, "limit"),
        ({"query": "chemo", "limit": 101}, "limit"),
        ({"query": "chemo", "kind": "cpt"}, "kind"),  # unknown kind
    ],
)
def test_when_arguments_are_bad_then_invalid_input_names_the_field(
    tiny: SearchIndex, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        tiny.search(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_when_the_query_holds_fts_syntax_then_it_is_read_as_words(tiny: SearchIndex) -> None:
    for query in ('"chemo', "chemo OR", "NEAR(chemo", "chemo*", "label:chemo", "^chemo", "(("):
        tiny.search(query)  # no sqlite3.OperationalError
