"""The generation the site serves: the validated catalogue and its search index, from one `catalogue build`.

A request pins the generation on first use (`current_generation`), so every part of one page (its methods,
counts and search results) comes from the same build, and the next request picks up a newer one. The site
never reads content files: what it shows is what the build checked, rendered and indexed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from flask import Flask, current_app, g

import search
from catalogue.content.loading import Catalogue
from catalogue.web.generation_cache import GenerationCache
from catalogue.web.http.i18n import current_language
from catalogue.web.search_cache import CachedSearch

MADE_ONCE = 16
"""Whole-catalogue answers (exports, sitemap) kept per generation, per language and address."""


def init_app(app: Flask) -> None:
    service = search.SearchService(app.config["INDEX_DIR"])
    app.extensions["catalogue.search"] = CachedSearch(service, app.config["SEARCH_CACHE_ENTRIES"])
    app.extensions["catalogue.once"] = GenerationCache(MADE_ONCE)


def search_service() -> CachedSearch:
    """The app's generations: opened on first use, followed across rebuilds, popular results cached."""
    return current_app.extensions["catalogue.search"]


def current_generation() -> search.Generation:
    """This request's generation; raises search.IndexUnavailable (a 503 page) when there is none."""
    if "generation" not in g:
        g.generation = search_service().generation()
    return g.generation


def current_catalogue() -> Catalogue:
    catalogue = current_generation().catalogue
    if catalogue is None:
        raise search.IndexUnavailable("the generation holds no catalogue: build it with `catalogue build`")
    return catalogue


def once_per_generation(key: Hashable, make: Callable[[], Any]) -> Any:
    """What `make()` gives, made once per generation and `key` (exports and the sitemap grow with the catalogue:
    each worker makes them on the first request after a build, not on every request)."""
    cache: GenerationCache = current_app.extensions["catalogue.once"]
    name = current_generation().name
    found = cache.get(key, name)
    if found is None:
        found = make()
        cache.put(key, found, name)
    return found


def run_search(request: search.SearchRequest) -> search.Results:
    """A search in this request's generation."""
    return search_service().search(request, current_generation())


def search_request(args: Mapping[str, list[str]], lang: str | None = None) -> search.SearchRequest:
    """A search in the reader's language (or `lang`, one of the catalogue's) from query parameters; raises
    search.BadParameter."""
    return search.SearchRequest.from_args(lang or current_language(), args, taxonomy=current_catalogue().taxonomy)
