"""People search as they speak: an everyday word finds the methods about what it means, and an age in the words
puts the methods for that age first. Both readings are shown and can be turned off.

Real Whoosh and Voikko on the small search catalogue (tests/search_content.py) with concept files as an editor
writes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.build import build
from catalogue.cli import cli
from catalogue.content.loading import load_catalogue
from search import SearchRequest, SearchService
from search.analysis import LanguageTerms
from search.concepts import AgeReader
from tests.conftest import empty_content
from tests.search_content import METHODS, write_content

CONCEPTS = {
    "sv": "topics:\n  behaviour_problems: [utbrott, trots, ilskeutbrott]\n  separation_conflict: [skilsmässa, "
    'vårdnadstvist]\nages:\n  pregnancy: [gravid, väntar barn]\n  "1-2": [småbarn]\n',
    "fi": "topics:\n  behaviour_problems: [kiukkukohtaus, raivari, uhma]\n  separation_conflict: [huoltajuuskiista]\n"
    'ages:\n  "0": [vauva]\n  "1-2": [taapero]\n',
    "en": "topics:\n  behaviour_problems: [tantrum, terrible twos, meltdown]\n  separation_conflict: [custody dispute]\n"
    'ages:\n  pregnancy: [pregnant, expecting]\n  "1-2": [toddler]\n',
}


def write_concepts(content: Path, texts: dict[str, str] = CONCEPTS) -> None:
    (content / "concepts").mkdir(exist_ok=True)
    for lang, text in texts.items():
        (content / "concepts" / f"{lang}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> SearchService:
    root = tmp_path_factory.mktemp("concepts")
    content = empty_content(root)
    write_content(content)
    write_concepts(content)
    build(content, root / "index")
    return SearchService(root / "index")


def search(service: SearchService, lang: str, q: str, **more):
    return service.search(SearchRequest(lang=lang, q=q, **more))


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


@pytest.mark.parametrize(
    ("lang", "typed", "rest", "years", "band"),
    [
        ("sv", "utbrott hos tvååring", "utbrott hos", 2, None),
        ("sv", "2-åring som slår", "som slår", 2, None),
        ("sv", "sömn 18 månader", "sömn", 1, None),
        ("sv", "gravid och orolig", "och orolig", None, "pregnancy"),
        ("fi", "2-vuotias lyö", "lyö", 2, None),
        ("fi", "kaksivuotiaan kiukku", "kiukku", 2, None),
        ("fi", "vauvan uni", "uni", None, "0"),
        ("en", "2 year old tantrums", "tantrums", 2, None),
        ("en", "tantrums in a two-year-old", "tantrums in a", 2, None),
        ("en", "toddler hitting", "hitting", None, "1-2"),
        ("en", "sleep", "sleep", None, None),
        ("en", "sleep at 9 months", "sleep at", 0, None),
        ("en", "3 month old baby", "baby", 0, None),
        ("en", "months of crying", "months of crying", None, None),
    ],
)
def test_an_age_in_the_words_is_read_in_three_languages(lang, typed, rest, years, band):
    ages = {"sv": {"pregnancy": ["gravid"]}, "fi": {"0": ["vauva"]}, "en": {"1-2": ["toddler"]}}[lang]
    text, age = AgeReader(lang, LanguageTerms(lang), ages).read(typed)
    assert text == rest
    assert (age.years, age.band) == (years, band) if age else (years, band) == (None, None)


def test_an_everyday_word_finds_the_methods_about_what_it_means(service):
    results = search(service, "fi", "kiukkukohtaukset")  # inflected and compound: Voikko's base form
    assert "incredible" in ids(results) and results.concepts == ["behaviour_problems"]
    results = search(service, "en", "terrible twos")
    assert ids(results)[0] == "incredible" and results.concepts == ["behaviour_problems"]
    assert ids(search(service, "sv", "vårdnadstvist")) == ["separation"]


def test_the_reading_can_be_turned_off(service):
    results = search(service, "fi", "kiukkukohtaukset", plain=("behaviour_problems",))
    assert results.concepts == [] and "incredible" not in ids(results)


def test_a_method_found_through_its_topic_ranks_below_a_direct_match(service):
    def score(q: str) -> float:
        return next(hit.score for hit in search(service, "en", q).hits if hit.id == "incredible")

    assert score("meltdown") < score("behaviour")  # "meltdown" is not in its text: found through its topic only


def test_an_age_puts_the_methods_for_it_first_without_hiding_the_others(service):
    every = search(service, "sv", "")
    results = search(service, "sv", "tvååring")
    assert results.age.years == 2 and results.total == every.total
    assert ids(results)[0] == "meadow"  # 0–2 years: the only one for a two-year-old among these
    assert set(ids(results)) == set(ids(every))
    typed = search(service, "sv", "tvååring", plain=("age",))
    assert typed.age is None


def test_an_age_puts_the_methods_made_for_it_before_those_for_a_wider_range(service):
    # 13-17 years before 4-17 years (by name the other way round), both before 3-12 years
    assert ids(search(service, "en", "13 year old"))[:3] == ["zone", "separation", "incredible"]


def drinks_method(title: str, summary: str, topic: str) -> dict:
    return {"facts": {**METHODS["incredible"]["facts"], "topics": [topic]}, "en": (title, summary, "Parents meet.")}


def test_methods_about_what_an_everyday_word_means_come_before_those_that_only_use_it(tmp_path):
    content = empty_content(tmp_path)
    methods = {
        "snacks": drinks_method(
            "Healthy snacks", "Fewer sweet drinks for children, mums and dads: drinks with sugar.", "healthy_lifestyle"
        ),
        "family-talk": drinks_method("Family talk", "For families where a parent misuses alcohol.", "substance_use"),
    }
    write_content(content, methods=methods, synonyms={})
    write_concepts(content, {"en": "topics:\n  substance_use: [dad drinks, alcohol]\n"})
    build(content, tmp_path / "index")
    service = SearchService(tmp_path / "index")
    results = search(service, "en", "dad drinks")
    assert results.concepts == ["substance_use"] and ids(results) == ["family-talk", "snacks"]
    assert ids(search(service, "en", "drinks")) == ["snacks"]  # not an everyday word for the topic: as typed


def test_the_concept_files_are_checked_like_method_files(tmp_path):
    content = empty_content(tmp_path)
    write_content(content)
    write_concepts(
        content,
        {
            "sv": "topics:\n  behaviour_problem: [utbrott]\n  separation_conflict: [skilsmässa, skilsmässa]\n",
            "fi": "topics:\n  behaviour_problems: [kiukkukohtaus, kiukkukohtauz]\n",
            "en": 'topics:\n  behaviour_problems: [tantrum, kiukkukohtaus]\nages:\n  "1-3": [toddler]\n',
        },
    )
    output = CliRunner().invoke(cli, ["validate", "--content", str(content)]).output
    folder = content / "concepts"
    assert f"{folder / 'sv.yaml'}:2: topics.behaviour_problem: 'behaviour_problem' is not in the taxonomy" in output
    assert f"{folder / 'sv.yaml'}:3: topics.separation_conflict[1]: 'skilsmässa' is listed twice" in output
    assert (
        f"{folder / 'fi.yaml'}:2: topics.behaviour_problems[1]: warning: Voikko does not know 'kiukkukohtauz'" in output
    )
    assert (
        f"{folder / 'en.yaml'}:2: topics.behaviour_problems[1]: warning: 'kiukkukohtaus' reads as a Finnish word"
        in (output)
    )
    assert f"{folder / 'en.yaml'}:4: ages.1-3: '1-3' is not in the taxonomy" in output
    assert load_catalogue(content).methods  # the methods themselves are still served


def test_the_search_page_says_how_it_read_the_words_and_each_reading_can_be_removed(service):
    from bs4 import BeautifulSoup

    from catalogue.web.app import create_app

    client = create_app({"INDEX_DIR": service.index_dir, "TESTING": True}).test_client()
    soup = BeautifulSoup(client.get("/en/methods/?q=terrible+twos").data, "html.parser")
    chip = soup.select_one("ul.tags--reading a.tag")
    assert chip.get_text(" ", strip=True).startswith("Showing methods about: Behaviour problems")
    assert chip["href"] == "/en/methods/?q=terrible+twos&plain=behaviour_problems"
    removed = BeautifulSoup(client.get(chip["href"]).data, "html.parser")
    assert not removed.select("ul.tags--reading")
    soup = BeautifulSoup(client.get("/sv/methods/?q=tvååring").data, "html.parser")
    assert soup.select_one("ul.tags--reading a.tag").get_text(" ", strip=True).startswith("Metoder för 2-åringar först")
    api = client.get("/api/v1/methods?lang=fi&q=kaksivuotiaan+raivarit").json
    assert api["age"] == {"words": "kaksivuotiaan", "years": 2, "band": None}
    assert api["concepts"] == ["behaviour_problems"]
