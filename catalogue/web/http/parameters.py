"""The query parameters the site reads, and every address in its canonical form: only those parameters.

A parameter no page reads changes nothing on the page, so it must not change the address either: the language
links and the page cache's keys keep only known parameters (a long address of made-up ones is neither copied
into every link nor kept as a page of its own), and a page address with unknown ones redirects to its cleaned
form (`redirect_to_canonical`). The API and static files are served as their cleaned form.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

from flask import current_app, redirect, request

import search

PAGE_PARAMETERS = frozenset(
    {
        *search.PARAMETERS,  # the search page and the feeds
        "ids",  # compare
        "worry",  # the parents' page
        "years",
        "local",  # the parents' pages in the parents' languages: the sentence to show staff in Swedish or Finnish
        "m",  # the family centre's offer: its methods and its name
        "centre",
    }
)
"""What the pages under /<lang>/ read."""
KNOWN_PARAMETERS = PAGE_PARAMETERS | {
    "lang",  # the API's language
    "v",  # a static file's version
    "token",  # /healthz's details
}
"""What any address of the site reads."""


def canonical_query(query_string: str, known: frozenset[str] = KNOWN_PARAMETERS) -> str:
    """The query string with only known parameters, in their order (unchanged when it has no unknown one)."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if all(name in known for name, _ in pairs):
        return query_string
    return urlencode([(name, value) for name, value in pairs if name in known])


def redirect_to_canonical():
    """Before a page's view: a GET with unknown parameters gets a permanent redirect to the address without them.

    The redirect is relative (the browser keeps the host it asked), so it cannot send anyone elsewhere.
    """
    if request.method not in ("GET", "HEAD") or request.url_rule is None or not request.query_string:
        return None
    if not current_app.url_map.is_endpoint_expecting(request.endpoint, "lang"):
        return None
    raw = request.query_string.decode("latin-1")
    cleaned = canonical_query(raw, PAGE_PARAMETERS)
    if cleaned == raw:
        return None
    path = quote(request.script_root + request.path, safe="/")
    return redirect(path + (f"?{cleaned}" if cleaned else ""), 301)
