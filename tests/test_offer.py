"""The family centre's offer on the real content: a shortlist kept in the address, its coverage and gaps with
suggestions, totals of what the sources state, and the same offer as CSV and JSON through the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from catalogue.content.offer import CHILDHOOD, GOALS, plan


@pytest.fixture
def client(real_app):
    return real_app.test_client()


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def offer_in(href: str) -> list[str]:
    return parse_qs(urlsplit(href).query).get("m", [])


CHOSEN = ["circle-of-security", "kiva", "trappan"]
QUERY = "&".join(f"m={method_id}" for method_id in CHOSEN)


def test_the_offer_lists_its_methods_in_order_with_evidence_training_and_cost(client, catalogue):
    soup = soup_of(client, f"/en/offer/?{QUERY}")
    rows = soup.select("table.offer-table tbody tr")
    titles = [row.th.get_text(strip=True) for row in rows]
    assert titles == [catalogue.methods[method_id].text("en").title for method_id in CHOSEN]
    cos = {td["data-label"]: td.get_text(" ", strip=True) for td in rows[0].find_all("td")}
    assert cos["Staff training"] == "4 days; leaders are certified Source"  # as content/en/circle-of-security.md says
    assert cos["Cost to families"] == "Not stated"
    kiva = {td["data-label"]: td.get_text(" ", strip=True) for td in rows[1].find_all("td")}
    assert kiva["Cost to the provider"].startswith("Licence: 0.6 EUR / pupil per year")
    remove = rows[1].select_one("td.no-print a")
    assert remove.get_text().startswith("Remove")
    assert offer_in(remove["href"]) == ["circle-of-security", "trappan"]


def test_totals_add_up_only_what_the_sources_state_and_say_for_how_many(client, catalogue):
    soup = soup_of(client, f"/en/offer/?{QUERY}")
    trainings = [catalogue.methods[i].implementation.training for i in CHOSEN if catalogue.methods[i].implementation]
    days = [t.days for t in trainings if t and t.days is not None]
    totals = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True) for row in soup.select("dl.totals div")}
    assert totals["Staff training"].startswith(f"{sum(days):g} days of training for the {len(days)} methods")
    assert totals["Cost to families"] == f"not stated: {len(CHOSEN)}"


def test_coverage_shows_partners_goals_ages_and_needs_and_each_gap_with_methods_that_fill_it(client, catalogue):
    soup = soup_of(client, f"/en/offer/?{QUERY}")
    chosen = [catalogue.methods[i] for i in CHOSEN]
    gaps = [item for item in soup.select("li.coverage__item--gap")]
    gap_names = [item.strong.get_text(" ", strip=True).removeprefix("! Gap: ") for item in gaps]
    taxonomy = catalogue.taxonomy
    partners = [s for s, entry in taxonomy["sectors"].items() if entry.get("family_centre_partner")]
    expected = [taxonomy.label("sectors", s, "en") for s in partners if not any(s in m.sectors for m in chosen)]
    expected += [
        taxonomy.label("topics", t, "en")
        for t in taxonomy["topics"]
        if t in GOALS and not any(t in m.topics for m in chosen)
    ]
    expected += [
        taxonomy.label("age_bands", b, "en")
        for b in taxonomy["age_bands"]
        if b in CHILDHOOD and not any(b in m.age_bands for m in chosen)
    ]
    expected += [taxonomy.label("need", n, "en") for n in taxonomy["need"] if not any(n in m.need for m in chosen)]
    assert gap_names == expected and "Maternity care" in gap_names and "Pregnancy" in gap_names
    maternity = gaps[gap_names.index("Maternity care")]
    for add in maternity.select("a.add-link"):
        added = offer_in(add["href"])
        assert added[:-1] == CHOSEN and "maternity_care" in catalogue.methods[added[-1]].sectors
    covered = soup.find("li", class_="coverage__item", string=lambda s: False) or soup.select(
        "li.coverage__item:not(.coverage__item--gap)"
    )
    assert any("Social services" in item.get_text() and "Circle of Security" in item.get_text() for item in covered)


def test_suggestions_are_strongest_evidence_first_and_never_already_in_the_offer(catalogue):
    chosen = [catalogue.methods[i] for i in CHOSEN]
    offer = plan(chosen, catalogue.methods.values(), catalogue.taxonomy, "sv")
    ranks = {level: i for i, level in enumerate(catalogue.taxonomy["levels"])}
    assert offer.gaps
    for gap in offer.gaps:
        suggested = [catalogue.methods[i] for i in gap.suggestions]
        assert not set(gap.suggestions) & set(CHOSEN)
        assert [ranks[m.level] for m in suggested] == sorted(ranks[m.level] for m in suggested)


def test_an_empty_offer_shows_every_gap_and_a_way_to_start(client):
    soup = soup_of(client, "/fi/offer/")
    assert soup.h1.get_text() == "Perhekeskuksemme tarjonta"
    assert not soup.select("table.offer-table")
    assert len(soup.select("li.coverage__item--gap")) >= 4 + len(GOALS) + len(CHILDHOOD) + 3 - 1
    assert soup.find("a", string="Lisää menetelmiä haun kautta")["href"] == "/fi/methods/"


def test_the_plan_is_dated_names_the_centre_and_shows_its_own_address(client):
    soup = soup_of(client, f"/sv/offer/?{QUERY}&centre=Familjecentralen+Solen")
    assert soup.h1.get_text() == "Utbudet på Familjecentralen Solen"
    assert soup.select_one(".plan-meta time")["datetime"] == dt.date.today().isoformat()
    address = soup.select_one(".plan-address").get_text()
    assert offer_in(address) == CHOSEN and "centre=Familjecentralen" in address
    assert soup.find("input", id="share-url")["value"] == address
    sources = soup.find("section", class_="plan-sources")
    assert "https://ungsinn.no/post_tiltak_arkiv/circle-of-security-cos-international-parenting-cos-p-2-utg/" in [
        a["href"] for a in sources.find_all("a")
    ]


def test_an_unknown_method_is_named_and_left_out(client):
    soup = soup_of(client, "/en/offer/?m=kiva&m=no-such-method")
    assert "no-such-method" in soup.find(class_="error-summary").get_text()
    assert offer_in(soup.select_one(".plan-address").get_text()) == ["kiva"]


def test_methods_are_added_from_search_results_the_card_and_compare_keeping_the_offer(client):
    search = soup_of(client, "/en/methods/?q=parents&m=kiva")
    assert [i["value"] for i in search.select("#search-form input[name=m]")] == ["kiva"]
    adds = search.select("ol.results a.add-to-offer[data-add]")
    assert adds and all(offer_in(a["href"]) == ["kiva", a["data-add"]] for a in adds)
    assert all(offer_in(a["href"]) == ["kiva"] for a in search.select("ol.results h3 a"))
    languages = {a["hreflang"]: a["href"] for a in search.select("nav.langs a")}
    assert offer_in(languages["fi"]) == ["kiva"]
    card = soup_of(client, "/en/methods/trappan?m=kiva")
    assert offer_in(card.select_one(".offer-action a.add-to-offer")["href"]) == ["kiva", "trappan"]
    compare = soup_of(client, "/en/compare?ids=trappan,abc&m=kiva")
    link = compare.find("a", string="Add these methods to the family centre's offer")
    assert offer_in(link["href"]) == ["kiva", "trappan", "abc"]


def test_the_api_gives_the_same_offer_as_json_and_csv(client, catalogue):
    body = client.get(f"/api/v1/offer?lang=en&{QUERY}").json
    assert [m["id"] for m in body["methods"]] == CHOSEN
    assert offer_in(body["url"]) == CHOSEN
    gaps = {(g["vocabulary"], g["term"]) for g in body["gaps"]}
    assert ("sectors", "maternity_care") in gaps and ("age_bands", "pregnancy") in gaps
    assert body["totals"]["family_costs"] == {"not_stated": 3}
    page = soup_of(client, f"/en/offer/?{QUERY}")
    assert len(page.select("li.coverage__item--gap")) == len(body["gaps"])
    response = client.get(f"/api/v1/offer.csv?lang=sv&{QUERY}")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["id"] for row in rows] == CHOSEN
    assert rows[0]["training_days"] == "4" and rows[0]["leaders_certified"] == "yes"
    assert client.get("/api/v1/offer?m=no-such-method").json["error"]["parameter"] == "m"


def test_the_plan_has_a_follow_up_section_with_goals_effects_and_instruments(client, catalogue):
    soup = soup_of(client, "/en/offer/?m=pcit&m=trappan&m=babypoesi")
    section = soup.find("section", attrs={"aria-labelledby": "plan-follow-up"})
    text = " ".join(section.get_text(" ").split())
    pcit = catalogue.methods["pcit"]
    for domain in pcit.outcomes.targeted:
        assert catalogue.taxonomy.label("outcomes", domain, "en") in text
    instruments = {a.get_text(): a["href"] for a in section.find_all("a")}
    assert instruments["Eyberg Child Behavior Inventory (ECBI)"] == "/en/instruments/ecbi/"
    assert "No source we read states the outcomes of: " in text and "Babypoesi" in text.split("outcomes of:")[1]
