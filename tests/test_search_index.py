"""A reader searches the catalogue: words in any form, compounds, names in any language, synonyms, facets,
sorting, snippets, "did you mean", and whatever she types never breaks the search.

Real Whoosh on small content folders written by the tests (and on the real content where it says so).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.content.collation import sort_key
from catalogue.content.loading import load_catalogue
from search import BadParameter, SearchRequest, SearchService, build_index
from search.analysis import LanguageTerms, words
from tests.conftest import empty_content
from tests.search_content import METHODS, write_content


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> SearchService:
    root = tmp_path_factory.mktemp("search")
    content = empty_content(root)
    write_content(content)
    catalogue = load_catalogue(content)
    assert not catalogue.errors, catalogue.errors
    build_index(catalogue, root / "index")
    return SearchService(root / "index")


def ids(service: SearchService, lang: str, q: str = "", **filters) -> list[str]:
    return [hit.id for hit in service.search(SearchRequest(lang=lang, q=q, **filters)).hits]


# -- words in any form ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "q", "expected"),
    [
        ("sv", "föräldrar", "family-support"),  # Föräldrarna
        ("sv", "grupp", "family-support"),  # grupper
        ("en", "parent", "family-support"),  # Parents
        ("en", "practising", "family-support"),  # practise
        ("fi", "vanhempi", "family-support"),  # vanhemmille, Vanhemmat (Voikko base forms)
        ("fi", "ryhmä", "family-support"),  # ryhmissä
    ],
)
def test_inflected_forms_find_the_method(service, lang, q, expected):
    assert expected in ids(service, lang, q)


def test_stop_words_alone_do_not_match_everything(service):
    assert service.search(SearchRequest(lang="sv", q="och för till")).total == 0 or ids(service, "sv", "och") == []


# -- compounds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "q"),
    [
        ("sv", "stöd"),  # part of Föräldraskapsstöd
        ("sv", "föräldraskap"),  # first part of Föräldraskapsstöd
        ("sv", "familjestöd"),  # a compound the text never uses: familj(er) + stöd
        ("fi", "taito"),  # part of Vanhemmuustaidot
        ("fi", "lapsiperhe"),  # lapsiperheissä, by its base form
        ("fi", "perhe"),  # part of lapsiperheissä
    ],
)
def test_compounds_match_their_parts(service, lang, q):
    assert ids(service, lang, q)[:1] == ["family-support"]


# -- names in every language --------------------------------------------------------------------


def test_swedish_compounds_are_split_by_the_dictionary_into_words_the_catalogue_never_uses(tmp_path):
    content = empty_content(tmp_path)
    spec = {**METHODS["incredible"], "sv": ("Stöd per telefon", "Telefonstöd i klassrumsledningen.", "Sjukdom.")}
    del spec["fi"]
    write_content(content, methods={"phone": spec, "incredible": METHODS["incredible"]}, synonyms={})
    build_index(load_catalogue(content), tmp_path / "index")
    service = SearchService(tmp_path / "index")

    def found(q: str) -> bool:
        return [hit.id for hit in service.search(SearchRequest(lang="sv", q=q)).hits] == ["phone"]

    assert found("telefonstöd") and found("klassrum") and found("ledning")  # klassrum: only in the compound
    assert not found("dom")  # sjukdom is a word of its own to the dictionary, not sjuk + dom


@pytest.mark.parametrize("lang", ["sv", "fi", "en"])
@pytest.mark.parametrize("name", ["De otroliga åren", "Ihmeelliset vuodet", "Incredible Years"])
def test_every_name_finds_the_method_from_every_language(service, lang, name):
    assert ids(service, lang, name)[:1] == ["incredible"]


def test_method_without_a_translation_is_found_in_every_language_with_its_text_language(service):
    for lang in ("sv", "fi", "en"):
        results = service.search(SearchRequest(lang=lang, q="sleep coaching"))
        assert [(hit.id, hit.lang) for hit in results.hits] == [("quiet-nights", "en")]
    assert "quiet-nights" in ids(service, "fi", age=("pregnancy",))


def test_text_in_the_readers_language_is_searched_not_the_others(service):
    hit = service.search(SearchRequest(lang="sv", q="beteendeproblem")).hits[0]
    assert (hit.id, hit.lang) == ("incredible", "sv")
    assert "<mark>beteendeproblem</mark>" in hit.highlights["summary"]


# -- synonyms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "q"), [("en", "tantrum"), ("en", "tantrums"), ("sv", "utbrott"), ("fi", "uhma")])
def test_editors_synonyms_find_methods_that_use_another_word(service, lang, q):
    assert ids(service, lang, q) == ["incredible"]


def test_synonym_phrases_work_both_ways(service):
    assert ids(service, "fi", "ero") == ["separation"]  # "muuttavat erilleen" in the text
    assert ids(service, "en", "acting out") == ["incredible"]


# -- facets and filters -------------------------------------------------------------------------


def test_facets_count_every_match_with_or_within_and_and_across(service):
    results = service.search(SearchRequest(lang="sv", sector=("school",)))
    assert sorted(hit.id for hit in results.hits) == ["incredible", "zone"]
    # the sector facet ignores its own selection: every method counts there
    assert results.facets["sector"]["child_health"] == 1
    assert results.facets["sector"]["school"] == 2
    # other facets count only school methods
    assert results.facets["topic"] == {
        **{t: 0 for t in results.facets["topic"]},
        "behaviour_problems": 1,
        "bullying": 1,
        "parenting_skills": 1,
    }
    both = service.search(SearchRequest(lang="sv", sector=("school", "child_health")))
    assert both.total == 3
    narrowed = service.search(SearchRequest(lang="sv", sector=("school", "child_health"), format=("setting_wide",)))
    assert [hit.id for hit in narrowed.hits] == ["zone"]


def test_age_in_years_selects_methods_whose_range_covers_it(service):
    assert sorted(ids(service, "en", age=("4",))) == ["family-support", "incredible", "separation"]
    assert sorted(ids(service, "en", age=("0",))) == ["meadow", "quiet-nights"]
    assert sorted(ids(service, "en", age=("pregnancy", "13"))) == ["quiet-nights", "separation", "zone"]


def test_filters_combine_with_a_query(service):
    assert ids(service, "en", "parents", need=("selective",)) == ["separation"]
    assert ids(service, "en", "parents", language=("fi",), evidence=("effective",)) == ["family-support"]


def test_facet_counts_equal_a_brute_force_count_over_the_real_content(catalogue, tmp_path):
    build_index(catalogue, tmp_path / "index")
    real = SearchService(tmp_path / "index")
    methods = list(catalogue.methods.values())
    values = {
        "evidence": lambda m: [m.level],
        "age": lambda m: list(m.age_bands),
        "need": lambda m: list(m.need),
        "sector": lambda m: list(m.sectors),
        "topic": lambda m: list(m.topics),
        "format": lambda m: list(m.format),
        "language": lambda m: list(m.languages),
        "training": lambda m: [
            value
            for offer in (m.implementation.countries if m.implementation else ())
            if offer.trained_by or offer.training_languages
            for value in (offer.country, *(f"{lang}-{offer.country}" for lang in offer.training_languages))
        ],
        "family_cost": lambda m: (
            [m.implementation.cost.families]
            if m.implementation and m.implementation.cost and m.implementation.cost.families
            else []
        ),
        "outcome": lambda m: list(m.outcomes.shown) if m.outcomes else [],
    }
    selections = [
        {},
        {"sector": ("child_health", "school")},
        {"age": ("3-5",), "evidence": ("effective", "promising")},
        {"need": ("indicated",), "format": ("group",), "topic": ("behaviour_problems",)},
        {"training": ("FI", "sv-SE"), "family_cost": ("free",)},
        {"outcome": ("child_behaviour", "parental_depression"), "age": ("0", "1-2")},
    ]

    def passes(method, selection, skip=None):
        return all(facet == skip or set(values[facet](method)) & set(chosen) for facet, chosen in selection.items())

    for selection in selections:
        results = real.search(SearchRequest(lang="fi", per_page=100, **selection))
        assert sorted(hit.id for hit in results.hits) == sorted(m.id for m in methods if passes(m, selection))
        for facet, counts in results.facets.items():
            for value, count in counts.items():
                expected = sum(1 for m in methods if passes(m, selection, skip=facet) and value in values[facet](m))
                assert count == expected, (selection, facet, value)


def test_facets_with_a_query_count_all_matches_not_just_the_page(catalogue, tmp_path):
    build_index(catalogue, tmp_path / "index")
    real = SearchService(tmp_path / "index")
    everything = real.search(SearchRequest(lang="sv", q="föräldrar", per_page=100))
    first_page = real.search(SearchRequest(lang="sv", q="föräldrar", per_page=2))
    assert everything.total > 2 and len(first_page.hits) == 2
    assert first_page.facets == everything.facets
    for value, count in everything.facets["sector"].items():
        assert count == sum(1 for hit in everything.hits if value in catalogue.methods[hit.id].sectors)


# -- sorting ------------------------------------------------------------------------------------


def test_sorting_by_name_follows_swedish_and_finnish_alphabets(service):
    swedish = ids(service, "sv", sort="name")
    # De otroliga åren, Föräldraskapsstöd …, Quiet Nights …, Zonen …, Ängsbacken …, Öppna samtal …
    assert swedish == ["incredible", "family-support", "quiet-nights", "zone", "meadow", "separation"]
    titles = [METHODS[i]["sv" if "sv" in METHODS[i] else "en"][0] for i in swedish]
    assert titles == sorted(titles, key=lambda t: sort_key(t, "sv"))
    assert (
        titles.index("Zonen mot mobbning")
        < titles.index("Ängsbacken lekgrupp")
        < titles.index("Öppna samtal efter ett uppbrott")
    )


def test_default_sort_is_name_without_a_query_and_relevance_with_one(service):
    assert service.search(SearchRequest(lang="en")).sort == "name"
    assert service.search(SearchRequest(lang="en", q="parents")).sort == "relevance"


def test_sort_by_evidence_puts_the_strongest_first(service):
    assert ids(service, "en", "parents", sort="evidence")[0] == "family-support"


def test_sort_by_last_reviewed_puts_the_newest_first(service, tmp_path):
    assert set(ids(service, "en", sort="reviewed")[:5]) == {
        "family-support",
        "incredible",
        "separation",
        "zone",
        "meadow",
    }
    assert ids(service, "en", sort="reviewed")[-1] == "quiet-nights"  # English only: never reviewed in Finnish


def test_pages(service):
    first = service.search(SearchRequest(lang="sv", per_page=4))
    second = service.search(SearchRequest(lang="sv", per_page=4, page=2))
    assert first.total == second.total == 6 and first.pages == 2
    assert [h.id for h in first.hits + second.hits] == ids(service, "sv")
    assert service.search(SearchRequest(lang="sv", per_page=4, page=9)).hits == []


# -- snippets -----------------------------------------------------------------------------------


def test_snippets_mark_the_matched_words_in_any_form(service):
    hits = {hit.id: hit for hit in service.search(SearchRequest(lang="sv", q="förälder grupp")).hits}
    hit = hits["family-support"]
    assert "<mark>föräldrar</mark>" in hit.highlights["summary"]
    assert "<mark>Gruppstöd</mark>" in hit.highlights["summary"]  # a compound holding the word
    assert "body" not in hit.highlights  # the summary already shows where it matched
    body_only = service.search(SearchRequest(lang="sv", q="övar vardagen")).hits[0]
    assert body_only.highlights == {
        "body": "Föräldrarna träffas i små grupper och <mark>övar</mark> föräldraskap i <mark>vardagen</mark>."
    }


def test_snippets_are_escaped(tmp_path, content_dir):
    evil = dict(METHODS["zone"])
    evil["en"] = ("Zone <script>alert(1)</script>", "Bullying & <b>harm</b> at school.", "Text.")
    write_content(content_dir, {"zone": evil}, synonyms={})
    build_index(load_catalogue(content_dir), tmp_path / "index")
    hit = SearchService(tmp_path / "index").search(SearchRequest(lang="en", q="bullying")).hits[0]
    assert hit.highlights["summary"] == "<mark>Bullying</mark> &amp; &lt;b&gt;harm&lt;/b&gt; at school."
    assert "<script>" not in str(hit.highlights)


def test_a_long_text_is_cut_to_a_fragment_around_the_match():
    from search.highlight import Marks, highlight
    from search.query import MatchedTerms

    english = LanguageTerms("en")
    text = "Words before. " * 60 + "Developed by William Beardslee in Boston. " + "Words after. " * 60
    english.learn(words(text))
    snippet = highlight(text, Marks.of(MatchedTerms(terms={"en": {"beardsle"}}), english, "en"))
    assert snippet.startswith("… ") and snippet.endswith(" …") and len(snippet) < 300
    assert "William <mark>Beardslee</mark> in Boston" in snippet


# -- did you mean -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "q", "suggestion"),
    [
        ("sv", "förälrar", "föräldrar"),
        ("en", "incredibel years", "incredible years"),
        ("fi", "ihmeeliset vuodet", "ihmeelliset vuodet"),
    ],
)
def test_misspelt_words_get_a_suggestion_and_its_results(service, lang, q, suggestion):
    results = service.search(SearchRequest(lang=lang, q=q))
    assert results.suggestion == suggestion
    assert results.corrected and results.total > 0


def test_known_words_and_inflections_get_no_suggestion(service):
    for lang, q in [("sv", "föräldrar"), ("fi", "vanhemman"), ("en", "De otroliga åren"), ("sv", "familjestöd")]:
        assert service.search(SearchRequest(lang=lang, q=q)).suggestion is None


def test_real_content_suggestions(catalogue, tmp_path):
    build_index(catalogue, tmp_path / "index")
    real = SearchService(tmp_path / "index")
    results = real.search(SearchRequest(lang="en", q="tripple p"))
    assert results.suggestion == "triple p"
    assert results.hits[0].id == "triple-p"


# -- what a reader types never breaks it --------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        '"unclosed',
        "((",
        ")",
        "AND",
        "OR OR",
        "NOT",
        "a AND OR NOT b",
        "*",
        "**",
        "title:",
        ":",
        "föräld*",
        '""',
        "-",
        "x" * 5000,
        "\x00",
        "🙂",
        "<script>",
        "a:b:c",
        "[]{}",
        "?",
        "NOT föräldrar",
    ],
)
def test_hostile_queries_get_a_safe_answer(service, q):
    results = service.search(SearchRequest(lang="sv", q=q))
    assert_safe_answer(results)
    found = {hit.id for hit in results.hits}
    if q == "föräld*":
        assert "family-support" in found  # a prefix still finds the parenting method
    if q == "NOT föräldrar":
        assert results.total > 0 and "family-support" not in found  # everything but the excluded word


def assert_safe_answer(results) -> None:
    """What a reader sees is well formed: real methods, a total that covers the page, snippets whose only markup
    is the site's own <mark>."""
    assert {hit.id for hit in results.hits} <= set(METHODS)
    assert results.total >= len(results.hits) and results.page >= 1
    for hit in results.hits:
        for snippet in hit.highlights.values():
            assert "<" not in re.sub(r"</?mark>", "", snippet), snippet


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            list('ab åö"()*:-+?\\/[]{}~^2')
            + [" OR ", " AND ", " NOT ", "föräldrar", "-åring", " månader", "-vuotias", " kk", " months", " year old"]
        ),
        max_size=30,
    )
)
def test_any_text_is_a_query_with_a_safe_answer(service, parts):
    q = "".join(parts)
    for lang in ("sv", "fi"):
        results = service.search(SearchRequest(lang=lang, q=q))
        assert_safe_answer(results)
        if lang == "sv" and q.strip() == "föräldrar":
            assert "family-support" in {hit.id for hit in results.hits}


def test_operators_work_when_they_make_sense(service):
    assert sorted(ids(service, "en", "bullying OR sleep")) == ["quiet-nights", "zone"]
    assert "family-support" not in ids(service, "en", "parents NOT families")
    assert "family-support" not in ids(service, "en", "parents -families")
    assert ids(service, "sv", "föräldraskaps*") == ["family-support"]
    assert ids(service, "en", '"set limits"') == ["incredible"]


def test_an_empty_query_with_filters_lists_all_matching_methods(service):
    assert sorted(ids(service, "fi", format=("group",))) == ["family-support", "incredible", "meadow", "separation"]


# -- parameters ---------------------------------------------------------------------------------


def test_request_from_web_parameters_is_lenient():
    request = SearchRequest.from_args(
        "fi",
        {
            "q": ["  vanhemmat "],
            "age": ["3-6,7"],  # an address from before December 2026: its band 3-6 is read as 3-5
            "sector": ["school", "school"],
            "page": ["2"],
            "utm_source": ["x"],
            "need": [""],
        },
    )
    assert (request.q, request.age, request.sector, request.page, request.need) == (
        "vanhemmat",
        ("3-5", "7"),
        ("school",),
        2,
        (),
    )


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ({"sort": ["cheapest"]}, "sort"),
        ({"page": ["0"]}, "page"),
        ({"page": ["two"]}, "page"),
        ({"per_page": ["1000"]}, "per_page"),
        ({"sector": ["moon"]}, "sector"),
        ({"age": ["99"]}, "age"),
        ({"evidence": ["great"]}, "evidence"),
    ],
)
def test_request_rejects_values_that_mean_nothing(args, name):
    with pytest.raises(BadParameter) as error:
        SearchRequest.from_args("sv", args)
    assert error.value.name == name and error.value.message


def test_request_rejects_an_unknown_language():
    with pytest.raises(BadParameter):
        SearchRequest.from_args("de", {})


def test_one_service_serves_several_threads(service):
    from concurrent.futures import ThreadPoolExecutor

    requests = [
        SearchRequest(lang=lang, q=q, sector=sector)
        for lang in ("sv", "fi", "en")
        for q in ("", "föräldrar", "vanhemmat", "parents", "Incredible Years")
        for sector in ((), ("school",))
    ]
    expected = [[hit.id for hit in service.search(r).hits] for r in requests]
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda r: [hit.id for hit in service.search(r).hits], requests * 5))
    assert got == expected * 5
