"""The site through Flask's test client: what a reader of each language gets on every page type."""

from __future__ import annotations

import gzip
import re
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from catalogue.build import build
from catalogue.cli import cli
from catalogue.content import LANGUAGES, PARENT_LANGUAGES
from catalogue.content.loading import load_catalogue
from catalogue.web.app import create_app

from .conftest import empty_content
from .site_content import FACTS, REVIEWED, write_catalogue, write_method

PAGES = [
    "/{lang}/",
    "/{lang}/methods/",
    "/{lang}/methods/family-support",
    "/{lang}/compare?ids=family-support,talk-group",
]
PAGES += [
    "/{lang}/parents/?age=3-5",
    "/{lang}/evidence/",
    "/{lang}/about/",
    "/{lang}/accessibility/",
    "/{lang}/feedback/",
    "/{lang}/instruments/",
    "/{lang}/instruments/ecbi/",
]


@pytest.fixture(scope="module")
def shared_dir(tmp_path_factory) -> Path:
    """The test catalogue and its index, built once for the tests that only read."""
    root = tmp_path_factory.mktemp("site")
    content = empty_content(root)
    write_catalogue(content)
    build(content, root / "index")
    return root


@pytest.fixture(scope="module")
def app(shared_dir: Path):
    return site_app(shared_dir / "content", shared_dir / "index", FEEDBACK_DIR=shared_dir / "feedback")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def site_dir(content_dir: Path, tmp_path: Path) -> Path:
    """A test catalogue of its own, for a test that changes the content; its index is in tmp_path/index."""
    write_catalogue(content_dir)
    build(content_dir, tmp_path / "index")
    return content_dir


def site_app(content: Path, index: Path, **config):
    return create_app({"CONTENT_DIR": content, "INDEX_DIR": index, "TESTING": True, **config})


def page(client, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


# -- languages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "cookie", "expected"),
    [
        ("fi-FI,fi;q=0.9,en;q=0.5", None, "/fi/"),
        ("en-GB,en", None, "/en/"),
        ("de-DE", None, "/sv/"),
        ("fi", "en", "/en/"),
    ],
)
def test_the_root_sends_readers_to_their_language(client, accept, cookie, expected):
    if cookie:
        client.set_cookie("lang", cookie)
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_the_default_language_is_configurable(shared_dir):
    app = site_app(shared_dir / "content", shared_dir / "index", DEFAULT_LANGUAGE="fi")
    assert app.test_client().get("/").headers["Location"] == "/fi/"


def test_a_visited_language_is_remembered_for_the_root(client):
    client.get("/fi/methods/family-support")
    assert client.get("/", headers={"Accept-Language": "sv"}).headers["Location"] == "/fi/"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_language_title_one_heading_and_alternates(client, url, lang):
    soup = page(client, url.format(lang=lang))
    assert soup.html["lang"] == lang
    assert len(soup.find_all("h1")) == 1
    assert soup.title.get_text().strip().endswith(client.application.config["SITE_NAME"][lang])
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
    # the parents' page also in the parents' languages, every other page in the professionals' three
    assert set(alternates) == set(LANGUAGES + PARENT_LANGUAGES if "/parents/" in url else LANGUAGES)
    assert soup.find("a", class_="skip-link")["href"] == "#main" and soup.find("main", id="main")
    assert soup.find("meta", property="og:title")["content"]
    assert soup.find("meta", property="og:locale")["content"].startswith(lang)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_the_language_switcher_keeps_the_page_and_the_query(client):
    soup = page(client, "/sv/methods/?q=grupp&age=3-5&topic=behaviour_problems")
    switcher = soup.find("nav", class_="langs")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links["fi"] == "/fi/methods/?q=grupp&age=3-5&topic=behaviour_problems"
    assert switcher.find("a", attrs={"aria-current": "true"})["hreflang"] == "sv"
    assert {a["lang"] for a in switcher.find_all("a")} == set(LANGUAGES)


def test_an_unknown_language_is_a_localised_404(client):
    assert client.get("/de/").status_code == 404
    soup = page(client, "/fi/no-such-page", status=404)
    assert soup.html["lang"] == "fi"
    assert soup.h1.get_text() == "Sivua ei löytynyt"


# -- the method card ----------------------------------------------------------------------------------


def test_the_method_card_puts_the_parent_summary_first_then_the_facts(client):
    soup = page(client, "/en/methods/family-support")
    box = soup.find(class_="box--parents")
    facts = soup.find("dl", class_="summary-list")
    assert "You meet other parents once a week" in box.get_text()
    assert box.find_next("dl") is facts
    rows = {row.dt.get_text(strip=True): row.dd for row in facts.find_all(class_="summary-list__row")}
    assert list(rows)[:2] == ["Evidence level", "Child's age"]
    assert rows["Child's age"].get_text(strip=True) == "3–6 years"
    assert rows["Duration"].get_text(strip=True) == "8–10 sessions, 90 minutes each, over 10 weeks"
    assert [li.get_text() for li in rows["Where it is delivered"].find_all("li")] == [
        "Child health care",
        "Open preschool",
    ]


def test_the_card_says_where_to_get_it_per_country_each_fact_with_its_source_or_not_stated(client):
    soup = page(client, "/sv/methods/family-support")
    section = soup.find("section", attrs={"aria-labelledby": "where-to-get-it"})
    finland, general = section.find_all("dl")

    def rows(dl):
        return {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True) for row in dl.find_all("div")}

    assert section.find("h3").get_text() == "Finland"
    assert rows(finland) == {
        "Erbjuds av": "Familjestöd rf Källa",
        "Utbildas av": "Uppgift saknas",
        "Utbildningsspråk": "Finska och svenska Källa",  # a language's name inside a sentence is lower case
    }
    assert "Uppgift saknas för Sverige, Norge och Danmark." in text(section)
    general_rows = rows(general)
    assert general_rows["Utbildningens längd"] == "2 dagar Källa"
    assert general_rows["Vem kan utbildas"] == "Sjuksköterska Källa"
    assert general_rows["Certifiering"] == "Ledarna certifieras Källa"
    assert general_rows["Handledning"] == "Uppgift saknas"
    assert general_rows["Kostnad för familjen"] == "Gratis för familjen Källa"
    assert general_rows["Kostnad för verksamheten"] == "Uppgift saknas"
    assert general_rows["Material på"] == "Engelska och svenska Källa"
    assert [a["href"] for a in section.find_all("a", string="Källa")] == [
        "https://family-support.example.net/fi",
        "https://family-support.example.net/fi",
        "https://t.example.net/",
        "https://t.example.net/",
        "https://t.example.net/",
        "https://family-support.example.net/cost",
        "https://family-support.example.net/materials",
    ]
    english = page(client, "/en/methods/family-support").find("section", attrs={"aria-labelledby": "where-to-get-it"})
    assert "Finnish and Swedish" in text(english)
    bare = page(client, "/en/methods/talk-group").find("section", attrs={"aria-labelledby": "where-to-get-it"})
    assert "No source we read says who offers or trains it in Sweden, Finland, Norway and Denmark." in text(bare)
    assert not bare.find("a", class_="source")


def test_every_published_rating_is_shown_side_by_side_with_source_and_date(client):
    soup = page(client, "/fi/methods/family-support")
    table = soup.find("caption", string="Julkaistut arviot").find_parent("table")
    rows = [[cell.get_text(" ", strip=True) for cell in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    assert rows[0] == ["Kasvun tuki (Itla)", "4/5 Vahva dokumentoitu näyttö", "Vaikuttava", "24.3.2025", "10.1.2026"]
    assert rows[1] == ["Ungsinn (Norja)", "3", "Lupaava", "toukokuu 2024", "10.1.2026"]
    links = [a["href"] for a in table.find_all("a")]
    assert links == ["https://itla.fi/menetelmapankki/family-support", "https://ungsinn.no/family-support"]
    assert table.find("span", lang="fi").get_text() == "Vahva dokumentoitu näyttö"


@pytest.mark.parametrize(
    ("lang", "age", "date"),
    [("sv", "3–6 år", "15 januari 2026"), ("fi", "3–6 vuotta", "15.1.2026"), ("en", "3–6 years", "15 January 2026")],
)
def test_ages_and_dates_read_naturally_in_each_language(client, lang, age, date):
    soup = page(client, f"/{lang}/methods/family-support")
    rows = [row.dd.get_text(strip=True) for row in soup.find_all(class_="summary-list__row")]
    assert age in rows and date in rows


def test_the_body_references_and_links_between_methods(client):
    soup = page(client, "/sv/methods/family-support")
    assert soup.find("h2", string="Så går det till")
    assert soup.find("a", string="Ängsgruppen")["href"] == "/sv/methods/talk-group"
    assert soup.find("a", href="https://doi.org/10.1111/cch.12345").get_text() == "doi:10.1111/cch.12345"


def test_a_method_without_this_language_says_so_and_marks_the_language(client):
    soup = page(client, "/fi/methods/talk-group")
    notice = soup.find(class_="notice")
    assert "Alla oleva teksti on englanniksi" in notice.get_text()
    assert soup.h1["lang"] == "en" and soup.h1.get_text() == "Meadow Group"
    assert soup.find(class_="box--parents").p["lang"] == "en"
    assert not page(client, "/sv/methods/talk-group").find(class_="notice")


def test_a_method_from_pregnancy_says_so(client):
    soup = page(client, "/sv/methods/talk-group")
    assert "Graviditeten till 1 år" in text(soup)


def test_an_unknown_method_is_a_404(client):
    soup = page(client, "/sv/methods/no-such-method", status=404)
    assert soup.h1.get_text() == "Sidan hittades inte"


# -- search -------------------------------------------------------------------------------------------


def test_search_lists_results_with_badge_ages_and_facets(client):
    soup = page(client, "/en/methods/?q=parents")
    results = soup.find("ol", class_="results").find_all("li", class_="result")
    titles = [r.h3.get_text(strip=True) for r in results]
    assert "Family Support Groups" in titles
    first = results[titles.index("Family Support Groups")]
    assert first.find(class_="badge").get_text(strip=True) == "Effective"
    assert "3–6 years" in first.get_text()
    legends = [legend.get_text(strip=True) for legend in soup.find_all("legend")]
    assert legends[:2] == ["Evidence level", "Child's age"]


def test_facet_counts_and_selected_filters_are_in_the_url(client):
    soup = page(client, "/en/methods/?sector=child_health")
    assert soup.find("h2", string=re.compile("methods?$")).get_text() == "2 methods"
    checked = soup.find("input", attrs={"name": "sector", "value": "child_health"})
    assert checked.has_attr("checked")
    label = soup.find("input", attrs={"name": "age", "value": "3-5"}).find_parent("label")
    assert "(1)" in label.get_text()
    remove = soup.find("a", class_="tag")
    assert remove["href"] == "/en/methods/"


@pytest.mark.parametrize(
    "url", ["/sv/methods/?evidence=bogus", "/sv/methods/?page=abc", "/sv/methods/?sort=random", "/sv/methods/?age=99"]
)
def test_a_bad_parameter_is_a_clear_400_not_an_error(client, url):
    soup = page(client, url, status=400)
    assert soup.find(class_="error-summary")
    assert soup.title.get_text().startswith("Fel:")


@pytest.mark.parametrize("q", ['"unbalanced', "a AND OR NOT", "((((", "*:*", "x" * 2000, "<script>alert(1)</script>"])
def test_hostile_query_text_never_breaks_the_page(client, q):
    response = client.get("/en/methods/", query_string={"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_no_results_is_never_a_dead_end_it_offers_topics_and_ages(client):
    soup = page(client, "/en/methods/?q=zebraastronomy")
    assert "No methods match your search" in text(soup)
    links = {a.get_text(): a["href"] for a in soup.select(".notice .inline-list a")}
    assert links["Behaviour problems"] == "/en/methods/?topic=behaviour_problems"
    assert links["1–2 years"] == "/en/methods/?age=1-2" and links["Pregnancy"] == "/en/methods/?age=pregnancy"
    assert len(page(client, links["Behaviour problems"]).select("ol.results > li")) == 1


def test_the_child_s_age_in_years_on_the_search_and_the_parents_page(client):
    soup = page(client, "/en/methods/?age=4")
    assert soup.find("input", id="age-years")["value"] == "4"
    assert [h.get_text() for h in soup.select("ol.results h3")] == ["Family Support Groups"]
    parents = page(client, "/sv/parents/?years=0&worry=transition_to_parenthood")
    assert parents.find("input", id="years")["value"] == "0"
    assert [s.h3.get_text() for s in parents.find_all("section", class_="parent-method")] == ["Ängsgruppen"]


def test_pages_of_results(app, client):
    soup = page(client, "/en/methods/?per_page=1")
    nav = soup.find("nav", class_="pagination")
    assert nav.find(attrs={"aria-current": "page"}).get_text(" ", strip=True).endswith("1")
    assert nav.find("a", rel="next")["href"] == "/en/methods/?per_page=1&page=2"


def test_every_facet_and_sort_of_the_search_has_a_heading():
    from catalogue.web.site.methods import FACETS, SORTS
    from search.facets import FACETS as SEARCH_FACETS
    from search.request import SORTS as SEARCH_SORTS

    assert list(FACETS) == list(SEARCH_FACETS) and set(SORTS) == set(SEARCH_SORTS)


# -- compare, parents, evidence -----------------------------------------------------------------------


def test_compare_shows_methods_side_by_side_fact_by_fact(client):
    soup = page(client, "/en/compare?ids=family-support,talk-group")
    table = soup.find("table", class_="compare")
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == ["Family Support Groups", "Meadow Group"]
    ages = table.find("th", string="Child's age").find_parent("tr").find_all("td")
    assert [td.get_text(strip=True) for td in ages] == ["3–6 years", "Pregnancy to age 1"]


def test_compare_has_implementation_and_cost_rows_and_one_card_per_method_for_phones(client):
    soup = page(client, "/en/compare?ids=family-support,talk-group")
    table = soup.find("table", class_="compare")

    def row(heading):
        return [
            td.get_text(" ", strip=True) for td in table.find("th", string=heading).find_parent("tr").find_all("td")
        ]

    assert row("Cost to families") == ["Free for families Source", "Not stated"]
    assert row("Length of training") == ["2 days Source", "Not stated"]
    assert row("Offered by") == ["Finland: Familjestöd rf Source", "Not stated"]
    cards = soup.select(".compare-cards section.compare-card")
    assert [card.h2.get_text(strip=True) for card in cards] == ["Family Support Groups", "Meadow Group"]
    card_rows = {
        r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True) for r in cards[0].select(".summary-list__row")
    }
    assert card_rows["Cost to families"] == "Free for families Source"
    assert list(card_rows) == [th.get_text(strip=True) for th in table.tbody.find_all("th")]


def test_compare_accepts_repeated_ids_from_checkboxes(client):
    soup = page(client, "/en/compare?ids=family-support&ids=school-zone")
    assert len(soup.find("table", class_="compare").thead.find_all("th")) == 2


@pytest.mark.parametrize("ids", ["family-support,nope", "family-support", "a,b,c,d,e"])
def test_compare_explains_a_wrong_choice(client, ids):
    soup = page(client, f"/en/compare?ids={ids}", status=400)
    assert soup.find(class_="error-summary")
    assert not soup.find("table", class_="compare")


def test_compare_without_a_choice_sends_the_reader_to_the_search_results_to_tick(client):
    soup = page(client, "/sv/compare")
    assert not soup.find("fieldset", id="choose")
    assert soup.find("a", string=re.compile("^Hitta metoder att jämföra"))["href"] == "/sv/methods/"


def test_compare_suggests_similar_methods_to_add(client):
    soup = page(client, "/en/compare?ids=family-support,school-zone")
    boxes = {box["value"]: box.has_attr("checked") for box in soup.find("fieldset", id="choose").find_all("input")}
    assert boxes["family-support"] and boxes["school-zone"]


def test_a_method_page_offers_similar_methods_not_the_whole_catalogue(client, real_app, catalogue):
    assert not page(client, "/en/methods/family-support").find("form", id="similar")  # nothing else for ages 3-6
    soup = page(real_app.test_client(), "/en/methods/incredible-years-parent")
    boxes = soup.find("form", id="similar").find_all("input", attrs={"name": "ids"})
    assert boxes[0]["type"] == "hidden" and boxes[0]["value"] == "incredible-years-parent"
    shown = [catalogue.methods[box["value"]] for box in boxes[1:]]
    this = catalogue.methods["incredible-years-parent"]
    assert 1 <= len(shown) <= 5 and this not in shown
    for other in shown:
        assert set(other.topics) & set(this.topics) and set(other.age_bands) & set(this.age_bands)


def test_parents_see_only_plain_summaries_and_where_to_ask(client):
    soup = page(client, "/en/parents/?age=3-5&worry=behaviour_problems")
    sections = soup.find_all("section", class_="parent-method")
    assert [s.h3.get_text() for s in sections] == ["Family Support Groups"]
    assert "You meet other parents once a week" in sections[0].get_text()
    assert "frequent conflicts" not in text(soup)
    assert "family centre" in text(soup)


@pytest.mark.parametrize("url", ["/en/methods/family-support", "/en/parents/?age=3-5&worry=behaviour_problems"])
def test_parents_are_told_in_plain_words_whether_it_is_free_its_languages_who_to_ask_and_what_to_say(client, url):
    ask = page(client, url).find(class_="ask")
    assert [li.get_text(" ", strip=True) for li in ask.find_all("li")] == [
        "It is usually free for families.",
        "It is offered in Swedish and Finnish.",
        "Who to ask: the child health clinic (BVC or neuvola) and the open preschool or family centre.",
    ]
    assert ask.q.get_text() == "I have read about Family Support Groups. Is it offered here, and how can we take part?"


def test_ask_for_it_says_what_the_sources_do_not_tell_in_swedish(client):
    ask = page(client, "/sv/methods/talk-group").find(class_="ask")
    assert [li.get_text(" ", strip=True) for li in ask.find_all("li")] == [
        "Vi vet inte om det kostar något. Fråga när du tar kontakt.",
        "Vi vet inte på vilka språk det ges.",
        "Fråga hos: barnmorskemottagningen (MVC, i Finland mödrarådgivningen) och barnavårdscentralen (BVC, i Finland"
        " barnrådgivningen).",
    ]
    assert "Ängsgruppen" in ask.q.get_text()


def test_the_parents_page_offers_only_worries_that_some_method_helps_with(client):
    soup = page(client, "/en/parents/?worry=domestic_violence&worry=bullying")
    offered = [box["value"] for box in soup.find_all("input", attrs={"name": "worry"})]
    assert offered == ["behaviour_problems", "parenting_skills", "transition_to_parenthood", "bullying"]
    assert [s.h3.get_text() for s in soup.find_all("section", class_="parent-method")] == ["School Zone"]


def test_every_age_band_and_topic_has_words_for_parents(app):
    from catalogue.web.site.parents import AGES, WORRIES

    taxonomy = load_catalogue(app.config["CONTENT_DIR"]).taxonomy
    assert list(AGES) == list(taxonomy["age_bands"]) and set(WORRIES) == set(taxonomy["topics"])


def test_parents_page_without_a_choice_shows_the_questions(client):
    soup = page(client, "/fi/parents/")
    assert [legend.get_text() for legend in soup.find_all("legend")] == [
        "Kuinka vanha lapsesi on?",
        "Mikä sinua huolestuttaa?",
    ]
    assert not soup.find("section", class_="parent-method")


def test_the_evidence_page_explains_every_level_and_each_registrys_mapping(client, app):
    soup = page(client, "/en/evidence/")
    taxonomy = load_catalogue(app.config["CONTENT_DIR"]).taxonomy
    for level in taxonomy.level_order:
        assert soup.find("section", id=level)
    caption = soup.find("caption", string=re.compile("Kasvun tuki"))
    rows = {
        tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in caption.find_parent("table").tbody.find_all("tr")
    }
    assert rows["4/5"] == "Effective" and rows["2/5"] == "Described and theoretically justified"


def test_the_accessibility_statement_names_the_laws_and_a_working_feedback_channel(client):
    for lang, law in (("fi", "306/2019"), ("sv", "2018:1937")):
        soup = page(client, f"/{lang}/accessibility/")
        assert law in text(soup)
        assert soup.find("a", href=f"/{lang}/feedback/")
        assert "@" not in text(soup)


# -- robustness ---------------------------------------------------------------------------------------


def test_a_build_shows_a_change_in_the_page_the_search_and_the_counts_together(site_dir, tmp_path):
    client = site_app(site_dir, tmp_path / "index").test_client()
    assert page(client, "/en/methods/school-zone").h1.get_text() == "School Zone"
    path = site_dir / "en" / "school-zone.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: School Zone", "title: Safe School Zone"), encoding="utf-8"
    )
    assert page(client, "/en/methods/school-zone").h1.get_text() == "School Zone"  # served from the generation
    assert "Safe School Zone" not in text(page(client, "/en/methods/?q=safe"))
    build(site_dir, tmp_path / "index")
    assert page(client, "/en/methods/school-zone").h1.get_text() == "Safe School Zone"
    assert "Safe School Zone" in text(page(client, "/en/methods/?q=safe"))


def test_a_broken_content_file_never_takes_the_site_down(site_dir, tmp_path):
    client = site_app(site_dir, tmp_path / "index").test_client()
    write_method(site_dir, "broken", "en", {"title": "Broken"}, "")
    (site_dir / "sv" / "talk-group.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    build(site_dir, tmp_path / "index")
    assert client.get("/sv/").status_code == 200
    assert client.get("/en/methods/broken").status_code == 404
    assert page(client, "/sv/methods/talk-group").h1.get_text() == "Meadow Group"


def test_before_the_first_build_every_page_says_the_catalogue_is_not_ready(shared_dir, tmp_path):
    client = site_app(shared_dir / "content", tmp_path / "missing").test_client()
    for path in ("/en/methods/", "/en/methods/family-support", "/en/"):
        soup = page(client, path, status=503)
        assert soup.h1.get_text() == "Search is not available at the moment"


def test_a_server_error_is_a_localised_500(shared_dir):
    app = create_app({"CONTENT_DIR": shared_dir / "content", "INDEX_DIR": shared_dir / "index"})

    @app.get("/<lang:lang>/boom")
    def boom():
        raise RuntimeError("boom")

    soup = page(app.test_client(), "/fi/boom", status=500)
    assert soup.h1.get_text() == "Valitettavasti palvelussa on ongelma"


def test_sitemap_lists_every_page_with_hreflang_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {url.find("s:loc", ns).text: url for url in ElementTree.fromstring(response.get_data()).findall("s:url", ns)}
    assert "http://localhost/sv/evidence/" in urls
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://localhost/fi/methods/talk-group"].findall("x:link", ns)
    }
    assert alternates["sv"] == "http://localhost/sv/methods/talk-group" and set(alternates) == set(LANGUAGES)


def test_base_url_is_used_for_absolute_addresses(shared_dir):
    app = site_app(shared_dir / "content", shared_dir / "index", BASE_URL="https://metoder.example.fi/")
    client = app.test_client()
    assert "Sitemap: https://metoder.example.fi/sitemap.xml" in client.get("/robots.txt").get_data(as_text=True)
    soup = page(client, "/sv/about/")
    assert soup.find("link", hreflang="fi")["href"] == "https://metoder.example.fi/fi/about/"


def test_a_method_page_weighs_under_60_kb_compressed(client):
    """HTML + CSS + JS, gzip-compressed as a web server sends them."""
    html = client.get("/sv/methods/family-support").get_data()
    soup = BeautifulSoup(html, "html.parser")
    assets = [soup.find("link", rel="stylesheet")["href"], soup.find("script")["src"]]
    total = len(gzip.compress(html))
    for url in assets:
        with client.get(url) as response:
            total += len(gzip.compress(response.get_data()))
    assert total < 60_000


def test_static_files_are_cacheable_with_versioned_urls(client):
    soup = page(client, "/sv/")
    css = soup.find("link", rel="stylesheet")["href"]
    assert re.fullmatch(r"/static/site\.css\?v=[0-9a-f]{10}", css)
    with client.get(css) as response:
        assert "max-age=31536000" in response.headers["Cache-Control"]


# -- the serve command --------------------------------------------------------------------------------


def test_serve_takes_host_port_content_and_index():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--content", "--index"):
        assert option in result.output


def test_the_development_server_shows_a_saved_change_everywhere_within_seconds(site_dir, tmp_path):
    from catalogue.web.server import watching

    index_dir = tmp_path / "index"
    client = site_app(site_dir, index_dir).test_client()
    with watching(site_dir, index_dir) as watcher:
        time.sleep(0.2)
        write_method(
            site_dir,
            "playground-patrol",
            "en",
            {
                **FACTS["school-zone"],
                "title": "Playground Patrol",
                "summary": "Adults on the playground.",
                "parent_summary": "Adults watch the playground.",
                "reviewed": REVIEWED,
            },
            "## How it works\n\nAdults take turns.\n",
        )
        deadline = time.monotonic() + 30
        while client.get("/en/methods/playground-patrol").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert watcher.builds >= 1
    assert page(client, "/en/methods/playground-patrol").h1.get_text() == "Playground Patrol"
    results = page(client, "/en/methods/?q=playground")
    assert "Playground Patrol" in text(results)
    assert "4 methods" in text(page(client, "/en/methods/"))


def test_language_links_keep_the_page_s_own_parameters_and_drop_made_up_ones(client):
    soup = page(client, "/sv/methods/?q=grupp&age=3-5&utm_source=x&" + "junk=" + "y" * 3000, follow_redirects=True)
    links = {a["hreflang"]: a["href"] for a in soup.select("nav.langs a[hreflang]")}
    assert links["fi"] == "/fi/methods/?q=grupp&age=3-5"
    assert "junk" not in str(soup.head) and len(str(soup)) < 60_000


def test_with_a_repository_each_method_page_links_to_its_files_and_to_a_correction(shared_dir):
    plain = page(site_app(shared_dir / "content", shared_dir / "index").test_client(), "/sv/methods/talk-group")
    assert not plain.find("section", attrs={"aria-labelledby": "improve"})
    repository = "https://github.com/example/catalogue"
    app = site_app(shared_dir / "content", shared_dir / "index", REPOSITORY_URL=repository)
    soup = page(app.test_client(), "/sv/methods/talk-group")
    links = {a.get_text(): a["href"] for a in soup.find("section", attrs={"aria-labelledby": "improve"}).find_all("a")}
    assert links["Föreslå en rättelse"] == f"{repository}/issues/new?title=Correction%3A%20talk-group"
    assert links["Redigera metoden på svenska"] == f"{repository}/edit/main/content/sv/talk-group.md"
    assert links["Redigera metoden på engelska"] == f"{repository}/edit/main/content/en/talk-group.md"
    assert "Redigera metoden på finska" not in links  # talk-group has no Finnish file


def test_the_editor_s_preview_shows_each_method_file_s_problems_and_production_does_not(site_dir, tmp_path):
    path = site_dir / "sv" / "talk-group.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "colour: blue\ntitle:", 1), encoding="utf-8")
    write_method(site_dir, "broken", "en", {"title": "Broken"}, "")
    build(site_dir, tmp_path / "index")
    preview = site_app(site_dir, tmp_path / "index", PREVIEW=True).test_client()
    shown = page(preview, "/sv/methods/talk-group").find("div", attrs={"aria-labelledby": "preview-problems"})
    assert "sv/talk-group.md" in text(shown) and "colour: unknown field" in text(shown)
    missing = page(preview, "/en/methods/broken", status=404)
    assert missing.h1.get_text() == "This method is not shown yet"
    assert "kind: required" in text(missing)
    production = site_app(site_dir, tmp_path / "index").test_client()
    assert not page(production, "/sv/methods/talk-group").find("div", attrs={"aria-labelledby": "preview-problems"})
    assert "required" not in text(page(production, "/en/methods/broken", status=404))


def test_a_method_page_says_when_its_facts_last_changed_from_the_repository(site_dir, tmp_path):
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.net", *args],
            cwd=site_dir,
            check=True,
            capture_output=True,
        )

    build(site_dir, tmp_path / "index")
    client = site_app(site_dir, tmp_path / "index", REPOSITORY_URL="https://github.com/example/catalogue").test_client()
    assert "Facts last changed" not in text(page(client, "/en/methods/school-zone"))  # not a git checkout: nothing
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "School Zone: ages from the registry")
    build(site_dir, tmp_path / "index")
    row = next(
        r
        for r in page(client, "/en/methods/school-zone").find_all(class_="summary-list__row")
        if r.dt.get_text() == "Facts last changed"
    )
    assert "School Zone: ages from the registry" in row.dd.get_text()
    assert row.dd.a["href"] == "https://github.com/example/catalogue/commits/main/content/en/school-zone.md"
