"""Where to get a method and what it costs, as professionals filter for it and parents ask for it (real content)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from catalogue.content import LANGUAGES


@pytest.fixture
def client(real_app):
    return real_app.test_client()


def soup_of(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def api_ids(client, query: str) -> set[str]:
    body = client.get(f"/api/v1/methods?per_page=100&{query}").json
    assert body["total"] <= 100
    return {result["id"] for result in body["results"]}


def trained_in(catalogue, country: str, language: str | None = None) -> set[str]:
    return {
        method.id
        for method in catalogue.methods.values()
        if method.implementation
        for offer in method.implementation.countries
        if offer.country == country
        and (offer.trained_by or offer.training_languages)
        and (language is None or language in offer.training_languages)
    }


def test_training_in_swedish_in_finland_finds_exactly_the_methods_whose_sources_say_so(client, catalogue):
    expected = trained_in(catalogue, "FI", "sv")
    assert expected  # the real content has some (Trappan, FRIENDS)
    assert api_ids(client, "lang=sv&training=sv-FI") == expected
    assert api_ids(client, "lang=fi&training=FI") == trained_in(catalogue, "FI")
    assert api_ids(client, "lang=en&training=SE,sv-FI") == trained_in(catalogue, "SE") | expected


def test_free_for_families_and_a_delivery_language_combine(client, catalogue):
    free = {
        m.id
        for m in catalogue.methods.values()
        if m.implementation and m.implementation.cost and m.implementation.cost.families == "free"
    }
    in_arabic = {m.id for m in catalogue.methods.values() if "ar" in m.languages}
    assert api_ids(client, "lang=en&family_cost=free") == free
    assert api_ids(client, "lang=en&family_cost=free&language=ar") == free & in_arabic


@pytest.mark.parametrize(
    ("lang", "heading", "label"),
    [
        ("sv", "Personalutbildning finns i", "Finland, på svenska"),
        ("fi", "Henkilöstön koulutusta saatavilla", "Suomi, koulutuskieli: ruotsi"),
        ("en", "Staff training available in", "Finland, in Swedish"),
    ],
)
def test_the_search_page_offers_the_filters_in_words_and_keeps_them_in_the_url(client, lang, heading, label):
    soup = soup_of(client, f"/{lang}/methods/?training=sv-FI")
    legends = [legend.get_text(strip=True) for legend in soup.select("details.filters legend")]
    assert heading in legends
    box = soup.find("input", attrs={"name": "training", "value": "sv-FI"})
    assert box.has_attr("checked") and label in box.find_parent("label").get_text()
    tag = soup.select_one("ul.tags a.tag")
    assert label in tag.get_text() and "training" not in tag["href"]
    assert soup_of(client, f"/{lang}/methods/").find("input", attrs={"name": "family_cost", "value": "free"})


def test_an_unknown_training_value_is_a_clear_400(client):
    assert client.get("/api/v1/methods?training=xx-FI").json["error"]["parameter"] == "training"
    soup = soup_of(client, "/en/methods/?family_cost=cheap", status=400)
    assert "Cost to families" in soup.find(class_="error-summary").get_text()


def test_the_openapi_description_lists_the_new_filters(client):
    parameters = {
        p["name"]: p for p in client.get("/api/v1/openapi.json").json["paths"]["/api/v1/methods"]["get"]["parameters"]
    }
    assert "sv-FI" in parameters["training"]["schema"]["items"]["enum"]
    assert parameters["family_cost"]["schema"]["items"]["enum"] == ["free", "fee", "varies"]
    assert set(LANGUAGES) <= set(parameters["language"]["schema"]["items"]["enum"])
