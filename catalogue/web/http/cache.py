"""HTTP for every response: whole pages from memory, ETags and 304s, compression, cache headers, static files.

Two layers, each with one job:

- In Flask (`_finish`, after the view): every 200 gets an ETag and a 304 when the client has it, and a
  Cache-Control; a response that is the same for every reader is marked for the page cache: a 200 to GET
  without cookies or a Vary on the reader's language, outside the language redirect, the feedback form and
  the health check.
- Around Flask (`HttpLayer`, a WSGI middleware inside ProxyFix): a marked response is kept, headers and body
  as they left Flask, in a cache bounded in bytes (`PAGE_CACHE_MB`, per worker process). The next request for
  the same address (and host, when no BASE_URL is set: pages carry absolute addresses) is answered from there
  without entering Flask: the same headers, the language cookie when the reader's differs, a 304 when the
  client has the page. The cache is emptied when the content or the index changes. The layer also compresses
  (brotli or gzip, once per cached page) whatever text the client accepts compressed.

Static files are read into memory once per version; a URL with the file's hash (`static_url`) is cached for a
year as immutable, any other for five minutes.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, g, request
from werkzeug.http import parse_accept_header, parse_cookie, parse_etags, unquote_etag
from werkzeug.security import safe_join
from werkzeug.wsgi import get_host

import search
from catalogue.content import LANGUAGES, PARENT_LANGUAGES
from catalogue.web.generation_cache import GenerationCache
from catalogue.web.http.compression import COMPRESSIBLE, compress, compressible, negotiate
from catalogue.web.http.i18n import language_cookie
from catalogue.web.http.parameters import canonical_query

PAGE_MAX_AGE = 300
"""Seconds a browser or CDN may reuse a page without asking: editors' changes show within five minutes."""
STATIC_MAX_AGE = 365 * 24 * 3600
UNVERSIONED_MAX_AGE = 300
UNCACHED_ENDPOINTS = {"root.index", "pages.feedback", "health.check", "offer.plan"}
"""The redirect to the reader's language (it depends on cookie and browser), the feedback form, the health check,
the family centre's offer (a plan dated today)."""
MARK = "catalogue.page"
"""The WSGI environ key by which Flask marks a response for the page cache (its value: the page's language)."""
DROPPED_HEADERS = {"content-length", "set-cookie"}
"""Not kept with a page: the length is the layer's, and the only cookie a kept page has is the language's."""


@dataclass(eq=False)
class Stored:
    """A response kept in memory: status, headers and body as they left Flask, and each compressed form once asked."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes
    lang: str = ""
    _encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def etag(self) -> str | None:
        return next((value for name, value in self.headers if name.lower() == "etag"), None)

    def encoded(self, encoding: str) -> bytes:
        found = self._encoded.get(encoding)
        if found is None:
            found = self._encoded[encoding] = compress(self.body, encoding)
        return found

    @property
    def size(self) -> int:
        """Bytes it will hold: the body, its brotli and gzip forms (each about a fifth of it), some overhead."""
        return len(self.body) * 3 // 2 + 1024


def init_app(app: Flask) -> None:
    """Before site_security (whose ProxyFix must wrap this layer, so both see the client's scheme and host)."""
    megabytes = app.config["PAGE_CACHE_MB"]
    app.extensions["catalogue.pages"] = GenerationCache(int(megabytes * 1024 * 1024), weigh=lambda s: s.size)
    app.extensions["catalogue.static"] = StaticFiles(Path(app.static_folder))
    app.view_functions["static"] = _static
    app.after_request(_finish)
    app.wsgi_app = HttpLayer(app, app.wsgi_app)


# -- in Flask ---------------------------------------------------------------------------------------------


def _finish(response: Response) -> Response:
    """The one owner of ETags and 304s: every whole response gets an ETag (a hash of its body)."""
    whole = not response.is_streamed and not response.direct_passthrough
    if whole:
        response.add_etag(overwrite=False)
    if whole and response.status_code == 200 and _keepable(response):
        response.cache_control.public = True
        response.cache_control.max_age = response.cache_control.max_age or PAGE_MAX_AGE
        request.environ[MARK] = _page_language()
    if "Cache-Control" not in response.headers:
        response.cache_control.no_cache = True
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.cache_control.no_store = True
    return response.make_conditional(request)


def _keepable(response: Response) -> bool:
    vary = {value.lower() for value in response.vary}
    return (
        request.method in ("GET", "HEAD")
        and request.endpoint not in UNCACHED_ENDPOINTS
        and request.url_rule is not None
        and "set-cookie" not in response.headers
        and not vary & {"cookie", "accept-language"}
        and not response.cache_control.no_store
        and not response.cache_control.private
    )


def _page_language() -> str:
    return g.get("lang") or ""


# -- around Flask -----------------------------------------------------------------------------------------

StartResponse = Callable[..., Any]


class HttpLayer:
    """WSGI middleware: the page cache and compression (see the module's docstring)."""

    def __init__(self, app: Flask, wsgi_app: Callable) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.cache: GenerationCache = app.extensions["catalogue.pages"]

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        cached = method in ("GET", "HEAD") and self.app.config["PAGE_CACHE_MB"] and not self.app.debug
        if cached:
            key, versions = self._key(environ), self._versions()
            stored = self.cache.get(key, versions)
            if stored is not None:
                return self._answer(stored, environ, start_response)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None  # Flask never uses write()

        body = self.wsgi_app(environ, capture)
        status, headers = captured["status"], captured["headers"]
        if method != "GET" or (MARK not in environ and _mimetype_of(headers) not in COMPRESSIBLE):
            start_response(status, headers)
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        stored = Stored(status, [(n, v) for n, v in headers if n.lower() not in DROPPED_HEADERS], data)
        if cached and MARK in environ and status.startswith("200"):
            stored.lang = environ[MARK]
            self.cache.put(key, stored, versions)
        return self._send(stored, environ, start_response, [(n, v) for n, v in headers if n.lower() == "set-cookie"])

    def _key(self, environ: dict) -> tuple:
        base = self.app.config["BASE_URL"] or get_host(environ)
        query = canonical_query(environ.get("QUERY_STRING", ""))
        return environ["wsgi.url_scheme"], base, environ.get("PATH_INFO", ""), query

    def _versions(self) -> str | None:
        """What every page is made from: the generation's name (None while there is none)."""
        try:
            return self.app.extensions["catalogue.search"].generation().name
        except search.IndexUnavailable:
            return None

    def _answer(self, stored: Stored, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        """A page from memory: a 304 when the client has it; its language cookie when the reader's differs."""
        cookie = language_cookie(stored.lang, parse_cookie(environ), environ["wsgi.url_scheme"] == "https")
        cookies = [("Set-Cookie", cookie)] if cookie else []
        etag = stored.etag
        if etag and parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains_weak(unquote_etag(etag)[0]):
            headers, _ = _representation(stored, environ)
            start_response("304 NOT MODIFIED", [(n, v) for n, v in headers if n.lower() != "content-type"] + cookies)
            return []
        return self._send(stored, environ, start_response, cookies)

    @staticmethod
    def _send(
        stored: Stored, environ: dict, start_response: StartResponse, cookies: list[tuple[str, str]]
    ) -> Iterable[bytes]:
        headers, body = _representation(stored, environ)
        if not stored.status.startswith(("204", "304")):
            headers.append(("Content-Length", str(len(body))))
        start_response(stored.status, headers + cookies)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def _representation(stored: Stored, environ: dict) -> tuple[list[tuple[str, str]], bytes]:
    """Headers and body for this client: compressed when it accepts that (then with a weak ETag, as nginx does)."""
    headers, body = list(stored.headers), stored.body
    if (
        not stored.status.startswith("200")
        or not compressible(_mimetype_of(headers), len(body))
        or _header(headers, "content-encoding")
    ):
        return headers, body
    headers = _vary_on_encoding(headers)
    encoding = negotiate(parse_accept_header(environ.get("HTTP_ACCEPT_ENCODING")))
    if encoding is None:
        return headers, body
    weak = [(n, f"W/{v}" if n.lower() == "etag" and not v.startswith("W/") else v) for n, v in headers]
    return [*weak, ("Content-Encoding", encoding)], stored.encoded(encoding)


def _header(headers: list[tuple[str, str]], name: str) -> str:
    return next((value for key, value in headers if key.lower() == name), "")


def _mimetype_of(headers: list[tuple[str, str]]) -> str:
    return _header(headers, "content-type").split(";")[0].strip()


def _vary_on_encoding(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    values = [v.strip() for v in _header(headers, "vary").split(",") if v.strip()]
    if "accept-encoding" in (v.lower() for v in values):
        return headers
    return [(n, v) for n, v in headers if n.lower() != "vary"] + [("Vary", ", ".join([*values, "Accept-Encoding"]))]


# -- static files -----------------------------------------------------------------------------------


class StaticFiles:
    """The files of static/, each read once per version (size and modification time)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[tuple[Path, int, int], tuple[bytes, str]] = {}
        self._lock = threading.Lock()

    def get(self, filename: str) -> tuple[bytes, str] | None:
        """The file's bytes and version hash; None for a name outside static/ or no such file."""
        joined = safe_join(str(self.folder), filename)
        if joined is None or "\x00" in filename:
            return None
        path = Path(joined)
        try:
            stat = path.stat()
        except (OSError, ValueError):
            return None
        if not path.is_file():
            return None
        key = (path, stat.st_mtime_ns, stat.st_size)
        found = self._files.get(key)
        if found is None:
            body = path.read_bytes()
            found = (body, hashlib.sha256(body).hexdigest()[:10])
            with self._lock:
                self._files = {k: v for k, v in self._files.items() if k[0] != path} | {key: found}
        return found

    def version(self, filename: str) -> str:
        found = self.get(filename)
        if found is None:
            raise FileNotFoundError(self.folder / filename)
        return found[1]


@cache
def _mimetype(name: str) -> str:
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed.endswith("javascript") else guessed


def _static(filename: str) -> Response:
    found = current_app.extensions["catalogue.static"].get(filename)
    if found is None:
        abort(404)
    body, version = found
    response = Response(body, headers={"Content-Type": _mimetype(filename)})
    response.set_etag(version)
    response.cache_control.public = True
    if request.args.get("v") == version:
        response.cache_control.max_age = STATIC_MAX_AGE
        response.cache_control.immutable = True
    else:
        response.cache_control.max_age = UNVERSIONED_MAX_AGE
    return response


def static_version(filename: str) -> str:
    """The hash that versions a static file's URL."""
    return current_app.extensions["catalogue.static"].version(filename)


# -- warming ---------------------------------------------------------------------------------------------


def compile_templates(app: Flask) -> int:
    """Compile every template once, in gunicorn's master before it forks: workers share them instead of each
    compiling its own on its first requests."""
    names = app.jinja_env.list_templates(extensions=("html", "xml", "txt"))
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)


def warm_up(app: Flask, paths: Iterable[str] | None = None) -> int:
    """Render the pages most readers start from (not every method page: that grows with the catalogue) into this
    process's cache; returns how many were kept.

    Called by each gunicorn worker after it starts (deploy/gunicorn.conf.py), so the first readers of a
    method page do not wait for it to render. Needs BASE_URL, since pages are cached per host otherwise.
    """
    base = app.config["BASE_URL"]
    if not base or not app.config["PAGE_CACHE_MB"]:
        return 0
    client = app.test_client()
    kept = 0
    for path in paths if paths is not None else _popular_paths(app):
        with client.get(path, base_url=base) as response:
            kept += response.status_code == 200
    return kept


def _popular_paths(app: Flask) -> list[str]:
    paths = []
    for lang in LANGUAGES:
        paths += [f"/{lang}/", f"/{lang}/methods/", f"/{lang}/parents/", f"/{lang}/evidence/", f"/{lang}/about/"]
    return paths + [f"/{lang}/parents/" for lang in PARENT_LANGUAGES]
