"""In a real browser (headless Chromium against the app on a free port): the `/api/` page is accessible, and a
web page on another origin can call the API, preflight and ETag revalidation included."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from catalogue.web.server import background_server
from tools.browser import WCAG_TAGS

from .open_data import open_data_app, write_catalogue

WCAG = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}

pytestmark = pytest.mark.browser


@pytest.fixture
def server(content_dir: Path, tmp_path: Path) -> Iterator[str]:
    """The app on a free port of 127.0.0.1; its base URL."""
    write_catalogue(content_dir)
    app = open_data_app(content_dir, tmp_path / "index", BASE_URL=None, TESTING=False)
    with background_server(app) as url:
        yield url


@pytest.mark.parametrize("width", [1280, 320])
def test_the_api_page_has_no_accessibility_violations(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/api/")
    assert page.locator("h1").inner_text() == "Open data API"
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


@pytest.fixture
def other_site() -> Iterator[str]:
    """Someone else's web page (its own server and origin) that wants our data."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!doctype html><title>A municipal portal</title><p>Family services</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("localhost", 0), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_on_another_origin_calls_the_api_and_revalidates_with_the_etag(server, other_site, browser):
    page = browser.new_page()
    page.goto(other_site)
    other_origin = f"{server}/api/v1/methods?lang=fi&age=3&sector=child_health"
    answer = page.evaluate(
        """async (url) => {
            const first = await fetch(url);
            const body = await first.json();
            const etag = first.headers.get("ETag");
            const again = await fetch(url, {headers: {"If-None-Match": etag}, cache: "no-store"});
            return {status: first.status, ids: body.results.map(r => r.id), etag, revalidated: again.status};
        }""",
        other_origin,
    )
    assert answer["status"] == 200
    assert answer["ids"] == ["family-support"]
    assert answer["etag"], "the ETag header is exposed to scripts"
    assert answer["revalidated"] == 304
