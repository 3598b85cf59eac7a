"""Whatever anyone puts in an address, the site and the API answer without a server error.

Hypothesis generates query strings for the search page, the parents' page, the comparison and the API: known
and unknown parameter names, repeated parameters, any Unicode up to 10 kB, and bytes that are not UTF-8 at all.
The app runs with TESTING on, so an exception fails the test instead of becoming a 500 page. The number of
examples is bounded so the suite stays fast.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.build import build
from catalogue.web.app import create_app

from .conftest import empty_content
from .site_content import write_catalogue

PARAMETERS = ["q", "evidence", "age", "need", "sector", "topic", "format", "language", "sort", "page", "per_page"]
PARAMETERS += ["lang", "ids", "worry"]
TERMS = ["effective", "3", "0", "13-17", "child_health", "group", "sv", "relevance", "1", "100", "family-support"]
SEARCHES = ["/{lang}/methods/", "/{lang}/parents/", "/{lang}/compare", "/{lang}/", "/api/v1/methods"]
EXAMPLES = 40

values = st.one_of(
    st.sampled_from(TERMS),
    st.text(max_size=40),
    st.text(max_size=10_000),
    st.lists(st.sampled_from([*TERMS, "", " ", ",", "-", "*", '"', "(", "NOT", "OR"]), max_size=8).map(",".join),
)
names = st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=20))
text_pairs = st.lists(st.tuples(names, values), max_size=8)
"""Parameters as a browser would send them: any Unicode, UTF-8 and percent-encoded."""
byte_pairs = st.lists(st.tuples(st.sampled_from(PARAMETERS), st.binary(max_size=200)), min_size=1, max_size=4)
"""Parameters as an attacker might send them: bytes that need not be UTF-8."""


def query_string(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("properties")
    content = empty_content(root)
    write_catalogue(content)
    build(content, root / "index")
    app = create_app({"CONTENT_DIR": content, "INDEX_DIR": Path(root / "index"), "TESTING": True})
    return app.test_client()


def answered(client, path: str, query: str) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query[:200], response.status_code)
    if path.startswith("/api/") and response.status_code >= 400:
        assert response.json["error"]["code"]  # the API's error shape, never an HTML page


PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("path", SEARCHES)
@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_any_text_parameters_get_an_answer_never_a_server_error(client, path, lang):
    @PROPERTY
    @given(pairs=text_pairs)
    def check(pairs):
        answered(client, path.format(lang=lang), query_string(pairs))

    check()


@pytest.mark.parametrize("path", ["/sv/methods/", "/api/v1/methods"])
def test_any_bytes_in_parameters_get_an_answer_never_a_server_error(client, path):
    @PROPERTY
    @given(pairs=byte_pairs)
    def check(pairs):
        answered(client, path, "&".join(f"{name}={quote_from_bytes(value, safe='')}" for name, value in pairs))

    check()


@PROPERTY
@given(method_id=st.text(min_size=1, max_size=300), lang=st.sampled_from(["sv", "fi", "en", "de", ""]))
def test_any_method_id_is_a_page_or_a_404(client, method_id, lang):
    for path in (f"/{lang}/methods/{quote(method_id, safe='')}", f"/api/v1/methods/{quote(method_id, safe='')}"):
        response = client.get(f"{path}?lang={quote(lang)}", follow_redirects=True)
        assert response.status_code in (200, 404), (path, response.status_code)


@pytest.mark.parametrize("query", ["_anchor=x", "_scheme=ftp", "_method=POST", "_external=1", "method_id=x", "lang=de"])
@pytest.mark.parametrize("path", ["/sv/methods/", "/sv/methods/family-support", "/sv/parents/", "/sv/"])
def test_parameters_named_like_parts_of_an_address_are_ignored(client, path, query):
    """Found by the properties above: these once broke the language switcher's links with a server error.
    No page reads them: the address redirects to the page without them (or is served as it, from memory)."""
    response = client.get(f"{path}?{query}", follow_redirects=True)
    assert response.status_code == 200
    link = BeautifulSoup(response.get_data(as_text=True), "html.parser").find("link", hreflang="fi")["href"]
    assert link.split("?")[0] == f"http://localhost/fi/{path[4:]}"
