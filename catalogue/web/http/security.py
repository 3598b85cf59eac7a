"""Safety on every request and response: security headers, HSTS over HTTPS, request limits, trusted proxies,
trusted hosts, canonical addresses.

With BASE_URL or TRUSTED_HOSTS set, a request naming any other host is a 400 (Flask's TRUSTED_HOSTS), before
the page cache too, so a forged Host never reaches a page, a link or a redirect. Redirects the site makes are
relative: the address routing adds a missing slash to, and the cleaned form of an address with unknown
parameters (`parameters.redirect_to_canonical`).

Behind a reverse proxy (TRUSTED_PROXIES = how many), the client's address, scheme and host come from its
X-Forwarded-* headers, so a request that reached the proxy over HTTPS counts as HTTPS and gets HSTS.
Without the setting those headers are ignored: anyone can send them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, abort, current_app, request
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wsgi import get_host

from catalogue.web.http.parameters import redirect_to_canonical

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
"""Only the site's own files: no inline script or style, no third-party fonts, scripts, images or frames."""
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), browsing-topics=()"
)
"""The site uses no device feature; nothing embedded in it may either."""
HSTS = "max-age=31536000"
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


UNKNOWN_HOST = (
    b"400 Bad Request: this site does not answer to that host name.\n"
    b"Sivusto ei vastaa t\xc3\xa4ll\xc3\xa4 nimell\xc3\xa4. Webbplatsen svarar inte p\xc3\xa5 det namnet.\n"
)


def init_app(app: Flask) -> None:
    if app.config["TRUSTED_HOSTS"] is not None:
        app.wsgi_app = TrustedHosts(app.wsgi_app, app.config["TRUSTED_HOSTS"])
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.before_request(_limits)
    app.before_request(redirect_to_canonical)
    app.after_request(_relative_location)
    app.after_request(_headers)


class TrustedHosts:
    """WSGI middleware outside the page cache (inside ProxyFix): a request for another host is a plain 400."""

    def __init__(self, wsgi_app: Callable, hosts: list[str]) -> None:
        self.wsgi_app = wsgi_app
        self.hosts = hosts

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            get_host(environ, self.hosts)
        except SecurityError:
            headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(UNKNOWN_HOST)))]
            start_response("400 BAD REQUEST", [*headers, ("Cache-Control", "no-store")])
            return [UNKNOWN_HOST]
        return self.wsgi_app(environ, start_response)


def _limits() -> None:
    """A query string longer than any real search, or a body larger than the feedback form: a friendly error."""
    if len(request.query_string) > current_app.config["MAX_QUERY_BYTES"]:
        abort(414)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def _relative_location(response):
    """A redirect within the site (routing's, to the address with a trailing slash) without the host it was given."""
    location = response.headers.get("Location")
    if response.status_code in (301, 302, 303, 307, 308) and location:
        target = urlsplit(location)
        if target.netloc == request.host:
            response.headers["Location"] = urlunsplit(("", "", target.path, target.query, target.fragment))
    return response


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response
