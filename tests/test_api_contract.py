"""The API keeps its contract, on the real catalogue and a real index:

- schemathesis generates requests from `openapi.json` (a bounded number per operation, through the WSGI app,
  no network): no 5xx, and every status, header, content type and body is what the description says;
- the API and the site's search page list the same methods in the same order for the same parameters.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import jsonschema
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks
from schemathesis.specs.openapi.definitions import OPENAPI_31  # the OpenAPI 3.1 meta-schema schemathesis ships

from catalogue.build import build
from catalogue.web.app import create_app

from .conftest import CONTENT

EXAMPLES = 30
"""Generated requests per operation: enough to find a crash in parsing, bounded so the run stays short."""


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    index = tmp_path_factory.mktemp("index")
    build(CONTENT, index)
    return create_app({"INDEX_DIR": index, "TESTING": True})


@pytest.fixture(scope="module")
def api_schema(real_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", real_app)


OPERATIONS = [
    "/api/v1/methods",
    "/api/v1/methods/{method_id}",
    "/api/v1/instruments",
    "/api/v1/instruments/{instrument_id}",
    "/api/v1/taxonomy",
    "/api/v1/export.json",
    "/api/v1/export.csv",
    "/api/v1/offer",
    "/api/v1/offer.csv",
    "/api/v1/openapi.json",
]


def test_the_description_is_valid_openapi_3_1_and_covers_every_operation(api_schema):
    document = api_schema.raw_schema
    jsonschema.Draft202012Validator(OPENAPI_31).validate(document)
    for component in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(component)
    assert sorted(document["paths"]) == sorted(OPERATIONS)


@pytest.mark.parametrize(
    ("path", "mode"),
    [(path, GenerationMode.POSITIVE) for path in OPERATIONS]
    + [(path, GenerationMode.NEGATIVE) for path in OPERATIONS if path != "/api/v1/openapi.json"],  # no parameters
    ids=str,
)
def test_every_operation_keeps_its_openapi_contract(api_schema, path, mode):
    """Generated requests, valid ones and (negative mode) ones that break the description on purpose.

    The search is lenient by design (empty values and unknown parameters are ignored, values may be
    comma-separated), so a request outside the description may well get a 200: `negative_data_rejection` is
    left out. Every other check holds in both modes: no 5xx, and status, headers and body as described.
    """

    @given(case=api_schema[path]["GET"].as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case):
        # schemathesis's WSGI transport does not undo Content-Encoding (the app compresses for clients that accept
        # it): ask for the body as it is
        case.call_and_validate(
            headers={"Accept-Encoding": "identity"}, excluded_checks=[checks.negative_data_rejection]
        )

    check()


class ResultLinks(HTMLParser):
    """The method ids of a search page's result list, in order."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.pattern = re.compile(rf"^/{lang}/methods/([a-z0-9-]+)$")
        self.depth = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "ol" and "results" in (attributes.get("class") or "").split():
            self.depth = 1
        elif tag == "ol" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            found = self.pattern.match(attributes.get("href") or "")
            if found and found.group(1) not in self.ids:
                self.ids.append(found.group(1))

    def handle_endtag(self, tag):
        if tag == "ol" and self.depth:
            self.depth -= 1


def html_ids(client, lang: str, query: str) -> list[str]:
    response = client.get(f"/{lang}/methods/?{query}")
    assert response.status_code == 200
    parser = ResultLinks(lang)
    parser.feed(response.get_data(as_text=True))
    return parser.ids


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("fi", "age=3&sector=child_health"),
        ("sv", ""),
        ("sv", "q=föräldrar"),
        ("sv", "q=förälrar"),
        ("fi", "q=vanhemmuus&sort=evidence"),
        ("en", "q=behaviour+problems&evidence=effective&evidence=promising"),
        ("en", "topic=behaviour_problems&sort=reviewed"),
        ("sv", "q=De+otroliga+åren"),
        ("fi", "q=Incredible+Years&format=group"),
        ("en", "need=indicated&sort=name&page=2"),
        ("sv", "age=0-1,1-3&language=sv"),
        ("fi", "q=%22stray+(quote&sector=social_services"),
    ],
)
def test_the_api_and_the_search_page_list_the_same_methods_in_the_same_order(real_app, lang, query):
    client = real_app.test_client()
    api = client.get(f"/api/v1/methods?lang={lang}&{query}").json
    assert [result["id"] for result in api["results"]] == html_ids(client, lang, query)
