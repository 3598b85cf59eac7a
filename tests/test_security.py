"""Safe by default: security headers on every response, hostile content rendered harmless, no path outside
content, request limits with a friendly page, and never a stack trace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue.build import build
from catalogue.content.loading import load_catalogue
from catalogue.web.app import create_app

from .conftest import empty_content
from .site_content import FACTS, REVIEWED, write_catalogue, write_method

HOSTILE_BODY = """## How it works <script>alert("body")</script>

<script>alert("raw")</script>
<img src="x" onerror="alert('img')">
<iframe src="https://evil.example.net/"></iframe>
<div style="position:fixed;top:0" onmouseover="alert('div')">Cover</div>
<svg onload="alert('svg')"><circle r="1"/></svg>
<form action="https://evil.example.net/"><input name="q"></form>

[Click me](javascript:alert('md'))
[Or me](JaVaScRiPt:alert('case'))
[Data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
<a href="javascript:alert('html')">Raw link</a>
<a href="&#106;avascript:alert('entity')">Entity link</a>
<a href="vbscript:msgbox('vb')">VB link</a>
<a href="https://example.net/" onclick="alert('click')" style="color:red" target="_top">Fine link</a>
"""
HOSTILE_TEXT = {
    "title": "Evil <script>alert('title')</script> Method",
    "aliases": ["<img src=x onerror=alert('alias')>"],
    "summary": "A summary with <b onmouseover=\"alert('summary')\">markup</b> and a javascript:alert('s') word.",
    "parent_summary": "Parents meet. <script>alert('parents')</script> They talk about the week.",
    "training": "<iframe src=javascript:alert('training')></iframe> Leaders train for a week.",
    "contact": {"organisation": "<script>alert('org')</script>", "url": "https://example.net/contact"},
    "reviewed": REVIEWED,
}
PAGES = [
    "/{lang}/methods/evil-method",
    "/{lang}/methods/?q=evil",
    "/{lang}/compare?ids=evil-method,family-support",
    "/{lang}/parents/?age=13-17",
    "/{lang}/",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("security")
    content = empty_content(root)
    write_catalogue(content)
    write_method(content, "evil-method", "en", {**HOSTILE_TEXT, **FACTS["school-zone"]}, HOSTILE_BODY)
    build(content, root / "index")
    return root


@pytest.fixture(scope="module")
def app(site):
    return create_app({"CONTENT_DIR": site / "content", "INDEX_DIR": site / "index"})


@pytest.fixture
def client(app):
    return app.test_client()


# -- headers ----------------------------------------------------------------------------------------------

EVERY_KIND = [
    "/",  # redirect
    "/sv/",
    "/fi/methods/?q=vanhemmat",
    "/en/methods/family-support",
    "/api/v1/methods?lang=fi",
    "/api/v1/nothing",
    "/sv/feed.xml",
    "/static/site.css",
    "/healthz",
    "/sv/no-such-page",
    "/robots.txt",
    "/sv/methods/?q=" + "x" * 7000,
]


@pytest.mark.parametrize("url", EVERY_KIND)
def test_every_response_has_the_security_headers(client, url):
    headers = client.get(url).headers
    policy = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert not re.search(r"unsafe-|https?:|\*|data:", policy), policy  # no inline code, no other origin
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would be ignored or wrong


def test_hsts_over_https(client):
    assert client.get("/sv/", base_url="https://localhost").headers["Strict-Transport-Security"] == "max-age=31536000"


def test_forwarded_https_counts_only_behind_a_trusted_proxy(site):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "metoder.fi"}
    untrusted = create_app({"CONTENT_DIR": site / "content", "INDEX_DIR": site / "index"}).test_client()
    assert "Strict-Transport-Security" not in untrusted.get("/sv/", headers=forwarded).headers
    trusted = create_app({"CONTENT_DIR": site / "content", "INDEX_DIR": site / "index", "TRUSTED_PROXIES": 1})
    response = trusted.test_client().get("/sv/about/", headers=forwarded)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert 'href="https://metoder.fi/fi/about/"' in response.get_data(as_text=True)  # the public address


@pytest.mark.parametrize("lang", ["sv", "fi", "en"])
@pytest.mark.parametrize("url", ["/{lang}/", "/{lang}/methods/?age=3", "/{lang}/methods/family-support"])
def test_pages_have_no_inline_script_style_or_event_handlers(client, lang, url):
    """What the policy forbids, the pages never need: a browser would block it."""
    soup = BeautifulSoup(client.get(url.format(lang=lang)).get_data(as_text=True), "html.parser")
    for script in soup.find_all("script"):
        assert script.get("src", "").startswith("/static/") and not script.string
    assert not soup.find_all("style") and not soup.find_all(style=True)
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag


# -- hostile content --------------------------------------------------------------------------------------

DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def harmless(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert all(s.get("src", "").startswith("/static/") and not s.string for s in scripts), scripts
    assert not soup.find_all(["iframe", "object", "embed", "form"], action=re.compile("evil"))
    assert not soup.find_all(["iframe", "object", "embed"])
    for tag in soup.find_all(True):
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, tag
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            assert not DANGEROUS_SCHEMES.match(tag.get(name, "")), tag
    assert "alert(" not in "".join(str(s) for s in scripts)


def test_the_hostile_method_is_published_so_the_checks_below_mean_something(client):
    response = client.get("/en/methods/evil-method")
    assert response.status_code == 200
    assert "Fine link" in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["sv", "fi", "en"])
@pytest.mark.parametrize("url", PAGES)
def test_script_javascript_links_event_handlers_and_raw_html_in_content_are_rendered_harmless(client, lang, url):
    response = client.get(url.format(lang=lang))
    assert response.status_code in (200, 400)
    harmless(response.get_data(as_text=True))


def test_a_javascript_address_in_a_fact_is_refused_by_validation(content_dir):
    fields = {**HOSTILE_TEXT, **FACTS["school-zone"], "website": "javascript:alert('site')"}
    write_method(content_dir, "evil-method", "en", fields, "Body")
    catalogue = load_catalogue(content_dir)
    assert "evil-method" not in catalogue.methods
    assert any(p.field == "website" and "not a web address" in p.message for p in catalogue.errors)


def test_the_title_is_shown_as_text_not_markup(client):
    soup = BeautifulSoup(client.get("/en/methods/evil-method").get_data(as_text=True), "html.parser")
    assert soup.h1.get_text() == HOSTILE_TEXT["title"]


def test_the_api_gives_hostile_content_as_text_and_its_html_harmless(client):
    """JSON carries text as written (a client escapes it like any text); the one HTML field is sanitised."""
    response = client.get("/api/v1/methods/evil-method?lang=en")
    assert response.mimetype == "application/json" and response.headers["X-Content-Type-Options"] == "nosniff"
    method = response.json
    assert method["title"] == HOSTILE_TEXT["title"]
    harmless(method["body_html"])
    assert "Fine link" in method["body_html"]


def test_the_feed_escapes_hostile_titles(client):
    from xml.etree import ElementTree

    feed = ElementTree.fromstring(client.get("/en/feed.xml").get_data())
    assert not feed.findall(".//{http://www.w3.org/1999/xhtml}script") and not feed.findall(".//script")


# -- paths ------------------------------------------------------------------------------------------------

TRAVERSALS = [
    "/sv/methods/..%2F..%2Fcatalogue%2Fapp.py",
    "/sv/methods/%2e%2e%2f%2e%2e%2fcontent%2ftaxonomy.yaml",
    "/sv/methods/..",
    "/sv/methods/family-support%00",
    "/sv/methods/%00",
    "/sv/methods/family-support%2F..%2Ftalk-group",
    "/sv/methods/..%5C..%5Ccatalogue%5Capp.py",
    "/static/..%2Fcatalogue%2Fapp.py",
    "/static/%2e%2e/catalogue/app.py",
    "/static/../catalogue/app.py",
    "/static//etc/passwd",
    "/static/site.css%00.js",
    "/static/..%5Ccatalogue%5Capp.py",
    "/api/v1/methods/..%2F..%2Fcontent%2Ftaxonomy.yaml",
    "/api/v1/methods/family-support%00",
    "/sv/pages/..%2F..%2Fcatalogue%2Fapp.py",
    "/..%2Fcontent%2Fen%2Ffamily-support.md",
    "/sv/evidence/..%2F..%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_no_address_reads_a_file_outside_content(client, url):
    response = client.get(url, follow_redirects=True)  # "//" is redirected to "/" first
    assert response.status_code == 404, url
    body = response.get_data(as_text=True)
    for secret in ("def create_app", "root:x:", "rating_map", "levels:"):
        assert secret not in body


# -- limits and errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title"),
    [("sv", "Adressen är för lång"), ("fi", "Osoite on liian pitkä"), ("en", "The address is too long")],
)
def test_a_too_long_address_gets_a_friendly_page_in_the_readers_language(client, lang, title):
    response = client.get(f"/{lang}/methods/?q=" + "vanhemmat+" * 700)
    assert response.status_code == 414
    assert BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.get_text() == title


def test_a_too_long_api_query_is_a_json_error(client):
    response = client.get("/api/v1/methods?lang=sv&q=" + "x" * 7000)
    assert response.status_code == 414 and response.json["error"]["code"] == "bad_request"


@pytest.mark.parametrize(
    ("lang", "title"), [("fi", "Lähettämäsi teksti on liian pitkä"), ("en", "What you sent is too long")]
)
def test_a_too_large_form_gets_a_friendly_page(client, lang, title):
    response = client.post(f"/{lang}/feedback/", data={"message": "x" * 100_000})
    assert response.status_code == 413
    assert BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.get_text() == title


def test_a_server_error_shows_no_stack_trace(site):
    app = create_app({"CONTENT_DIR": site / "content", "INDEX_DIR": site / "index"})

    @app.get("/<lang:lang>/boom")
    def boom():
        raise RuntimeError("secret detail /srv/catalogue/catalogue/app.py")

    @app.get("/api/v1/boom")
    def api_boom():
        raise RuntimeError("secret detail /srv/catalogue/catalogue/api.py")

    client = app.test_client()
    for url in ("/sv/boom", "/api/v1/boom"):
        response = client.get(url)
        assert response.status_code == 500
        body = response.get_data(as_text=True)
        assert "Traceback" not in body and "secret detail" not in body and ".py" not in body


# -- hosts and addresses ----------------------------------------------------------------------------------

FORGED = "evil.example.com"


@pytest.fixture(scope="module")
def public(site):
    """The site as production runs it: with its public address."""
    app = create_app({"INDEX_DIR": site / "index", "BASE_URL": "https://metoder.example.fi"})
    return app.test_client()


@pytest.mark.parametrize("url", ["/sv/", "/sv/methods/family-support", "/sitemap.xml", "/robots.txt", "/sv/feed.xml"])
def test_a_request_for_another_host_is_refused_before_any_page_is_made(public, url):
    assert public.get(url, headers={"Host": "metoder.example.fi"}).status_code == 200  # the page is in memory now
    response = public.get(url, headers={"Host": FORGED})
    assert response.status_code == 400
    assert FORGED not in response.get_data(as_text=True)


def test_a_forged_forwarded_host_is_refused_behind_a_proxy(site):
    app = create_app({"INDEX_DIR": site / "index", "BASE_URL": "https://metoder.example.fi", "TRUSTED_PROXIES": 1})
    response = app.test_client().get("/sv/", headers={"X-Forwarded-Host": FORGED})
    assert response.status_code == 400


def test_the_machine_itself_may_ask_for_health_by_address(public):
    assert public.get("/healthz", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_the_trailing_slash_redirect_stays_on_the_site(public):
    response = public.get("/sv/methods", headers={"Host": "metoder.example.fi"})
    assert response.status_code == 308
    assert response.headers["Location"] == "/sv/methods/"


def test_further_host_names_are_answered_too(site):
    app = create_app({"INDEX_DIR": site / "index", "TRUSTED_HOSTS": ("metodit.example.fi",)})
    client = app.test_client()
    assert client.get("/fi/", headers={"Host": "metodit.example.fi"}).status_code == 200
    assert client.get("/fi/", headers={"Host": FORGED}).status_code == 400


def test_unknown_parameters_redirect_to_the_clean_address(public):
    response = public.get(
        "/sv/methods/?q=familj&utm_source=x&" + "junk=1&" * 300, headers={"Host": "metoder.example.fi"}
    )
    assert response.status_code == 301
    assert response.headers["Location"] == "/sv/methods/?q=familj"


def test_a_page_with_unknown_parameters_is_not_kept_as_a_page_of_its_own(site):
    app = create_app({"INDEX_DIR": site / "index", "BASE_URL": "https://metoder.example.fi"})
    client = app.test_client()
    pages = app.extensions["catalogue.pages"]
    client.get("/api/v1/methods?lang=sv")
    before = len(pages)
    for n in range(20):
        assert client.get(f"/api/v1/methods?lang=sv&made_up={n}").status_code == 200
    assert len(pages) == before
