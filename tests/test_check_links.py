"""`catalogue check-links` against a local web server (tests never reach the internet)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from catalogue.cli import cli

from .test_validate import FACTS, write


class Site(BaseHTTPRequestHandler):
    seen_429: set[str] = set()
    hits: list[tuple[str, str, float]] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _answer(self, head: bool) -> None:
        Site.hits.append((self.command, self.path, time.monotonic()))
        if self.path == "/ok":
            self._send(200)
        elif self.path == "/gone":
            self._send(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/no-head":
            self._send(405 if head else 200)
        elif self.path == "/busy":
            if self.path in Site.seen_429:
                self._send(200)
            else:
                Site.seen_429.add(self.path)
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200)
        else:
            self._send(500)

    def _send(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Site.hits.clear()
    Site.seen_429.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_broken_redirected_and_refused_links_are_reported(content_dir, server):
    paths = ["ok", "gone", "moved", "no-head", "busy", "slow"]
    sources = "".join(f"  - url: {server}/{p}\n" for p in paths)
    facts = FACTS.replace("(other.md)", "(example.md)").replace(
        "sources:\n  - url: https://itla.fi/menetelmapankki/example\n", f"sources:\n{sources}"
    )
    facts = facts.replace("https://itla.fi/menetelmapankki/example", f"{server}/ok")
    write(content_dir, "en", "example", facts)
    result = CliRunner().invoke(cli, ["check-links", "--content", str(content_dir), "--timeout", "1", "--delay", "0.2"])
    out = result.output
    assert result.exit_code == 1
    assert f"broken 404 {server}/gone" in out
    assert f"broken ReadTimeout {server}/slow" in out
    assert f"redirected {server}/moved -> {server}/ok" in out
    assert f"{server}/no-head" not in out  # HEAD refused, GET answered
    assert f"{server}/busy" not in out  # 429, then fine after Retry-After
    assert "6 links: 2 broken, 1 redirected" in out
    # The fallback really used GET, and the 429 was retried after waiting.
    assert ("GET", "/no-head") in [(m, p) for m, p, _ in Site.hits]
    busy = [t for m, p, t in Site.hits if p == "/busy"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 0.9


def test_requests_to_one_host_are_spaced_out(content_dir, server):
    facts = FACTS.replace("(other.md)", "(example.md)").replace(
        "sources:\n  - url: https://itla.fi/menetelmapankki/example\n",
        f"sources:\n  - url: {server}/ok\n  - url: {server}/no-head\n",
    )
    facts = facts.replace("https://itla.fi/menetelmapankki/example", f"{server}/gone")
    write(content_dir, "en", "example", facts)
    CliRunner().invoke(cli, ["check-links", "--content", str(content_dir), "--delay", "0.5"])
    starts = sorted(t for m, p, t in Site.hits if m == "HEAD")
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 3 and min(gaps) >= 0.45
