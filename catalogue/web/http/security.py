"""Safety on every request and response: security headers, HSTS over HTTPS, request limits, trusted proxies.

Behind a reverse proxy (TRUSTED_PROXIES = how many), the client's address, scheme and host come from its
X-Forwarded-* headers, so a request that reached the proxy over HTTPS counts as HTTPS and gets HSTS.
Without the setting those headers are ignored: anyone can send them.
"""

from __future__ import annotations

from flask import Flask, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

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


def init_app(app: Flask) -> None:
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.before_request(_limits)
    app.after_request(_headers)


def _limits() -> None:
    """A query string longer than any real search, or a body larger than the feedback form: a friendly error."""
    if len(request.query_string) > current_app.config["MAX_QUERY_BYTES"]:
        abort(414)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response
