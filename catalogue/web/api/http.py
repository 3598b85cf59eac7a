"""HTTP for open data (the API and the feeds): CORS open for GET and Cache-Control on every response.

The ETag and the 304 come from the site's one owner of them (`catalogue.web.http.cache`): a hash of the body,
so it changes exactly when the content does.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response

MAX_AGE = 300
"""Seconds a client or proxy may reuse a successful response without asking again."""

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, Accept, Accept-Language",
    "Access-Control-Expose-Headers": "ETag",
    "Access-Control-Max-Age": "86400",
}


def json_text(payload: Any) -> str:
    """Compact JSON, keys in the order the shapes declare them."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def json_response(payload: Any, status: int = 200) -> Response:
    """UTF-8 JSON, keys in the order the shapes declare them."""
    return Response(json_text(payload), status=status, mimetype="application/json")


def open_data_headers(response: Response) -> Response:
    """An `after_request` hook: CORS and caching (the ETag and 304 follow in the site's own hook)."""
    response.headers.update(CORS_HEADERS)
    if response.status_code < 400:
        response.cache_control.public = True
        response.cache_control.max_age = MAX_AGE
    else:
        response.cache_control.no_cache = True
    return response
