"""An outside developer uses the open-data API: searches, fetches whole methods, reads the taxonomy,
gets clear JSON errors, and caches with ETags. Runs against the real app, index and a small catalogue."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from catalogue.build import build
from catalogue.content.schema import FACT_FIELDS, TEXT_FIELDS
from catalogue.content.taxonomy import VOCABULARIES
from catalogue.web.app import create_app

from .open_data import TEXTS, open_data_app, write_catalogue

SITE = "https://metoder.example.fi"


@pytest.fixture
def app(content_dir: Path, tmp_path: Path):
    write_catalogue(content_dir)
    return open_data_app(content_dir, tmp_path / "index")


@pytest.fixture
def client(app):
    return app.test_client()


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.data
    assert response.mimetype == "application/json"
    return response.json


def ids(body: dict) -> list[str]:
    return [result["id"] for result in body["results"]]


def conforms(client, component: str, instance: dict) -> None:
    """`instance` is valid against the named schema of the API's own OpenAPI document."""
    document = get_json(client, "/api/v1/openapi.json")
    schema = {"$ref": f"#/components/schemas/{component}", "components": document["components"]}
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(
        instance
    )


def test_finnish_methods_for_three_year_olds_in_child_health_care(client):
    body = get_json(client, "/api/v1/methods?lang=fi&age=3&sector=child_health")
    assert body["total"] == 1
    [result] = body["results"]
    assert result["id"] == "family-support"
    assert result["lang"] == "fi"
    assert result["title"] == "Perhetukiryhmät"
    assert result["parent_summary"] == TEXTS["family-support"]["fi"]["parent_summary"]
    assert result["url"] == f"{SITE}/fi/methods/family-support"
    assert result["evidence"]["level"] == "effective"
    assert [r["registry"] for r in result["evidence"]["ratings"]] == ["kasvun-tuki", "ungsinn"]
    assert result["age"] == {"from": 3, "to": 6, "prenatal": False, "bands": ["3-5", "6-12"]}
    assert result["sectors"] == ["child_health", "open_preschool"]
    assert body["facets"]["sector"]["child_health"] == 1
    assert body["facets"]["age"]["pregnancy"] == 1, "a facet's counts ignore its own selection: talk-group"
    assert body["suggestion"] is None
    conforms(client, "SearchResults", body)


def test_a_method_without_the_language_comes_in_the_nearest_translation_and_says_so(client):
    body = get_json(client, "/api/v1/methods?lang=fi&sector=maternity_care")
    [result] = body["results"]
    assert (result["id"], result["lang"], result["title"]) == ("talk-group", "en", "Talk Group")
    assert result["url"] == f"{SITE}/fi/methods/talk-group"
    method = get_json(client, "/api/v1/methods/talk-group?lang=fi")
    assert method["lang"] == "en"
    assert method["translations"] == ["sv", "en"]


def test_search_words_are_marked_where_they_matched(client):
    [result] = get_json(client, "/api/v1/methods?lang=en&q=bullying")["results"]
    assert result["id"] == "school-zone"
    assert "<mark>bullying</mark>" in result["highlights"]["summary"]
    browsing = get_json(client, "/api/v1/methods?lang=en")["results"]
    assert all(r["highlights"] == {"title": None, "summary": None, "body": None} for r in browsing)


def test_pages_and_orders(client):
    by_name = get_json(client, "/api/v1/methods?lang=en&sort=name&per_page=1&page=2")
    assert (by_name["total"], by_name["pages"], by_name["per_page"], by_name["page"]) == (3, 3, 1, 2)
    assert ids(by_name) == ["school-zone"]
    assert ids(get_json(client, "/api/v1/methods?lang=en&sort=reviewed")) == [
        "talk-group",
        "family-support",
        "school-zone",
    ]
    assert ids(get_json(client, "/api/v1/methods?lang=sv&sort=evidence"))[0] == "family-support"
    assert ids(get_json(client, "/api/v1/methods?lang=en&need=selective,indicated&need=universal")) == [
        "family-support",
        "school-zone",
        "talk-group",
    ]
    assert get_json(client, "/api/v1/methods?lang=en&page=9")["results"] == []


def test_a_whole_method_has_every_front_matter_field_and_the_body_as_markdown_and_html(client):
    method = get_json(client, "/api/v1/methods/family-support?lang=en")
    for name in (*FACT_FIELDS, *TEXT_FIELDS):
        assert name in method, f"front-matter field {name} missing from the API"
    assert method["aliases"] == ["FSG"]
    assert method["reviewed"] == "2026-03-01"
    assert method["evidence"]["ratings"][0] == {
        "registry": "kasvun-tuki",
        "rating": "4/5",
        "label": "Vahva dokumentoitu näyttö",
        "note": None,
        "url": "https://itla.fi/menetelmapankki/family-support",
        "date": "2025-03-24",
        "checked": "2026-01-10",
        "version": None,
        "scope": "described",
        "level": "effective",
        "pico": {
            "population": "Parents of children aged 3–6 with frequent conflicts at home (Finland).",
            "comparison": None,
            "effect": "Fewer behaviour problems after the groups; no change in parenting stress.",
            "applicability": "Applicability to Finland: strong.",
            "outcomes": ["child_behaviour", "parental_depression"],
            "studies": {"count": 2, "designs": ["rct", "quasi_experimental"], "nordic": 1},
            "source": "https://itla.fi/menetelmapankki/family-support",
        },
    }
    assert method["evidence"]["ratings"][1]["pico"] is None
    assert method["outcomes"] == {
        "targeted": ["child_behaviour", "parenting_stress", "parental_depression"],
        "shown": ["child_behaviour", "parental_depression"],
        "source": "https://itla.fi/menetelmapankki/family-support",
    }
    assert method["follow_up"] == [
        {
            "instrument": "ecbi",
            "name": "Eyberg Child Behavior Inventory (ECBI)",
            "source": "https://family-support.example.net/follow-up",
            "url": f"{SITE}/en/instruments/ecbi/",
        }
    ]
    assert method["duration"] == {
        "sessions": {"min": 8, "max": 10},
        "session_minutes": {"min": 90, "max": 90},
        "weeks": {"min": 10, "max": 10},
    }
    assert method["languages"] == ["sv", "fi"]
    assert method["website"] == "https://family-support.example.net/"
    assert [r["link"] for r in method["references"]] == [
        "https://doi.org/10.1111/cch.12345",
        "https://research.example.net/lund",
    ]
    assert method["sources"] == [
        {"url": "https://itla.fi/menetelmapankki/family-support", "title": "Itla: Family Support"}
    ]
    assert method["training"] == "Two days of training for group leaders."
    assert method["contact"] == {
        "organisation": "Family Support Nordic",
        "url": None,
        "email": "info@family-support.example.net",
    }
    assert "[Talk Group](talk-group.md)" in method["body_markdown"]
    assert f'href="{SITE}/en/methods/talk-group"' in method["body_html"]
    assert "<script" not in method["body_html"]
    assert method["translations"] == ["sv", "fi", "en"]
    assert method["url"] == f"{SITE}/en/methods/family-support"
    conforms(client, "Method", method)
    bare = get_json(client, "/api/v1/methods/school-zone?lang=sv")
    assert (bare["duration"], bare["contact"], bare["website"], bare["training"]) == (None, None, None, None)
    assert (bare["outcomes"], bare["follow_up"]) == (None, [])
    conforms(client, "Method", bare)


def test_each_language_gets_its_own_text_and_the_default_is_swedish(client):
    assert get_json(client, "/api/v1/methods/family-support?lang=sv")["title"] == "Familjestödsgrupper"
    assert get_json(client, "/api/v1/methods/family-support")["lang"] == "sv"
    assert get_json(client, "/api/v1/methods/family-support?lang=fi")["reviewed"] == "2026-01-10"


def test_the_taxonomy_has_every_vocabulary_with_labels_in_the_language(client, catalogue):
    body = get_json(client, "/api/v1/taxonomy?lang=sv")
    assert list(body["vocabularies"]) == list(VOCABULARIES)
    assert [t["term"] for t in body["vocabularies"]["levels"]] == catalogue.taxonomy.level_order
    child_health = next(t for t in body["vocabularies"]["sectors"] if t["term"] == "child_health")
    assert child_health["label"] == "Barnhälsovård"
    assert child_health["family_centre_partner"] is True
    pregnancy = next(t for t in body["vocabularies"]["age_bands"] if t["term"] == "pregnancy")
    assert (pregnancy["prenatal"], pregnancy["from"], pregnancy["to"]) == (True, None, None)
    assert body["rating_map"]["kasvun-tuki"]["4/5"] == "effective"
    conforms(client, "Taxonomy", body)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("age=teenager", "age"),
        ("age=99", "age"),
        ("sector=nowhere", "sector"),
        ("evidence=great", "evidence"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("per_page=101", "per_page"),
        ("sort=random", "sort"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, query, parameter):
    body = get_json(client, f"/api/v1/methods?lang=en&{query}", 400)
    assert body["error"]["code"] == "bad_parameter"
    assert body["error"]["parameter"] == parameter
    assert body["error"]["message"].startswith(f"{parameter}: ")
    conforms(client, "Error", body)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/methods?lang=de",
        "/api/v1/methods/family-support?lang=no",
        "/api/v1/taxonomy?lang=EN",
        "/api/v1/export.json?lang=xx",
        "/api/v1/export.csv?lang=",
    ],
)
def test_an_unknown_language_is_a_404_naming_lang(client, url):
    body = get_json(client, url, 404)
    assert body == {
        "error": {
            "code": "unknown_language",
            "message": body["error"]["message"],
            "parameter": "lang",
        }
    }
    assert "sv, fi, en" in body["error"]["message"]


def test_unknown_methods_and_addresses_are_json_404s(client):
    assert get_json(client, "/api/v1/methods/no-such-method", 404)["error"]["code"] == "not_found"
    assert get_json(client, "/api/v1/nothing/here", 404)["error"]["code"] == "not_found"
    assert get_json(client, "/api/v2/methods", 404)["error"]["code"] == "not_found"


@pytest.mark.parametrize("verb", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, verb):
    response = getattr(client, verb)("/api/v1/methods")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize(
    "query",
    ["q=%22((NOT%20OR", "q=%00", "q=" + "x" * 5000, "age=%C2%B2", "page=%C2%B2", "per_page=-1", "age=3,,,", "q=*:*"],
)
def test_hostile_input_gets_an_answer_never_a_server_error(client, query):
    response = client.get(f"/api/v1/methods?lang=sv&{query}")
    assert response.status_code in (200, 400)
    assert response.mimetype == "application/json"


URLS = [
    "/api/v1/methods?lang=fi",
    "/api/v1/methods/family-support",
    "/api/v1/taxonomy",
    "/api/v1/openapi.json",
    "/api/v1/export.json",
    "/api/v1/export.csv",
    "/api/",
    "/api/v1/methods?lang=xx",
    "/api/v1/methods?age=x",
    "/api/v1/methods/nope",
]


@pytest.mark.parametrize("url", URLS)
def test_every_response_has_cors_an_etag_and_cache_control(client, url):
    response = client.get(url)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["ETag"]
    assert response.headers["Cache-Control"] == ("public, max-age=300" if response.status_code < 400 else "no-cache")


def test_a_browser_preflight_is_allowed_from_any_origin(client):
    response = client.options(
        "/api/v1/methods",
        headers={
            "Origin": "https://portal.example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_an_unchanged_response_is_304_until_the_content_changes(client, content_dir):
    first = client.get("/api/v1/methods/school-zone?lang=en")
    etag = first.headers["ETag"]
    again = client.get("/api/v1/methods/school-zone?lang=en", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=300"
    path = content_dir / "en" / "school-zone.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("against bullying", "against all bullying"), encoding="utf-8"
    )
    build(content_dir, content_dir.parent / "index")
    changed = client.get("/api/v1/methods/school-zone?lang=en", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "against all bullying" in changed.json["summary"]


def test_before_the_first_build_the_api_says_so_in_json(tmp_path):
    client = create_app({"INDEX_DIR": tmp_path / "none", "TESTING": True}).test_client()
    for path in ("/api/v1/methods", "/api/v1/methods/family-support", "/api/v1/export.json"):
        error = get_json(client, path, 503)["error"]
        assert error["code"] == "index_unavailable" and "catalogue build" in error["message"]


def test_the_api_page_shows_a_curl_example_that_gives_what_it_says(client):
    response = client.get("/api/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<div lang="en"' in page
    assert f"curl '{SITE}/api/v1/methods?lang=fi&amp;age=3&amp;sector=child_health'" in page
    assert "It finds 1 methods" in page or "It finds 1 method" in page
    assert "&#34;id&#34;: &#34;family-support&#34;" in page
    assert f'href="{SITE}/api/v1/openapi.json"' in page
    for parameter in (
        "lang",
        "q",
        "evidence",
        "age",
        "need",
        "sector",
        "topic",
        "format",
        "language",
        "sort",
        "page",
        "per_page",
    ):
        assert f"<td><code>{parameter}</code></td>" in page


def test_methods_shown_to_reduce_parental_depression(client):
    body = get_json(client, "/api/v1/methods?lang=en&outcome=parental_depression")
    assert ids(body) == ["family-support"]
    assert body["facets"]["outcome"]["parental_depression"] == 1
    assert body["facets"]["outcome"]["parenting_stress"] == 0, "targeted but not shown: not counted"
    assert ids(get_json(client, "/api/v1/methods?lang=en&outcome=bullying")) == []
    error = get_json(client, "/api/v1/methods?lang=en&outcome=happiness", 400)["error"]
    assert (error["code"], error["parameter"]) == ("bad_parameter", "outcome")


def test_instruments_list_the_methods_followed_up_with_them(client):
    body = get_json(client, "/api/v1/instruments?lang=fi")
    assert (body["lang"], body["total"]) == ("fi", 2)
    ecbi, epds = body["instruments"]
    assert ecbi["id"] == "ecbi"
    assert ecbi["measures"] == "Kuinka usein lapsella on käytösongelmia."
    assert (ecbi["licence"], ecbi["languages"], ecbi["administered_by"]) == ("licensed", ["en", "no"], None)
    assert ecbi["methods"] == [
        {
            "id": "family-support",
            "title": "Perhetukiryhmät",
            "url": f"{SITE}/fi/methods/family-support",
            "source": "https://family-support.example.net/follow-up",
        }
    ]
    assert ecbi["url"] == f"{SITE}/fi/instruments/ecbi/"
    assert (epds["licence"], epds["methods"]) == (None, [])
    conforms(client, "Instruments", body)
    one = get_json(client, "/api/v1/instruments/epds?lang=sv")
    assert one["measures"] == "Symtom på depression efter förlossning."
    conforms(client, "Instrument", one)
    assert get_json(client, "/api/v1/instruments/phq-9", 404)["error"]["code"] == "not_found"
