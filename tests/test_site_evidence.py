"""What a family-centre worker reads about evidence in depth: under each rating who was studied, against what,
what changed, the studies and the registry's judgement ("Not stated" where the source is silent); what a method
aims to change and where effects are shown; the instruments to follow it up with, each with its own page; and the
search filter "shown to reduce parental depression"."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.build import build

from .conftest import empty_content
from .site_content import write_catalogue
from .test_site import page, site_app, text


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The site tests' catalogue (tests/site_content.py): one method with a pico, outcomes and follow-up."""
    root: Path = tmp_path_factory.mktemp("evidence")
    content = write_catalogue(empty_content(root))
    build(content, root / "index")
    return site_app(content, root / "index").test_client()


def rows(section) -> dict[str, str]:
    terms, values = section("dt"), section("dd")
    return {dt.get_text(" ", strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(terms, values, strict=True)}


def test_under_the_first_rating_the_review_s_findings_in_plain_words(client):
    soup = page(client, "/en/methods/family-support")
    [found] = soup.select("details.pico")
    assert found.has_attr("open")
    assert text(found.summary) == "What the review found: Kasvun tuki – Early Interventions (Finland) 4/5"
    assert rows(found) == {
        "Who was studied": "Parents of children aged 3–6 with frequent conflicts at home (Finland).",
        "Compared with": "Not stated",
        "What was measured": "Child behaviour and Parental depression",
        "What changed, and how much": "Fewer behaviour problems after the groups; no change in parenting stress.",
        "Studies": "2 studies (randomised controlled trials and quasi-experimental studies); 1 of them Nordic",
        "The registry's judgement of applicability": "Applicability to Finland: strong.",
        "Review version": "Not stated",
    }
    assert found.select_one("p > a")["href"] == "https://itla.fi/menetelmapankki/family-support"


@pytest.mark.parametrize(
    ("lang", "who", "studies", "not_stated"),
    [
        ("sv", "Vilka som studerades", "2 studier (randomiserade kontrollerade studier och", "Uppgift saknas"),
        ("fi", "Keitä tutkittiin", "2 tutkimusta (satunnaistetut kontrolloidut tutkimukset ja", "Ei tiedossa"),
    ],
)
def test_the_findings_read_in_swedish_and_finnish(client, lang, who, studies, not_stated):
    found = page(client, f"/{lang}/methods/family-support").select_one("details.pico")
    facts = rows(found)
    assert (
        facts[who]
        == {
            "sv": "Föräldrar till barn 3–6 år med täta konflikter hemma (Finland).",
            "fi": "3–6-vuotiaiden lasten vanhemmat, joilla on usein riitoja kotona (Suomi).",
        }[lang]
    )
    assert any(value.startswith(studies) for value in facts.values())
    assert list(facts.values()).count(not_stated) == 2


def test_the_card_says_what_the_method_aims_to_change_and_where_effects_are_shown(client):
    soup = page(client, "/en/methods/family-support")
    outcomes = soup.find("section", attrs={"aria-labelledby": "outcomes"})
    facts = {row.dt.get_text(strip=True): row.dd for row in outcomes.find_all("div")}
    assert [li.get_text(strip=True) for li in facts["What it aims to change"]("li")] == [
        "Child behaviour",
        "Parenting stress",
        "Parental depression",
    ]
    shown = facts["Favourable effects shown on"]
    assert [a["href"] for a in shown("a")][:2] == [
        "/en/methods/?outcome=child_behaviour",
        "/en/methods/?outcome=parental_depression",
    ]
    follow_up = soup.find("section", attrs={"aria-labelledby": "follow-up"})
    link = follow_up.find("a", string="Eyberg Child Behavior Inventory (ECBI)")
    assert link["href"] == "/en/instruments/ecbi/"
    assert "How often a child shows behaviour problems." in text(follow_up)


def test_a_method_without_outcomes_or_instruments_says_not_stated(client):
    soup = page(client, "/sv/methods/school-zone")
    assert soup.select("details.pico") == []
    outcomes = soup.find("section", attrs={"aria-labelledby": "outcomes"})
    assert [dd.get_text(strip=True) for dd in outcomes("dd")] == ["Uppgift saknas", "Uppgift saknas"]
    follow_up = soup.find("section", attrs={"aria-labelledby": "follow-up"})
    assert text(follow_up).startswith("Uppföljning Uppgift saknas")
    assert follow_up.find("a")["href"] == "/sv/instruments/"


def test_each_instrument_has_a_page_listing_the_methods_that_use_it(client):
    soup = page(client, "/fi/instruments/ecbi/")
    assert soup.h1.get_text() == "Eyberg Child Behavior Inventory (ECBI)"
    facts = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True) for row in soup("div", "summary-list__row")}
    assert facts["Mitä se mittaa"] == "Kuinka usein lapsella on käytösongelmia."
    assert facts["Kuka saa käyttää sitä"] == "Ei tiedossa"
    assert facts["Lisenssi"].startswith("Lisensoitu")
    assert facts["Saatavilla kielillä"] == "Englanti Norja"
    [user] = soup.select("ul.entry-list li")
    assert user.a["href"] == "/fi/methods/family-support" and user.a.get_text() == "Perheryhmät"
    assert user.select_one("a.hint")["href"] == "https://family-support.example.net/follow-up"
    unused = page(client, "/sv/instruments/epds/")
    assert "Ingen metod i katalogen nämner det ännu." in text(unused)
    page(client, "/en/instruments/phq-9/", status=404)


def test_the_instrument_index_lists_each_with_what_it_measures_and_its_methods(client):
    soup = page(client, "/en/instruments/")
    table = soup.find("caption", string="Follow-up instruments").find_parent("table")
    cells = [[td.get_text(" ", strip=True) for td in tr("td")] for tr in table.tbody("tr")]
    assert cells == [
        ["Edinburgh Postnatal Depression Scale (EPDS)", "Symptoms of depression after birth.", "Not stated", "0"],
        [
            "Eyberg Child Behavior Inventory (ECBI)",
            "How often a child shows behaviour problems.",
            "Licensed: it has to be bought or licensed",
            "1",
        ],
    ]
    assert soup.find("footer").find("a", string="Follow-up instruments")["href"] == "/en/instruments/"


def test_the_search_filters_methods_shown_to_reduce_parental_depression(client):
    soup = page(client, "/sv/methods/")
    box = soup.find("input", attrs={"name": "outcome", "value": "parental_depression"})
    assert box is not None and "Föräldrars depression" in box.find_parent("label").get_text()
    assert soup.find("input", attrs={"name": "outcome", "value": "parenting_stress"}) is None, "targeted, not shown"
    filtered = page(client, "/sv/methods/?outcome=parental_depression")
    assert [a["href"] for a in filtered.select("ol.results h3 a")] == ["/sv/methods/family-support"]
    assert filtered.find("a", class_="tag").get_text(" ", strip=True).endswith("Föräldrars depression")
    page(client, "/sv/methods/?outcome=lycka", status=400)
