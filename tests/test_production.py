"""Serving in production: pages from memory, compression, ETags, static files, /healthz, faults, gunicorn.

What a load balancer, a browser and an operator notice; the figures (requests/s, latency) are in bench/load.py.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest
from click.testing import CliRunner

import search
from catalogue.build import build
from catalogue.cli import cli
from catalogue.web.app import create_app

from .conftest import ROOT, empty_content
from .site_content import FACTS, REVIEWED, TEXTS, write_catalogue, write_method

BIN = Path(sys.executable).parent


@pytest.fixture
def site(content_dir: Path, tmp_path: Path) -> Path:
    """The small test catalogue with its index in tmp_path/index; returns tmp_path."""
    write_catalogue(content_dir)
    build(content_dir, tmp_path / "index")
    return tmp_path


def make_app(root: Path, **config):
    return create_app(
        {
            "INDEX_DIR": root / "index",
            "TESTING": True,
            **config,
        }
    )


def add_method(content: Path, method_id: str, title: str) -> None:
    """A copy of `school-zone` under another id and title."""
    fields = {**TEXTS["school-zone"]["en"], "title": title, "reviewed": REVIEWED, **FACTS["school-zone"]}
    write_method(content, method_id, "en", fields, f"## About\n\n{title} in every classroom.\n")


# -- pages from memory ------------------------------------------------------------------------------------


def test_a_page_is_rendered_once_then_served_from_memory(site):
    app = make_app(site)
    client = app.test_client()
    first = client.get("/en/methods/family-support")
    cache = app.extensions["catalogue.pages"]
    hits = cache.hits
    again = client.get("/en/methods/family-support")
    assert cache.hits == hits + 1
    assert again.get_data() == first.get_data()
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == "public, max-age=300"


def test_a_rebuilt_index_shows_without_a_restart(site):
    client = make_app(site).test_client()
    assert "Playground Patrol" not in client.get("/en/methods/?q=playground").get_data(as_text=True)
    add_method(site / "content", "playground-patrol", "Playground Patrol")
    build(site / "content", site / "index")
    assert "Playground Patrol" in client.get("/en/methods/?q=playground").get_data(as_text=True)
    assert client.get("/en/methods/playground-patrol").status_code == 200
    assert "playground-patrol" in client.get("/api/v1/methods?lang=en&q=playground").get_data(as_text=True)


def test_the_feedback_form_and_the_language_redirect_are_never_kept(site):
    app = make_app(site)
    client = app.test_client()
    for url in ("/", "/en/feedback/", "/healthz"):
        client.get(url)
    assert len(app.extensions["catalogue.pages"]) == 0


def test_popular_searches_are_answered_from_memory_until_the_index_changes(site):
    app = make_app(site)
    client = app.test_client()
    searches = app.extensions["catalogue.search"].cache
    client.get("/en/methods/?q=parents&sector=child_health")
    client.get("/api/v1/methods?lang=en&sector=child_health&q=parents")  # the same search, asked differently
    assert searches.hits == 1
    build(site / "content", site / "index")
    client.get("/api/v1/methods?lang=en&sector=child_health&q=parents&per_page=20")
    assert searches.hits == 1  # a new generation: asked again


def test_warming_up_renders_the_pages_readers_start_from(site):
    app = make_app(site, BASE_URL="https://metoder.example.fi")
    from catalogue.web.http.cache import warm_up

    kept = warm_up(app)
    # home, search, parents, evidence, about in sv, fi, en; the parents' page in ar, so, fa, uk, ru
    assert kept == len(app.extensions["catalogue.pages"]) == 3 * 5 + 5
    cache = app.extensions["catalogue.pages"]
    hits = cache.hits
    app.test_client().get("/fi/methods/", base_url="https://metoder.example.fi")
    assert cache.hits == hits + 1


# -- compression, ETags, cache headers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/sv/methods/family-support", "/fi/methods/?age=3", "/api/v1/methods?lang=en", "/en/feed.xml"]
)
@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_responses_are_compressed_for_clients_that_accept_it(site, url, encoding):
    client = make_app(site).test_client()
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    for _ in range(2):  # rendered, then from memory
        packed = client.get(url, headers={"Accept-Encoding": f"{encoding}, deflate"})
        assert packed.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in packed.headers["Vary"]
        unpack = brotli.decompress if encoding == "br" else gzip.decompress
        assert unpack(packed.get_data()) == plain.get_data()
        assert len(packed.get_data()) < len(plain.get_data()) / 2


def test_brotli_is_preferred_and_quality_values_are_respected(site):
    client = make_app(site).test_client()
    url = "/en/methods/family-support"
    assert client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"}).headers["Content-Encoding"] == "br"
    assert client.get(url, headers={"Accept-Encoding": "br;q=0.5, gzip"}).headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get(url, headers={"Accept-Encoding": "br;q=0, gzip;q=0"}).headers


@pytest.mark.parametrize("encoding", ["identity", "br"])
def test_an_unchanged_page_is_a_304(site, encoding):
    client = make_app(site).test_client()
    headers = {"Accept-Encoding": encoding}
    first = client.get("/fi/methods/family-support", headers=headers)
    etag = first.headers["ETag"]
    again = client.get("/fi/methods/family-support", headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    other = client.get("/fi/methods/talk-group", headers={**headers, "If-None-Match": etag})
    assert other.status_code == 200


def test_static_files_are_immutable_under_their_versioned_address(site):
    client = make_app(site).test_client()
    html = client.get("/sv/").get_data(as_text=True)
    css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    versioned = client.get(css, headers={"Accept-Encoding": "br"})
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert versioned.headers["Content-Encoding"] == "br" and versioned.mimetype == "text/css"
    assert brotli.decompress(versioned.get_data()) == (ROOT / "static" / "site.css").read_bytes()
    unversioned = client.get("/static/site.css")
    assert unversioned.headers["Cache-Control"] == "public, max-age=300"
    assert client.get(css, headers={"If-None-Match": unversioned.headers["ETag"]}).status_code == 304
    assert client.get("/static/missing.css").status_code == 404


# -- health ------------------------------------------------------------------------------------------------


def test_healthz_reports_the_index_and_the_content(site):
    response = make_app(site).test_client().get("/healthz")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    health = response.json
    assert health["status"] == "ok"
    assert health["generation"]["loaded"] and health["generation"]["name"].startswith("gen-")
    assert 0 <= health["generation"]["age_seconds"] < 600
    assert health["content"] == {"methods": 3, "files": 6, "errors": 0, "problems": []}


def test_healthz_is_503_without_an_index_so_a_load_balancer_waits(site):
    response = make_app(site, INDEX_DIR=site / "nothing").test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable" and "catalogue build" in response.json["generation"]["error"]


def test_a_file_broken_when_built_is_reported_by_health_and_the_rest_is_served(site):
    broken = site / "content" / "en" / "talk-group.md"
    broken.write_text("---\ntitle: [unclosed\nreviewed: 2026-01-15\n---\nBody\n", encoding="utf-8")
    build(site / "content", site / "index")
    client = make_app(site).test_client()
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json["status"] == "degraded"
    assert health.json["content"]["errors"] >= 1
    assert any("talk-group.md" in problem and "YAML" in problem for problem in health.json["content"]["problems"])
    assert client.get("/en/methods/family-support").status_code == 200
    assert client.get("/en/methods/school-zone").status_code == 200
    assert client.get("/en/").status_code == 200


def test_a_broken_current_generation_at_start_serves_the_newest_that_opens_and_health_says_so(site):
    older = search.building.current_generation(site / "index")
    add_method(site / "content", "playground-patrol", "Playground Patrol")
    newer, _ = build(site / "content", site / "index", grace=3600)
    (newer / "catalogue.pickle").write_bytes(b"not a snapshot")  # e.g. a disk fault after the swap
    client = make_app(site).test_client()
    assert client.get("/en/methods/school-zone").status_code == 200  # readers keep a working site
    assert "Playground Patrol" not in client.get("/en/methods/?q=playground").get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json["status"] == "degraded"
    assert health.json["generation"]["name"] == older.name and newer.name in health.json["generation"]["problem"]


def test_healthz_shows_file_names_only_to_this_machine_or_the_token_holder(site):
    broken = site / "content" / "en" / "talk-group.md"
    broken.write_text("---\ntitle: [unclosed\nreviewed: 2026-01-15\n---\nBody\n", encoding="utf-8")
    build(site / "content", site / "index")
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    public = make_app(site).test_client().get("/healthz", environ_base=outside).json
    assert public["status"] == "degraded" and public["content"]["errors"] >= 1
    assert "problems" not in public["content"] and str(site) not in json.dumps(public)
    proxied = make_app(site).test_client().get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"}).json
    assert "problems" not in proxied["content"]  # nginx on this machine forwarding a visitor is not "this machine"
    with_token = make_app(site, HEALTH_TOKEN="s3cret").test_client()
    assert "problems" in with_token.get("/healthz?token=s3cret", environ_base=outside).json["content"]
    assert "problems" not in with_token.get("/healthz?token=wrong", environ_base=outside).json["content"]
    nothing = make_app(site, INDEX_DIR=site / "nothing").test_client().get("/healthz", environ_base=outside).json
    assert nothing["generation"]["error"] == "no generation is built yet"


# -- index faults while serving ---------------------------------------------------------------------------

FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from catalogue.cli import cli
cli(sys.argv[1:])
"""


def test_a_full_disk_during_catalogue_index_leaves_the_site_serving_the_old_index(site):
    client = make_app(site).test_client()
    before = client.get("/healthz").json["generation"]["name"]
    add_method(site / "content", "playground-patrol", "Playground Patrol")
    command = ["index", "--content", str(site / "content"), "--index", str(site / "index")]
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, *command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "the disk is full" in result.stderr and "the previous index still serves" in result.stderr
    assert "Traceback" not in result.stderr
    assert client.get("/healthz").json["generation"]["name"] == before
    assert client.get("/en/methods/?q=bullying").status_code == 200
    assert "Playground Patrol" not in client.get("/en/methods/?q=playground").get_data(as_text=True)


def test_an_unwritable_index_folder_fails_clearly_and_the_site_keeps_its_index():
    shared = Path(tempfile.mkdtemp(prefix="production-unwritable-"))
    try:
        os.chmod(shared, 0o755)
        content = shared / "content"
        shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("*.md"))
        write_catalogue(content)
        build(content, shared / "index")
        for path in [shared, *shared.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.chmod(shared / "index", 0o555)
        client = make_app(shared).test_client()
        before = client.get("/healthz").json["generation"]["name"]
        command = ["index", "--content", str(content), "--index", str(shared / "index")]
        root = os.geteuid() == 0
        if root:  # root writes anywhere: build as the unprivileged user a deploy runs as
            os.seteuid(65534)
        try:
            result = CliRunner().invoke(cli, command)
        finally:
            if root:
                os.seteuid(0)
        assert result.exit_code == 1
        assert "is not writable" in result.output and "the previous index still serves" in result.output
        assert client.get("/healthz").json["generation"]["name"] == before
        assert client.get("/sv/methods/?q=mobbning").status_code == 200
    finally:
        os.chmod(shared / "index", 0o755)
        shutil.rmtree(shared, ignore_errors=True)


# -- gunicorn --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    environ = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
    command = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "catalogue.web.wsgi:app"]
    return subprocess.Popen(command, cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(url: str, seconds: float = 30) -> urllib.request.Request:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_gunicorn_serves_the_site_with_the_repository_config(site):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "CATALOGUE_INDEX_DIR": str(site / "index"),
        "CATALOGUE_BASE_URL": base,
    }
    server = gunicorn(env, port)
    try:
        with wait_for(base + "/healthz") as response:
            assert json.load(response)["content"]["methods"] == 3
        request = urllib.request.Request(base + "/sv/methods/family-support", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert "Åtta steg" in gzip.decompress(response.read()).decode()
            assert response.headers["Content-Security-Policy"]
        forged = urllib.request.Request(base + "/sv/about/", headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(forged, timeout=5) as response:  # no proxy configured: gunicorn ignores it
            assert "Strict-Transport-Security" not in response.headers
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert server.returncode == 0, errors
    assert '"GET /healthz HTTP/1.1" 200' in _ + errors  # the access log


def test_a_wrong_setting_stops_gunicorn_with_one_line_naming_it(site):
    server = gunicorn({"CATALOGUE_DEFAULT_LANGUAGE": "de"}, free_port())
    _, errors = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "catalogue: cannot start: CATALOGUE_DEFAULT_LANGUAGE=de: must be one of sv, fi, en" in errors
    assert "Traceback" not in errors


def test_head_gets_the_headers_of_get_without_a_body(site):
    client = make_app(site).test_client()
    for _ in range(2):  # rendered, then from memory
        head = client.head("/sv/methods/family-support", headers={"Accept-Encoding": "gzip"})
        get = client.get("/sv/methods/family-support", headers={"Accept-Encoding": "gzip"})
        assert head.status_code == 200 and head.get_data() == b""
        assert head.headers["Cache-Control"] == get.headers["Cache-Control"] == "public, max-age=300"
        assert head.headers["Content-Security-Policy"] == get.headers["Content-Security-Policy"]


def test_a_page_from_memory_still_remembers_the_readers_language(site):
    app = make_app(site)
    app.test_client().get("/fi/methods/family-support")  # rendered for another reader
    reader = app.test_client()
    hits = app.extensions["catalogue.pages"].hits
    first = reader.get("/fi/methods/family-support")
    assert app.extensions["catalogue.pages"].hits == hits + 1
    assert first.headers["Set-Cookie"].startswith("lang=fi;") and "SameSite=Lax" in first.headers["Set-Cookie"]
    assert "Set-Cookie" not in reader.get("/fi/methods/family-support").headers  # it has the cookie now
    assert reader.get("/").location.endswith("/fi/")


def test_production_refuses_to_start_without_its_public_address(site):
    server = gunicorn({"CATALOGUE_INDEX_DIR": str(site / "index")}, free_port())
    _, errors = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "catalogue: cannot start: set CATALOGUE_BASE_URL" in errors
    assert "Traceback" not in errors


# -- nginx in front (make serve-prod) --------------------------------------------------------------------


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """deploy/serve_prod.py: nginx on a loopback port in front of gunicorn on a unix socket."""
    root = tmp_path_factory.mktemp("pair")
    content = empty_content(root)
    write_catalogue(content)
    build(content, root / "index")
    port = free_port()
    environ = {
        **os.environ,
        "CATALOGUE_INDEX_DIR": str(root / "index"),
        "CATALOGUE_FEEDBACK_DIR": str(root / "fb"),
        "GUNICORN_ACCESS_LOG": "",  # nothing fills an unread pipe
    }
    command = [sys.executable, "deploy/serve_prod.py", "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", seconds=60).close()
        yield port
    finally:
        server.terminate()
        server.wait(timeout=60)


def raw(port: int, request: str, timeout: float = 10) -> bytes:
    """An HTTP/1.1 exchange as written, on its own connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request.replace("\n", "\r\n").encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_nginx_serves_the_site_and_its_static_files(pair):
    host = f"127.0.0.1:{pair}"
    page = raw(pair, f"GET /sv/methods/family-support HTTP/1.1\nHost: {host}\nConnection: close\n\n")
    assert page.startswith(b"HTTP/1.1 200") and "Åtta steg".encode() in page
    css = raw(pair, f"GET /static/site.css?v=1 HTTP/1.1\nHost: {host}\nConnection: close\n\n")
    assert css.startswith(b"HTTP/1.1 200") and b"immutable" in css


def test_nginx_refuses_a_forged_host_and_does_not_pass_on_a_forged_scheme(pair):
    forged = raw(pair, "GET /sv/ HTTP/1.1\nHost: evil.example.com\nConnection: close\n\n")
    assert forged.startswith(b"HTTP/1.1 400") and b"evil" not in forged
    host = f"127.0.0.1:{pair}"
    request = f"GET /sv/about/ HTTP/1.1\nHost: {host}\nX-Forwarded-Proto: https\nX-Forwarded-Host: evil.example.com\n"
    page = raw(pair, request + "Connection: close\n\n")
    assert page.startswith(b"HTTP/1.1 200")
    assert b"Strict-Transport-Security" not in page and b"evil" not in page


def test_slow_and_idle_clients_do_not_stop_others_being_served(pair):
    """12 clients sending a body a byte at a time and 300 idle connections, while readers ask for pages."""
    host = f"127.0.0.1:{pair}"
    head = f"POST /sv/about/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5000\r\n\r\n".encode()
    held = []
    try:
        for _ in range(12):
            sock = socket.create_connection(("127.0.0.1", pair), timeout=10)
            sock.sendall(head + b"m")
            held.append(sock)
        held += [socket.create_connection(("127.0.0.1", pair), timeout=10) for _ in range(300)]
        for n in range(10):
            answer = raw(
                pair, f"GET /en/methods/?q=family+{n} HTTP/1.1\nHost: {host}\nConnection: close\n\n", timeout=5
            )
            assert answer.startswith(b"HTTP/1.1 200")
    finally:
        for sock in held:
            sock.close()


def test_a_feedback_flood_is_rate_limited_without_a_server_error(pair):
    host = f"127.0.0.1:{pair}"
    post = f"POST /en/feedback/ HTTP/1.1\nHost: {host}\nContent-Type: application/x-www-form-urlencoded\n"
    statuses = [
        int(raw(pair, post + "Content-Length: 9\nConnection: close\n\nmessage=x").split(b" ", 2)[1]) for _ in range(30)
    ]
    assert 429 in statuses
    assert all(status < 500 for status in statuses), statuses
